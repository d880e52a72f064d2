import type { CreateNode } from '../types';
import { ServerRuntime } from './runtime';
import type { ServerParams } from './schema';

export const createServer: CreateNode<ServerParams> = (ctx, spec, index) =>
  new ServerRuntime(ctx, spec, index);
