import {
  LVL_FLEET_DRAINING,
  LVL_FLEET_SERVING,
  LVL_FLEET_STARTING,
  LVL_POOL_HOSTS,
  LVL_POOL_MEM,
  LVL_POOL_TASKS,
  LVL_POOL_VCPU,
  LVL_QUEUE_VISIBLE,
  REC_COUNT,
  REC_LEVEL,
  REC_COUNT_WARMUP,
  REC_ENV_BUSY,
  REC_ENV_IDLE,
  recordingColumns,
  type RecordingNode,
} from '../../engine/sim/recorder';
import { KINDS } from '../../engine/kinds/registry';
import type { CountAtT } from '../../engine/kinds/catalog-types';
import type { NodeKind } from '../../engine/kinds/names';
import { round6 } from '../../engine/metrics/series';
import { areaUpTo, meanUtilizationUpTo, peakUpTo, trackKey, type NodeTracks } from './internals';
import type { ReplayData } from './replay-data';
import { TARGET_TRACES } from './run-options';

/**
 * A node's figures up to simulated time t, for the badges while a replay is open: every
 * number on screen then describes the same instant. Counted from the run's own records, not
 * interpolated: a function's invocations, cold starts, errors, timeouts and most concurrent
 * calls, a queue's deepest backlog and a fleet's most instances and mean utilisation from the
 * engine's recording (exact, sampled run or not); other counts from the traced requests' hops
 * (every request is traced in a small run; in a larger one the sampled count is scaled up and
 * that figure says "≈"). A hop is traced when it ends: in the last moments of a run, work still
 * going at the end is not counted.
 */
export interface FiguresAt {
  values: Record<string, number>;
  /** No value is estimated: every one is exact. */
  exact: boolean;
  /** The values scaled up from sampled requests (the engine counted the others exactly). */
  approx: Set<string>;
}

/** Why a figure scaled from sampled requests says "≈" (its tooltip). */
export function approxReason(scale: number): string {
  return `about: the replay traces 1 request in ${Math.round(scale).toLocaleString('en-US')} (at most ${TARGET_TRACES.toLocaleString('en-US')} a run) and scales the traced ones up; the engine counts this one exactly only for the whole run`;
}

interface NodeIndex {
  starts: Float64Array;
  /**
   * Starts of the hops that came over an edge: arrivals. A message received again after a
   * failed call, or a stream record read by a second reader, is a hop at the same node with
   * no edge (`via` empty), not a new arrival.
   */
  arrivals: Float64Array;
  cold: Float64Array;
  /** Hop end times by the hop's outcome. */
  ends: Map<string, Float64Array>;
}

interface TimeIndex {
  nodes: Map<string, NodeIndex>;
  /** Function node → times it took an invocation (the recording), and cold ones. */
  busy: Map<string, { all: Float64Array; cold: Float64Array }>;
  /** Function node → its most concurrent calls up to t (the recording), from the measured window. */
  concurrency: Map<string, (t: number) => number | undefined>;
  /** Function node → times an invocation ended in an error, and in a timeout (the recording). */
  failed: Map<string, { errors: Float64Array; timeouts: Float64Array }>;
  traceStarts: Float64Array;
  traceEnds: Map<string, Float64Array>;
  /** Queue → when the requests it gave up on (to its dead-letter queue) ended. */
  deadLettered: Map<string, Float64Array>;
  allTraced: boolean;
  /** The recording reaches this far (Infinity when it was not cut short). */
  recordedUntil: number;
  /**
   * Peaks up to t from the recorded insides, by node and badge metric: a queue's most
   * messages waiting (maxDepth), a fleet's most running instances or tasks (maxInstances).
   */
  peaks: Map<string, Record<string, (t: number) => number | undefined>>;
  /** The insides' recording reaches this far. */
  insidesUntil: number;
  /**
   * Node → metric → its recorded increments (the engine's REC_COUNT): times, and the counts so
   * far of a run measuring from the warm-up's end (`measured`) and of one measuring from 0 (`all`).
   */
  counts: Map<string, Map<string, RecordedCount>>;
  /** The counters' recording reaches this far. */
  countsUntil: number;
}

interface RecordedCount {
  /** Its records reach this far (a counter's share of the recording, or the part's limit). */
  until: number;
  t: Float64Array;
  measured: Float64Array;
  all: Float64Array;
}

