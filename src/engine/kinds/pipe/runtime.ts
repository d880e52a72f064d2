import type { UsageLine } from '../../billing/types';
import { chunks } from '../../billing/units';
import { Histogram } from '../../metrics/histogram';
import type { SimContext } from '../../sim/context';
import type { EdgeRuntime } from '../../sim/edges';
import { NodeBase } from '../../sim/node-base';
import { Slots, growF64, growI32, growU8 } from '../../sim/slots';
import { OK, type CallStatus, type NodeMetrics, type NodeRuntime, type NodeSpec } from '../types';
import type { PipeParams } from './schema';
import { pipeWiring } from './wiring';

/** Pipes bills each event that passes the filter in 64 KB chunks [EB-3P]. */
export const PIPES_CHUNK_KB = 64;

/** Where a batch in flight is. */
const ENRICHING = 1;
const DELIVERING = 2;

/** `fails` as the poller gave it: not given, false, true. */
const FAILS_UNSET = 0;
const FAILS_NO = 1;
const FAILS_YES = 2;

/**
 * Amazon EventBridge Pipes. The pipe is read by its source's own poller, the one Lambda's
 * event source mapping uses (a queue's, or a stream's shard poller): batching, the batch window,
 * retries, redrive to the queue's dead-letter queue, maximumRetryAttempts and the on-failure
 * destination of a stream all stay the source's, as in AWS (a pipe retries a failing batch up
 * to the queue's maxReceiveCount, or the stream source's retry policy).
 *
 * A batch reaches the pipe as one synchronous call, each of its events announced just before
 * (batchItem). The filter judges each event once and for all (the same event gets the same
 * answer on a retry): by its type, then, for the share of matching events, by a hash of the
 * event's identity, so nothing is drawn from the run's random numbers. Events that do not
 * pass go no further; they leave the source with their batch (AWS deletes them at once, so a
 * failing batch here brings them back to a queue too, to be filtered again). When nothing
 * passes, the batch answers OK without calling anything.
 * The rest go, as one batch, to the enrichment function (called synchronously) and then to
 * the target: a function or a state machine is called with the batch and waited for; a
 * queue, topic, bus or stream gets each event on its own once the batch succeeded. A failure
 * of either answers the poller with it, which retries as its source does. After a successful
 * batch the poller hands each event back (emitDownstream): the target's own sends follow
 * per event, or the event is delivered to the queue, topic, bus or stream.
 */
export class PipeRuntime extends NodeBase<PipeParams> {
  declare private readonly passTypes: Uint8Array | null;
  declare private readonly share: number;
  declare private readonly salt: number;
  private wired = false;
  private enrich: EdgeRuntime | null = null;
  private target: EdgeRuntime | null = null;
  /** The target is called with the batch and waited for (a function, a state machine). */
  private targetSync = false;

  // The batch being announced: batchItem() for each event, then call().
  private aRead = 0;
  private aPass = 0;
  private aKb = 0;
  private aChunks = 0;

  // Batches in flight (by batch slot).
  declare private readonly batches: Slots;
  declare private bCaller: Int32Array;
  declare private bCallerSlot: Int32Array;
  declare private bStage: Uint8Array;
  declare private bType: Int32Array;
  declare private bGroup: Int32Array;
  declare private bKb: Float64Array;
  declare private bPass: Int32Array;
  declare private bStart: Float64Array;
  declare private bFails: Uint8Array;

  // Metrics (after the warm-up).
  private read = 0;
  private filteredOut = 0;
  private batchCount = 0;
  private enrichmentCalls = 0;
  private delivered = 0;
  private failed = 0;
  private failedBatches = 0;
  private billed = 0;
  private readonly batchMs = new Histogram();
  private readonly sRead: number = -1;
  private readonly sDelivered: number = -1;
  private readonly sFailed: number = -1;

  private readonly cRead: number;
  private readonly cFilteredOut: number;
  private readonly cDelivered: number;
  private readonly cFailed: number;

