import { Histogram } from '../metrics/histogram';
import { Slots, growF64, growI32, growU8 } from './slots';

/**
 * Outcomes of a request, by severity: a request that fans out into several paths ends as
 * the worst outcome among them (the result format's rule).
 */
export const COMPLETED = 0;
export const DEAD_LETTERED = 1;
export const FAILED = 2;
export const DROPPED = 3;
export type Outcome = typeof COMPLETED | typeof DEAD_LETTERED | typeof FAILED | typeof DROPPED;
export const OUTCOME_NAMES = ['completed', 'deadLettered', 'failed', 'dropped'] as const;

/** X-Ray's sampling decision travels with the request (its trace header): made once, honoured downstream. */
export const XRAY_UNDECIDED = 0;
export const XRAY_SAMPLED = 1;
export const XRAY_NOT_SAMPLED = 2;

/** What a node says about one visit of a sampled request (Requests.hop adds where it came from). */
export interface HopRecord {
  node: string;
  startMs: number;
  endMs: number;
  cold?: boolean;
  retry?: number;
  outcome: string;
}

/** One hop of a sampled request, for the canvas replay and the waterfall. */
export interface TraceHop extends HopRecord {
  /**
   * The hop that handed this work on (index into the trace's hops), -1 when it came from a
   * source (a producer, a schedule). Recorded when the work crossed its edge, not guessed.
   */
  parent: number;
  /**
   * The edges (ids) the work came over from the parent hop's node, or from its source: one
   * edge usually, more when it passed nodes that record no hop of their own (a topic, a
   * table's write); empty when it waited at the same node since its parent (a retry, a
   * message received again).
   */
  via: string[];
  /** The parent waits for this hop's answer (every edge of `via` was a synchronous call). */
  sync?: true;
}

/**
 * Where a sampled request's work went, in the order it arrived: one entry per crossing of an
 * edge (made at deliver/call time) and per repeat visit a node records on its own. A node's
 * hop fills the oldest entry at that node still waiting for one. Only sampled requests get
 * entries, so the hot path allocates nothing for the others.
 */
interface TraceEntry {
  node: string;
  /** Edge id crossed to get here, '' for a repeat visit at the same node. */
  edge: string;
  sync: boolean;
  /** Entry that sent this work, -1 from a source. */
  parent: number;
  /** Index of the hop that filled this entry, -1 while none has. */
  hop: number;
}
export interface Trace {
  id: number;
  startMs: number;
  endMs: number;
  outcome: (typeof OUTCOME_NAMES)[number] | 'inFlight';
  hops: TraceHop[];
}

/**
 * Every request that enters the system, from entry until its last path ends. Memory grows
 * with requests in flight, not with the number of requests: slots are reused.
 */
export class Requests {
  declare private start: Float64Array;
  declare private lastEnd: Float64Array;
  declare private pending: Int32Array;
  declare private worst: Uint8Array;
  declare private traceOf: Int32Array;
  /** X-Ray's sampling decision for the request, made by the first traced node it reaches (XRAY_*). */
  declare private xray: Uint8Array;
  /**
   * Whether a node traces with X-Ray (useXray()): only then is the decision column written for
   * every request.
   */
  private xrayInUse = false;
  declare private readonly slots: Slots;

  /** Totals over requests that entered after the warm-up. */
  entered = 0;
  readonly ended = new Float64Array(4);
  private readonly latency = new Histogram();
  /**
   * While every counted request so far ended with the answer of one API (its latency equal to
   * the one the API records), the API's histogram holds exactly our samples in our order, so
   * we add nothing: one histogram add per request saved. The first request that ends any
   * other way makes our own copy, and from then on we add as usual.
   */
  private mirror: Histogram | null = null;
  private mirroring = true;

  readonly traces: Trace[] = [];
  /** Per trace, its entries (TraceEntry), and the entry filled last (a node's hand-off follows its hop). */
  private readonly entries: TraceEntry[][] = [];
  private readonly lastFilled: number[] = [];
  private traceBudget = 0;
  declare private readonly traceEvery: number;
  /**
   * Whether any request can be sampled in this run (traceEvery > 0). Read before traceOf: with
   * traces off that table is never written or read, so asking whether a request is sampled
   * costs no load from a table indexed by request (a cache miss, on every request's path).
   */
  declare private readonly sampling: boolean;
  private sinceTrace = 0;

  declare private readonly measureFromMs: number;

