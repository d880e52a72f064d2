import { describe, expect, it } from 'vitest';
import { replicatedTasks } from '../../../src/engine/compare/sweep';
import { simulate } from '../../../src/engine/simulate';
import {
  DEFAULT_MEMORY_SIZES,
  TuningError,
  memorySizes,
  planTuning,
  reduceTuning,
} from '../../../src/engine/tuning/power-tuning';
import { NO_COLD_START, scenario } from '../helpers';

/** clients (2/s, constant) → API → the function, 400 ms with a full vCPU. */
const doc = (cpuBoundFraction: number) =>
  scenario(
    [
      { id: 'clients', kind: 'producer', params: { traffic: { shape: 'constant', ratePerSecond: 2 } } },
      { id: 'api', kind: 'apiGateway', params: {} },
      {
        id: 'fn',
        kind: 'function',
        params: {
          duration: { dist: 'constant', meanMs: 400 },
          cpuBoundFraction,
          coldStart: NO_COLD_START,
          timeoutMs: 900_000,
        },
      },
    ],
    [
      { source: 'clients', target: 'api' },
      { source: 'api', target: 'fn' },
    ],
    { durationSeconds: 300 },
  );

function tune(cpuBoundFraction: number, extra: number[] = [], reps = 2) {
  const d = doc(cpuBoundFraction);
  const plan = planTuning(d, 'fn', extra);
  const results = replicatedTasks(plan.runs, reps).map((t) => simulate(t.scenario, t.options));
  return reduceTuning(plan, results, reps);
}

/**
 * Lambda x86 on-demand, first tier [L-PRICE]: $0.20 per million requests, $0.0000166667 per
 * GB-s, duration rounded up to 1 ms. (Checked to 1 part in 1,000: the rounding moves 5,528.125 ms by 2e-4.)
 */
const perInvocation = (memoryMB: number, durationMs: number) =>
  0.2e-6 + (memoryMB / 1024) * (Math.ceil(durationMs) / 1000) * 0.0000166667 + LOGS_PER_INVOCATION;

/**
 * Each invocation's CloudWatch Logs, the same at every memory size: the default 352 bytes
 * ingested at $0.50/GB (GB = 2^30 bytes), stored compressed to 15 % for a year (never expire)
 * at $0.03/GB-month.
 */
const LOGS_PER_INVOCATION = (352 / 1024 ** 3) * (0.5 + 0.15 * (365 / 30) * 0.03);

describe('power tuning', () => {
  it('tries the powers of two, 1,769 MB and 10,240 MB, plus the sizes the user adds', () => {
    expect(DEFAULT_MEMORY_SIZES).toEqual([128, 256, 512, 1024, 1769, 2048, 4096, 8192, 10240]);
    expect(memorySizes([3008, 1024])).toEqual([128, 256, 512, 1024, 1769, 2048, 3008, 4096, 8192, 10240]);
    expect(() => memorySizes([100])).toThrow(/whole MB from 128 to 10,240/);
    expect(() => planTuning(doc(0), 'api')).toThrow(TuningError);
    expect(() => planTuning(doc(0), 'nope')).toThrow(/no node with id "nope"/);
  });

  it('a fully CPU-bound handler: duration halves as memory doubles up to 1,769 MB, the cost stays flat', () => {
    const r = tune(1);
    for (const p of r.points) {
      // Hand computation: 400 ms × 1,769 / memory below one vCPU, 400 ms from there.
      const ms = 400 * Math.max(1, 1769 / p.memoryMB);
      expect(p.durationMs.mean.mean).toBeCloseTo(ms, 6);
      expect(Math.abs(p.durationMs.p95.mean / ms - 1)).toBeLessThan(0.01);
      expect(p.costPerInvocationUsd.mean / perInvocation(p.memoryMB, ms)).toBeCloseTo(1, 3);
      expect(p.durationMs.mean.halfWidth).toBe(0);
    }
    const at = (mb: number) => r.points.find((p) => p.memoryMB === mb)!;
    expect(at(256).durationMs.mean.mean / at(512).durationMs.mean.mean).toBeCloseTo(2, 9);
    // Flat below the knee: GB-s is memory × 400 × 1,769 / memory (up to 1 ms rounding).
    expect(at(128).costPerInvocationUsd.mean / at(1769).costPerInvocationUsd.mean).toBeCloseTo(1, 3);
    // Above it the handler is no faster and each MB costs more.
    expect(at(4096).costPerInvocationUsd.mean).toBeGreaterThan(at(2048).costPerInvocationUsd.mean * 1.9);
    expect(r.fastest).toBe(1769);
    expect(r.balanced).toBe(1769);
    // Cheapest: the flat stretch differs only by 1 ms rounding; it is the smallest of those by hand.
    const byHand = [128, 256, 512, 1024, 1769].reduce((a, b) =>
      perInvocation(b, 400 * Math.max(1, 1769 / b)) < perInvocation(a, 400 * Math.max(1, 1769 / a)) ? b : a,
    );
    expect(r.cheapest).toBe(byHand);
  });

  it('a handler that waits on I/O: duration flat, cost grows with memory', () => {
    const r = tune(0, [3008]);
    for (const p of r.points) {
      expect(p.durationMs.mean.mean).toBeCloseTo(400, 6);
      expect(p.costPerInvocationUsd.mean / perInvocation(p.memoryMB, 400)).toBeCloseTo(1, 6);
    }
    expect(r.points.map((p) => p.memoryMB)).toContain(3008);
    expect(r.cheapest).toBe(128);
    expect(r.fastest).toBe(128);
    expect(r.balanced).toBe(128);
    // 10,240 MB costs 80 × the 128 MB duration charge.
    const cost = (mb: number) => r.points.find((p) => p.memoryMB === mb)!.costPerInvocationUsd.mean;
    const fixed = 0.2e-6 + LOGS_PER_INVOCATION;
    expect((cost(10240) - fixed) / (cost(128) - fixed)).toBeCloseTo(80, 6);
  });

  it('with noise, every figure gets an interval, and a size that times out is never picked', () => {
    const d = doc(1);
    const fn = d.nodes[2].params as Record<string, unknown>;
    fn.duration = { dist: 'exponential', meanMs: 400 };
    fn.timeoutMs = 3000; // 128 MB needs 5.5 s on average: most invocations time out
    const plan = planTuning(d, 'fn');
    const results = replicatedTasks(plan.runs, 3).map((t) => simulate(t.scenario, t.options));
    const r = reduceTuning(plan, results, 3);
    const p = r.points.find((x) => x.memoryMB === 1024)!;
    expect(p.durationMs.mean.n).toBe(3);
    expect(p.durationMs.mean.halfWidth).toBeGreaterThan(0);
    expect(r.points[0].errorRate.mean).toBeGreaterThan(0.01);
    expect([r.cheapest, r.fastest, r.balanced]).not.toContain(128);
  });
});
