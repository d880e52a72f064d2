import {
  LVL_FLEET_DRAINING,
  LVL_FLEET_SERVING,
  LVL_FLEET_STARTING,
  LVL_QUEUE_VISIBLE,
  REC_ENV_BUSY,
  REC_ENV_IDLE,
} from '../../engine/sim/recorder';
import { metricsOf, type MetricName, type NodeKind, type TotalName } from '../../engine/kinds/names';
import { peakUpTo } from './internals';
import type { ReplayData } from './replay-data';
import { TARGET_TRACES } from './run-options';

/**
 * A node's figures up to simulated time t, for the badges while a replay is open: every
 * number on screen then describes the same instant. Counted from the run's own records, not
 * interpolated: a function's invocations and cold starts from the engine's recording, other
 * counts from the traced requests' hops (every request is traced in a small run; in a larger
 * one the sampled count is scaled up and the figure says "≈"). A hop is traced when it ends:
 * in the last moments of a run, work still going at the end is not counted.
 */
export interface FiguresAt {
  values: Record<string, number>;
  /** Every request was traced (or the recording has it): the counts are exact. */
  exact: boolean;
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
  /** Hop end times by outcome class. */
  ends: Map<string, Float64Array>;
}

interface TimeIndex {
  nodes: Map<string, NodeIndex>;
  /** Function node → times it took an invocation (the recording), and cold ones. */
  busy: Map<string, { all: Float64Array; cold: Float64Array }>;
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
  peaks: Map<string, Partial<Record<MetricName, (t: number) => number>>>;
  /** The insides' recording reaches this far. */
  insidesUntil: number;
}

const cache = new WeakMap<ReplayData, TimeIndex>();

