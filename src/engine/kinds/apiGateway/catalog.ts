import { defineCatalog, NO_TRAITS } from '../catalog-types';
import { apiGatewayParams, API_TIMEOUT_DEFAULT_MS } from './schema';

export const apiGatewayCatalog = defineCatalog({
  kind: 'apiGateway',
  title: 'API Gateway',
  group: 'apis',
  inSentence: 'an API Gateway',
  description:
    'Amazon API Gateway: a managed HTTP front door that throttles, times out and proxies each request synchronously to its backend.',
  params: apiGatewayParams,
  fields: {
    flavor: { title: 'API type', options: { http: 'HTTP API', rest: 'REST API' } },
    overheadMs: { title: 'Added latency', group: 'performance' },
    timeoutMs: { title: 'Integration timeout', group: 'limits' },
    throttle: {
      title: 'Throttling',
      group: 'limits',
      fields: { ratePerSecond: { title: 'Steady rate' }, burst: { title: 'Burst' } },
    },
    xrayTracing: { title: 'X-Ray tracing', group: 'cost' },
    xrayReadsPerTrace: { title: 'X-Ray reads per trace', group: 'cost' },
  },
  summary: (p) =>
    `${p.flavor === 'http' ? 'HTTP API' : 'REST API'} · ${fmtRate(p.throttle.ratePerSecond)} req/s · timeout ${((p.timeoutMs ?? API_TIMEOUT_DEFAULT_MS[p.flavor]) / 1000).toString()} s`,
  metrics: {
    requests: { role: 'counter', label: 'Requests', badge: { word: 'req' }, atT: 'arrivals' },
    ok: { role: 'counter', label: 'Answered 200' },
    throttled: {
      role: 'counter',
      label: 'Throttled (429)',
      badge: { word: 'throttled', problem: true },
      // A 429 ends the request at the gateway without a hop: no count of hops can estimate it.
      recorded: 'increments',
    },
    errors: {
      role: 'counter',
      label: 'Errors (5xx)',
      badge: { word: '5xx', problem: true },
      atT: { endedWith: ['500', '502'] },
    },
    timeouts: {
      role: 'counter',
      label: 'Timeouts (504)',
      badge: { word: 'timeouts', problem: true },
      atT: { endedWith: ['504'] },
    },
    backendThrottled: { role: 'counter', label: 'Backend throttled' },
    latencyMs: { role: 'latency', label: 'Latency (ms)' },
  },
  series: {
    requests: { sampling: 'rate', label: 'Requests', chart: 'traffic' },
    throttled: { sampling: 'rate', label: 'Throttled (429)', chart: 'trouble' },
    errors: { sampling: 'rate', label: 'Errors', chart: 'trouble' },
  },
  // 500: the backend throttled; 502: it failed or timed out; 504: the gateway's own timeout.
  outcomes: { '200': 'ok', '500': 'fault', '502': 'fault', '504': 'fault' },
  traits: { ...NO_TRAITS, syncEntry: true },
  // 429 is a Throttle; 5xx and 504 are Faults.
  serviceMap: {
    count: ['requests'],
    ok: ['ok'],
    throttle: ['throttled'],
    fault: ['errors', 'timeouts'],
    latency: 'latencyMs',
  },
  meters: [
    'apigw.rest.requests',
    'apigw.http.requests',
    'xray.tracesRecorded',
    'xray.tracesRetrievedOrScanned',
  ],
  connections: [
    {
      to: ['stateMachine'],
      roles: ['invoke'],
      meaning: 'integration',
      params: [],
      help: 'API Gateway starts the workflow: an Express one synchronously (StartSyncExecution: the client waits for its end), a Standard one with StartExecution (the client gets 200 at once).',
    },
    {
      to: ['compute'],
      roles: ['invoke'],
      meaning: 'integration',
      params: [],
      help: 'Synchronous proxy integration: the client waits for the backend.',
    },
  ],
});

function fmtRate(r: number): string {
  return r >= 1000 ? `${r / 1000}k` : String(r);
}