  constructor(measureFromMs: number, traceSampleRate: number, maxTraces: number) {
    this.measureFromMs = measureFromMs;
    this.slots = new Slots(1024, (cap) => {
      this.start = growF64(this.start, cap);
      this.lastEnd = growF64(this.lastEnd, cap);
      this.pending = growI32(this.pending, cap);
      this.worst = growU8(this.worst, cap);
      this.traceOf = growI32(this.traceOf, cap);
      this.xray = growU8(this.xray, cap);
    });
    this.traceBudget = traceSampleRate > 0 ? maxTraces : 0;
    // Deterministic systematic sampling (every k-th request): no random draws, so turning
    // traces on or off never changes the simulation itself.
    this.traceEvery = traceSampleRate > 0 ? Math.max(1, Math.round(1 / traceSampleRate)) : 0;
    this.sampling = this.traceEvery > 0;
  }

  /**
   * Paths of every request not yet ended (invocations, messages, records in hand): the work
   * in flight that the run's memory budget watches, since a loop that multiplies work grows
   * it without bound.
   */
  pathsInFlight = 0;

  /** A new request enters at t with one path. */
  open(t: number): number {
    this.pathsInFlight++;
    const id = this.slots.alloc();
    this.start[id] = t;
    this.lastEnd[id] = t;
    this.pending[id] = 1;
    this.worst[id] = COMPLETED;
    // Counted (entered after the warm-up) is start[id] ≥ measureFromMs, read where needed.
    if (t >= this.measureFromMs) this.entered++;
    if (this.sampling) this.traceOf[id] = -1;
    if (this.xrayInUse) this.xray[id] = XRAY_UNDECIDED;
    if (this.traceBudget > 0 && ++this.sinceTrace >= this.traceEvery) {
      this.sinceTrace = 0;
      this.traceBudget--;
      this.traceOf[id] = this.traces.length;
      this.traces.push({ id: this.traces.length, startMs: t, endMs: t, outcome: 'inFlight', hops: [] });
      this.entries.push([]);
      this.lastFilled.push(-1);
    }
    return id;
  }

  /** One more path of the request (a fan-out or an asynchronous hand-off). */
  spawn(id: number): void {
    if (id >= 0) {
      this.pending[id]++;
      this.pathsInFlight++;
    }
  }

  /** A path of the request ends at tEnd (which may lie after the current event time). */
  end(id: number, outcome: Outcome, tEnd: number): void {
    if (id < 0) return;
    this.pathsInFlight--;
    if (outcome > this.worst[id]) this.worst[id] = outcome;
    if (tEnd > this.lastEnd[id]) this.lastEnd[id] = tEnd;
    if (--this.pending[id] > 0) return;
    const w = this.worst[id];
    if (this.start[id] >= this.measureFromMs) {
      this.ended[w]++;
      if (this.mirroring) this.stopMirroring();
      this.latency.add(this.lastEnd[id] - this.start[id]);
    }
    this.close(id, w);
  }

  /**
   * A path ends with an answer whose latency `v` the answering node records in `hist` (null
   * when it does not record this one): the same as hist?.add(v) followed by end(), but when
   * this ends the request with latency v, the request's own add is skipped (see mirror).
   */
  endAnswered(id: number, outcome: Outcome, tEnd: number, hist: Histogram | null, v: number): void {
    if (
      this.mirroring &&
      hist !== null &&
      id >= 0 &&
      this.pending[id] === 1 &&
      this.start[id] >= this.measureFromMs &&
      (this.mirror === null || this.mirror === hist) &&
      (tEnd > this.lastEnd[id] ? tEnd : this.lastEnd[id]) - this.start[id] === v
    ) {
      hist.add(v);
      this.mirror = hist;
      this.pathsInFlight--;
      if (outcome > this.worst[id]) this.worst[id] = outcome;
      if (tEnd > this.lastEnd[id]) this.lastEnd[id] = tEnd;
      this.pending[id] = 0;
      const w = this.worst[id];
      this.ended[w]++;
      this.close(id, w);
      return;
    }
    if (hist !== null) {
      if (this.mirroring) this.stopMirroring();
      hist.add(v);
    }
    this.end(id, outcome, tEnd);
  }

  /** Latencies of the requests that ended (after the warm-up). */
  latencyHistogram(): Histogram {
    return this.mirror ?? this.latency;
  }

  private stopMirroring(): void {
    if (this.mirror !== null) this.latency.copyFrom(this.mirror);
    this.mirror = null;
    this.mirroring = false;
  }

  private close(id: number, w: number): void {
    const tr = this.traceId(id);
    if (tr >= 0) {
      this.traces[tr].endMs = this.lastEnd[id];
      this.traces[tr].outcome = OUTCOME_NAMES[w];
    }
    this.slots.release(id);
  }

  /** When a live request entered: with its id, it tells apart requests that reused a slot. */
  startedAt(id: number): number {
    return id >= 0 ? this.start[id] : 0;
  }

