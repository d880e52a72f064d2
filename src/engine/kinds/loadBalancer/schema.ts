import { z } from 'zod';
import { choice, num } from '../../scenario/params';

/** Facts: §10.3 ALB prices [ALB-PRICE] [ALB-LCU]. The behaviour numbers below are assumptions. */
export const loadBalancerParams = z.object({
  algorithm: choice(['roundRobin', 'leastOutstandingRequests'] as const, {
    default: 'roundRobin',
    help: 'How the ALB picks a target: in turn (its default), or the one with the fewest requests in progress (better when request times vary).',
  }),
  overheadMs: num({
    min: 0,
    max: 1000,
    default: 2,
    unit: 'ms',
    help: 'Latency the load balancer adds to each request. 2 ms is an assumption.',
  }),
});

export type LoadBalancerParams = z.output<typeof loadBalancerParams>;