const cache = new WeakMap<ReplayData, TimeIndex>();

/** The metrics a kind's catalog says are counted at t from the hops at its nodes, and how. */
function countedAtT(kind: string): [string, CountAtT][] {
  if (!Object.hasOwn(KINDS, kind)) return [];
  return Object.entries(KINDS[kind as NodeKind].metrics).flatMap(([m, info]) =>
    info.atT ? [[m, info.atT] as [string, CountAtT]] : [],
  );
}

/** A source (producer, schedule) makes the requests: its count (the service map's) is the traces'. */
function sourceCount(kind: string): string | undefined {
  if (!Object.hasOwn(KINDS, kind)) return undefined;
  const k = KINDS[kind as NodeKind];
  return k.traits.source ? k.serviceMap.count[0] : undefined;
}

const sorted = (xs: number[]) => Float64Array.from(xs).sort();

function indexOf(data: ReplayData): TimeIndex {
  const hit = cache.get(data);
  if (hit) return hit;
  const raw = new Map<
    string,
    { starts: number[]; arrivals: number[]; cold: number[]; ends: Map<string, number[]> }
  >();
  const traceStarts: number[] = [];
  const traceEnds = new Map<string, number[]>();
  const deadLettered = new Map<string, number[]>();
  for (const tr of data.result.traces) {
    traceStarts.push(tr.startMs);
    if (tr.outcome === 'deadLettered') {
      // The queue that gave up on it: the last queue it was received from.
      const last = tr.hops.findLast((h) => data.kinds.get(h.node) === 'queue');
      if (last) {
        if (!deadLettered.has(last.node)) deadLettered.set(last.node, []);
        deadLettered.get(last.node)!.push(tr.endMs);
      }
    }
    if (tr.outcome !== 'inFlight') {
      if (!traceEnds.has(tr.outcome)) traceEnds.set(tr.outcome, []);
      traceEnds.get(tr.outcome)!.push(tr.endMs);
    }
    for (const h of tr.hops) {
      let n = raw.get(h.node);
      if (!n) raw.set(h.node, (n = { starts: [], arrivals: [], cold: [], ends: new Map() }));
      n.starts.push(h.startMs);
      if (h.via.length > 0) n.arrivals.push(h.startMs);
      if (h.cold) n.cold.push(h.startMs);
      if (!n.ends.has(h.outcome)) n.ends.set(h.outcome, []);
      n.ends.get(h.outcome)!.push(h.endMs);
    }
  }
  const nodes = new Map<string, NodeIndex>();
  for (const [id, n] of raw)
    nodes.set(id, {
      starts: sorted(n.starts),
      arrivals: sorted(n.arrivals),
      cold: sorted(n.cold),
      ends: new Map([...n.ends].map(([k, v]) => [k, sorted(v)])),
    });
  const busy = new Map<string, { all: number[]; cold: number[] }>();
  const failed = new Map<string, { errors: number[]; timeouts: number[] }>();
  const rec = data.result.recording;
  const rc = rec && recordingColumns(rec);
  // Each function's running calls after each record (the engine's concurrency level changes
  // once per record, in the order the records were made).
  const running = new Map<string, { n: number; at: number[]; now: number[] }>();
  if (rec && rc) {
    for (let i = 0; i < rc.t.length; i++) {
      if (rc.code[i] === REC_ENV_BUSY || rc.code[i] === REC_ENV_IDLE) {
        const id = rec.nodes[rc.node[i]].id;
        let c = running.get(id);
        if (!c) running.set(id, (c = { n: 0, at: [], now: [] }));
        c.n += rc.code[i] === REC_ENV_BUSY ? 1 : -1;
        c.at.push(rc.t[i]);
        c.now.push(c.n);
      }
      if (rc.code[i] === REC_ENV_IDLE && rc.v[i] > 0) {
        const id = rec.nodes[rc.node[i]].id;
        let f = failed.get(id);
        if (!f) failed.set(id, (f = { errors: [], timeouts: [] }));
        (rc.v[i] === 2 ? f.timeouts : f.errors).push(rc.t[i]);
      }
      if (rc.code[i] !== REC_ENV_BUSY) continue;
      const id = rec.nodes[rc.node[i]].id;
      let b = busy.get(id);
      if (!b) busy.set(id, (b = { all: [], cold: [] }));
      b.all.push(rc.t[i]);
      if (rc.v[i] > 0) b.cold.push(rc.t[i]);
    }
    for (const n of rec.nodes)
      if (n.kind === 'function' && !busy.has(n.id)) busy.set(n.id, { all: [], cold: [] });
  }
  const counts = new Map<string, Map<string, RecordedCount>>();
  if (rec && rc) {
    const raw = new Map<string, Map<string, { t: number[]; measured: number[]; all: number[] }>>();
    for (let i = 0; i < rc.t.length; i++) {
      const code = rc.code[i];
      if (code !== REC_COUNT && code !== REC_COUNT_WARMUP) continue;
      const info = rec.nodes[rc.node[i]];
      const metric = info.counters?.[rc.a[i]];
      if (metric === undefined) continue;
      let byMetric = raw.get(info.id);
      if (!byMetric) raw.set(info.id, (byMetric = new Map()));
      let c = byMetric.get(metric);
      if (!c) byMetric.set(metric, (c = { t: [], measured: [], all: [] }));
      const k = c.t.length;
      c.t.push(rc.t[i]);
      c.all.push((k > 0 ? c.all[k - 1] : 0) + rc.v[i]);
      c.measured.push((k > 0 ? c.measured[k - 1] : 0) + (code === REC_COUNT ? rc.v[i] : 0));
    }
    // A counter that never went up is 0 at every t, not unknown.
    for (const n of rec.nodes)
      for (const metric of n.counters ?? []) {
        let byMetric = raw.get(n.id);
        if (!byMetric) raw.set(n.id, (byMetric = new Map()));
        if (!byMetric.has(metric)) byMetric.set(metric, { t: [], measured: [], all: [] });
      }
    for (const [id, byMetric] of raw)
      counts.set(
        id,
        new Map(
          [...byMetric].map(([m, c]) => [
            m,
            {
              until: untilOf(
                rec.nodes.find((n) => n.id === id)!,
                m,
              ),
              t: Float64Array.from(c.t),
              measured: Float64Array.from(c.measured),
              all: Float64Array.from(c.all),
            },
          ]),
        ),
      );
  }
  const concurrency = new Map<string, (t: number) => number | undefined>();
  if (rec)
    for (const n of rec.nodes) {
      if (n.kind !== 'function') continue;
      const c = running.get(n.id) ?? { at: [], now: [] };
      concurrency.set(
        n.id,
        windowed(data, (from) => peakFrom(c.at, c.now, from)),
      );
    }
  const peaks = new Map<string, Record<string, (t: number) => number | undefined>>();
  for (const [id, nt] of data.internals.others) {
    if (nt.info.kind === 'queue') peaks.set(id, { maxDepth: peakUpTo(nt, [LVL_QUEUE_VISIBLE]) });
    else if (nt.info.kind === 'server' || nt.info.kind === 'container')
      peaks.set(id, {
        maxInstances: peakUpTo(nt, [LVL_FLEET_STARTING, LVL_FLEET_SERVING, LVL_FLEET_DRAINING]),
        meanUtilization: windowed(data, (from) => meanUtilizationUpTo(nt, from)),
        ...(nt.info.hostVcpu !== undefined ? poolFigures(data, nt) : {}),
      });
  }
  const ix: TimeIndex = {
    nodes,
    concurrency,
    busy: new Map([...busy].map(([k, v]) => [k, { all: sorted(v.all), cold: sorted(v.cold) }])),
    failed: new Map(
      [...failed].map(([k, v]) => [k, { errors: sorted(v.errors), timeouts: sorted(v.timeouts) }]),
    ),
    traceStarts: sorted(traceStarts),
    traceEnds: new Map([...traceEnds].map(([k, v]) => [k, sorted(v)])),
    deadLettered: new Map([...deadLettered].map(([k, v]) => [k, sorted(v)])),
    allTraced: data.scale === 1 && data.result.traces.length < TARGET_TRACES,
    recordedUntil: rec?.truncatedAtMs ?? Infinity,
    peaks,
    insidesUntil: rec?.insidesTruncatedAtMs ?? Infinity,
    counts,
    countsUntil: rec?.countsTruncatedAtMs ?? Infinity,
  };
  cache.set(data, ix);
  return ix;
}

