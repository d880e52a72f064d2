import type { CreateNode } from '../types';
import { LoadBalancerRuntime } from './runtime';
import type { LoadBalancerParams } from './schema';

export const createLoadBalancer: CreateNode<LoadBalancerParams> = (ctx, spec, index) =>
  new LoadBalancerRuntime(ctx, spec, index);