/** The badge a hop's outcome counts under (a function's, an API's or a fleet's metric names). */
type TroubleBadge = MetricName<'function' | 'apiGateway'> & ('throttled' | 'timeouts' | 'errors');
const TROUBLE: readonly TroubleBadge[] = ['throttled', 'errors', 'timeouts'];
function outcomeClass(outcome: string): TroubleBadge | null {
  if (outcome === 'throttled') return 'throttled';
  if (outcome === 'timeout' || outcome === '504') return 'timeouts';
  if (outcome === 'error' || /^5\d\d$/.test(outcome)) return 'errors';
  return null;
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
      const c = outcomeClass(h.outcome);
      if (c) {
        if (!n.ends.has(c)) n.ends.set(c, []);
        n.ends.get(c)!.push(h.endMs);
      }
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
  if (rec) {
    for (let i = 0; i < rec.t.length; i++) {
      if (rec.code[i] === REC_ENV_IDLE && rec.v[i] > 0) {
        const id = rec.nodes[rec.node[i]].id;
        let f = failed.get(id);
        if (!f) failed.set(id, (f = { errors: [], timeouts: [] }));
        (rec.v[i] === 2 ? f.timeouts : f.errors).push(rec.t[i]);
      }
      if (rec.code[i] !== REC_ENV_BUSY) continue;
      const id = rec.nodes[rec.node[i]].id;
      let b = busy.get(id);
      if (!b) busy.set(id, (b = { all: [], cold: [] }));
      b.all.push(rec.t[i]);
      if (rec.v[i] > 0) b.cold.push(rec.t[i]);
    }
    for (const n of rec.nodes)
      if (n.kind === 'function' && !busy.has(n.id)) busy.set(n.id, { all: [], cold: [] });
  }
  const peaks = new Map<string, Partial<Record<MetricName, (t: number) => number>>>();
  for (const [id, nt] of data.internals.others) {
    if (nt.info.kind === 'queue')
      peaks.set(id, { [metricsOf('queue', ['maxDepth'])[0]]: peakUpTo(nt, [LVL_QUEUE_VISIBLE]) });
    else if (nt.info.kind === 'server' || nt.info.kind === 'container')
      peaks.set(id, {
        [metricsOf(nt.info.kind, ['maxInstances'])[0]]: peakUpTo(nt, [
          LVL_FLEET_STARTING,
          LVL_FLEET_SERVING,
          LVL_FLEET_DRAINING,
        ]),
      });
  }
  const ix: TimeIndex = {
    nodes,
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
  };
  cache.set(data, ix);
  return ix;
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

/** Metric names that count requests arriving at a node, by kind (each its kind's own metric). */
export const ARRIVALS: { readonly [K in NodeKind]?: readonly MetricName<K>[] } = {
  apiGateway: ['requests'],
  loadBalancer: ['requests'],
  server: ['requests'],
  container: ['requests'],
  queue: ['sent'],
  topic: ['published'],
  eventBus: ['putEvents'],
  stream: ['recordsIn'],
  function: ['invocations'],
};

/** A node's figures at t (ms): the counts the badges show, so far. Null when nothing is known at t. */
export function nodeFiguresAt(data: ReplayData, node: string, kind: NodeKind, t: number): FiguresAt | null {
  const ix = indexOf(data);
  const values: Partial<Record<MetricName, number>> = {};
  const exact = ix.allTraced;
  const scale = (n: number) => Math.round(n * data.scale);
  const hops = ix.nodes.get(node);
  const recorded = ix.busy.get(node);
  const fromRecording = kind === 'function' && recorded !== undefined && t <= ix.recordedUntil;
  if (fromRecording) {
    // The recording has every invocation, traced or not, and how each ended.
    values.invocations = countUpTo(recorded.all, t);
    values.coldStarts = countUpTo(recorded.cold, t);
    const f = ix.failed.get(node);
    values.errors = countUpTo(f?.errors, t);
    values.timeouts = countUpTo(f?.timeouts, t);
  } else if (kind === 'function') {
    values.invocations = scale(countUpTo(hops?.starts, t));
    values.coldStarts = scale(countUpTo(hops?.cold, t));
  }
  if (kind === 'producer' || kind === 'schedule') {
    // One source: every request it made is a trace. With more, which trace came from which is not recorded.
    const sources = [...data.kinds.values()].filter((k) => k === 'producer' || k === 'schedule').length;
    if (sources !== 1) return null;
    values[kind === 'producer' ? 'requests' : 'ticks'] = scale(countUpTo(ix.traceStarts, t));
  }
  // A node that records no hop of its own (a topic, a dead-letter queue nobody reads) is not
  // counted at all rather than shown as 0.
  if (hops)
    for (const m of (ARRIVALS[kind] ?? []) as readonly MetricName[])
      if (values[m] === undefined) values[m] = scale(countUpTo(hops.arrivals, t));
  for (const c of TROUBLE) {
    if (fromRecording && c !== 'throttled') continue;
    const n = countUpTo(hops?.ends.get(c), t);
    if (n > 0) values[c === 'throttled' && kind === 'function' ? 'throttles' : c] = scale(n);
  }
  // Peaks so far, exact from the recorded insides (the run that ends at t has the same).
  if (t <= ix.insidesUntil)
    for (const [metric, peak] of Object.entries(ix.peaks.get(node) ?? {}))
      values[metric as MetricName] = peak(t);
  if (kind === 'queue' && hops) values.deadLettered = scale(countUpTo(ix.deadLettered.get(node), t));
  if (Object.keys(values).length === 0) return null;
  return { values: values as Record<string, number>, exact };
}

/** Totals that count requests by how they ended (a trace's outcome has the same name). */
const ENDINGS: readonly TotalName[] = ['completed', 'failed', 'deadLettered', 'dropped'];

/** The run's totals up to t from the traced requests (scaled when sampled). */
export function totalAt(data: ReplayData, name: string, t: number): number | undefined {
  const ix = indexOf(data);
  if (name === ('requests' satisfies TotalName)) return Math.round(countUpTo(ix.traceStarts, t) * data.scale);
  if ((ENDINGS as readonly string[]).includes(name))
    return Math.round(countUpTo(ix.traceEnds.get(name), t) * data.scale);
  return undefined;
}

/** Whether the totals at t are exact (every request traced). */
export function exactAt(data: ReplayData): boolean {
  return indexOf(data).allTraced;
}
