import { describe, expect, it } from 'vitest';
import type { Result } from '../../src/engine/result';
import type { Trace, TraceHop } from '../../src/engine/sim/requests';
import { simulate } from '../../src/engine/simulate';
import {
  buildInternals,
  fleetAt,
  queueAt,
  streamAt,
  trackKey,
  type NodeTracks,
} from '../../src/app/classroom/internals';
import { REC_LANE_BATCH } from '../../src/engine/sim/recorder';
import { scenario } from '../engine/helpers';

/**
 * The insides the classroom draws at time t come from the engine's recording. Each test runs
 * a small scenario with every request traced and counts the same state independently from
 * the traces' hops (which the recorder does not read), at many instants.
 */

const NO_COLD = { dist: 'constant', meanMs: 0 };

function runAll(doc: ReturnType<typeof scenario>): { result: Result; tracks: (id: string) => NodeTracks } {
  const result = simulate(doc, { traceSampleRate: 1, maxTraces: 100_000, record: 2_000_000 });
  expect(result.traces.length).toBe(result.totals.requests);
  const internals = buildInternals(result.recording);
  expect(internals.insidesTruncatedAtMs).toBeUndefined();
  return {
    result,
    tracks: (id) => {
      const nt = internals.others.get(id);
      if (!nt) throw new Error(`no recorded insides for ${id}`);
      return nt;
    },
  };
}

/** Instants spread over [from, to], off the grid of event times. */
function instants(from: number, to: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => from + ((i + 0.5) * (to - from)) / n + 0.000731 * i);
}

const covers = (h: { startMs: number; endMs: number }, t: number) => h.startMs <= t && t < h.endMs;

