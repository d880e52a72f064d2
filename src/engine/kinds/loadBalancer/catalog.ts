import { defineCatalog, NO_TRAITS } from '../catalog-types';
import { loadBalancerParams } from './schema';

export const loadBalancerCatalog = defineCatalog({
  kind: 'loadBalancer',
  title: 'Load balancer',
  group: 'servers',
  inSentence: 'a load balancer',
  description:
    'An Application Load Balancer: spreads requests over servers, containers or functions; billed per hour and per LCU.',
  params: loadBalancerParams,
  fields: {
    algorithm: {
      title: 'Routing algorithm',
      options: { roundRobin: 'Round robin', leastOutstandingRequests: 'Least outstanding requests' },
    },
    overheadMs: { title: 'Added latency', group: 'performance' },
  },
  summary: (p) => (p.algorithm === 'roundRobin' ? 'round robin' : 'least outstanding requests'),
  metrics: {
    requests: { role: 'counter', label: 'Requests', badge: { word: 'req' }, atT: 'arrivals' },
    ok: { role: 'counter', label: 'Answered 200' },
    throttled: { role: 'counter', label: 'Refused (503)', atT: { endedWith: ['503'] } },
    errors: {
      role: 'counter',
      label: 'Errors (5xx)',
      badge: { word: '5xx', problem: true },
      atT: { endedWith: ['502'] },
    },
    timeouts: {
      role: 'counter',
      label: 'Timeouts (504)',
      badge: { word: 'timeouts', problem: true },
      atT: { endedWith: ['504'] },
    },
    latencyMs: { role: 'latency', label: 'Latency (ms)' },
  },
  series: {
    requests: { sampling: 'rate', label: 'Requests', chart: 'traffic' },
    errors: { sampling: 'rate', label: 'Errors', chart: 'trouble' },
  },
  // 502: the target failed; 503: no target or no room; 504: the target timed out.
  outcomes: { '200': 'ok', '502': 'fault', '503': 'fault', '504': 'fault' },
  traits: { ...NO_TRAITS, syncEntry: true },
  // A 503 refusal, a 5xx and a 504 are Faults.
  serviceMap: {
    count: ['requests'],
    ok: ['ok'],
    fault: ['throttled', 'errors', 'timeouts'],
    latency: 'latencyMs',
  },
  meters: ['alb.hours', 'alb.lcuHours'],
  connections: [
    {
      to: ['compute'],
      roles: ['invoke'],
      meaning: 'integration',
      params: ['filter'],
      help: 'A target group: the client waits for the backend. A filter on event types is a listener rule (path-based routing); without one every request may go here.',
    },
  ],
});
