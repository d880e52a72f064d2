import { describe, expect, it } from 'vitest';
import type { Result } from '../../../src/engine/result';
import { NO_COLD_START, run, scenario } from '../helpers';

/**
 * Hops carry the edge(s) they came over and their parent hop, recorded by the engine when the
 * work crossed the edge. Hand-built scenarios with one request each (a constant 0.001/s puts
 * it at t = 500 s), so every parent chain is known in advance.
 */
const constMs = (ms: number) => ({ dist: 'constant', meanMs: ms });
const ONE_AT_500 = { shape: 'constant', ratePerSecond: 0.001 };
const fn = (ms: number, more: Record<string, unknown> = {}) => ({
  coldStart: NO_COLD_START,
  duration: constMs(ms),
  ...more,
});

/** The one trace's hops as [node, parent's node or '-', via, sync], in recorded order. */
function links(r: Result): [string, string, string[], boolean][] {
  expect(r.traces).toHaveLength(1);
  const hops = r.traces[0].hops;
  return hops.map((h) => [h.node, h.parent >= 0 ? hops[h.parent].node : '-', h.via, h.sync === true]);
}

describe('traces record each hop’s edges and parent', () => {
  it('API → function (sync) → function (sync invoke), and the function’s write to a table read by its stream', () => {
    const doc = scenario(
      [
        { id: 'p', kind: 'producer', params: { traffic: ONE_AT_500 } },
        { id: 'api', kind: 'apiGateway' },
        { id: 'fn', kind: 'function', params: fn(50) },
        { id: 'fn2', kind: 'function', params: fn(20) },
        { id: 'tbl', kind: 'table', params: { streamEnabled: true } },
        { id: 'reader', kind: 'function', params: fn(10) },
      ],
      [
        { source: 'p', target: 'api' }, // e1
        { source: 'api', target: 'fn' }, // e2
        { source: 'fn', target: 'fn2', params: { mode: 'sync' } }, // e3
        { source: 'fn', target: 'tbl' }, // e4
        { source: 'tbl', target: 'reader' }, // e5
      ],
      { durationSeconds: 1000 },
    );
    const r = run(doc, { traceSampleRate: 1 });
    const byNode = new Map(links(r).map((l) => [l[0], l.slice(1)]));
    expect(byNode.get('api')).toEqual(['-', ['e1'], true]);
    expect(byNode.get('fn')).toEqual(['api', ['e2'], true]);
    expect(byNode.get('fn2')).toEqual(['fn', ['e3'], true]);
    // The write is a hand-off (nobody waits), read from the table's stream by its reader.
    expect(byNode.get('tbl')).toEqual(['fn', ['e4'], false]);
    expect(byNode.get('reader')).toEqual(['tbl', ['e5'], false]);
    // The synchronous callee lies inside its caller: fn waits 50 ms, then fn2 runs 20 ms.
    const h = Object.fromEntries(r.traces[0].hops.map((x) => [x.node, x]));
    expect(h.fn2.startMs).toBe(500_050);
    expect(h.fn2.endMs).toBe(h.fn.endMs);
  });

  it('SNS fan-out: each queue’s hop came from the producer over the topic, each worker from its own queue', () => {
    const doc = scenario(
      [
        { id: 'p', kind: 'producer', params: { traffic: ONE_AT_500 } },
        { id: 't', kind: 'topic' },
        ...[1, 2, 3].map((i) => ({ id: `q${i}`, kind: 'queue' })),
        ...[1, 2, 3].map((i) => ({ id: `w${i}`, kind: 'function', params: fn(10 * i) })),
      ],
      [
        { source: 'p', target: 't' }, // e1
        ...[1, 2, 3].map((i) => ({ source: 't', target: `q${i}` })), // e2–e4
        ...[1, 2, 3].map((i) => ({ source: `q${i}`, target: `w${i}` })), // e5–e7
      ],
      { durationSeconds: 1000 },
    );
    const r = run(doc, { traceSampleRate: 1 });
    const got = links(r).sort((a, b) => a[0].localeCompare(b[0]));
    // The topic records no hop of its own: its edge is part of the queues' way in.
    expect(got).toEqual([
      ['q1', '-', ['e1', 'e2'], false],
      ['q2', '-', ['e1', 'e3'], false],
      ['q3', '-', ['e1', 'e4'], false],
      ['w1', 'q1', ['e5'], false],
      ['w2', 'q2', ['e6'], false],
      ['w3', 'q3', ['e7'], false],
    ]);
    expect(r.traces[0].hops.find((h) => h.node === 'w3')!.endMs).toBe(500_030);
  });

  it('queue → function retries: each receive follows the one before, each attempt its own receive', () => {
    const doc = scenario(
      [
        { id: 'p', kind: 'producer', params: { traffic: ONE_AT_500 } },
        { id: 'q', kind: 'queue', params: { visibilityTimeoutSeconds: 60, maxReceiveCount: 3 } },
        { id: 'f', kind: 'function', params: fn(100, { errorRate: 1 }) },
        { id: 'dlq', kind: 'queue' },
      ],
      [
        { source: 'p', target: 'q' }, // e1
        { source: 'q', target: 'f' }, // e2
        { source: 'q', target: 'dlq', role: 'dlq' }, // e3
      ],
      { durationSeconds: 1000 },
    );
    const r = run(doc, { traceSampleRate: 1 });
    const hops = r.traces[0].hops;
    expect(hops.map((h) => [h.node, h.startMs, h.parent, h.via, h.outcome])).toEqual([
      ['q', 500_000, -1, ['e1'], 'received'],
      ['f', 500_000, 0, ['e2'], 'error'],
      // Visible again a visibility timeout later: received again, at the queue, over no edge.
      ['q', 560_000, 0, [], 'received'],
      ['f', 560_000, 2, ['e2'], 'error'],
      ['q', 620_000, 2, [], 'received'],
      ['f', 620_000, 4, ['e2'], 'error'],
      ['q', 680_000, 4, [], 'deadLettered'],
    ]);
    expect(hops.every((h) => h.sync === undefined)).toBe(true);
  });

  it('every hop of a busy template has a parent recorded before the run ended, or came from a source', () => {
    const doc = scenario(
      [
        { id: 'p', kind: 'producer', params: { traffic: { shape: 'constant', ratePerSecond: 20 } } },
        { id: 'api', kind: 'apiGateway' },
        { id: 'fn', kind: 'function', params: fn(30, { errorRate: 0.1 }) },
        { id: 't', kind: 'topic' },
        { id: 'q', kind: 'queue' },
        { id: 'w', kind: 'function', params: fn(200, { errorRate: 0.3 }) },
      ],
      [
        { source: 'p', target: 'api' },
        { source: 'api', target: 'fn' },
        { source: 'fn', target: 't' },
        { source: 't', target: 'q' },
        { source: 'q', target: 'w', params: { batchSize: 5 } },
      ],
      { durationSeconds: 60 },
    );
    const r = run(doc, { traceSampleRate: 0.1, maxTraces: 500 });
    expect(r.traces.length).toBeGreaterThan(50);
    const edgeIds = new Set(doc.edges.map((e) => e.id));
    let fromQueue = 0;
    for (const tr of r.traces)
      for (const h of tr.hops) {
        for (const e of h.via) expect(edgeIds.has(e)).toBe(true);
        if (h.parent < 0) {
          // Only the API's visit comes straight from the producer (over e1), and the client waits.
          expect([h.node, h.via, h.sync]).toEqual(['api', ['e1'], true]);
          continue;
        }
        const p = tr.hops[h.parent];
        // The last edge ends at this hop's node; the first starts at the parent's node.
        const first = doc.edges.find((e) => e.id === h.via[0]);
        if (h.via.length > 0) {
          expect(first!.source).toBe(p.node);
          expect(doc.edges.find((e) => e.id === h.via[h.via.length - 1])!.target).toBe(h.node);
        } else expect(p.node).toBe(h.node);
        if (h.node === 'w') {
          fromQueue++;
          expect(p.node).toBe('q');
          expect(p.endMs).toBeLessThanOrEqual(h.startMs);
        }
      }
    expect(fromQueue).toBeGreaterThan(20);
  });

  it('a synchronous call the function throttles is a hop of its own: outcome throttled, no time, under the API', () => {
    // Reserved concurrency 1 and 2 s handlers: of two requests 1 s apart, the second is throttled.
    const doc = scenario(
      [
        { id: 'p', kind: 'producer', params: { traffic: { shape: 'constant', ratePerSecond: 1 } } },
        { id: 'api', kind: 'apiGateway' },
        { id: 'fn', kind: 'function', params: fn(2000, { reservedConcurrency: 1 }) },
      ],
      [
        { source: 'p', target: 'api' },
        { source: 'api', target: 'fn' },
      ],
      { durationSeconds: 10 },
    );
    const r = run(doc, { traceSampleRate: 1 });
    const throttles = (r.nodes.fn.metrics as Record<string, number>).throttles;
    expect(throttles).toBeGreaterThan(0);
    const hops = r.traces.flatMap((tr) =>
      tr.hops.map((h) => ({ h, parent: h.parent >= 0 ? tr.hops[h.parent] : null })),
    );
    const throttled = hops.filter(({ h }) => h.node === 'fn' && h.outcome === 'throttled');
    // Counted independently of the metric: one throttled hop per throttle the function counted.
    expect(throttled).toHaveLength(throttles);
    for (const { h, parent } of throttled) {
      expect(h.endMs).toBe(h.startMs);
      expect(parent?.node).toBe('api');
      expect(h.sync).toBe(true);
    }
  });
});
