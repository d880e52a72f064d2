import type { CreateNode } from '../types';
import { StreamRuntime } from './runtime';
import type { StreamParams } from './schema';

export const createStream: CreateNode<StreamParams> = (ctx, spec, index) =>
  new StreamRuntime(ctx, spec, index);
