import type { CreateNode } from '../types';
import { TableRuntime } from './runtime';
import type { TableParams } from './schema';

export const createTable: CreateNode<TableParams> = (ctx, spec, index) => new TableRuntime(ctx, spec, index);