  constructor(ctx: SimContext, spec: NodeSpec<PipeParams>, index: number) {
    super(ctx, spec, index);
    this.cRead = this.counter('read');
    this.cFilteredOut = this.counter('filteredOut');
    this.cDelivered = this.counter('delivered');
    this.cFailed = this.counter('failed');
    const types = spec.params.filter?.type;
    if (types) {
      const idx = types.map((n) => ctx.typeIndex(n));
      this.passTypes = new Uint8Array(Math.max(0, ...idx) + 1);
      for (const i of idx) this.passTypes[i] = 1;
    } else {
      this.passTypes = null;
    }
    this.share = spec.params.filterShare;
    this.salt = hashText(spec.id);
    this.batches = new Slots(16, (cap) => {
      this.bCaller = growI32(this.bCaller, cap);
      this.bCallerSlot = growI32(this.bCallerSlot, cap);
      this.bStage = growU8(this.bStage, cap);
      this.bType = growI32(this.bType, cap);
      this.bGroup = growI32(this.bGroup, cap);
      this.bKb = growF64(this.bKb, cap);
      this.bPass = growI32(this.bPass, cap);
      this.bStart = growF64(this.bStart, cap);
      this.bFails = growU8(this.bFails, cap);
    });
    const s = ctx.series;
    if (s) {
      this.sRead = s.register(`${spec.id}.read`, 'rate');
      this.sDelivered = s.register(`${spec.id}.delivered`, 'rate');
      this.sFailed = s.register(`${spec.id}.failed`, 'rate');
    }
  }

  /** Enrichment and target from the outgoing edges; asked before start() by a stream's poller. */
  private wire(): void {
    if (this.wired) return;
    this.wired = true;
    const out = this.out
      .filter((e) => e.role === 'invoke')
      .map((e) => ({
        edge: e,
        target: e.target.spec.id,
        targetKind: e.target.spec.kind,
        targetLabel: e.target.spec.label,
      }));
    const w = pipeWiring(this.params.enrichment, out);
    this.enrich = w.enrichment?.edge ?? null;
    // Validation's learner check allows one target; a diagram with more uses the first.
    this.target = w.targets[0]?.edge ?? null;
    this.targetSync = this.target !== null && this.target.meaning === 'integration';
  }

  start(): void {
    this.wire();
  }

  /**
   * A stream's poller marks records that fail their batch with this (poison records): the
   * pipe's target function's error rate, since that is where a batch fails.
   */
  get itemErrorRate(): number {
    this.wire();
    return this.targetSync ? (this.target!.target.itemErrorRate ?? 0) : 0;
  }

  // ---- the filter ---------------------------------------------------------------------------

  /** Whether an event passes the filter; the same event always gets the same answer. */
  private passes(req: number, type: number, kb: number): boolean {
    const a = this.passTypes;
    if (a !== null && !(type < a.length && a[type] === 1)) return false;
    if (this.share >= 1) return true;
    if (this.share <= 0) return false;
    // The event's identity: its request (slot and entry time, since slots are reused) and type.
    const born = req >= 0 ? this.ctx.requests.startedAt(req) : kb;
    const h = mix(mix(mix(this.salt, req), type), Math.floor(born * 1000) | 0);
    return h / 4294967296 < this.share;
  }

  batchItem(req: number, type: number, kb: number): void {
    this.aRead++;
    if (!this.passes(req, type, kb)) return;
    this.aPass++;
    this.aKb += kb;
    this.aChunks += chunks(kb, PIPES_CHUNK_KB);
  }

  // ---- a batch ------------------------------------------------------------------------------