/**
 * A figure over the measured window of a run that ends at t: from the warm-up's end when t is
 * past it, else from 0 (a run no longer than its warm-up measures from the start, simulate.ts).
 */
function windowed(
  data: ReplayData,
  build: (fromMs: number) => (t: number) => number | undefined,
): (t: number) => number | undefined {
  const whole = build(0);
  const after = data.measureFromMs > 0 ? build(data.measureFromMs) : whole;
  return (t) => (t > data.measureFromMs ? after(t) : whole(t));
}

/**
 * ECS on EC2 / EKS: the cluster pool's figures of a run that ends at t (host-pool.ts's
 * figures()): its most and mean instances, tasks per instance and the idle share of the paid
 * capacity, from the pool's levels recorded on the service.
 */
function poolFigures(data: ReplayData, nt: NodeTracks): Record<string, (t: number) => number | undefined> {
  const track = (lvl: number) => nt.tracks.get(trackKey(REC_LEVEL, lvl));
  const hostsTrack = track(LVL_POOL_HOSTS) ?? { t: [], v: [] };
  const vcpu = nt.info.hostVcpu!;
  const memory = nt.info.hostMemoryGB!;
  const figures = (from: number) => {
    const hosts = areaUpTo(track(LVL_POOL_HOSTS), from);
    const tasks = areaUpTo(track(LVL_POOL_TASKS), from);
    const cpu = areaUpTo(track(LVL_POOL_VCPU), from);
    const mem = areaUpTo(track(LVL_POOL_MEM), from);
    const most = peakFrom(hostsTrack.t, hostsTrack.v, from);
    return (t: number) => {
      const span = t - from;
      const mean = (area: (t: number) => number) => (span > 0 ? area(t) / span : 0);
      const h = mean(hosts);
      if (h <= 0) return { hostsMean: 0, hostsMax: most(t), tasksPerHost: 0, idleCapacity: 0 };
      const used = Math.max(mean(cpu) / (h * vcpu), mean(mem) / (h * memory));
      return {
        hostsMean: round6(h),
        hostsMax: most(t),
        tasksPerHost: round6(mean(tasks) / h),
        idleCapacity: round6(used >= 1 ? 0 : 1 - used),
      };
    };
  };
  const whole = figures(0);
  const after = data.measureFromMs > 0 ? figures(data.measureFromMs) : whole;
  const at = (t: number) => (t > data.measureFromMs ? after(t) : whole(t));
  return {
    hostsMax: (t) => at(t).hostsMax,
    hostsMean: (t) => at(t).hostsMean,
    tasksPerHost: (t) => at(t).tasksPerHost,
    idleCapacity: (t) => at(t).idleCapacity,
  };
}

