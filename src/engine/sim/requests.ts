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

/** One hop of a sampled request, for the canvas replay and the waterfall. */
export interface TraceHop {
  node: string;
  startMs: number;
  endMs: number;
  cold?: boolean;
  retry?: number;
  outcome: string;
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
  declare private counted: Uint8Array;
  declare private traceOf: Int32Array;
  /** X-Ray's sampling decision for the request, made by the first traced node it reaches (XRAY_*). */
  declare private xray: Uint8Array;
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
  private traceBudget = 0;
  declare private readonly traceEvery: number;
  private sinceTrace = 0;

  declare private readonly measureFromMs: number;

  constructor(measureFromMs: number, traceSampleRate: number, maxTraces: number) {
    this.measureFromMs = measureFromMs;
    this.slots = new Slots(1024, (cap) => {
      this.start = growF64(this.start, cap);
      this.lastEnd = growF64(this.lastEnd, cap);
      this.pending = growI32(this.pending, cap);
      this.worst = growU8(this.worst, cap);
      this.counted = growU8(this.counted, cap);
      this.traceOf = growI32(this.traceOf, cap);
      this.xray = growU8(this.xray, cap);
    });
    this.traceBudget = traceSampleRate > 0 ? maxTraces : 0;
    // Deterministic systematic sampling (every k-th request): no random draws, so turning
    // traces on or off never changes the simulation itself.
    this.traceEvery = traceSampleRate > 0 ? Math.max(1, Math.round(1 / traceSampleRate)) : 0;
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
    const counted = t >= this.measureFromMs ? 1 : 0;
    this.counted[id] = counted;
    if (counted) this.entered++;
    this.traceOf[id] = -1;
    this.xray[id] = XRAY_UNDECIDED;
    if (this.traceBudget > 0 && ++this.sinceTrace >= this.traceEvery) {
      this.sinceTrace = 0;
      this.traceBudget--;
      this.traceOf[id] = this.traces.length;
      this.traces.push({ id: this.traces.length, startMs: t, endMs: t, outcome: 'inFlight', hops: [] });
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
    if (this.counted[id]) {
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
      this.counted[id] === 1 &&
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
    const tr = this.traceOf[id];
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

  /** X-Ray's decision for the request (XRAY_UNDECIDED until a traced node sees it). */
  xrayDecision(id: number): number {
    return this.xray[id];
  }

  setXrayDecision(id: number, decision: typeof XRAY_SAMPLED | typeof XRAY_NOT_SAMPLED): void {
    this.xray[id] = decision;
  }

  /** Trace index of a request, -1 when it is not sampled. */
  traceId(id: number): number {
    return id >= 0 ? this.traceOf[id] : -1;
  }

  hop(id: number, hop: TraceHop): void {
    const tr = id >= 0 ? this.traceOf[id] : -1;
    if (tr >= 0) this.traces[tr].hops.push(hop);
  }

  /**
   * The open paths of live requests, read from the table itself (not from the counters):
   * the conservation check compares it with what the nodes hold.
   */
  openPaths(): number {
    let n = 0;
    const cap = this.slots.capacity;
    for (let id = 0; id < cap; id++) if (this.slots.isLive(id)) n += this.pending[id];
    return n;
  }

  /** Live requests that entered after the warm-up, counted in the table's slots. */
  liveCounted(): number {
    let n = 0;
    const cap = this.slots.capacity;
    for (let id = 0; id < cap; id++) if (this.slots.isLive(id) && this.counted[id] === 1) n++;
    return n;
  }

  get inFlight(): number {
    return this.entered - this.ended[0] - this.ended[1] - this.ended[2] - this.ended[3];
  }
}
