import type { CreateNode } from '../types';
import { FunctionRuntime } from './runtime';
import type { FunctionParams } from './schema';

export const createFunction: CreateNode<FunctionParams> = (ctx, spec, index) =>
  new FunctionRuntime(ctx, spec, index);