/**
 * The most a level reached up to t (its values `now` set at times `at`, ascending), counted the
 * engine's way (metrics/level.ts): changes from `from` on, and the value held when it opened.
 */
function peakFrom(at: number[], now: number[], from: number): (t: number) => number {
  const max: number[] = [];
  let peak = 0;
  for (let i = 0; i < at.length; i++) {
    if (at[i] >= from) {
      if (i > 0 && at[i - 1] < from) peak = Math.max(peak, now[i - 1]);
      peak = Math.max(peak, now[i]);
    }
    max.push(peak);
  }
  const times = Float64Array.from(at);
  return (t) => {
    const k = countUpTo(times, t);
    if (k === 0) return 0;
    // No change inside the window yet: the value held all along.
    return at[k - 1] < from ? now[k - 1] : max[k - 1];
  };
}

/**
 * How many of the sorted times a run that ends at t counts: those in its measured window (after
 * the warm-up when t is past it; from 0 when it is not, simulate.ts).
 */
function inWindow(data: ReplayData, times: Float64Array | undefined, t: number): number {
  const from = data.measureFromMs;
  return t > from && from > 0 ? countUpTo(times, t) - countUpTo(times, from) : countUpTo(times, t);
}

function untilOf(n: RecordingNode, metric: string): number {
  return n.countersTruncatedAtMs?.[n.counters!.indexOf(metric)] ?? Infinity;
}

/** A recorded counter at t: what a run that ends at t counts (from the warm-up's end when t is past it). */
function recordedAt(data: ReplayData, c: RecordedCount, t: number): number {
  const k = countUpTo(c.t, t);
  if (k === 0) return 0;
  const from = data.measureFromMs;
  // Six decimals, as the engine reports a figure made of fractions (a table's reads per write).
  return round6(t > from && from > 0 ? c.measured[k - 1] : c.all[k - 1]);
}

