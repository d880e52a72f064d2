import { describe, expect, it } from 'vitest';
import { buildReplay, dotsAt, type ReplayGraph } from '../../src/app/classroom/replay';
import { graphOf } from '../../src/app/classroom/replay-data';
import type { Trace } from '../../src/engine/sim/requests';
import { simulate } from '../../src/engine/simulate';
import { NO_COLD_START, scenario } from '../engine/helpers';

/**
 * The replay moves dots along the edges and parents the engine recorded in each hop, not
 * along a path it finds in the diagram.
 */
const constMs = (ms: number) => ({ dist: 'constant', meanMs: ms });
const ONE_AT_500 = { shape: 'constant', ratePerSecond: 0.001 };

/** Where the dot of the trace's visit to `node` is halfway along its way in. */
function midway(replay: ReturnType<typeof buildReplay>, node: string) {
  const vi = replay.visits.findIndex((v) => v.node === node);
  const v = replay.visits[vi];
  const dot = dotsAt(replay, (v.legIn!.t0 + v.legIn!.t1) / 2).find((d) => d.visit === vi)!;
  return { v, dot };
}

describe('replay along the recorded edges', () => {
  it('SNS fan-out: each dot travels the topic’s edge to its queue, then its queue’s edge to its worker', () => {
    const doc = scenario(
      [
        { id: 'p', kind: 'producer', params: { traffic: ONE_AT_500 } },
        { id: 't', kind: 'topic' },
        ...[1, 2].map((i) => ({ id: `q${i}`, kind: 'queue' })),
        ...[1, 2].map((i) => ({
          id: `w${i}`,
          kind: 'function',
          params: { coldStart: NO_COLD_START, duration: constMs(40) },
        })),
      ],
      [
        { source: 'p', target: 't' }, // e1
        { source: 't', target: 'q1' }, // e2
        { source: 't', target: 'q2' }, // e3
        { source: 'q1', target: 'w1' }, // e4
        { source: 'q2', target: 'w2' }, // e5
      ],
      { durationSeconds: 1000 },
    );
    const result = simulate(doc, { traceSampleRate: 1 });
    const replay = buildReplay(result, graphOf(doc));
    const expected: [string, string[], string][] = [
      ['q1', ['e1', 'e2'], '-'],
      ['q2', ['e1', 'e3'], '-'],
      ['w1', ['e4'], 'q1'],
      ['w2', ['e5'], 'q2'],
    ];
    for (const [node, edges, parent] of expected) {
      const { v, dot } = midway(replay, node);
      expect(v.legIn!.edges).toEqual(edges);
      expect(v.parent >= 0 ? replay.visits[v.parent].node : '-').toBe(parent);
      expect(v.sync).toBe(false);
      expect(v.legOut).toBeNull();
      // A queue's receive takes no time, so only the workers' dots are seen on the way.
      if (node.startsWith('w')) expect(dot.place).toMatchObject({ at: 'edges', edges, reverse: [false] });
    }
  });

  it('a synchronous invoke from a function is drawn as a call: in over its edge, and the answer back', () => {
    const doc = scenario(
      [
        { id: 'p', kind: 'producer', params: { traffic: ONE_AT_500 } },
        { id: 'api', kind: 'apiGateway' },
        { id: 'fn', kind: 'function', params: { coldStart: NO_COLD_START, duration: constMs(50) } },
        { id: 'fn2', kind: 'function', params: { coldStart: NO_COLD_START, duration: constMs(20) } },
      ],
      [
        { source: 'p', target: 'api' },
        { source: 'api', target: 'fn' },
        { source: 'fn', target: 'fn2', params: { mode: 'sync' } },
      ],
      { durationSeconds: 1000 },
    );
    const result = simulate(doc, { traceSampleRate: 1 });
    const replay = buildReplay(result, graphOf(doc));
    const { v, dot } = midway(replay, 'fn2');
    expect(replay.visits[v.parent].node).toBe('fn');
    expect(v.sync).toBe(true);
    expect(dot.place).toMatchObject({ at: 'edges', edges: ['e3'], reverse: [false] });
    // The answer travels fn2 → fn after fn2's 20 ms, which end with fn's own at 500 070 ms.
    expect(v.endMs).toBe(500_070);
    const back = dotsAt(replay, (v.legOut!.t0 + v.legOut!.t1) / 2).find(
      (d) => d.visit === replay.visits.indexOf(v),
    )!;
    expect(back.place).toMatchObject({ at: 'edges', edges: ['e3'], reverse: [true] });
  });

  it('follows the recorded way even where the diagram has a shorter one, and the recorded sync flag', () => {
    // p → t → q → w, and t → w directly. The trace says the worker's event came straight from
    // the topic (e4), not from the queue the request also visited; and that the API-like call
    // to w was waited for although w ended after its parent (an answer after a timeout).
    const graph: ReplayGraph = {
      nodes: [
        { id: 'p', kind: 'producer' },
        { id: 't', kind: 'topic' },
        { id: 'q', kind: 'queue' },
        { id: 'w', kind: 'function' },
      ],
      edges: [
        { id: 'e1', source: 'p', target: 't' },
        { id: 'e2', source: 't', target: 'q' },
        { id: 'e3', source: 'q', target: 'w' },
        { id: 'e4', source: 't', target: 'w' },
      ],
    };
    const trace: Trace = {
      id: 0,
      startMs: 1000,
      endMs: 1500,
      outcome: 'completed',
      hops: [
        { node: 'q', startMs: 1000, endMs: 1000, outcome: 'received', parent: -1, via: ['e1', 'e2'] },
        { node: 'w', startMs: 1000, endMs: 1400, outcome: 'ok', parent: -1, via: ['e1', 'e4'] },
        { node: 'w', startMs: 1200, endMs: 1500, outcome: 'ok', parent: 1, via: [], retry: 1 },
      ],
    };
    const replay = buildReplay({ traces: [trace], simulatedSeconds: 2 }, graph);
    const w = replay.visits.filter((v) => v.node === 'w');
    expect(w[0].legIn!.edges).toEqual(['e1', 'e4']);
    expect(w[0].parent).toBe(-1);
    // The second visit to w waits at w since the first ended: no travel at all.
    expect(w[1].legIn).toBeNull();
    expect(replay.visits[w[1].parent]).toBe(w[0]);
    expect(w[1].showMs).toBe(1200);
    // An edge no longer on the diagram: the dot simply appears at its node.
    const gone = buildReplay(
      { traces: [{ ...trace, hops: [{ ...trace.hops[1], via: ['e9'] }] }], simulatedSeconds: 2 },
      graph,
    );
    expect(gone.visits[0].legIn).toBeNull();
    expect(gone.visits[0].showMs).toBe(1000);
    // Sync comes from the record: the same hop marked sync gets an answer travelling back.
    const synced = buildReplay(
      { traces: [{ ...trace, hops: [{ ...trace.hops[1], sync: true }] }], simulatedSeconds: 2 },
      graph,
    );
    expect(synced.visits[0].legOut!.edges).toEqual(['e4', 'e1']);
    expect(synced.visits[0].legOut!.reverse).toEqual([true, true]);
  });
});
