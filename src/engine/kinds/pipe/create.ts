import type { CreateNode } from '../types';
import { PipeRuntime } from './runtime';
import type { PipeParams } from './schema';

export const createPipe: CreateNode<PipeParams> = (ctx, spec, index) => new PipeRuntime(ctx, spec, index);
