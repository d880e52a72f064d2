import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../../src/engine/scenario/validate';
import { numbersIn, run, scenario, withoutWall } from '../helpers';

/**
 * Random pipes: a producer writes to a queue, a stream or a table's stream; a pipe with a
 * random filter, maybe an enrichment, reads it in random batches and hands what passes to a
 * random target. The random graphs of every kind rarely build that chain, so it gets its own.
 */
const fn = fc.record({
  duration: fc.record({
    dist: fc.constantFrom('exponential', 'constant'),
    meanMs: fc.integer({ min: 1, max: 400 }),
  }),
  errorRate: fc.constantFrom(0, 0, 0.2, 1),
  reservedConcurrency: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
  timeoutMs: fc.integer({ min: 100, max: 3000 }),
});

const arbPipe = fc
  .record({
    rate: fc.integer({ min: 1, max: 30 }),
    payloadKB: fc.constantFrom(1, 50, 200),
    source: fc.constantFrom('queue', 'stream', 'table'),
    queue: fc.record({
      type: fc.constantFrom('standard', 'fifo'),
      visibilityTimeoutSeconds: fc.integer({ min: 0, max: 60 }),
      maxReceiveCount: fc.integer({ min: 1, max: 5 }),
    }),
    edge: fc.record({
      batchSize: fc.integer({ min: 1, max: 10 }),
      batchWindowSeconds: fc.integer({ min: 0, max: 3 }),
    }),
    streamEdge: fc.record({
      maximumRetryAttempts: fc.integer({ min: -1, max: 3 }),
      bisectBatchOnError: fc.boolean(),
    }),
    pipe: fc.record({
      filterShare: fc.constantFrom(1, 0.5, 0),
      typed: fc.boolean(),
    }),
    enrich: fc.option(fn, { nil: undefined }),
    target: fc.constantFrom('function', 'stateMachine', 'queue', 'topic', 'eventBus', 'stream'),
    targetFn: fn,
    seed: fc.integer({ min: 0, max: 10_000 }),
  })
  .map((g) => {
    const nodes: { id: string; kind: string; params?: Record<string, unknown> }[] = [
      {
        id: 'src',
        kind: 'producer',
        params: {
          traffic: { shape: 'poisson', ratePerSecond: g.rate },
          payloadKB: g.payloadKB,
          eventTypes: [{ name: 'A' }, { name: 'B' }],
        },
      },
      {
        id: 'in',
        kind: g.source,
        params: g.source === 'queue' ? g.queue : g.source === 'table' ? { streamEnabled: true } : {},
      },
      {
        id: 'p',
        kind: 'pipe',
        params: {
          filterShare: g.pipe.filterShare,
          ...(g.pipe.typed ? { filter: { type: ['A'] } } : {}),
          ...(g.enrich ? { enrichment: 'enrich' } : {}),
        },
      },
      { id: 't', kind: g.target, params: g.target === 'function' ? g.targetFn : {} },
      { id: 'dlq', kind: 'queue' },
    ];
    const edges: { source: string; target: string; role?: string; params?: Record<string, unknown> }[] = [
      { source: 'src', target: 'in' },
      { source: 'in', target: 'p', params: g.source === 'queue' ? g.edge : { ...g.edge, ...g.streamEdge } },
      { source: 'p', target: 't' },
      g.source === 'queue'
        ? { source: 'in', target: 'dlq', role: 'dlq' }
        : { source: 'in', target: 'dlq', role: 'onFailure' },
    ];
    if (g.enrich) {
      nodes.push({ id: 'enrich', kind: 'function', params: g.enrich });
      edges.push({ source: 'p', target: 'enrich' });
    }
    if (g.target === 'stateMachine') {
      nodes.push({ id: 'step', kind: 'function', params: g.targetFn });
      edges.push({ source: 't', target: 'step' });
    }
    return scenario(nodes, edges, { durationSeconds: 120, seed: g.seed });
  })
  .filter((doc) => validateScenario(doc).ok);

describe('EventBridge pipes over random sources, filters, enrichments and targets', () => {
  it('conserve requests, keep their counts consistent, never go negative, and repeat exactly', () => {
    let reading = 0;
    fc.assert(
      fc.property(arbPipe, (doc) => {
        const r = run(doc, { series: true, maxEvents: 2_000_000 });
        expect(r.incomplete).toBeUndefined();
        const t = r.totals;
        expect(t.requests).toBe(t.completed + t.failed + t.deadLettered + t.dropped + t.inFlight);
        const bad = numbersIn({ totals: r.totals, nodes: r.nodes, series: r.series }, 'result', []).filter(
          ([, v]) => !(Number.isFinite(v) && v >= 0),
        );
        expect(bad).toEqual([]);
        const p = r.nodes.p.metrics as Record<string, number>;
        if (p.read > 0) reading++;
        // Every event read is either filtered out or passed; what passed is billed at least
        // once (a chunk or more), delivered at most once per attempt, failed only when it passed.
        const passed = p.read - p.filteredOut;
        expect(passed).toBeGreaterThanOrEqual(0);
        expect(p.billedRequests).toBeGreaterThanOrEqual(passed);
        expect(p.delivered + p.failed).toBeLessThanOrEqual(passed);
        expect(p.failedBatches).toBeLessThanOrEqual(p.batches);
        expect(p.enrichmentCalls).toBeLessThanOrEqual(p.batches);
        expect(withoutWall(run(doc, { series: true, maxEvents: 2_000_000 }))).toBe(withoutWall(r));
      }),
      { numRuns: 60, seed: 161616 },
    );
    expect(reading).toBeGreaterThan(30);
  }, 240_000);
});