describe('recorded insides agree with the traces', () => {
  it('queue: visible, in flight, batches in a call and the oldest message, at every instant', () => {
    const doc = scenario(
      [
        { id: 'p', kind: 'producer', params: { traffic: { shape: 'poisson', ratePerSecond: 30 } } },
        { id: 'q', kind: 'queue' },
        {
          id: 'f',
          kind: 'function',
          params: { coldStart: NO_COLD, duration: { dist: 'exponential', meanMs: 600 } },
        },
      ],
      [
        { source: 'p', target: 'q' },
        { source: 'q', target: 'f', params: { batchSize: 5, maximumConcurrency: 2 } },
      ],
      { durationSeconds: 60, seed: 7 },
    );
    const { result, tracks } = runAll(doc);
    const q = tracks('q');
    // Per message, from its hops: visible from its send, or from when it came back, until a
    // receive (a "received" hop spans exactly that); then in flight until its batch returns ok
    // (the reader's hop ends), or, after a failed call, until it is visible again (the next
    // received hop starts). A message never received waits from its send (its trace's start).
    const visibleSpans: { startMs: number; endMs: number; sent: number }[] = [];
    const inFlightSpans: { startMs: number; endMs: number }[] = [];
    const calls = new Set<string>();
    const callSpans: { startMs: number; endMs: number }[] = [];
    for (const tr of result.traces as Trace[]) {
      const hops = tr.hops.filter((h) => h.node === 'q' || h.node === 'f');
      if (hops.length === 0) visibleSpans.push({ startMs: tr.startMs, endMs: Infinity, sent: tr.startMs });
      hops.forEach((h, i) => {
        if (h.node === 'f') {
          const key = `${h.startMs}:${h.endMs}`;
          if (!calls.has(key)) callSpans.push(h);
          calls.add(key);
          return;
        }
        expect(h.outcome).toBe('received');
        visibleSpans.push({ ...h, sent: tr.startMs });
        const call = hops[i + 1];
        const again = hops.slice(i + 1).find((x) => x.node === 'q');
        const end = call?.outcome === 'ok' ? call.endMs : (again?.startMs ?? Infinity);
        inFlightSpans.push({ startMs: h.endMs, endMs: end });
      });
    }
    expect(inFlightSpans.some((s) => s.endMs === Infinity)).toBe(true);
    let sawWaiting = 0;
    for (const t of instants(1000, 59_000, 400)) {
      const at = queueAt(q, t);
      const visible = visibleSpans.filter((s) => covers(s, t));
      expect(at.visible, `visible at ${t}`).toBe(visible.length);
      expect(at.inFlight, `in flight at ${t}`).toBe(inFlightSpans.filter((s) => covers(s, t)).length);
      expect(at.batches, `batches at ${t}`).toBe(callSpans.filter((s) => covers(s, t)).length);
      if (visible.length > 0) {
        sawWaiting++;
        expect(at.oldestAgeMs).toBeCloseTo(t - Math.min(...visible.map((m) => m.sent)), 6);
      } else expect(at.oldestAgeMs).toBeUndefined();
    }
    // The scenario is busy enough to test something: messages wait at many of the instants.
    expect(sawWaiting).toBeGreaterThan(100);
  });

  it('stream: records per shard, the batch in a call and the iterator age, at every instant', () => {
    const doc = scenario(
      [
        { id: 'p', kind: 'producer', params: { traffic: { shape: 'poisson', ratePerSecond: 40 } } },
        { id: 's', kind: 'stream', params: { shards: 2 } },
        {
          id: 'f',
          kind: 'function',
          params: { coldStart: NO_COLD, duration: { dist: 'exponential', meanMs: 400 } },
        },
      ],
      [
        { source: 'p', target: 's' },
        { source: 's', target: 'f', params: { batchSize: 10 } },
      ],
      { durationSeconds: 60, seed: 3 },
    );
    const { result, tracks } = runAll(doc);
    const s = tracks('s');
    expect(s.info.shards).toBe(2);
    // Per record: in its lane from its arrival until its batch returns; in a call from the batch's start.
    const recs = result.traces.map((tr: Trace) => {
      const fn = tr.hops.find((h) => h.node === 'f');
      return { at: tr.startMs, end: fn?.endMs ?? Infinity, call: fn };
    });
    let sawBacklog = 0;
    // Up to 50 s: every call started by then has returned (and left its hop) by the end at 60 s.
    for (const t of instants(1000, 50_000, 400)) {
      const shards = streamAt(s, t);
      const lanes = shards.flatMap((sh) => sh.lanes);
      const alive = recs.filter((r) => r.at <= t && t < r.end);
      const inCall = recs.filter((r) => r.call && covers(r.call, t)).length;
      expect(
        lanes.reduce((n, l) => n + l.records, 0),
        `records at ${t}`,
      ).toBe(alive.length);
      expect(
        lanes.reduce((n, l) => n + Math.max(0, l.batch), 0),
        `in a call at ${t}`,
      ).toBe(inCall);
      expect(lanes.every((l) => l.batch >= 0)).toBe(true);
      // A lane never holds fewer records than its batch.
      for (const l of lanes) expect(l.records).toBeGreaterThanOrEqual(Math.abs(l.batch));
      const ages = shards.map((sh) => sh.iteratorAgeMs).filter((a): a is number => a !== undefined);
      if (alive.length > 0) {
        sawBacklog++;
        expect(Math.max(...ages)).toBeCloseTo(t - Math.min(...alive.map((r) => r.at)), 6);
      } else expect(ages).toEqual([]);
    }
    expect(sawBacklog).toBeGreaterThan(100);
  });

  it('stream: a failing batch is held in its lane for a retry and blocks it', () => {
    const doc = scenario(
      [
        { id: 'p', kind: 'producer', params: { traffic: { shape: 'poisson', ratePerSecond: 5 } } },
        { id: 's', kind: 'stream', params: { shards: 1 } },
        {
          id: 'f',
          kind: 'function',
          params: { coldStart: NO_COLD, duration: { dist: 'constant', meanMs: 100 }, errorRate: 0.05 },
        },
      ],
      [
        { source: 'p', target: 's' },
        { source: 's', target: 'f', params: { batchSize: 10, maximumRetryAttempts: 2 } },
      ],
      { durationSeconds: 60, seed: 1, warmupSeconds: 0 },
    );
    const { result, tracks } = runAll(doc);
    const s = tracks('s');
    const lane = s.tracks.get(trackKey(REC_LANE_BATCH, 0))!;
    // Each retry of a failed batch (the stream's own count) is one spell of the lane holding it.
    let holds = 0;
    for (let i = 0; i < lane.v.length; i++) {
      if (lane.v[i] < 0 && (i === 0 || lane.v[i - 1] > 0)) holds++;
      // While held, the lane keeps the batch's records and nothing else is in a call.
      if (lane.v[i] < 0)
        expect(streamAt(s, lane.t[i])[0].lanes[0].records).toBeGreaterThanOrEqual(-lane.v[i]);
    }
    const m = result.nodes.s.metrics as Record<string, number>;
    expect(m.retries).toBeGreaterThan(0);
    expect(holds).toBe(m.retries);
  });

  for (const kind of ['server', 'container'] as const) {
    it(`${kind}: busy slots and waiting requests are the requests inside, slots filled first`, () => {
      const fleet =
        kind === 'server'
          ? {
              instances: { min: 1, max: 3 },
              concurrencyPerInstance: 4,
              autoscaling: { scaleOutDelaySeconds: 60, cooldownSeconds: 3600 },
            }
          : {
              tasks: { min: 1, max: 3 },
              concurrencyPerTask: 4,
              startupSeconds: 20,
              autoscaling: { scaleOutDelaySeconds: 30, cooldownSeconds: 3600 },
            };
      const doc = scenario(
        [
          { id: 'p', kind: 'producer', params: { traffic: { shape: 'poisson', ratePerSecond: 24 } } },
          { id: 'lb', kind: 'loadBalancer' },
          {
            id: 'x',
            kind,
            params: {
              ...fleet,
              duration: { dist: 'exponential', meanMs: 200 },
              requestTimeoutMs: 600_000,
              queueLimit: 100_000,
            },
          },
        ],
        [
          { source: 'p', target: 'lb' },
          { source: 'lb', target: 'x' },
        ],
        { durationSeconds: 300, seed: 5 },
      );
      const { result, tracks } = runAll(doc);
      const x = tracks('x');
      const hops: TraceHop[] = result.traces.flatMap((tr) => tr.hops.filter((h) => h.node === 'x'));
      let sawWaiting = 0;
      let maxServing = 0;
      for (const t of instants(500, 299_000, 1500)) {
        const at = fleetAt(x, t);
        // Inside = arrived and not answered (no timeouts, no refusals in this scenario).
        const inside = hops.filter((h) => covers(h, t)).length;
        const slots = at.serving * at.slotsPerInstance;
        expect(at.draining, 'no scale-in in this run').toBe(0);
        expect(at.busy + at.waiting, `inside at ${t}`).toBe(inside);
        // Work-conserving: a request waits only when every serving slot is busy.
        expect(at.busy, `busy at ${t}`).toBe(Math.min(inside, slots));
        if (at.waiting > 0) sawWaiting++;
        maxServing = Math.max(maxServing, at.serving);
      }
      expect(sawWaiting).toBeGreaterThan(50);
      // 24/s × 0.2 s = 4.8 busy on average: more than one instance's 4 slots, so the fleet grew.
      expect(maxServing).toBeGreaterThan(1);
      expect(fleetAt(x, 0).serving).toBe(1);
      const metrics = result.nodes.x.metrics as Record<string, number>;
      if (metrics.maxInstances !== undefined) expect(maxServing).toBeLessThanOrEqual(metrics.maxInstances);
    });
  }
});
