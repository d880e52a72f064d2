import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { numbersIn, run, scenario, withoutWall } from '../helpers';

/** Random valid scenarios over the simulated kinds: sources → gateways → functions → functions. */
const dist = fc.oneof(
  fc.record({ dist: fc.constant('constant'), meanMs: fc.integer({ min: 0, max: 2000 }) }),
  fc.record({ dist: fc.constant('exponential'), meanMs: fc.integer({ min: 1, max: 2000 }) }),
  fc
    .record({ dist: fc.constant('lognormal'), meanMs: fc.integer({ min: 10, max: 1000 }) })
    .map((d) => ({ ...d, p99Ms: d.meanMs * 3 })),
  fc.record({
    dist: fc.constant('normal'),
    meanMs: fc.integer({ min: 0, max: 1000 }),
    sdMs: fc.integer({ min: 0, max: 500 }),
  }),
  fc.record({ dist: fc.constant('uniform'), meanMs: fc.integer({ min: 0, max: 1000 }) }),
);

const traffic = fc.oneof(
  fc.record({
    shape: fc.constantFrom('constant', 'poisson'),
    ratePerSecond: fc.integer({ min: 0, max: 60 }),
  }),
  fc.record({
    shape: fc.constant('spike'),
    ratePerSecond: fc.integer({ min: 0, max: 10 }),
    peakRatePerSecond: fc.integer({ min: 0, max: 80 }),
    atSeconds: fc.integer({ min: 0, max: 60 }),
    lengthSeconds: fc.integer({ min: 1, max: 30 }),
  }),
  fc.record({
    shape: fc.constant('diurnal'),
    ratePerSecond: fc.integer({ min: 0, max: 10 }),
    peakRatePerSecond: fc.integer({ min: 0, max: 40 }),
    periodSeconds: fc.integer({ min: 10, max: 120 }),
  }),
  fc.record({
    shape: fc.constant('ramp'),
    ratePerSecond: fc.integer({ min: 0, max: 10 }),
    peakRatePerSecond: fc.integer({ min: 0, max: 40 }),
    atSeconds: fc.integer({ min: 0, max: 30 }),
    lengthSeconds: fc.integer({ min: 0, max: 60 }),
  }),
);

const fnParams = fc
  .record({
    memoryMB: fc.integer({ min: 128, max: 10240 }),
    architecture: fc.constantFrom('x86_64', 'arm64'),
    duration: dist,
    cpuBoundFraction: fc.integer({ min: 0, max: 100 }).map((x) => x / 100),
    timeoutMs: fc.integer({ min: 100, max: 30000 }),
    keepAliveSeconds: fc.integer({ min: 300, max: 900 }),
    errorRate: fc.constantFrom(0, 0, 0.05, 0.3, 1),
    asyncRetries: fc.integer({ min: 0, max: 2 }),
    maxEventAgeSeconds: fc.integer({ min: 60, max: 600 }),
    reservedConcurrency: fc.option(fc.integer({ min: 0, max: 20 }), { nil: undefined }),
    provisionedConcurrency: fc.integer({ min: 0, max: 3 }),
    logBytesPerInvocation: fc.constantFrom(0, 352, 5000),
    logRetentionDays: fc.constantFrom(0, 1, 30, 3653),
    xrayTracing: fc.boolean(),
  })
  .map((p) => ({
    ...p,
    provisionedConcurrency:
      p.reservedConcurrency === undefined
        ? p.provisionedConcurrency
        : Math.min(p.provisionedConcurrency, p.reservedConcurrency),
  }));

const arbScenario = fc
  .record({
    producers: fc.array(traffic, { minLength: 1, maxLength: 2 }),
    apis: fc.array(
      fc.record({
        flavor: fc.constantFrom('http', 'rest'),
        throttle: fc.record({
          ratePerSecond: fc.integer({ min: 1, max: 100 }),
          burst: fc.integer({ min: 1, max: 50 }),
        }),
        xrayTracing: fc.boolean(),
      }),
      { minLength: 1, maxLength: 2 },
    ),
    fns: fc.array(fnParams, { minLength: 1, maxLength: 4 }),
    // function → function edges only forward (i < j), so the graph has no loop.
    calls: fc.array(
      fc.record({
        from: fc.nat(3),
        to: fc.nat(3),
        mode: fc.constantFrom('sync', 'async'),
        perRequest: fc.constantFrom(0, 0.5, 1, 1.5, 2),
        role: fc.constantFrom('invoke', 'invoke', 'onFailure', 'onSuccess'),
      }),
      { maxLength: 4 },
    ),
    schedule: fc.option(fc.integer({ min: 60, max: 120 }), { nil: undefined }),
    includeFreeTier: fc.boolean(),
    granularity: fc.constantFrom(1, 100),
    seed: fc.integer({ min: 0, max: 1000 }),
  })
  .map((s) => {
    const nodes: { id: string; kind: string; params: Record<string, unknown> }[] = [];
    const edges: { source: string; target: string; role?: string; params?: Record<string, unknown> }[] = [];
    s.producers.forEach((t, i) => nodes.push({ id: `p${i}`, kind: 'producer', params: { traffic: t } }));
    s.apis.forEach((a, i) => nodes.push({ id: `api${i}`, kind: 'apiGateway', params: a }));
    s.fns.forEach((f, i) => nodes.push({ id: `f${i}`, kind: 'function', params: f }));
    s.producers.forEach((_, i) => edges.push({ source: `p${i}`, target: `api${i % s.apis.length}` }));
    s.apis.forEach((_, i) => edges.push({ source: `api${i}`, target: `f${i % s.fns.length}` }));
    const seen = new Set<string>();
    for (const c of s.calls) {
      const from = c.from % s.fns.length;
      const to = c.to % s.fns.length;
      // A function has at most one destination of each kind (onFailure, onSuccess).
      const key = c.role === 'invoke' ? `${from}-${to}-invoke` : `${from}-${c.role}`;
      if (from >= to || seen.has(key)) continue;
      seen.add(key);
      edges.push(
        c.role === 'invoke'
          ? { source: `f${from}`, target: `f${to}`, params: { mode: c.mode, perRequest: c.perRequest } }
          : { source: `f${from}`, target: `f${to}`, role: c.role },
      );
    }
    if (s.schedule) {
      nodes.push({ id: 'cron', kind: 'schedule', params: { rateSeconds: s.schedule } });
      edges.push({ source: 'cron', target: `f${s.fns.length - 1}` });
    }
    return scenario(nodes, edges, {
      durationSeconds: 120,
      seed: s.seed,
      includeFreeTier: s.includeFreeTier,
      lambdaBillingGranularityMs: s.granularity,
    });
  });

describe('engine invariants over random scenarios', () => {
  it('conserves requests, never goes negative, never costs less than zero, and is deterministic', () => {
    fc.assert(
      fc.property(arbScenario, (doc) => {
        const r = run(doc, { series: true, maxEvents: 3_000_000 });
        expect(r.incomplete).toBeUndefined();
        const t = r.totals;
        expect(t.requests).toBe(t.completed + t.failed + t.deadLettered + t.dropped + t.inFlight);
        const bad = numbersIn({ totals: r.totals, nodes: r.nodes, series: r.series }, 'result', []).filter(
          ([, v]) => !(Number.isFinite(v) && v >= 0),
        );
        expect(bad).toEqual([]);
        expect(t.costUsd).toBeGreaterThanOrEqual(0);
        const again = run(doc, { series: true, maxEvents: 3_000_000 });
        expect(withoutWall(again)).toBe(withoutWall(r));
      }),
      { numRuns: 100, seed: 20261123 },
    );
  }, 120_000);
});
