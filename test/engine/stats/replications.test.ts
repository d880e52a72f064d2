import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/engine/simulate';
import {
  combineReplications,
  replicationSeed,
  replicationSeeds,
} from '../../../src/engine/stats/replications';
import { simulateReplicated, simulateReplications } from '../../../src/engine/stats/run-replications';
import type { Interval } from '../../../src/engine/stats/interval';
import { NO_COLD_START, scenario } from '../helpers';

/** P(X ≤ k) for X ~ Binomial(n, p). */
function binomCdf(k: number, n: number, p: number): number {
  let term = (1 - p) ** n;
  let sum = term;
  for (let i = 1; i <= k; i++) {
    term *= ((n - i + 1) / i) * (p / (1 - p));
    sum += term;
  }
  return sum;
}

/**
 * The counts of "interval covers the truth" out of n that a 95 % interval gives with
 * probability 99.8 %: below lo or above hi, the intervals are not 95 % ones.
 */
function acceptance(n: number, p = 0.95, tail = 0.001): [number, number] {
  let lo = 0;
  while (binomCdf(lo, n, p) < tail) lo++;
  let hi = n;
  while (hi > 0 && 1 - binomCdf(hi - 1, n, p) < tail) hi--;
  return [lo, hi];
}

const covers = (iv: Interval, x: number) => iv.lo <= x && x <= iv.hi;

/** clients → ALB (no overhead) → one server with one slot: M/M/1. */
const mm1 = (seed: number) =>
  scenario(
    [
      { id: 'clients', kind: 'producer', params: { traffic: { shape: 'poisson', ratePerSecond: 5 } } },
      { id: 'alb', kind: 'loadBalancer', params: { overheadMs: 0 } },
      {
        id: 'srv',
        kind: 'server',
        params: {
          instances: { min: 1, max: 1 },
          concurrencyPerInstance: 1,
          duration: { dist: 'exponential', meanMs: 100 },
          queueLimit: 1_000_000,
          requestTimeoutMs: 3_600_000,
        },
      },
    ],
    [
      { source: 'clients', target: 'alb' },
      { source: 'alb', target: 'srv' },
    ],
    { durationSeconds: 400, warmupSeconds: 20, seed },
  );

/** clients → API → function with exponential 100 ms handlers, never throttled: L = λW = 2. */
const little = (seed: number) =>
  scenario(
    [
      { id: 'clients', kind: 'producer', params: { traffic: { shape: 'poisson', ratePerSecond: 20 } } },
      { id: 'api', kind: 'apiGateway', params: { overheadMs: 0 } },
      {
        id: 'fn',
        kind: 'function',
        params: {
          duration: { dist: 'exponential', meanMs: 100 },
          coldStart: NO_COLD_START,
          timeoutMs: 900000,
        },
      },
    ],
    [
      { source: 'clients', target: 'api' },
      { source: 'api', target: 'fn' },
    ],
    { durationSeconds: 200, seed },
  );

const TRIALS = 200;
const REPS = 5;

describe('replications: 95 % intervals cover the exact value about 95 % of the time', () => {
  const [lo, hi] = acceptance(TRIALS);

  it('acceptance band for 200 trials at 95 %', () => {
    expect(lo).toBeGreaterThanOrEqual(178);
    expect(lo).toBeLessThanOrEqual(182);
    // P(X ≥ 199) = 200·0.95¹⁹⁹·0.05 + 0.95²⁰⁰ ≈ 4e-4 < 0.001, so 199 and 200 are already "too good".
    expect(hi).toBe(198);
  });

  it('M/M/1 (λ = 5/s, μ = 10/s): mean time in system 1/(μ − λ) = 200 ms and utilization ρ = 0.5', () => {
    let coverW = 0;
    let coverRho = 0;
    for (let s = 1; s <= TRIALS; s++) {
      const stats = combineReplications(simulateReplications(mm1(s), REPS), { bands: false });
      const srv = stats.nodes.srv.metrics;
      if (covers((srv.latencyMs as Record<string, Interval>).mean, 200)) coverW++;
      if (covers(srv.meanUtilization as Interval, 0.5)) coverRho++;
    }
    // A normal-quantile (1.96) interval over 5 replications would cover only ~88 %: 176 of 200.
    expect(coverW).toBeGreaterThanOrEqual(lo);
    expect(coverW).toBeLessThanOrEqual(hi);
    expect(coverRho).toBeGreaterThanOrEqual(lo);
    expect(coverRho).toBeLessThanOrEqual(hi);
  }, 120_000);

  it("Little's law (λ = 20/s, W = 100 ms): mean concurrency L = λW = 2", () => {
    let cover = 0;
    for (let s = 1; s <= TRIALS; s++) {
      const stats = combineReplications(simulateReplications(little(s), REPS), { bands: false });
      if (covers(stats.nodes.fn.metrics.meanConcurrency as Interval, 2)) cover++;
    }
    expect(cover).toBeGreaterThanOrEqual(lo);
    expect(cover).toBeLessThanOrEqual(hi);
  }, 120_000);
});

describe('replications: determinism and shape', () => {
  it('replication 0 is the plain run; the others use distinct derived seeds', () => {
    const seeds = replicationSeeds(7, 10);
    expect(seeds[0]).toBe(7);
    expect(new Set(seeds).size).toBe(10);
    expect(replicationSeed(7, 3)).toBe(seeds[3]);
    expect(replicationSeed(8, 3)).not.toBe(seeds[3]);
    const doc = little(7);
    const plain = simulate(doc);
    const one = simulateReplicated(doc, { replications: 1 });
    expect(one.totals).toEqual(plain.totals);
    expect(one.replications).toBeUndefined();
  });

  it('same scenario and seed: identical intervals; settings.replications is read', () => {
    const doc = { ...little(3), settings: { durationSeconds: 60, seed: 3, replications: 4 } };
    const a = simulateReplicated(doc, { series: true });
    const b = simulateReplicated(doc, { series: true });
    expect(a.replications!.count).toBe(4);
    expect(a.replications!.seeds).toEqual(replicationSeeds(3, 4));
    const strip = (r: typeof a) =>
      JSON.stringify({ ...r, engine: null, replications: { ...r.replications } });
    expect(strip(a)).toBe(strip(b));
    // The interval is built from the four runs: its mean is their mean.
    const each = replicationSeeds(3, 4).map((seed) => simulate(doc, { seed }).totals.monthlyCostUsd);
    expect(a.replications!.totals.monthlyCostUsd.mean).toBeCloseTo(each.reduce((x, y) => x + y) / 4, 12);
    // A band per series, as long as the series, holding the replications' mean.
    const key = Object.keys(a.series!).find((k) => k !== 't' && k !== 'bucketSeconds')!;
    const band = a.replications!.seriesBands![key];
    expect(band.lo.length).toBe((a.series![key] as number[]).length);
    expect(band.lo.every((x, i) => x <= band.hi[i])).toBe(true);
    expect(a.replications!.totals.coldStartRate).toBeDefined();
  });
});
