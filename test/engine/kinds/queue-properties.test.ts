import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Result } from '../../../src/engine/result';
import { NO_COLD_START, run, scenario } from '../helpers';

/**
 * Random producer → queue → function (or container) pipelines, with and without a DLQ, FIFO
 * groups, delays, short retentions and visibility timeouts, throttling consumers, windows and
 * partial batch failures. Every run must conserve requests and messages.
 */
const arb = fc
  .record({
    type: fc.constantFrom('standard', 'fifo'),
    rate: fc.integer({ min: 0, max: 80 }),
    groups: fc.integer({ min: 1, max: 6 }),
    payloadKB: fc.constantFrom(1, 60, 200),
    visibility: fc.constantFrom(0, 1, 5, 30),
    retention: fc.constantFrom(60, 120, 345600),
    maxReceive: fc.integer({ min: 1, max: 4 }),
    delay: fc.constantFrom(0, 0, 3),
    dlq: fc.boolean(),
    dlqConsumer: fc.boolean(),
    batchSize: fc.integer({ min: 1, max: 10 }),
    window: fc.constantFrom(0, 0, 1, 3),
    rbif: fc.boolean(),
    maxConc: fc.option(fc.integer({ min: 2, max: 20 }), { nil: undefined }),
    errorRate: fc.constantFrom(0, 0.2, 0.5, 1),
    reserved: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
    durationMs: fc.integer({ min: 1, max: 3000 }),
    timeoutMs: fc.constantFrom(500, 3000),
    container: fc.boolean(),
    warmup: fc.constantFrom(0, 0, 30),
    seed: fc.integer({ min: 0, max: 1000 }),
  })
  .map((s) => {
    const nodes: { id: string; kind: string; params: Record<string, unknown> }[] = [
      {
        id: 'p',
        kind: 'producer',
        params: {
          traffic: { shape: 'poisson', ratePerSecond: s.rate },
          payloadKB: s.payloadKB,
          messageGroups: s.groups,
        },
      },
      {
        id: 'q',
        kind: 'queue',
        params: {
          type: s.type,
          visibilityTimeoutSeconds: s.visibility,
          retentionSeconds: s.retention,
          maxReceiveCount: s.maxReceive,
          deliveryDelaySeconds: s.delay,
        },
      },
    ];
    const edge: Record<string, unknown> = { batchSize: s.batchSize };
    if (s.container) {
      nodes.push({
        id: 'c',
        kind: 'container',
        params: { tasks: { min: 1, max: 3 }, duration: { dist: 'exponential', meanMs: s.durationMs } },
      });
    } else {
      nodes.push({
        id: 'c',
        kind: 'function',
        params: {
          coldStart: NO_COLD_START,
          errorRate: s.errorRate,
          timeoutMs: s.timeoutMs,
          reservedConcurrency: s.reserved,
          duration: { dist: 'exponential', meanMs: s.durationMs },
        },
      });
      edge.batchWindowSeconds = s.window;
      edge.reportBatchItemFailures = s.rbif;
      if (s.maxConc !== undefined) edge.maximumConcurrency = s.maxConc;
    }
    const edges: { source: string; target: string; role?: string; params?: Record<string, unknown> }[] = [
      { source: 'p', target: 'q' },
      { source: 'q', target: 'c', params: edge },
    ];
    if (s.dlq) {
      nodes.push({ id: 'dlq', kind: 'queue', params: { type: s.type } });
      edges.push({ source: 'q', target: 'dlq', role: 'dlq' });
      if (s.dlqConsumer) {
        nodes.push({
          id: 'd',
          kind: 'function',
          params: { coldStart: NO_COLD_START, duration: { dist: 'constant', meanMs: 20 } },
        });
        edges.push({ source: 'dlq', target: 'd' });
      }
    }
    return {
      doc: scenario(nodes, edges, { durationSeconds: 240, warmupSeconds: s.warmup, seed: s.seed }),
      warmup: s.warmup,
    };
  });

function m(r: Result, id: string): Record<string, number> {
  return r.nodes[id].metrics as Record<string, number>;
}

describe('queue invariants over random pipelines', () => {
  it('conserves requests and messages, counts nothing negative, and is deterministic', () => {
    fc.assert(
      fc.property(arb, ({ doc, warmup }) => {
        const r = run(doc, { series: true, maxEvents: 5_000_000 });
        expect(r.incomplete).toBeUndefined();
        const t = r.totals;
        expect(t.requests).toBe(t.completed + t.failed + t.deadLettered + t.dropped + t.inFlight);
        const q = m(r, 'q');
        for (const [k, v] of Object.entries(q)) expect(v, k).toBeGreaterThanOrEqual(0);
        if (warmup === 0) {
          // Every message sent is deleted, expired, dead-lettered or still there.
          expect(q.sent).toBe(q.deleted + q.expired + q.deadLettered + q.messages);
          // Every receive ends deleted, returned, or still in a batch (part of inFlight).
          const open = q.received - q.deleted - q.returned;
          expect(open).toBeGreaterThanOrEqual(0);
          expect(open).toBeLessThanOrEqual(q.inFlight);
          if (r.nodes.dlq) expect(m(r, 'dlq').sent).toBe(q.deadLettered);
          expect(q.inFlight).toBeLessThanOrEqual(q.messages);
        }
        const again = run(doc, { series: true, maxEvents: 5_000_000 });
        expect(JSON.stringify({ ...again, engine: 0 })).toBe(JSON.stringify({ ...r, engine: 0 }));
      }),
      { numRuns: 60, seed: 20261124 },
    );
  }, 180_000);
});
