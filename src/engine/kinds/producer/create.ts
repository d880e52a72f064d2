import type { CreateNode } from '../types';
import { ProducerRuntime } from './runtime';
import type { ProducerParams } from './schema';

export const createProducer: CreateNode<ProducerParams> = (ctx, spec, index) =>
  new ProducerRuntime(ctx, spec, index);
