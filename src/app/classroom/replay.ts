import { KINDS, NODE_KINDS } from '../../engine/kinds/registry';
import type { Result } from '../../engine/result';
import type { Trace } from '../../engine/sim/requests';
import { countAtOrBefore, countBefore } from './binary-search';

/**
 * The replay of a run's sampled traces, as pure data: which dots are where at simulated time
 * t. Everything here is a function of the recorded result, the diagram and t, so playing,
 * stepping and scrubbing to the same t always give the same picture (the run is
 * deterministic, and nothing here keeps state between frames).
 *
 * A trace is a list of hops (a visit of one request to one node), each with the edges it came
 * over and the hop that handed it on, as the engine recorded them. Each visit gets a dot: it
 * travels in along those edges from its parent visit (or from the producer), waits at the node while the node works, and for a synchronous
 * call travels back. Hand-offs in the engine take no time, so a travel that would last less
 * than `transitMs` is given that long (taken from the start of the visit): otherwise nothing
 * would be seen moving.
 */

export type DotStyle = 'normal' | 'cold' | 'retry' | 'error' | 'dlq';

export interface GraphNode {
  id: string;
  kind: string;
}
export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  role?: string;
}
export interface ReplayGraph {
  nodes: readonly GraphNode[];
  edges: readonly GraphEdge[];
}

/** A travel along a chain of edges. `reverse[i]`: edge i is travelled target → source. */
export interface Leg {
  edges: string[];
  reverse: boolean[];
  t0: number;
  t1: number;
  style: DotStyle;
  /** Index of a node along the chain (0 = start, edges.length = end) where the dot waits, e.g. a queue. */
  waitAt?: number;
}

export interface Visit {
  trace: number;
  /** Index among the trace's visits, in order of start. */
  index: number;
  node: string;
  startMs: number;
  endMs: number;
  cold: boolean;
  retry: number;
  outcome: string;
  ok: boolean;
  /** The visit this one came from, as the engine recorded it (-1: from a source such as a producer); always listed earlier. */
  parent: number;
  /** True when the parent waits for this visit (a synchronous call), as recorded. */
  sync: boolean;
  /** When the dot arrives at the node (after legIn). */
  arriveMs: number;
  legIn: Leg | null;
  /** The way back (synchronous answer, or a dead letter on its way to the DLQ). */
  legOut: Leg | null;
  /** The dot is drawn from showMs to hideMs. */
  showMs: number;
  hideMs: number;
  /** The style while at the node. */
  style: DotStyle;
}

export interface Replay {
  traces: readonly Trace[];
  /** Every trace's visits, flattened; visitsOf[trace] gives its range. */
  visits: Visit[];
  visitsOf: [number, number][];
  /** Sorted, unique: times at which something starts, arrives or ends (for stepping). */
  events: number[];
  transitMs: number;
  durationMs: number;
}

/** Where a dot is: at a node (slot spreads dots along its top edge), or along a chain of edges. */
export type DotPlace =
  | { at: 'node'; node: string; slot: number }
  | { at: 'edges'; edges: string[]; reverse: boolean[]; f: number };

export interface DotAt {
  trace: number;
  visit: number;
  style: DotStyle;
  place: DotPlace;
}

/** Kinds where work waits between hops (kinds/<kind>/catalog.ts): a dot rests on them along a chain. */
const BUFFERS = new Set<string>(NODE_KINDS.filter((k) => KINDS[k].traits.buffer));

/** Hop outcomes some kind declares as a failure: any class but ok ("error", "503", "deadLettered"…). */
const BAD_OUTCOMES = new Set<string>(
  NODE_KINDS.flatMap((k) =>
    Object.entries(KINDS[k].outcomes)
      .filter(([, cls]) => cls !== 'ok')
      .map(([name]) => name),
  ),
);

/** Whether a hop's outcome is a success ("ok", "200", "delivered", "received"…) rather than a failure. */
export function hopOk(outcome: string): boolean {
  return !BAD_OUTCOMES.has(outcome);
}

