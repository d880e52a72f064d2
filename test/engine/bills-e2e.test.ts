import { describe, expect, it } from 'vitest';
import { run, scenario } from './helpers';

/**
 * Whole runs billed by hand. 100 requests, one per second at t = 0.5 … 99.5 s, through an HTTP
 * API to a 1,024 MB x86 function that runs 120 ms; the first is cold with a 250 ms INIT.
 * The run is 100 s, so a month is 25,920 runs: every monthly quantity stays in the first tier.
 */
const MONTH_FACTOR = (30 * 86400) / 100;
const LAMBDA_REQ = 0.2 / 1e6;
const GBS_X86 = 0.0000166667;
const HTTP_REQ = 1.0 / 1e6;
/**
 * CloudWatch Logs of the 100 invocations at the default 352 bytes each (START 71 + one line 86
 * + END 52 + REPORT 143): 35,200 bytes = 35,200 / 2^30 GB ingested at $0.50/GB; stored
 * compressed to 15 % for a year (never expire: 365/30 months) at $0.03/GB-month.
 */
const LOG_GB = (100 * 352) / 1024 ** 3;
const LOGS = LOG_GB * 0.5 + LOG_GB * 0.15 * (365 / 30) * 0.03;

function doc(settings: Record<string, unknown>, fn: Record<string, unknown> = {}) {
  return scenario(
    [
      { id: 'clients', kind: 'producer', params: { traffic: { shape: 'constant', ratePerSecond: 1 } } },
      { id: 'api', kind: 'apiGateway', params: { flavor: 'http' } },
      {
        id: 'fn',
        kind: 'function',
        params: {
          memoryMB: 1024,
          duration: { dist: 'constant', meanMs: 120 },
          coldStart: { dist: 'constant', meanMs: 250 },
          ...fn,
        },
      },
    ],
    [
      { source: 'clients', target: 'api' },
      { source: 'api', target: 'fn' },
    ],
    { durationSeconds: 100, ...settings },
  );
}

const item = (r: ReturnType<typeof run>, node: string, meter: string) =>
  r.nodes[node].cost.items.find((i) => i.name.startsWith(meter));

describe('bills of whole runs, computed by hand', () => {
  it('1 ms granularity, no free tier', () => {
    const r = run(doc({}));
    expect(r.totals.requests).toBe(100);
    const lambda = 100 * LAMBDA_REQ + 100 * 0.12 * 1 * GBS_X86 + 0.25 * 1 * GBS_X86 + LOGS;
    const api = 100 * HTTP_REQ;
    expect(r.nodes.fn.cost.totalUsd).toBeCloseTo(lambda, 12);
    expect(r.nodes.api.cost.totalUsd).toBeCloseTo(api, 12);
    expect(r.totals.costUsd).toBeCloseTo(lambda + api, 12);
    expect(r.totals.monthlyCostUsd).toBeCloseTo((lambda + api) * MONTH_FACTOR, 8);
    expect(item(r, 'fn', 'compute')?.quantity).toBeCloseTo(12, 9);
    expect(item(r, 'fn', 'INIT')?.quantity).toBeCloseTo(0.25, 9);
  });

  it('100 ms granularity (before Dec 2020) rounds 120 ms up to 200 and 250 to 300', () => {
    const r = run(doc({ lambdaBillingGranularityMs: 100 }));
    const lambda = 100 * LAMBDA_REQ + 100 * 0.2 * GBS_X86 + 0.3 * GBS_X86 + LOGS;
    expect(r.nodes.fn.cost.totalUsd).toBeCloseTo(lambda, 12);
    expect((r.nodes.fn.metrics as Record<string, number>).billedGbSeconds).toBeCloseTo(20.3, 9);
  });

  it('with the free tier: 1M requests and 400,000 GB-s a month come off, API Gateway has none', () => {
    const r = run(doc({ includeFreeTier: true }));
    // Monthly: 2,592,000 requests (1,592,000 billed); 317,520 GB-s (all free); 0.85 GB of logs
    // and 1.55 GB-months stored (both under their free 5).
    const lambdaMonth = (100 * MONTH_FACTOR - 1e6) * LAMBDA_REQ;
    expect(r.nodes.fn.cost.totalUsd).toBeCloseTo(lambdaMonth / MONTH_FACTOR, 12);
    expect(r.nodes.api.cost.totalUsd).toBeCloseTo(100 * HTTP_REQ, 12);
  });

  it('provisioned concurrency: configured GB-s, its duration rate, no free tier, never cold', () => {
    const r = run(doc({ includeFreeTier: true }, { provisionedConcurrency: 1 }));
    const m = r.nodes.fn.metrics as Record<string, number>;
    expect(m.coldStarts).toBe(0);
    const pc = 1 * 1 * 100 * 0.0000041667;
    const pcDuration = 100 * 0.12 * 1 * 0.0000097222;
    const requests = 100 * LAMBDA_REQ;
    expect(r.nodes.fn.cost.totalUsd).toBeCloseTo(pc + pcDuration + requests, 12);
  });

  it('arm64 pays the Arm rate', () => {
    const r = run(doc({}, { architecture: 'arm64' }));
    const lambda = 100 * LAMBDA_REQ + (100 * 0.12 + 0.25) * 0.0000133334 + LOGS;
    expect(r.nodes.fn.cost.totalUsd).toBeCloseTo(lambda, 12);
  });
});