  /** Whether a node traces with X-Ray (its sampler calls this when it is built, before any request enters). */
  useXray(): void {
    this.xrayInUse = true;
  }

  /** X-Ray's decision for the request (XRAY_UNDECIDED until a traced node sees it). */
  xrayDecision(id: number): number {
    return this.xray[id];
  }

  setXrayDecision(id: number, decision: typeof XRAY_SAMPLED | typeof XRAY_NOT_SAMPLED): void {
    this.xray[id] = decision;
  }

  /** Trace index of a request, -1 when it is not sampled. */
  traceId(id: number): number {
    return this.sampling && id >= 0 ? this.traceOf[id] : -1;
  }

  /** Whether traces are being recorded at all (an edge checks this before anything else). */
  get tracing(): boolean {
    return this.sampling;
  }

  /**
   * Work of sampled request `id` crosses edge `edgeId` from node `from` to node `to` (a
   * delivery, a call, or an item of a poller's batch). Its parent is the sender's visit: the
   * one it recorded last when that is at `from` (a node hands work on right after its own hop),
   * else its latest visit still running there (a synchronous call made while it works), else
   * its latest visit there.
   */
  arrive(id: number, edgeId: string, from: string, to: string, sync: boolean): void {
    const tr = this.traceId(id);
    if (tr < 0) return;
    const es = this.entries[tr];
    es.push({ node: to, edge: edgeId, sync, parent: this.activeAt(tr, from), hop: -1 });
  }

  private activeAt(tr: number, node: string): number {
    const es = this.entries[tr];
    const last = this.lastFilled[tr];
    if (last >= 0 && es[last].node === node) return last;
    let any = -1;
    for (let j = es.length - 1; j >= 0; j--) {
      if (es[j].node !== node) continue;
      if (es[j].hop < 0) return j;
      if (any < 0) any = j;
    }
    return any;
  }

  /** A node records a visit of request `id` (only sampled requests keep it). */
  hop(id: number, rec: HopRecord): void {
    const tr = this.traceId(id);
    if (tr < 0) return;
    const es = this.entries[tr];
    let e = -1;
    for (let j = 0; j < es.length; j++)
      if (es[j].hop < 0 && es[j].node === rec.node) {
        e = j;
        break;
      }
    if (e < 0) {
      // A visit the node made again on its own (a retry, a message received again): it
      // follows that node's previous visit and crossed no edge.
      let prev = -1;
      for (let j = es.length - 1; j >= 0 && prev < 0; j--) if (es[j].node === rec.node) prev = j;
      e = es.length;
      es.push({ node: rec.node, edge: '', sync: false, parent: prev, hop: -1 });
    }
    const hops = this.traces[tr].hops;
    es[e].hop = hops.length;
    this.lastFilled[tr] = e;
    const h = rec as TraceHop;
    h.parent = -1;
    h.via = [];
    hops.push(h);
  }

  /**
   * The traces with each hop's parent and edges resolved: an entry no hop filled (a node that
   * records none, like a topic) passes its edge on to the hops it led to.
   */
  finishedTraces(): Trace[] {
    for (let tr = 0; tr < this.traces.length; tr++) {
      const es = this.entries[tr];
      const hops = this.traces[tr].hops;
      for (const e of es) {
        if (e.hop < 0) continue;
        const via: string[] = e.edge ? [e.edge] : [];
        let sync = e.sync;
        let p = e.parent;
        while (p >= 0 && es[p].hop < 0) {
          if (es[p].edge) via.unshift(es[p].edge);
          sync = false;
          p = es[p].parent;
        }
        const h = hops[e.hop];
        h.parent = p >= 0 ? es[p].hop : -1;
        h.via = via;
        if (sync && via.length > 0) h.sync = true;
        else delete h.sync;
      }
    }
    return this.traces;
  }

  /**
   * The open paths of live requests, read from the table itself (not from the counters):
   * the conservation check compares it with what the nodes hold.
   */
  openPaths(): number {
    let n = 0;
    const live = this.slots.liveMask();
    for (let id = 0; id < live.length; id++) if (live[id] === 1) n += this.pending[id];
    return n;
  }

  /** Live requests that entered after the warm-up, counted in the table's slots. */
  liveCounted(): number {
    let n = 0;
    const live = this.slots.liveMask();
    for (let id = 0; id < live.length; id++) if (live[id] === 1 && this.start[id] >= this.measureFromMs) n++;
    return n;
  }

  get inFlight(): number {
    return this.entered - this.ended[0] - this.ended[1] - this.ended[2] - this.ended[3];
  }
}
