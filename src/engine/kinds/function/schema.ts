import { z } from 'zod';
import { choice, distObject, distSchema, fmtNumber, num, optNum } from '../../scenario/params';
import { RUNTIMES } from './cold-starts';
import { CLOUDWATCH_LOGS } from '../../billing/prices';
import { DEFAULT_LOG_BYTES_PER_INVOCATION } from '../../observability/logs';
import { xrayReadsParam, xrayTracingParam } from '../../observability/xray-param';

/** The INIT phase limit [L-RTENV]. */
export const INIT_LIMIT_MS = 10_000;

/** Facts: §1.2 limits [L-Q23] [L-APIDOC] [L-CONC], §1.3 async [L-ASYNC], §1.4 keep-alive [M-MIK-10]. */
export const functionParams = z
  .object({
    runtime: choice(RUNTIMES, {
      default: 'nodejs22.x',
      help: 'Runtime: sets the default cold-start (INIT) time, measured by lambda-perf.',
      source: '[M-PERF]',
    }),
    memoryMB: num({
      min: 128,
      max: 10240,
      default: 128,
      int: true,
      unit: 'MB',
      help: 'Memory; CPU grows with it (1 vCPU at 1,769 MB). Billed per GB-second.',
      source: '[L-Q23]',
    }),
    architecture: choice(['x86_64', 'arm64'] as const, {
      default: 'x86_64',
      help: 'arm64 (Graviton) costs about 20 % less per GB-second.',
      source: '[L-PRICE]',
    }),
    ephemeralStorageMB: num({
      min: 512,
      max: 10240,
      default: 512,
      int: true,
      unit: 'MB',
      help: '/tmp size; above the free 512 MB it is billed per GB-second.',
      source: '[L-Q23] [L-PRICE]',
    }),
    timeoutMs: num({
      min: 1,
      max: 900000,
      default: 3000,
      int: true,
      unit: 'ms',
      help: 'An invocation still running at the timeout is stopped and billed to the timeout (default 3 s, at most 15 min).',
      source: '[L-APIDOC]',
    }),
    duration: distSchema({
      default: { dist: 'lognormal', meanMs: 100, p99Ms: 300 },
      help: 'Handler time with a full vCPU (1,769 MB or more); the CPU-bound part stretches at less memory.',
    }),
    cpuBoundFraction: num({
      min: 0,
      max: 1,
      default: 0,
      unit: 'fraction',
      help: 'Share of the handler time that is CPU-bound and runs slower below 1,769 MB (1 vCPU); the rest (I/O waits) does not.',
      source: '[L-Q23]',
    }),
    coldStart: distObject.optional().meta({
      description: 'INIT duration of a new execution environment; default by runtime from lambda-perf.',
      help: 'INIT duration of a new execution environment; default by runtime from lambda-perf.',
      source: '[M-PERF]',
    }),
    // Not an AWS setting: an assumption, kept to the range observers measured (5–65 min).
    keepAliveSeconds: num({
      min: 300,
      max: 3900,
      default: 600,
      int: true,
      unit: 's',
      help: 'What-if, not an AWS setting: how long an idle environment is assumed to be kept before it is reclaimed. AWS does not document it and does not let you set it; observers saw 5 to 65 min (10 min in 2019), so the simulator allows 300–3,900 s.',
      source: '[M-MIK-10] [M-MIK-INT] [M-BURN]',
    }),
    reservedConcurrency: optNum({
      min: 0,
      max: 100000,
      int: true,
      unit: 'environments',
      help: "Caps this function's concurrency and sets it aside from the account pool; 0 throttles every call. Free.",
      source: '[L-CONC]',
    }),
    provisionedConcurrency: num({
      min: 0,
      max: 100000,
      default: 0,
      int: true,
      unit: 'environments',
      help: 'Environments kept initialised (never cold), billed per GB-second configured plus a lower duration rate.',
      source: '[L-PRICE]',
    }),
    errorRate: num({
      min: 0,
      max: 1,
      default: 0,
      unit: 'fraction',
      help: 'Fraction of invocations whose handler throws.',
    }),
    asyncRetries: num({
      min: 0,
      max: 2,
      default: 2,
      int: true,
      unit: 'retries',
      help: 'Retries of a failed asynchronous invocation, about 1 and 2 minutes apart (MaximumRetryAttempts).',
      source: '[L-ASYNC]',
    }),
    maxEventAgeSeconds: num({
      min: 60,
      max: 21600,
      default: 21600,
      int: true,
      unit: 's',
      help: 'How long an asynchronous event may wait in the internal queue, throttle retries included (MaximumEventAgeInSeconds).',
      source: '[L-ASYNC]',
    }),
    logBytesPerInvocation: num({
      min: 0,
      max: 10_000_000,
      default: DEFAULT_LOG_BYTES_PER_INVOCATION,
      int: true,
      unit: 'bytes',
      help: `Log bytes each invocation writes to CloudWatch Logs: Lambda's START, END and REPORT lines plus your own (default ${DEFAULT_LOG_BYTES_PER_INVOCATION}: those three and one short line). Ingestion is billed per GB.`,
    }),
    logRetentionDays: num({
      min: 0,
      max: 3653,
      default: 0,
      int: true,
      unit: 'days',
      help: 'How long the log group keeps logs; 0 = never expire (the default of a new log group). Stored logs are billed per GB-month.',
    }),
    xrayTracing: xrayTracingParam(),
    xrayReadsPerTrace: xrayReadsParam(),
  })
  .superRefine((p, ctx) => {
    if (p.logRetentionDays !== 0 && !CLOUDWATCH_LOGS.retentionDays.includes(p.logRetentionDays)) {
      ctx.addIssue({
        code: 'custom',
        path: ['logRetentionDays'],
        message: `must be 0 (never expire) or one of the retention periods CloudWatch Logs offers: ${CLOUDWATCH_LOGS.retentionDays.join(', ')} days`,
      });
    }
    // The INIT phase is limited to 10 s [L-RTENV] [L-INIT].
    const init = p.coldStart;
    if (init && init.meanMs > INIT_LIMIT_MS) {
      ctx.addIssue({
        code: 'custom',
        path: ['coldStart', 'meanMs'],
        message: `must be at most ${fmtNumber(INIT_LIMIT_MS)} ms: Lambda stops an INIT phase after 10 s`,
      });
    } else if (init && init.maxMs !== undefined && init.maxMs > INIT_LIMIT_MS) {
      ctx.addIssue({
        code: 'custom',
        path: ['coldStart', 'maxMs'],
        message: `must be at most ${fmtNumber(INIT_LIMIT_MS)} ms: Lambda stops an INIT phase after 10 s`,
      });
    }
    if (p.reservedConcurrency !== undefined && p.provisionedConcurrency > p.reservedConcurrency) {
      ctx.addIssue({
        code: 'custom',
        path: ['provisionedConcurrency'],
        message: `must be at most reservedConcurrency (${p.reservedConcurrency})`,
      });
    }
  });

export type FunctionParams = z.output<typeof functionParams>;
