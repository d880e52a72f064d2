import { NO_COLD_START, scenario } from '../helpers';

/**
 * A case with a known answer. Both designs sit behind the same HTTP API with the same
 * constant traffic, so the API's bill is the same in both and cancels.
 * - functions: 128 MB, 100 ms, no cold start: $0.20/M requests + 0.0125 GB-s × $0.0000166667
 *   = $4.0833e-7 per request, × 2,592,000 s in a month = $1.058401 per month per request/s;
 * - server: one t3.medium, always on: 720 h × $0.0416 = $29.952 per month, whatever the rate.
 * They cross at 29.952 / 1.058401 = 28.2993 requests/s. The function writes no logs
 * (logBytesPerInvocation 0), so CloudWatch Logs stay out of the closed form.
 */
export const SERVER_MONTH = 720 * 0.0416;
export const CROSSING = SERVER_MONTH / (2_592_000 * (0.2e-6 + 0.1 * 0.125 * 0.0000166667));

export function knownPair(durationSeconds = 600) {
  const base = (backend: { id: string; kind: string; params: Record<string, unknown> }, name: string) => ({
    ...scenario(
      [
        { id: 'clients', kind: 'producer', params: { traffic: { shape: 'constant', ratePerSecond: 10 } } },
        { id: 'api', kind: 'apiGateway', params: { flavor: 'http' } },
        backend,
      ],
      [
        { source: 'clients', target: 'api' },
        { source: 'api', target: backend.id },
      ],
      { durationSeconds },
    ),
    name,
  });
  return {
    functions: base(
      {
        id: 'backend',
        kind: 'function',
        params: {
          memoryMB: 128,
          duration: { dist: 'constant', meanMs: 100 },
          coldStart: NO_COLD_START,
          logBytesPerInvocation: 0,
        },
      },
      'functions',
    ),
    server: base(
      {
        id: 'backend',
        kind: 'server',
        params: {
          instanceType: 't3.medium',
          instances: { min: 1, max: 1 },
          concurrencyPerInstance: 10,
          duration: { dist: 'constant', meanMs: 100 },
        },
      },
      'server',
    ),
  };
}
