import type { CreateNode } from '../types';
import { ContainerRuntime } from './runtime';
import type { ContainerParams } from './schema';

export const createContainer: CreateNode<ContainerParams> = (ctx, spec, index) =>
  new ContainerRuntime(ctx, spec, index);