  call(
    req: number,
    type: number,
    kb: number,
    group: number,
    t: number,
    caller: NodeRuntime,
    callerSlot: number,
    fails?: boolean,
  ): void {
    this.wire();
    let read = this.aRead;
    let pass = this.aPass;
    let passKb = this.aKb;
    let billed = this.aChunks;
    this.aRead = this.aPass = this.aKb = this.aChunks = 0;
    if (read === 0) {
      // A caller that announces no events: the call is one event.
      read = 1;
      if (this.passes(req, type, kb)) {
        pass = 1;
        passKb = kb;
        billed = chunks(kb, PIPES_CHUNK_KB);
      }
    }
    const measuring = this.measuring(t);
    if (measuring) {
      this.read += read;
      this.filteredOut += read - pass;
      this.batchCount++;
      this.billed += billed;
      if (this.ctx.series) this.ctx.series.count(this.sRead, t, read);
    }
    if (this.ctx.recorder !== null) {
      this.tally(this.cRead, t, read, measuring);
      this.tally(this.cFilteredOut, t, read - pass, measuring);
    }
    // Nothing left to hand on, or a target that takes events one by one afterwards.
    if (pass === 0 || (this.enrich === null && !this.targetSync)) {
      if (measuring) this.batchMs.add(0);
      this.ctx.answer(caller, callerSlot, OK, t);
      return;
    }
    const b = this.batches.alloc();
    this.bCaller[b] = caller.index;
    this.bCallerSlot[b] = callerSlot;
    this.bType[b] = type;
    this.bGroup[b] = group;
    this.bKb[b] = passKb;
    this.bPass[b] = pass;
    this.bStart[b] = t;
    this.bFails[b] = fails === undefined ? FAILS_UNSET : fails ? FAILS_YES : FAILS_NO;
    if (this.enrich !== null) {
      this.bStage[b] = ENRICHING;
      if (measuring) this.enrichmentCalls++;
      this.enrich.call(-1, type, passKb, group, t, this, b);
    } else {
      this.callTarget(b, t);
    }
  }

  private callTarget(b: number, t: number): void {
    this.bStage[b] = DELIVERING;
    const f = this.bFails[b];
    this.target!.call(
      -1,
      this.bType[b],
      this.bKb[b],
      this.bGroup[b],
      t,
      this,
      b,
      f === FAILS_UNSET ? undefined : f === FAILS_YES,
    );
  }

  onReturn(b: number, status: CallStatus, t: number): void {
    if (status === OK && this.bStage[b] === ENRICHING && this.targetSync) {
      this.callTarget(b, t);
      return;
    }
    this.answerBatch(b, status, t);
  }

  /** The batch's answer to the source's poller. */
  private answerBatch(b: number, status: CallStatus, t: number): void {
    if (status !== OK) this.tally(this.cFailed, t, this.bPass[b], this.measuring(this.bStart[b]));
    if (this.measuring(this.bStart[b])) {
      this.batchMs.add(t - this.bStart[b]);
      if (status !== OK) {
        this.failed += this.bPass[b];
        this.failedBatches++;
        if (this.ctx.series) this.ctx.series.count(this.sFailed, t, this.bPass[b]);
      }
    }
    const caller = this.ctx.nodes[this.bCaller[b]];
    const callerSlot = this.bCallerSlot[b];
    this.batches.release(b);
    caller.onReturn(callerSlot, status, t);
  }

  /** After a successful batch, each of its events: filtered ones stop here, the rest go on. */
  emitDownstream(req: number, type: number, kb: number, group: number, t: number): void {
    if (!this.passes(req, type, kb)) {
      if (this.ctx.requests.traceId(req) >= 0)
        this.ctx.requests.hop(req, { node: this.spec.id, startMs: t, endMs: t, outcome: 'filtered' });
      return;
    }
    if (this.measuring(t)) {
      this.delivered++;
      if (this.ctx.series) this.ctx.series.count(this.sDelivered, t);
    }
    this.tally(this.cDelivered, t, 1, this.measuring(t));
    const e = this.target;
    if (e === null) return;
    if (this.targetSync) {
      if (e.target.emitDownstream) e.target.emitDownstream(req, type, kb, group, t);
      return;
    }
    this.ctx.requests.spawn(req);
    e.deliver(req, type, kb, group, t);
  }

  metrics(): NodeMetrics {
    return {
      read: this.read,
      filteredOut: this.filteredOut,
      batches: this.batchCount,
      enrichmentCalls: this.enrichmentCalls,
      delivered: this.delivered,
      failed: this.failed,
      failedBatches: this.failedBatches,
      billedRequests: this.billed,
      batchMs: this.batchMs.summary(),
    };
  }

  usage(): UsageLine[] {
    return [{ meter: 'pipes.requests', name: 'Pipes requests (after the filter)', quantity: this.billed }];
  }
}

/** 32-bit mix of two integers (MurmurHash3's finaliser over a ^ b·φ). */
function mix(a: number, b: number): number {
  let h = Math.imul(b ^ 0x9e3779b9, 0x85ebca6b) ^ a;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

function hashText(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
