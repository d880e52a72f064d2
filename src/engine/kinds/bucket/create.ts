import type { CreateNode } from '../types';
import { BucketRuntime } from './runtime';
import type { BucketParams } from './schema';

export const createBucket: CreateNode<BucketParams> = (ctx, spec, index) =>
  new BucketRuntime(ctx, spec, index);
