import { KINDS } from '../../engine/kinds/registry';
import type { CountAtT } from '../../engine/kinds/catalog-types';
import type { NodeKind } from '../../engine/kinds/names';
import { inWindow, recordedReadings, type Reading } from './recorded-at';
import type { ReplayData } from './replay-data';
import { TARGET_TRACES } from './run-options';

/**
 * A node's figures up to simulated time t, for the badges while a replay is open: every
 * number on screen then describes the same instant. Counted from the run's own records, not
 * interpolated, as each kind's catalog says (no kind is named here): from the engine's
 * recording where it declares `recorded` (a function's invocations and most concurrent calls,
 * a queue's deepest backlog, a fleet's most instances, counters kept increment by increment:
 * exact, sampled run or not; recorded-at.ts), else from the traced requests' hops where it
 * declares `atT` (every request is traced in a small run; in a larger one the sampled count is
 * scaled up and that figure says "≈"). A hop is traced when it ends: in the last moments of a
 * run, work still going at the end is not counted.
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
  traceStarts: Float64Array;
  traceEnds: Map<string, Float64Array>;
  allTraced: boolean;
  /** Node → metric → its figure at t read from the recording, as the node's catalog declares it. */
  recorded: Map<string, Map<string, Reading>>;
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
  for (const tr of data.result.traces) {
    traceStarts.push(tr.startMs);
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
  const ix: TimeIndex = {
    nodes,
    traceStarts: sorted(traceStarts),
    traceEnds: new Map([...traceEnds].map(([k, v]) => [k, sorted(v)])),
    allTraced: data.scale === 1 && data.result.traces.length < TARGET_TRACES,
    recorded: recordedReadings(data),
  };
  cache.set(data, ix);
  return ix;
}

/** A count of the hops at a node up to t, the catalog's way (CountAtT). */
function hopsCounted(data: ReplayData, hops: NodeIndex, how: CountAtT, t: number): number {
  if (how === 'arrivals') return inWindow(data, hops.arrivals, t);
  if (how === 'hops') return inWindow(data, hops.starts, t);
  if (how === 'cold') return inWindow(data, hops.cold, t);
  return how.endedWith.reduce((sum, o) => sum + inWindow(data, hops.ends.get(o), t), 0);
}

/** A node's figures at t (ms): the counts the badges show, so far. Null when nothing is known at t. */
export function nodeFiguresAt(data: ReplayData, node: string, kind: string, t: number): FiguresAt | null {
  const ix = indexOf(data);
  const values: Record<string, number> = {};
  const approx = new Set<string>();
  /** A count of traced requests, scaled up (and marked ≈) when the run was sampled. */
  const traced = (metric: string, n: number) => {
    values[metric] = Math.round(n * data.scale);
    if (!ix.allTraced) approx.add(metric);
  };
  const source = sourceCount(kind);
  if (source) {
    // One source: every request it made is a trace. With more, which trace came from which is not recorded.
    const sources = [...data.kinds.values()].filter((k) => sourceCount(k) !== undefined).length;
    if (sources === 1) traced(source, inWindow(data, ix.traceStarts, t));
  }
  // A node that records no hop of its own (a topic, a dead-letter queue nobody reads) is not
  // counted from hops at all rather than shown as 0. What the catalog counts from hops
  // (MetricInfo.atT): arrivals (hops that came over an edge), every hop (also a message
  // received again, a record read by each reader, an event delivered to each rule's target),
  // the hops that began cold, or the hops that ended so (none so far is a count too, 0).
  const hops = ix.nodes.get(node);
  if (hops) for (const [m, how] of countedAtT(kind)) traced(m, hopsCounted(data, hops, how, t));
  // What the recording gives (MetricInfo.recorded) is exact, sampled run or not, and preferred
  // to a count of traced requests; past the recording's cap the traced estimate, if any, stays.
  for (const [metric, read] of ix.recorded.get(node) ?? []) {
    const v = read(t);
    if (v === undefined) continue;
    values[metric] = v;
    approx.delete(metric);
  }
  if (Object.keys(values).length === 0) return null;
  return { values, exact: approx.size === 0, approx };
}

/** The run's totals up to t from the traced requests (scaled when sampled). */
export function totalAt(data: ReplayData, name: string, t: number): number | undefined {
  const ix = indexOf(data);
  if (name === 'requests') return Math.round(inWindow(data, ix.traceStarts, t) * data.scale);
  if (name === 'completed' || name === 'failed' || name === 'deadLettered' || name === 'dropped')
    return Math.round(inWindow(data, ix.traceEnds.get(name), t) * data.scale);
  return undefined;
}

/** Whether the totals at t are exact (every request traced). */
export function exactAt(data: ReplayData): boolean {
  return indexOf(data).allTraced;
}
