import type { KindModule } from '../types';
import { LoadBalancerRuntime } from './runtime';
import { loadBalancerParams, type LoadBalancerParams } from './schema';

export const loadBalancerKind: KindModule<LoadBalancerParams> = {
  kind: 'loadBalancer',
  title: 'Load balancer',
  group: 'servers',
  description:
    'An Application Load Balancer: spreads requests over servers, containers or functions; billed per hour and per LCU.',
  params: loadBalancerParams,
  summary: (p) => (p.algorithm === 'roundRobin' ? 'round robin' : 'least outstanding requests'),
  create: (ctx, spec, index) => new LoadBalancerRuntime(ctx, spec, index),
};
