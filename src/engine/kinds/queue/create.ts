import type { CreateNode } from '../types';
import { QueueRuntime } from './runtime';
import type { QueueParams } from './schema';

export const createQueue: CreateNode<QueueParams> = (ctx, spec, index) => new QueueRuntime(ctx, spec, index);
