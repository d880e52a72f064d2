import { describe, expect, it } from 'vitest';
import type { Result } from '../../src/engine/result';
import type { Trace, TraceHop } from '../../src/engine/sim/requests';
import { simulate } from '../../src/engine/simulate';
import {
  buildInternals,
  fleetAt,
  peakUpTo,
  queueAt,
  streamAt,
  streamReaders,
  trackKey,
  type NodeTracks,
} from '../../src/app/classroom/internals';
import {
  LVL_FLEET_DRAINING,
  LVL_FLEET_SERVING,
  LVL_FLEET_STARTING,
  LVL_FLEET_WAITING,
  LVL_QUEUE_VISIBLE,
  READER_STRIDE,
  REC_LANE_BATCH,
} from '../../src/engine/sim/recorder';
import { insidesDoc } from '../e2e/insides-doc';
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

/** How many of the values (sorted ascending) are ≤ t. */
function atMost(sorted: Float64Array, t: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The number of spans covering t (start ≤ t < end), as started minus ended by t: the same count
 * as filtering every span with covers(), in log time. The server tests ask it at 1,500 instants
 * of 7,200 hops, which filtering did in 10 million comparisons (the test then timed out on a
 * loaded machine).
 */
function coverCount(spans: readonly { startMs: number; endMs: number }[]): (t: number) => number {
  const starts = Float64Array.from(spans, (h) => h.startMs).sort();
  const ends = Float64Array.from(spans, (h) => h.endMs).sort();
  return (t) => atMost(starts, t) - atMost(ends, t);
}

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
      const insideAt = coverCount(hops);
      for (const t of instants(700, 298_000, 15))
        expect(insideAt(t), 'the counted spans are the covering ones').toBe(
          hops.filter((h) => covers(h, t)).length,
        );
      let sawWaiting = 0;
      let maxServing = 0;
      for (const t of instants(500, 299_000, 1500)) {
        const at = fleetAt(x, t);
        // Inside = arrived and not answered (no timeouts, no refusals in this scenario).
        const inside = insideAt(t);
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

  it("queue: each reader's batches, in a call or gathered in a batch window, message by message", () => {
    // Two readers share the queue: f1 gathers up to 10 messages for up to 1 s, f2 takes up to 3 at once.
    const doc = scenario(
      [
        { id: 'p', kind: 'producer', params: { traffic: { shape: 'poisson', ratePerSecond: 40 } } },
        { id: 'q', kind: 'queue' },
        {
          id: 'f1',
          kind: 'function',
          params: { coldStart: NO_COLD, duration: { dist: 'exponential', meanMs: 700 } },
        },
        {
          id: 'f2',
          kind: 'function',
          params: { coldStart: NO_COLD, duration: { dist: 'exponential', meanMs: 300 } },
        },
      ],
      [
        { source: 'p', target: 'q' },
        {
          source: 'q',
          target: 'f1',
          params: { batchSize: 10, batchWindowSeconds: 1, maximumConcurrency: 2 },
        },
        { source: 'q', target: 'f2', params: { batchSize: 3, maximumConcurrency: 2 } },
      ],
      { durationSeconds: 60, seed: 11 },
    );
    const { result, tracks } = runAll(doc);
    const q = tracks('q');
    expect(q.info.readers).toEqual(['f1', 'f2']);
    // From the traces: each call of a reader is one batch (its messages share the call's hop);
    // a message is in its batch from its receive (the end of its 'received' hop) until the call
    // ends, gathered before the call starts.
    const batches = new Map<string, { reader: string; start: number; end: number; taken: number[] }>();
    for (const tr of result.traces as Trace[]) {
      tr.hops.forEach((h, i) => {
        if (h.node !== 'q' || h.outcome !== 'received') return;
        const call = tr.hops[i + 1];
        if (!call || (call.node !== 'f1' && call.node !== 'f2')) return;
        const key = `${call.node}:${call.startMs}:${call.endMs}`;
        const b = batches.get(key) ?? { reader: call.node, start: call.startMs, end: call.endMs, taken: [] };
        b.taken.push(h.endMs);
        batches.set(key, b);
      });
    }
    let sawGathering = 0;
    let sawBoth = 0;
    for (const t of instants(1000, 50_000, 500)) {
      const at = queueAt(q, t);
      for (const [r, reader] of ['f1', 'f2'].entries()) {
        const expected = [...batches.values()]
          .filter((b) => b.reader === reader && b.taken.some((x) => x <= t) && t < b.end)
          .map((b) => (t < b.start ? -b.taken.filter((x) => x <= t).length : b.taken.length))
          .sort((x, y) => x - y);
        const got = [...at.readers[r].batches].sort((x, y) => x - y);
        expect(got, `${reader}'s batches at ${t}`).toEqual(expected);
        if (reader === 'f1' && got.some((v) => v < 0)) sawGathering++;
      }
      // f2 never waits: its batches are never gathered.
      expect(at.readers[1].batches.every((v) => v > 0)).toBe(true);
      if (at.readers.every((r) => r.batches.length > 0)) sawBoth++;
      // The readers' batches in a call add up to the queue's count of batches running.
      expect(at.readers.flatMap((r) => r.batches).filter((v) => v > 0).length).toBe(at.batches);
    }
    expect(sawGathering).toBeGreaterThan(20);
    expect(sawBoth).toBeGreaterThan(20);
  });

  it('stream: every reader has lanes of its own, each holding every record until that reader is done with it', () => {
    const doc = scenario(
      [
        { id: 'p', kind: 'producer', params: { traffic: { shape: 'poisson', ratePerSecond: 30 } } },
        { id: 's', kind: 'stream', params: { shards: 2 } },
        {
          id: 'slow',
          kind: 'function',
          params: { coldStart: NO_COLD, duration: { dist: 'exponential', meanMs: 900 } },
        },
        {
          id: 'fast',
          kind: 'function',
          params: { coldStart: NO_COLD, duration: { dist: 'exponential', meanMs: 100 } },
        },
      ],
      [
        { source: 'p', target: 's' },
        { source: 's', target: 'slow', params: { batchSize: 5 } },
        { source: 's', target: 'fast', params: { batchSize: 50, parallelizationFactor: 2 } },
      ],
      { durationSeconds: 60, seed: 4 },
    );
    const { result, tracks } = runAll(doc);
    const s = tracks('s');
    expect(streamReaders(s)).toEqual(['slow', 'fast']);
    expect(s.info.lanesPerShard).toEqual([1, 2]);
    // Both readers' lanes were recorded (the second from READER_STRIDE on).
    expect([...s.tracks.keys()].some((k) => k % 4_294_967_296 >= READER_STRIDE)).toBe(true);
    const per = (reader: string) =>
      result.traces.map((tr: Trace) => {
        const fn = tr.hops.find((h) => h.node === reader);
        return { at: tr.startMs, end: fn?.endMs ?? Infinity, call: fn };
      });
    const recs = { slow: per('slow'), fast: per('fast') };
    let differ = 0;
    for (const t of instants(1000, 45_000, 300)) {
      const counts: number[] = [];
      for (const [r, reader] of (['slow', 'fast'] as const).entries()) {
        const shards = streamAt(s, t, r);
        expect(shards).toHaveLength(2);
        const lanes = shards.flatMap((sh) => sh.lanes);
        expect(lanes).toHaveLength(r === 0 ? 2 : 4);
        const alive = recs[reader].filter((x) => x.at <= t && t < x.end);
        const n = lanes.reduce((m, l) => m + l.records, 0);
        expect(n, `${reader}'s records at ${t}`).toBe(alive.length);
        expect(
          lanes.reduce((m, l) => m + Math.max(0, l.batch), 0),
          `${reader}'s records in a call at ${t}`,
        ).toBe(recs[reader].filter((x) => x.call && covers(x.call, t)).length);
        const ages = shards.map((sh) => sh.iteratorAgeMs).filter((a): a is number => a !== undefined);
        if (alive.length > 0)
          expect(Math.max(...ages)).toBeCloseTo(t - Math.min(...alive.map((x) => x.at)), 6);
        else expect(ages).toEqual([]);
        counts.push(n);
      }
      if (counts[0] !== counts[1]) differ++;
    }
    // The slow reader falls behind the fast one: their lanes are not copies of each other.
    expect(differ).toBeGreaterThan(100);
  });

  it('server: each instance serves at most its slots, and the instances add up to the fleet', () => {
    const doc = scenario(
      [
        { id: 'p', kind: 'producer', params: { traffic: { shape: 'poisson', ratePerSecond: 24 } } },
        { id: 'lb', kind: 'loadBalancer' },
        {
          id: 'x',
          kind: 'server',
          params: {
            instances: { min: 1, max: 3 },
            concurrencyPerInstance: 4,
            autoscaling: { scaleOutDelaySeconds: 60, cooldownSeconds: 3600 },
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
    const insideAt = coverCount(hops);
    let sawStarting = 0;
    let sawTwo = 0;
    for (const t of instants(500, 299_000, 800)) {
      const at = fleetAt(x, t);
      const inside = insideAt(t);
      const serving = at.instances.filter((i) => i.state === 'serving');
      expect(serving.length, `serving at ${t}`).toBe(at.serving);
      expect(at.instances.filter((i) => i.state === 'starting').length).toBe(at.starting);
      expect(
        at.instances.reduce((n, i) => n + i.busy, 0),
        `busy at ${t}`,
      ).toBe(at.busy);
      expect(at.busy).toBe(Math.min(inside, at.serving * 4));
      for (const i of at.instances) {
        expect(i.busy).toBeLessThanOrEqual(4);
        if (i.state === 'starting') expect(i.busy).toBe(0);
      }
      // A request waits only when every serving instance has all its slots busy.
      if (at.waiting > 0) expect(serving.every((i) => i.busy === 4)).toBe(true);
      if (at.starting > 0) sawStarting++;
      if (serving.length >= 2) sawTwo++;
    }
    expect(sawStarting).toBeGreaterThan(0);
    expect(sawTwo).toBeGreaterThan(100);
  });

  for (const launchType of ['ec2', 'eks'] as const)
    it(`container on ${launchType}: tasks sit on hosts, and wait while their new host launches`, () => {
      // m5.large: 2 vCPU, 8 GB. Tasks of 1 vCPU: two fit a host, so the third task needs a new one.
      const doc = scenario(
        [
          { id: 'p', kind: 'producer', params: { traffic: { shape: 'poisson', ratePerSecond: 30 } } },
          { id: 'lb', kind: 'loadBalancer' },
          {
            id: 'x',
            kind: 'container',
            params: {
              launchType,
              instanceType: 'm5.large',
              vcpu: 1,
              memoryGB: 2,
              tasks: { min: 2, max: 4 },
              concurrencyPerTask: 2,
              startupSeconds: 20,
              autoscaling: { scaleOutDelaySeconds: 30, cooldownSeconds: 3600 },
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
        { durationSeconds: 400, seed: 8 },
      );
      const { tracks } = runAll(doc);
      const x = tracks('x');
      expect(x.info.launchType).toBe(launchType);
      let sawLaunching = 0;
      let mostHosts = 0;
      for (const t of instants(500, 399_000, 800)) {
        const at = fleetAt(x, t);
        const hosts = at.hosts!;
        // Every task sits on exactly one host, and no host holds more than the two that fit.
        expect(hosts.reduce((n, h) => n + h.tasks.length, 0)).toBe(at.instances.length);
        for (const h of hosts) {
          expect(h.tasks.length).toBeLessThanOrEqual(2);
          // A task cannot serve before its host does.
          if (h.launching) {
            sawLaunching++;
            for (const task of h.tasks) expect(task.state).toBe('starting');
          }
        }
        mostHosts = Math.max(mostHosts, hosts.length);
      }
      // At the start: 2 tasks on one host (ECS packs them; EKS spreads only over hosts that exist).
      expect(fleetAt(x, 0).hosts!.map((h) => h.tasks.length)).toEqual([2]);
      expect(mostHosts).toBeGreaterThan(1);
      expect(sawLaunching).toBeGreaterThan(0);
    });
});

describe('the insides at a scrubbed t are the state a run that ends at t ends in', () => {
  it("queue: messages waiting and in flight, and the most that waited; a fleet's most instances (tasks) and waiting requests", () => {
    // Two readers of a queue (one gathering batches), an ECS-on-EC2 service that needs a
    // second host, a server fleet that scales out: the e2e test's scenario, with a server.
    const doc = insidesDoc();
    doc.nodes.push(
      {
        id: 'web',
        kind: 'server',
        label: 'web',
        position: { x: 1300, y: 420 },
        params: {
          instances: { min: 1, max: 3 },
          concurrencyPerInstance: 2,
          autoscaling: { scaleOutDelaySeconds: 20, cooldownSeconds: 3600 },
          duration: { dist: 'exponential', meanMs: 300 },
        } as Record<string, unknown>,
      },
      {
        id: 'browsers',
        kind: 'producer',
        label: 'browsers',
        position: { x: 1300, y: 0 },
        params: { traffic: { shape: 'poisson', ratePerSecond: 9 } },
      } as never,
    );
    doc.nodes.push({
      id: 'lb',
      kind: 'loadBalancer',
      label: 'lb',
      position: { x: 1300, y: 200 },
      params: {},
    });
    doc.edges.push(
      { id: 'e9', source: 'browsers', target: 'lb', role: 'invoke', params: {} },
      { id: 'e10', source: 'lb', target: 'web', role: 'invoke', params: {} },
    );
    const internals = buildInternals(simulate(doc, { record: 2_000_000 }).recording);
    expect(internals.insidesTruncatedAtMs).toBeUndefined();
    const q = internals.others.get('queue')!;
    const depth = peakUpTo(q, [LVL_QUEUE_VISIBLE]);
    const fleets = ['tasks', 'web'].map((id) => {
      const nt = internals.others.get(id)!;
      return {
        id,
        nt,
        running: peakUpTo(nt, [LVL_FLEET_STARTING, LVL_FLEET_SERVING, LVL_FLEET_DRAINING]),
        waiting: peakUpTo(nt, [LVL_FLEET_WAITING]),
      };
    });
    let scaled = 0;
    for (const t of [13.37, 30.7, 58.35, 97.1, 119.2]) {
      const upTo = simulate(doc, { durationSeconds: t });
      const m = (id: string) => upTo.nodes[id].metrics as Record<string, number>;
      const at = queueAt(q, t * 1000);
      expect(at.visible, `queue: waiting at ${t} s`).toBe(m('queue').messages - m('queue').inFlight);
      expect(at.inFlight, `queue: in flight at ${t} s`).toBe(m('queue').inFlight);
      expect(depth(t * 1000), `queue: most waiting up to ${t} s`).toBe(m('queue').maxDepth);
      for (const f of fleets) {
        expect(f.running(t * 1000), `${f.id}: most instances up to ${t} s`).toBe(m(f.id).maxInstances);
        expect(f.waiting(t * 1000), `${f.id}: most waiting up to ${t} s`).toBe(m(f.id).maxQueue);
        if (m(f.id).maxInstances > 2) scaled++;
      }
    }
    // Both fleets scaled out by the end, so the peaks were tested as they grew.
    expect(scaled).toBeGreaterThanOrEqual(2);
  });
});
