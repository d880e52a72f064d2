import { xrayReadsParam, xrayTracingParam } from '../../observability/xray-param';
import { z } from 'zod';
import { choice, num, optNum } from '../../scenario/params';

/** Facts: §7 [APIGW-LIM] [APIGW-THR] [APIGW-TO] [L-APIGW-ERR]. */
export const API_TIMEOUT_DEFAULT_MS = { rest: 29000, http: 30000 } as const;
/** REST timeouts above 29 s need a quota increase (Regional/Private REST only, since June 2024). */
export const API_TIMEOUT_MAX_MS = { rest: 300000, http: 30000 } as const;

export const apiGatewayParams = z
  .object({
    flavor: choice(['http', 'rest'] as const, {
      default: 'http',
      help: 'HTTP API (cheaper, 30 s timeout) or REST API (more features, 29 s timeout).',
      source: '[APIGW-WP] [APIGW-LIM]',
    }),
    timeoutMs: optNum({
      min: 50,
      max: 300000,
      int: true,
      unit: 'ms',
      help: 'Integration timeout; a slower backend gives the client 504. Default 29,000 (REST) or 30,000 (HTTP, not adjustable).',
      source: '[APIGW-LIM] [APIGW-TO]',
    }),
    throttle: z
      .object({
        ratePerSecond: num({
          min: 0.001,
          max: 1000000,
          default: 10000,
          unit: 'requests/s',
          help: 'Steady-state limit (token bucket refill); the account default is 10,000 requests/s.',
          source: '[APIGW-THR]',
        }),
        burst: num({
          min: 1,
          max: 1000000,
          default: 5000,
          int: true,
          unit: 'requests',
          help: 'Bucket size: requests allowed at once above the rate; the account default is 5,000.',
          source: '[APIGW-THR]',
        }),
      })
      .prefault({})
      .meta({
        description: 'Token-bucket throttle; requests above it get 429.',
        help: 'Token-bucket throttle; requests above it get 429.',
      }),
    overheadMs: num({
      min: 0,
      max: 1000,
      default: 10,
      unit: 'ms',
      help: 'Latency the gateway itself adds to each request (on the response path).',
    }),
    xrayTracing: xrayTracingParam(),
    xrayReadsPerTrace: xrayReadsParam(),
  })
  .superRefine((p, ctx) => {
    if (p.timeoutMs !== undefined && p.timeoutMs > API_TIMEOUT_MAX_MS[p.flavor]) {
      ctx.addIssue({
        code: 'custom',
        path: ['timeoutMs'],
        message:
          p.flavor === 'http'
            ? 'must be 50–30,000 ms for an HTTP API (not adjustable)'
            : 'must be 50–300,000 ms for a REST API (above 29,000 needs a quota increase)',
      });
    }
  });

export type ApiGatewayParams = z.output<typeof apiGatewayParams>;