/** How many of the sorted times are ≤ t. */
export function countUpTo(times: Float64Array | undefined, t: number): number {
  if (!times) return 0;
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid] <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A node's figures at t (ms): the counts the badges show, so far. Null when nothing is known at t. */
export function nodeFiguresAt(data: ReplayData, node: string, kind: string, t: number): FiguresAt | null {
  const ix = indexOf(data);
  const counted = (times: Float64Array | undefined, at: number) => inWindow(data, times, at);
  const values: Record<string, number> = {};
  const approx = new Set<string>();
  /** A count of traced requests, scaled up (and marked ≈) when the run was sampled. */
  const traced = (metric: string, n: number) => {
    values[metric] = Math.round(n * data.scale);
    if (!ix.allTraced) approx.add(metric);
  };
  const hops = ix.nodes.get(node);
  const recorded = ix.busy.get(node);
  const fromRecording = kind === 'function' && recorded !== undefined && t <= ix.recordedUntil;
  if (fromRecording) {
    // The recording has every invocation, traced or not, and how each ended.
    values.invocations = counted(recorded.all, t);
    values.coldStarts = counted(recorded.cold, t);
    const f = ix.failed.get(node);
    values.errors = counted(f?.errors, t);
    values.timeouts = counted(f?.timeouts, t);
    const most = ix.concurrency.get(node)?.(t);
    if (most !== undefined) values.maxConcurrency = most;
  } else if (kind === 'function') {
    traced('invocations', counted(hops?.starts, t));
    traced('coldStarts', counted(hops?.cold, t));
  }
  const source = sourceCount(kind);
  if (source) {
    // One source: every request it made is a trace. With more, which trace came from which is not recorded.
    const sources = [...data.kinds.values()].filter((k) => sourceCount(k) !== undefined).length;
    if (sources === 1) traced(source, counted(ix.traceStarts, t));
  }
  // A node that records no hop of its own (a topic, a dead-letter queue nobody reads) is not
  // counted at all rather than shown as 0. What the catalog counts from hops (MetricInfo.atT):
  // arrivals (hops that came over an edge), every hop (also a message received again, a record
  // read by each reader, an event delivered to each rule's target), or the hops that ended so
  // (none so far is a count too, 0). A figure the recording gave exactly is kept.
  if (hops)
    for (const [m, how] of countedAtT(kind)) {
      if (values[m] !== undefined) continue;
      if (how === 'arrivals') traced(m, counted(hops.arrivals, t));
      else if (how === 'hops') traced(m, counted(hops.starts, t));
      else
        traced(
          m,
          how.endedWith.reduce((sum, o) => sum + counted(hops.ends.get(o), t), 0),
        );
    }
  // Peaks and means so far, exact from the recorded insides (the run that ends at t has the same).
  if (t <= ix.insidesUntil)
    for (const [metric, peak] of Object.entries(ix.peaks.get(node) ?? {})) {
      const v = peak(t);
      if (v !== undefined) values[metric] = v;
    }
  if (kind === 'queue' && hops) traced('deadLettered', counted(ix.deadLettered.get(node), t));
  // Counters the engine recorded increment by increment: exact, sampled run or not, and
  // preferred to any count of traced requests.
  for (const [metric, c] of ix.counts.get(node) ?? []) {
    if (t > ix.countsUntil || t > c.until) {
      // Past its recording's cap: not counted at t (nor a traced estimate beside exact ones).
      delete values[metric];
      approx.delete(metric);
      continue;
    }
    values[metric] = recordedAt(data, c, t);
    approx.delete(metric);
  }
  if (Object.keys(values).length === 0) return null;
  return { values, exact: approx.size === 0, approx };
}

/** The run's totals up to t from the traced requests (scaled when sampled). */
export function totalAt(data: ReplayData, name: string, t: number): number | undefined {
  const ix = indexOf(data);
  const counted = (times: Float64Array | undefined, at: number) => inWindow(data, times, at);
  if (name === 'requests') return Math.round(counted(ix.traceStarts, t) * data.scale);
  if (name === 'completed' || name === 'failed' || name === 'deadLettered' || name === 'dropped')
    return Math.round(counted(ix.traceEnds.get(name), t) * data.scale);
  return undefined;
}

/** Whether the totals at t are exact (every request traced). */
export function exactAt(data: ReplayData): boolean {
  return indexOf(data).allTraced;
}
