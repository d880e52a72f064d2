import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LOG_BYTES_PER_INVOCATION,
  TYPICAL_INVOCATION_LOG_LINES,
} from '../../../src/engine/observability/logs';
import { NO_COLD_START, run, scenario } from '../helpers';
import { doc, errorsOf } from '../scenario/build';

const GB = 1024 ** 3;
const MONTH_FACTOR = (30 * 86400) / 100;

/** clients (2/s for 100 s: 200 requests) → HTTP API → a 128 MB function of 50 ms. */
function logged(fn: Record<string, unknown>, settings: Record<string, unknown> = {}) {
  return scenario(
    [
      { id: 'clients', kind: 'producer', params: { traffic: { shape: 'constant', ratePerSecond: 2 } } },
      { id: 'api', kind: 'apiGateway', params: { flavor: 'http' } },
      {
        id: 'fn',
        kind: 'function',
        params: { duration: { dist: 'constant', meanMs: 50 }, coldStart: NO_COLD_START, ...fn },
      },
    ],
    [
      { source: 'clients', target: 'api' },
      { source: 'api', target: 'fn' },
    ],
    { durationSeconds: 100, ...settings },
  );
}

const item = (r: ReturnType<typeof run>, name: string) =>
  r.nodes.fn.cost.items.find((i) => i.name.startsWith(name));

describe('CloudWatch Logs on the bill', () => {
  it('the default is a typical START, handler line, END and REPORT: 71 + 86 + 52 + 143 = 352 bytes', () => {
    expect(TYPICAL_INVOCATION_LOG_LINES.map((l) => l.length)).toEqual([71, 86, 52, 143]);
    expect(DEFAULT_LOG_BYTES_PER_INVOCATION).toBe(352);
    expect(TYPICAL_INVOCATION_LOG_LINES[0]).toMatch(/^START RequestId: \S+ Version: \$LATEST\n$/);
    expect(TYPICAL_INVOCATION_LOG_LINES[3]).toMatch(
      /^REPORT RequestId: .*Billed Duration: .*Max Memory Used/,
    );
  });

  it('200 invocations of 1,000 bytes kept 30 days: ingestion and storage by hand', () => {
    const r = run(logged({ logBytesPerInvocation: 1000, logRetentionDays: 30 }));
    expect((r.nodes.fn.metrics as Record<string, number>).invocations).toBe(200);
    const gb = (200 * 1000) / GB; // 1.8626e-4 GB
    const ingested = item(r, 'CloudWatch Logs ingested')!;
    expect(ingested.quantity).toBeCloseTo(gb, 15);
    expect(ingested.unit).toBe('GB');
    expect(ingested.usd).toBeCloseTo(gb * 0.5, 15);
    // 30 days of logs, compressed to 15 %, held all month: 0.15 GB-months per GB ingested.
    const stored = item(r, 'CloudWatch Logs stored (30-day retention)')!;
    expect(stored.quantity).toBeCloseTo(gb * 0.15, 15);
    expect(stored.usd).toBeCloseTo(gb * 0.15 * 0.03, 15);
    expect(stored.source).toMatch(/\[CW-PRICE\]/);
  });

  it('never expire (the default) is billed as a year of stored logs; 7 days as a week', () => {
    const never = run(logged({ logBytesPerInvocation: 1000 }));
    const week = run(logged({ logBytesPerInvocation: 1000, logRetentionDays: 7 }));
    const gb = (200 * 1000) / GB;
    expect(item(never, 'CloudWatch Logs stored (never expire')!.quantity).toBeCloseTo(
      gb * 0.15 * (365 / 30),
      15,
    );
    expect(item(week, 'CloudWatch Logs stored (7-day')!.quantity).toBeCloseTo(gb * 0.15 * (7 / 30), 15);
    // Ingestion does not depend on retention.
    expect(item(never, 'CloudWatch Logs ingested')!.usd).toBe(item(week, 'CloudWatch Logs ingested')!.usd);
  });

  it('0 bytes per invocation puts no log line on the bill', () => {
    const r = run(logged({ logBytesPerInvocation: 0 }));
    expect(item(r, 'CloudWatch Logs')).toBeUndefined();
  });

  it('the free tier takes 5 GB of ingestion and 5 GB-months of storage off each month', () => {
    // 2,000 bytes × 200 per run × 25,920 runs a month = 10,368,000,000 bytes = 9.6559 GB a month.
    const r = run(logged({ logBytesPerInvocation: 2000, logRetentionDays: 30 }, { includeFreeTier: true }));
    const monthGb = (2000 * 200 * MONTH_FACTOR) / GB;
    expect(item(r, 'CloudWatch Logs ingested')!.usd).toBeCloseTo(((monthGb - 5) * 0.5) / MONTH_FACTOR, 14);
    // Stored: 15 % of 9.66 GB = 1.45 GB-months, under the free 5: nothing to pay.
    expect(item(r, 'CloudWatch Logs stored')!.usd).toBe(0);
  });

  it("beyond 50 TB a month Lambda's logs climb the whole vended-log ladder", () => {
    // 2/s of 10 MB each: 200 × 1e7 bytes a run × 25,920 = 48,280 GB a month, short of 50 TB;
    // at 10/s (1,000 a run) it is 241,399 GB: every step of the ladder is used.
    const d = logged({ logBytesPerInvocation: 10_000_000 });
    (d.nodes[0].params.traffic as { ratePerSecond: number }).ratePerSecond = 10;
    const r = run(d);
    const monthGb = (1000 * 1e7 * MONTH_FACTOR) / GB;
    const TB = 1024;
    expect(monthGb).toBeGreaterThan(50 * TB);
    const ladder = 10 * TB * 0.5 + 20 * TB * 0.25 + 20 * TB * 0.1 + (monthGb - 50 * TB) * 0.05;
    expect(item(r, 'CloudWatch Logs ingested')!.usd).toBeCloseTo(ladder / MONTH_FACTOR, 9);
    // The average price per GB falls well under the first step's $0.50.
    expect(item(r, 'CloudWatch Logs ingested')!.unitUsd).toBeLessThan(0.1);
  });
});

describe('validation of the log fields', () => {
  const fn = (params: Record<string, unknown>) => doc([{ id: 'fn', kind: 'function', params }]);

  it('a retention CloudWatch does not offer is refused, naming the field and the values it takes', () => {
    const errors = errorsOf(fn({ logRetentionDays: 45 }));
    expect(errors.join('\n')).toMatch(
      /logRetentionDays.*must be 0 \(never expire\) or one of .*30, 60, 90.*3653 days/,
    );
  });

  it('log bytes must be a whole number in range', () => {
    expect(errorsOf(fn({ logBytesPerInvocation: -1 })).join('\n')).toMatch(
      /logBytesPerInvocation.*must be 0–10,000,000 bytes/,
    );
    expect(errorsOf(fn({ logBytesPerInvocation: 1.5 })).join('\n')).toMatch(
      /logBytesPerInvocation.*whole number/,
    );
  });

  it('tracing is true or false', () => {
    expect(errorsOf(fn({ xrayTracing: 'yes' })).join('\n')).toMatch(/xrayTracing.*must be true or false/);
  });
});