function median(xs: number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** The diagram as the replay needs it: node kinds, edges by id, and each node's outgoing edges. */
class Diagram {
  readonly kind = new Map<string, string>();
  private readonly byId = new Map<string, GraphEdge>();
  private readonly out = new Map<string, GraphEdge[]>();

  constructor(g: ReplayGraph) {
    for (const n of g.nodes) this.kind.set(n.id, n.kind);
    for (const e of g.edges) {
      this.byId.set(e.id, e);
      if (!this.out.has(e.source)) this.out.set(e.source, []);
      this.out.get(e.source)!.push(e);
    }
  }

  edgesOut(node: string): GraphEdge[] {
    return this.out.get(node) ?? [];
  }

  /** The recorded edges as a chain on this diagram, null when one is no longer on it. */
  chain(ids: readonly string[]): GraphEdge[] | null {
    const chain: GraphEdge[] = [];
    for (const id of ids) {
      const e = this.byId.get(id);
      if (!e) return null;
      chain.push(e);
    }
    return chain;
  }

  /** The index of the first buffer (queue, stream) strictly inside the chain, else undefined. */
  bufferIn(chain: GraphEdge[]): number | undefined {
    for (let i = 0; i < chain.length - 1; i++)
      if (BUFFERS.has(this.kind.get(chain[i].target) ?? '')) return i + 1;
    return undefined;
  }
}

function legAlong(
  chain: GraphEdge[],
  t0: number,
  t1: number,
  style: DotStyle,
  reverse = false,
  waitAt?: number,
): Leg {
  const edges = chain.map((e) => e.id);
  const rev = chain.map(() => reverse);
  if (reverse) {
    edges.reverse();
  }
  const leg: Leg = { edges, reverse: rev, t0, t1, style };
  if (waitAt !== undefined) leg.waitAt = waitAt;
  return leg;
}

/** The typical travel time: a quarter of the median hop, between 1 ms and 2 s of simulated time. */
export function transitFor(traces: readonly Trace[]): number {
  const ds: number[] = [];
  for (const tr of traces) for (const h of tr.hops) ds.push(h.endMs - h.startMs);
  const m = median(ds);
  return Math.min(2000, Math.max(1, m / 4));
}

/**
 * The trace's hops (those on the diagram) in the order their visits are listed: by start
 * (the longer first on a tie, so a caller comes before its callee), every parent before the
 * hops it led to.
 */
function visitOrder(trace: Trace, diagram: Diagram): number[] {
  const hops = trace.hops;
  const byStart = hops
    .map((_, i) => i)
    .filter((i) => diagram.kind.has(hops[i].node))
    .sort((a, b) => hops[a].startMs - hops[b].startMs || hops[b].endMs - hops[a].endMs || a - b);
  const on = new Set(byStart);
  const placed = new Set<number>();
  const order: number[] = [];
  const place = (i: number) => {
    if (placed.has(i)) return;
    placed.add(i);
    const p = hops[i].parent;
    if (p >= 0 && on.has(p)) place(p);
    order.push(i);
  };
  for (const i of byStart) place(i);
  return order;
}

/** Builds the replay of a result's traces on a diagram, along the edges and parents the engine recorded. */
export function buildReplay(result: Pick<Result, 'traces' | 'simulatedSeconds'>, graph: ReplayGraph): Replay {
  const diagram = new Diagram(graph);
  const transitMs = transitFor(result.traces);
  const visits: Visit[] = [];
  const visitsOf: [number, number][] = [];
  const events = new Set<number>();

  result.traces.forEach((trace, ti) => {
    const first = visits.length;
    const order = visitOrder(trace, diagram);
    const visitOfHop = new Map<number, number>();
    const mine: Visit[] = [];
    order.forEach((hi, i) => {
      const h = trace.hops[hi];
      visitOfHop.set(hi, i);
      const ok = hopOk(h.outcome);
      const retry = h.retry ?? 0;
      const parent = h.parent >= 0 ? (visitOfHop.get(h.parent) ?? -1) : -1;
      const sync = h.sync === true;
      const v: Visit = {
        trace: ti,
        index: i,
        node: h.node,
        startMs: h.startMs,
        endMs: h.endMs,
        cold: !!h.cold,
        retry,
        outcome: h.outcome,
        ok,
        parent,
        sync,
        arriveMs: h.startMs,
        legIn: null,
        legOut: null,
        showMs: h.startMs,
        hideMs: h.endMs,
        style: retry > 0 ? 'retry' : h.cold ? 'cold' : 'normal',
      };
      const p = parent >= 0 ? mine[parent] : null;
      if (h.via.length === 0) {
        // A visit the node made again (a retry, a message received again) waits there since the one before.
        if (p) v.showMs = Math.min(p.endMs, h.startMs);
      } else {
        const chain = diagram.chain(h.via);
        // A synchronous call leaves once the caller's own dot has arrived; a hand-off when the
        // sender is done; work from a source when the request entered.
        const from = !p
          ? Math.min(trace.startMs, h.startMs)
          : sync
            ? Math.max(h.startMs, Math.min(p.arriveMs, h.endMs))
            : Math.min(p.endMs, h.startMs);
        if (chain) {
          const gap = h.startMs - from;
          const room = Math.min(transitMs, Math.max(0, (h.endMs - from) / 2));
          const t1 = gap >= transitMs ? h.startMs : Math.min(h.endMs, Math.max(h.startMs, from + room));
          const buffer = gap > 4 * transitMs ? diagram.bufferIn(chain) : undefined;
          v.legIn = legAlong(chain, from, t1, retry > 0 ? 'retry' : 'normal', false, buffer);
          v.arriveMs = t1;
          v.showMs = from;
          if (sync) v.legOut = legAlong(chain, h.endMs, h.endMs + transitMs, ok ? 'normal' : 'error', true);
        }
      }
      mine.push(v);
    });
    // A request that ended in a DLQ: the dead letter leaves from the last node with a DLQ or on-failure edge.
    if (trace.outcome === 'deadLettered') {
      for (let j = mine.length - 1; j >= 0; j--) {
        const dl = diagram.edgesOut(mine[j].node).find((e) => e.role === 'onFailure' || e.role === 'dlq');
        if (dl) {
          const v = mine[j];
          v.legOut = legAlong([dl], v.endMs, v.endMs + Math.max(transitMs, 1), 'dlq');
          break;
        }
      }
    }
    for (const v of mine) {
      // A failure stays visible at its node a little while.
      const linger = !v.ok && !v.legOut ? transitMs : 0;
      v.hideMs = v.legOut ? v.legOut.t1 : v.endMs + linger;
      events.add(v.showMs);
      events.add(v.arriveMs);
      events.add(v.endMs);
      if (v.legOut) events.add(v.legOut.t1);
      visits.push(v);
    }
    visitsOf.push([first, visits.length]);
  });

  return {
    traces: result.traces,
    visits,
    visitsOf,
    events: [...events].filter(Number.isFinite).sort((a, b) => a - b),
    transitMs,
    durationMs: result.simulatedSeconds * 1000,
  };
}

/** A small stable number per trace, to spread waiting dots along a node's edge. */
function slotOf(trace: number, visit: number): number {
  let h = (trace * 2654435761 + visit * 40503) >>> 0;
  h = (h ^ (h >>> 15)) >>> 0;
  return (h % 997) / 997;
}

/** Position along a leg at t (t0 ≤ t ≤ t1), as a fraction of the chain, honouring a wait. */
function legFraction(leg: Leg, t: number): number {
  const span = leg.t1 - leg.t0;
  if (span <= 0) return 1;
  const x = (t - leg.t0) / span;
  if (leg.waitAt === undefined) return Math.min(1, Math.max(0, x));
  // Go to the buffer in the first 10 % of the time, wait, then go on in the last 10 %.
  const stop = leg.waitAt / leg.edges.length;
  if (x < 0.1) return (x / 0.1) * stop;
  if (x > 0.9) return stop + ((x - 0.9) / 0.1) * (1 - stop);
  return stop;
}

/** The style a visit's dot has at t. */
function styleAt(v: Visit, t: number): DotStyle {
  if (v.legIn && t < v.arriveMs) return v.legIn.style;
  if (t <= v.endMs) return v.style;
  if (v.legOut) return v.legOut.style;
  return v.ok ? v.style : 'error';
}

/** Where visit v's dot is at t, or null when it is not shown. */
export function visitAt(v: Visit, vi: number, t: number): DotAt | null {
  if (t < v.showMs || t > v.hideMs) return null;
  const style = styleAt(v, t);
  if (v.legIn && t < v.arriveMs) {
    return {
      trace: v.trace,
      visit: vi,
      style,
      place: { at: 'edges', edges: v.legIn.edges, reverse: v.legIn.reverse, f: legFraction(v.legIn, t) },
    };
  }
  if (v.legOut && t > v.endMs) {
    return {
      trace: v.trace,
      visit: vi,
      style,
      place: { at: 'edges', edges: v.legOut.edges, reverse: v.legOut.reverse, f: legFraction(v.legOut, t) },
    };
  }
  return {
    trace: v.trace,
    visit: vi,
    style,
    place: { at: 'node', node: v.node, slot: slotOf(v.trace, v.index) },
  };
}

/**
 * Which visits can be on screen at t, without looking at them all: visits sorted by when
 * they appear, and the few long ones (longer than nearly all others) kept apart. A visit no
 * longer than `span` that shows at t appeared within [t - span, t].
 */
interface VisitIndex {
  byShow: Int32Array;
  shows: Float64Array;
  span: number;
  long: Int32Array;
  /** Scratch for a query's candidates (sorted back into visit order). */
  scratch: Int32Array;
}

const indexes = new WeakMap<Replay, VisitIndex>();

function indexOf(replay: Replay): VisitIndex {
  let ix = indexes.get(replay);
  if (ix) return ix;
  const vs = replay.visits;
  const spans = vs.map((v) => v.hideMs - v.showMs).sort((a, b) => a - b);
  // The 95th percentile: the other 5 % are checked one by one on every frame.
  const span = spans.length ? Math.max(0, spans[Math.floor(spans.length * 0.95)]) : 0;
  const short: number[] = [];
  const long: number[] = [];
  vs.forEach((v, i) => (v.hideMs - v.showMs > span ? long : short).push(i));
  short.sort((a, b) => vs[a].showMs - vs[b].showMs || a - b);
  ix = {
    byShow: Int32Array.from(short),
    shows: Float64Array.from(short, (i) => vs[i].showMs),
    span,
    long: Int32Array.from(long),
    scratch: new Int32Array(vs.length),
  };
  indexes.set(replay, ix);
  return ix;
}

/** Every dot shown at simulated time t (ms), in visit order. Pure: the same replay and t give the same dots. */
export function dotsAt(replay: Replay, t: number): DotAt[] {
  const ix = indexOf(replay);
  const vs = replay.visits;
  const lo = countBefore(ix.shows, t - ix.span);
  let n = 0;
  const cand = ix.scratch;
  for (let k = lo; k < ix.shows.length && ix.shows[k] <= t; k++) cand[n++] = ix.byShow[k];
  for (let k = 0; k < ix.long.length; k++) {
    const v = vs[ix.long[k]];
    if (v.showMs <= t && t <= v.hideMs) cand[n++] = ix.long[k];
  }
  const order = cand.subarray(0, n).sort();
  const out: DotAt[] = [];
  for (let k = 0; k < n; k++) {
    const i = order[k];
    const d = visitAt(vs[i], i, t);
    if (d) out.push(d);
  }
  return out;
}

/** The next recorded moment strictly after t (or t when there is none). */
export function nextEvent(replay: Replay, t: number, extra: readonly number[] = []): number {
  let best = Infinity;
  const ev = replay.events;
  const lo = countAtOrBefore(ev, t + 1e-9);
  if (lo < ev.length) best = ev[lo];
  for (const x of extra) if (x > t + 1e-9 && x < best) best = x;
  return best === Infinity ? t : Math.min(best, replay.durationMs);
}

/** The last recorded moment strictly before t (or 0). */
export function prevEvent(replay: Replay, t: number, extra: readonly number[] = []): number {
  let best = -Infinity;
  const ev = replay.events;
  const lo = countBefore(ev, t - 1e-9);
  if (lo > 0) best = ev[lo - 1];
  for (const x of extra) if (x < t - 1e-9 && x > best) best = x;
  return best === -Infinity ? 0 : Math.max(0, best);
}

/**
 * Requests per second along each edge around t, for the reduced-motion view: sampled legs
 * that started within the last window, scaled up by `scale` (1 / the sampling rate).
 */
export function edgeRates(replay: Replay, t: number, windowMs: number, scale = 1): Map<string, number> {
  const counts = new Map<string, number>();
  for (const v of replay.visits) {
    // Work going forwards only: an answer travelling back is the same request.
    for (const leg of [v.legIn, v.legOut?.style === 'dlq' ? v.legOut : null]) {
      if (!leg || leg.t0 > t || leg.t0 <= t - windowMs) continue;
      for (const e of leg.edges) counts.set(e, (counts.get(e) ?? 0) + 1);
    }
  }
  const perSecond = new Map<string, number>();
  for (const [e, c] of counts) perSecond.set(e, (c * scale) / (windowMs / 1000));
  return perSecond;
}
