import { Level } from '../../metrics/level';
import { OldestAge } from '../../metrics/oldest-age';
import { round6 } from '../../metrics/series';
import type { UsageLine } from '../../billing/types';
import type { SimContext } from '../../sim/context';
import type { EdgeRuntime } from '../../sim/edges';
import { NodeBase } from '../../sim/node-base';
import { COMPLETED, DEAD_LETTERED, DROPPED } from '../../sim/requests';
import {
  LVL_QUEUE_BATCHES,
  LVL_QUEUE_INFLIGHT,
  LVL_QUEUE_OLDEST,
  LVL_QUEUE_VISIBLE,
  REC_LEVEL,
  type Recorder,
} from '../../sim/recorder';
import { RingDeque } from '../../sim/ring-deque';
import { Slots, growF64, growI32, growU8 } from '../../sim/slots';
import {
  ERROR,
  OK,
  STATUS_NAMES,
  THROTTLED,
  type CallStatus,
  type NodeMetrics,
  type NodeSpec,
} from '../types';
import { SlotHeap } from './heap';
import {
  ESM_BATCH_MAX_KB,
  ESM_GROW_EVERY_MS,
  ESM_VISIBILITY_MARGIN_MS,
  INFLIGHT_MAX_FIFO,
  INFLIGHT_MAX_STANDARD,
  LONG_POLL_MS,
  MESSAGES_PER_CALL,
  THROTTLE_BACKOFF_MS,
  WORKER_RECHECK_MS,
} from './limits';
import { Poller, emptyReceivesBetween } from './poller';
import type { QueueParams } from './schema';
import { QueueUsage } from './usage';

// Actions (this.at): a pending message may become visible; a batch window ends; the event
// source mapping adds a poller; a poller's back-off after a throttle ends.
const WAKE = 0;
const WINDOW_END = 1;
const GROW = 2;
const SLEEP_END = 3;

// Message states.
const FREE = 0;
/** Sent with a delivery delay, not visible yet. */
const DELAYED = 1;
/** Waiting to be received (counted in depth). */
const VISIBLE = 2;
/** Received, in a batch being filled or processed. */
const INFLIGHT = 3;
/** Received, its batch failed: invisible until its visibility timeout ends. */
const RETRYWAIT = 4;

// Batch states.
const FILLING = 1;
const INVOKING = 2;

/**
 * Amazon SQS, standard or FIFO, and the pollers that read it (Lambda's event source mapping
 * or a container worker service).
 *
 * A message is one path of its request, kept in typed arrays by message slot. Visible
 * messages sit in a heap by send time (receives take the oldest; retention expiry looks at
 * the top). Delayed messages and messages waiting out their visibility timeout after a failed
 * batch sit in a second heap by the time they come back (or expire, if sooner). Both heaps are
 * drained lazily, in time order, whenever the queue is touched, so the depth and in-flight
 * levels change at the exact times; a WAKE event is scheduled for the next return only while
 * the queue has readers, so a reader picks the message up on time (one event per failed
 * batch, or per delayed message).
 *
 * FIFO queues also keep each message group as a doubly linked list in send order. A group
 * may be read only when none of its messages is in flight or waiting to come back; then a
 * batch takes its first visible messages. Groups that may be read wait in a ring.
 */
export class QueueRuntime extends NodeBase<QueueParams> {
  declare private readonly fifo: boolean;
  declare private readonly retentionMs: number;
  declare private readonly delayMs: number;
  declare private readonly maxReceive: number;
  declare private readonly inflightMax: number;
  /** The queue's visibility timeout, raised for a Lambda reader as the ESM does [L-SQS23]. */
  private visibilityMs = 0;
  private pollers: Poller[] = [];
  private dlq: QueueRuntime | null = null;

  // Messages (structure of arrays, by message slot).
  declare private mReq: Int32Array;
  declare private mType: Int32Array;
  declare private mKb: Float64Array;
  declare private mGroup: Int32Array;
  declare private mSentAt: Float64Array;
  /** DELAYED/VISIBLE: when it becomes (became) visible; INFLIGHT/RETRYWAIT: when its visibility timeout ends. */
  declare private mVisibleAt: Float64Array;
  declare private mCount: Int32Array; // receive count
  declare private mState: Uint8Array;
  declare private mNext: Int32Array; // FIFO: next in group; standard: next in batch
  declare private mPrev: Int32Array; // FIFO: previous in group
  declare private readonly msgs: Slots;
  private readonly visible = new SlotHeap();
  private readonly pending = new SlotHeap();
  private inflightCount = 0;

  // FIFO message groups (by group id).
  private gHead: Int32Array = new Int32Array(0);
  private gTail: Int32Array = new Int32Array(0);
  /** Messages of the group in flight or waiting out their visibility timeout. */
  private gBusy: Int32Array = new Int32Array(0);
  /** The group's batch being filled during its window, −1 when none. */
  private gBatch: Int32Array = new Int32Array(0);
  private gReady: Uint8Array = new Uint8Array(0);
  /** Groups that may be read, in the order they became ready. */
  private readonly ready = new RingDeque(16);

  // Batches (by batch slot).
  declare private bPoller: Int32Array;
  declare private bFirst: Int32Array;
  declare private bLast: Int32Array;
  declare private bCount: Int32Array;
  declare private bGroup: Int32Array;
  declare private bCalls: Int32Array; // messages in the ReceiveMessage call not yet billed
  declare private bKb: Float64Array;
  declare private bCallKb: Float64Array;
  declare private bStart: Float64Array;
  declare private bWindowEnd: Float64Array;
  declare private bState: Uint8Array;
  declare private readonly batches: Slots;

  private now = 0;
  private wakeAt = Infinity;

  // Metrics (after the warm-up).
  private sent = 0;
  private received = 0;
  private deleted = 0;
  private emptyReceives = 0;
  private deadLettered = 0;
  private expired = 0;
  private returned = 0;
  private batchCount = 0;
  private failedBatches = 0;
  private throttledBatches = 0;
  private waitMs = 0;
  private waits = 0;
  /** The oldest visible message's age, and the ages of messages leaving. */
  declare private readonly age: OldestAge;
  declare private readonly depth: Level;
  declare private readonly inFlight: Level;
  declare private readonly invoking: Level;
  /**
   * Most batches running at once, over values held for some time: a batch the reader refuses
   * at once (its answer is an event at the same instant) never counts as running.
   */
  private maxInvoking = 0;
  private invokingSince = 0;
  private readonly sSent: number = -1;
  declare private readonly usageAcc: QueueUsage;
  /** The classroom replay's recorder (null unless the run asked for it) and this node's index in it. */
  declare private readonly rec: Recorder | null;
  private readonly recNode: number = -1;

  constructor(ctx: SimContext, spec: NodeSpec<QueueParams>, index: number) {
    super(ctx, spec, index);
    const p = spec.params;
    this.fifo = p.type === 'fifo';
    this.retentionMs = p.retentionSeconds * 1000;
    this.delayMs = p.deliveryDelaySeconds * 1000;
    this.maxReceive = p.maxReceiveCount;
    this.visibilityMs = p.visibilityTimeoutSeconds * 1000;
    this.inflightMax = this.fifo ? INFLIGHT_MAX_FIFO : INFLIGHT_MAX_STANDARD;
    this.msgs = new Slots(256, (cap) => {
      this.mReq = growI32(this.mReq, cap);
      this.mType = growI32(this.mType, cap);
      this.mKb = growF64(this.mKb, cap);
      this.mGroup = growI32(this.mGroup, cap);
      this.mSentAt = growF64(this.mSentAt, cap);
      this.mVisibleAt = growF64(this.mVisibleAt, cap);
      this.mCount = growI32(this.mCount, cap);
      this.mState = growU8(this.mState, cap);
      this.mNext = growI32(this.mNext, cap);
      this.mPrev = growI32(this.mPrev, cap);
      this.visible.grow(cap);
      this.pending.grow(cap);
    });
    this.batches = new Slots(16, (cap) => {
      this.bPoller = growI32(this.bPoller, cap);
      this.bFirst = growI32(this.bFirst, cap);
      this.bLast = growI32(this.bLast, cap);
      this.bCount = growI32(this.bCount, cap);
      this.bGroup = growI32(this.bGroup, cap);
      this.bCalls = growI32(this.bCalls, cap);
      this.bKb = growF64(this.bKb, cap);
      this.bCallKb = growF64(this.bCallKb, cap);
      this.bStart = growF64(this.bStart, cap);
      this.bWindowEnd = growF64(this.bWindowEnd, cap);
      this.bState = growU8(this.bState, cap);
    });
    const s = ctx.series;
    const id = spec.id;
    this.depth = new Level(ctx.measureFromMs, s, s ? s.register(`${id}.depth`, 'level') : -1);
    this.inFlight = new Level(ctx.measureFromMs, s, s ? s.register(`${id}.inFlight`, 'level') : -1);
    this.invoking = new Level(ctx.measureFromMs, s, s ? s.register(`${id}.pollers`, 'level') : -1);
    this.age = new OldestAge(
      ctx.measureFromMs,
      this.retentionMs,
      s,
      s ? s.register(`${id}.ageSeconds`, 'max') : -1,
    );
    if (s) this.sSent = s.register(`${id}.sent`, 'rate');
    this.usageAcc = new QueueUsage(this.fifo ? 'sqs.fifo.requests' : 'sqs.standard.requests');
    this.rec = ctx.recorder;
    if (this.rec !== null) this.recNode = this.rec.describe({ id, kind: 'queue' });
  }

  start(t: number): void {
    const paramVisibility = this.visibilityMs;
    for (const e of this.out) {
      if (e.meaning === 'poller') {
        const p = new Poller(this.pollers.length, e);
        this.pollers.push(p);
        if (p.worker) {
          // A worker service: its receive loop starts long-polling.
          p.pushIdle(t);
          continue;
        }
        for (let i = 0; i < p.base; i++) p.pushIdle(t);
        const timeoutMs = (e.target.spec.params as { timeoutMs?: number }).timeoutMs ?? 0;
        if (p.windowMs + timeoutMs > paramVisibility) {
          this.visibilityMs = Math.max(this.visibilityMs, p.windowMs + timeoutMs + ESM_VISIBILITY_MARGIN_MS);
        }
      } else if (e.role === 'dlq' && e.target instanceof QueueRuntime) {
        this.dlq = e.target;
      }
    }
  }

  // ---- messages arriving -----------------------------------------------------------------

  deliver(req: number, type: number, kb: number, group: number, t: number, _via: EdgeRuntime): void {
    this.accept(req, type, kb, group, t, t, true);
  }

  /**
   * A message moved here by another queue's redrive policy. Its path has already ended (as
   * dead-lettered), it keeps its first send time (retention counts from it [SQS-DLQ]), and
   * SQS does not bill the move as a SendMessage.
   */
  acceptRedrive(type: number, kb: number, group: number, sentAt: number, t: number): void {
    this.accept(-1, type, kb, group, sentAt, t, false);
  }

  private accept(
    req: number,
    type: number,
    kb: number,
    group: number,
    sentAt: number,
    t0: number,
    sentByClient: boolean,
  ): void {
    const t = this.touch(t0);
    if (this.measuring(t)) {
      this.sent++;
      if (sentByClient) this.usageAcc.sent(kb);
      if (this.ctx.series) this.ctx.series.count(this.sSent, t);
    }
    const m = this.msgs.alloc();
    this.mReq[m] = req;
    this.mType[m] = type;
    this.mKb[m] = kb;
    this.mGroup[m] = group;
    this.mSentAt[m] = sentAt;
    this.mCount[m] = 0;
    this.mNext[m] = -1;
    this.mPrev[m] = -1;
    this.mState[m] = DELAYED;
    if (this.fifo) this.appendToGroup(m, group);
    const expiresAt = sentAt + this.retentionMs;
    if (expiresAt <= t) {
      this.expire(m, t);
    } else if (sentByClient && this.delayMs > 0) {
      this.mVisibleAt[m] = t + this.delayMs;
      this.pending.push(m, Math.min(t + this.delayMs, expiresAt));
    } else {
      this.show(m, t);
    }
    this.dispatch(t);
  }

  // ---- time ------------------------------------------------------------------------------

  /** Brings the queue's state up to t (never earlier than what it has already seen). */
  private touch(t0: number): number {
    let t = t0;
    const cur = this.ctx.queue.poppedTime;
    if (t < cur) t = cur;
    if (t < this.now) t = this.now;
    this.now = t;
    this.advance(t);
    this.age.update(this.visible.size > 0 ? this.visible.minKey : NaN, t);
    return t;
  }

  /** Everything due by t, in time order: messages coming back, expiring; idle pollers retiring. */
  private advance(t: number): void {
    const retention = this.retentionMs;
    while (true) {
      const kp = this.pending.minKey;
      const kv = this.visible.minKey + retention;
      if (kp <= kv) {
        if (kp > t) break;
        this.due(this.pending.pop(), kp);
      } else {
        if (kv > t) break;
        this.expire(this.visible.peek(), kv);
      }
    }
    // The event source mapping scales down: a poller beyond the initial ones retires after
    // one long poll that returned nothing.
    for (let i = 0; i < this.pollers.length; i++) {
      const p = this.pollers[i];
      if (p.worker) continue;
      while (p.idleCount > 0 && p.total > p.base && p.oldestIdleSince + LONG_POLL_MS <= t) {
        const w = p.takeOldest();
        this.countEmpty(w, w + LONG_POLL_MS);
      }
    }
  }

  /** A delayed or returned message's time has come (k): visible, expired or dead-lettered. */
  private due(m: number, k: number): void {
    if (this.mSentAt[m] + this.retentionMs <= k) {
      this.expire(m, k);
      return;
    }
    if (this.mState[m] === RETRYWAIT) {
      this.leaveInflight(m, k);
      if (this.dlq !== null && this.mCount[m] >= this.maxReceive) {
        this.redrive(m, k);
        return;
      }
    }
    this.show(m, k);
  }

  private show(m: number, t: number): void {
    this.mState[m] = VISIBLE;
    this.mVisibleAt[m] = t;
    this.visible.push(m, this.mSentAt[m]);
    this.depth.add(1, t);
    if (this.rec !== null) this.recordVisible(t);
    if (this.fifo) this.groupMaybeReady(this.mGroup[m]);
  }

  private leaveInflight(m: number, t: number): void {
    this.inFlight.add(-1, t);
    this.inflightCount--;
    if (this.rec !== null) this.rec.add(t, this.recNode, REC_LEVEL, LVL_QUEUE_INFLIGHT, this.inflightCount);
    if (this.fifo) this.gBusy[this.mGroup[m]]--;
  }

  /** Retention ran out at k: the message is deleted unread and its path is dropped. */
  private expire(m: number, k: number): void {
    const st = this.mState[m];
    if (st === VISIBLE) {
      this.visible.remove(m);
      this.depth.add(-1, k);
      if (this.rec !== null) this.recordVisible(k);
    } else if (st === RETRYWAIT) {
      this.leaveInflight(m, k);
    }
    if (this.measuring(k)) this.expired++;
    this.age.note(k - this.mSentAt[m], k);
    const req = this.mReq[m];
    if (this.traced(req)) this.hop(req, k, k, this.mCount[m], 'expired');
    this.ctx.requests.end(req, DROPPED, k);
    this.discard(m);
  }

  /** Received maxReceiveCount times and back again: moved to the dead-letter queue. */
  private redrive(m: number, k: number): void {
    if (this.measuring(k)) this.deadLettered++;
    this.age.note(k - this.mSentAt[m], k);
    const req = this.mReq[m];
    if (this.traced(req)) this.hop(req, k, k, this.mCount[m], 'deadLettered');
    this.dlq!.acceptRedrive(this.mType[m], this.mKb[m], this.mGroup[m], this.mSentAt[m], k);
    this.ctx.requests.end(req, DEAD_LETTERED, k);
    this.discard(m);
  }

  private discard(m: number): void {
    if (this.fifo) {
      const g = this.mGroup[m];
      this.unlink(m);
      this.groupMaybeReady(g);
    }
    this.mState[m] = FREE;
    this.msgs.release(m);
  }

  // ---- handing out batches ---------------------------------------------------------------

  /**
   * Hands visible messages to free readers. Readers answer only through later events (a
   * refusal too: SimContext.answer), so nothing here can come back into the queue meanwhile.
   */
  private dispatch(t: number): void {
    if (this.pollers.length > 0) this.dispatchToReaders(t);
    // Messages taken (or shown) at t: the oldest visible one may have changed.
    this.age.update(this.visible.size > 0 ? this.visible.minKey : NaN, t);
  }

  private dispatchToReaders(t: number): void {
    if (this.fifo) this.dispatchFifo(t);
    else this.dispatchStandard(t);
    const waiting = this.workWaiting();
    for (let i = 0; i < this.pollers.length; i++) {
      const p = this.pollers[i];
      if (!p.worker) this.maybeGrow(p, t, waiting);
      else if (waiting) this.recheckWorker(p, t);
      // Nothing to receive: the worker service's receive loop goes back to long-polling.
      else if (p.idleCount === 0) p.pushIdle(t);
    }
    this.armWake(t);
  }

  private dispatchStandard(t: number): void {
    for (let i = 0; i < this.pollers.length; i++) {
      const p = this.pollers[i];
      if (p.filling >= 0) {
        const b = p.filling;
        if (!this.fillStandard(b, p, t)) continue;
        this.invoke(b, t);
      }
      while (this.visible.size > 0 && this.inflightCount < this.inflightMax && this.canStart(p, t)) {
        const b = this.newBatch(p, -1, t);
        const full = this.fillStandard(b, p, t);
        if (!full && p.windowMs > 0) {
          p.filling = b;
          this.startWindow(b, p, t);
          break;
        }
        this.invoke(b, t);
      }
    }
  }

  /** Takes the oldest visible messages into batch b; true when the batch is full. */
  private fillStandard(b: number, p: Poller, t: number): boolean {
    while (this.bCount[b] < p.batchSize) {
      if (this.visible.size === 0 || this.inflightCount >= this.inflightMax) return false;
      const m = this.visible.peek();
      if (this.bCount[b] > 0 && this.bKb[b] + this.mKb[m] > this.maxBatchKb(p)) return true;
      this.visible.pop();
      this.take(b, m, t);
    }
    return true;
  }

  private dispatchFifo(t: number): void {
    while (this.ready.size > 0) {
      const g = this.ready.front();
      const filling = this.gBatch[g];
      if (filling >= 0) {
        this.popReady();
        if (this.fillFifo(filling, this.pollers[this.bPoller[filling]], t)) this.invoke(filling, t);
        continue;
      }
      const head = this.gHead[g];
      if (this.gBusy[g] !== 0 || head < 0 || this.mState[head] !== VISIBLE) {
        this.popReady();
        continue;
      }
      if (this.inflightCount >= this.inflightMax) break;
      const p = this.pollerFree(t);
      if (p === null) break;
      this.popReady();
      const b = this.newBatch(p, g, t);
      const full = this.fillFifo(b, p, t);
      if (!full && p.windowMs > 0) {
        this.gBatch[g] = b;
        this.startWindow(b, p, t);
      } else {
        this.invoke(b, t);
      }
    }
  }

  /** Takes the group's next visible messages, in order, into batch b; true when it is full. */
  private fillFifo(b: number, p: Poller, t: number): boolean {
    let m = this.bCount[b] === 0 ? this.gHead[this.bGroup[b]] : this.mNext[this.bLast[b]];
    while (this.bCount[b] < p.batchSize) {
      if (m < 0 || this.mState[m] !== VISIBLE || this.inflightCount >= this.inflightMax) return false;
      if (this.bCount[b] > 0 && this.bKb[b] + this.mKb[m] > this.maxBatchKb(p)) return true;
      const next = this.mNext[m];
      this.visible.remove(m);
      this.take(b, m, t);
      m = next;
    }
    return true;
  }

  private maxBatchKb(p: Poller): number {
    return p.worker ? Infinity : ESM_BATCH_MAX_KB;
  }

  /**
   * Whether reader p can start a batch now: an idle poller of the event source mapping, or a
   * free slot of the worker service (asked only when messages wait: a 0 is demand to it).
   */
  private canStart(p: Poller, t: number): boolean {
    if (p.worker) return p.sleeping === 0 && Math.floor(p.target.workerCapacity!(t)) > 0;
    return p.idleCount > 0;
  }

  private pollerFree(t: number): Poller | null {
    for (let i = 0; i < this.pollers.length; i++)
      if (this.canStart(this.pollers[i], t)) return this.pollers[i];
    return null;
  }

  private newBatch(p: Poller, group: number, t: number): number {
    // The poller's long poll returns with messages: its empty polls until now are billed.
    if (p.idleCount > 0) this.countEmpty(p.takeNewest(), t);
    p.active++;
    const b = this.batches.alloc();
    this.bPoller[b] = p.index;
    this.bFirst[b] = -1;
    this.bLast[b] = -1;
    this.bCount[b] = 0;
    this.bGroup[b] = group;
    this.bCalls[b] = 0;
    this.bKb[b] = 0;
    this.bCallKb[b] = 0;
    this.bState[b] = FILLING;
    return b;
  }

  /** Message m is received into batch b at t. */
  private take(b: number, m: number, t: number): void {
    const measuring = this.measuring(t);
    const count = ++this.mCount[m];
    if (measuring) {
      this.received++;
      this.waitMs += t - this.mVisibleAt[m];
      this.waits++;
    }
    if (this.traced(this.mReq[m])) this.hop(this.mReq[m], this.mVisibleAt[m], t, count - 1, 'received');
    this.mState[m] = INFLIGHT;
    this.mVisibleAt[m] = t + this.visibilityMs;
    this.depth.add(-1, t);
    this.inFlight.add(1, t);
    this.inflightCount++;
    if (this.rec !== null) {
      this.recordVisible(t);
      this.rec.add(t, this.recNode, REC_LEVEL, LVL_QUEUE_INFLIGHT, this.inflightCount);
    }
    if (this.fifo) this.gBusy[this.mGroup[m]]++;
    if (this.bCount[b] === 0) this.bFirst[b] = m;
    else if (!this.fifo) this.mNext[this.bLast[b]] = m;
    if (!this.fifo) this.mNext[m] = -1;
    this.bLast[b] = m;
    this.bCount[b]++;
    const kb = this.mKb[m];
    this.bKb[b] += kb;
    this.bCallKb[b] += kb;
    if (++this.bCalls[b] === MESSAGES_PER_CALL) this.billReceive(b, measuring);
  }

  private billReceive(b: number, measuring: boolean): void {
    if (measuring) this.usageAcc.received(this.bCallKb[b]);
    this.bCalls[b] = 0;
    this.bCallKb[b] = 0;
  }

  private startWindow(b: number, p: Poller, t: number): void {
    this.bWindowEnd[b] = t + p.windowMs;
    this.at(this.bWindowEnd[b], WINDOW_END, b);
  }

  /** The batch goes to the reader: a synchronous call with req −1. */
  private invoke(b: number, t: number): void {
    const p = this.pollers[this.bPoller[b]];
    if (this.bCalls[b] > 0) this.billReceive(b, this.measuring(t));
    if (p.filling === b) p.filling = -1;
    if (this.fifo && this.gBatch[this.bGroup[b]] === b) this.gBatch[this.bGroup[b]] = -1;
    this.bState[b] = INVOKING;
    this.bStart[b] = t;
    if (this.measuring(t)) this.batchCount++;
    const m0 = this.bFirst[b];
    this.changeInvoking(1, t);
    if (p.target.batchItem) {
      let m = m0;
      for (let k = this.bCount[b]; k > 0; k--, m = this.mNext[m])
        p.target.batchItem(this.mReq[m], this.mType[m], this.mKb[m]);
    }
    // With ReportBatchItemFailures the handler answers normally and lists the failed items,
    // which the queue draws itself when the batch comes back.
    p.edge.call(
      -1,
      this.mType[m0],
      this.bKb[b],
      this.mGroup[m0],
      t,
      this,
      b,
      p.reportItemFailures ? false : undefined,
    );
  }

  // ---- batches coming back ---------------------------------------------------------------

  onReturn(b: number, status: CallStatus, t0: number): void {
    const t = this.touch(t0);
    const p = this.pollers[this.bPoller[b]];
    p.active--;
    this.changeInvoking(-1, t);
    const measuring = this.measuring(t);
    if (status === THROTTLED && measuring) this.throttledBatches++;

    // With ReportBatchItemFailures an error is the items' business: each fails on its own
    // (a FIFO batch stops at the first failure and returns the rest [L-SQS23]).
    const itemMode = p.reportItemFailures && (status === OK || status === ERROR);
    const itemRate = itemMode ? (p.target.itemErrorRate ?? 0) : 0;
    let failing = !(status === OK || itemMode);
    const fifoBack = this.mVisibleAt[this.bLast[b]];
    let deleted = 0;
    let returned = 0;
    let m = this.bFirst[b];
    for (let k = this.bCount[b]; k > 0; k--) {
      const next = this.mNext[m];
      let fail = failing;
      if (!fail && itemRate > 0 && this.rng.next() < itemRate) {
        fail = true;
        if (this.fifo) failing = true;
      }
      if (this.traced(this.mReq[m]))
        this.hop(
          this.mReq[m],
          this.bStart[b],
          t,
          this.mCount[m] - 1,
          fail ? (itemMode ? 'itemFailed' : STATUS_NAMES[status]) : 'ok',
          p.target.spec.id,
        );
      if (fail) {
        this.returnLater(m, this.fifo ? fifoBack : this.mVisibleAt[m], t);
        returned++;
      } else {
        this.completeMessage(m, p, t, measuring);
        deleted++;
      }
      m = next;
    }
    if (measuring) {
      this.usageAcc.deleted(deleted);
      if (returned > 0) {
        this.failedBatches++;
        this.returned += returned;
      }
    }
    if (this.fifo) this.groupMaybeReady(this.bGroup[b]);
    this.bState[b] = 0;
    this.batches.release(b);

    if (p.worker) {
      // A worker service's slot is free again; its capacity is asked at the next dispatch.
      // One that refused a batch it said it could take is left alone for a while.
      if (status === THROTTLED && p.sleeping === 0) {
        p.sleeping = 1;
        this.at(t + THROTTLE_BACKOFF_MS, SLEEP_END, p.index);
      }
    } else if (status === THROTTLED) {
      // Throttled: the mapping gives up this poller if it has more than it started with,
      // else the poller backs off before receiving again.
      if (p.total < p.base) {
        p.sleeping++;
        this.at(t + THROTTLE_BACKOFF_MS, SLEEP_END, p.index);
      }
    } else {
      p.pushIdle(t);
    }
    this.dispatch(t);
  }

  /** Handled: the reader's downstream paths are spawned, the message deleted, its path completed. */
  private completeMessage(m: number, p: Poller, t: number, measuring: boolean): void {
    const req = this.mReq[m];
    if (p.target.emitDownstream) p.target.emitDownstream(req, this.mType[m], this.mKb[m], this.mGroup[m], t);
    this.ctx.requests.end(req, COMPLETED, t);
    if (measuring) this.deleted++;
    this.age.note(t - this.mSentAt[m], t);
    this.leaveInflight(m, t);
    this.discard(m);
  }

  /** Not deleted: the message stays invisible until its visibility timeout ends, then returns. */
  private returnLater(m: number, backAt: number, t: number): void {
    this.mState[m] = RETRYWAIT;
    const at = backAt > t ? backAt : t;
    this.mVisibleAt[m] = at;
    const expiresAt = this.mSentAt[m] + this.retentionMs;
    if (expiresAt <= t) {
      this.expire(m, t);
      return;
    }
    this.pending.push(m, at < expiresAt ? at : expiresAt);
  }

  // ---- pollers ---------------------------------------------------------------------------

  /** Lambda's rule: one more concurrent batch every 200 ms while messages wait [L-SQS-SCALE]. */
  private maybeGrow(p: Poller, t: number, waiting: boolean): void {
    if (!waiting || p.growScheduled || p.idleCount > 0 || p.total >= p.max) return;
    p.growScheduled = true;
    this.at(t + ESM_GROW_EVERY_MS, GROW, p.index);
  }

  /**
   * Messages wait and the worker service has no free slot: its own batches coming back
   * trigger the next receive, but slots freed by other work or new tasks do not tell the
   * queue, so it looks again a second later while messages wait.
   */
  private recheckWorker(p: Poller, t: number): void {
    if (p.growScheduled) return;
    p.growScheduled = true;
    this.at(t + WORKER_RECHECK_MS, GROW, p.index);
  }

  private workWaiting(): boolean {
    if (this.inflightCount >= this.inflightMax) return false;
    return this.fifo ? this.ready.size > 0 : this.visible.size > 0;
  }

  private countEmpty(since: number, until: number): void {
    const n = emptyReceivesBetween(since, until, this.ctx.measureFromMs);
    if (n > 0) {
      this.emptyReceives += n;
      this.usageAcc.emptyReceives(n);
    }
  }

  /** The next pending message's return, so an idle reader gets it on time. */
  private armWake(t: number): void {
    const k = this.pending.minKey;
    if (k >= this.wakeAt || k === Infinity) return;
    this.wakeAt = k > t ? k : t;
    this.at(this.wakeAt, WAKE, 0);
  }

  onEvent(action: number, slot: number, t0: number): void {
    if (action === WAKE) {
      if (t0 === this.wakeAt) this.wakeAt = Infinity;
      this.dispatch(this.touch(t0));
    } else if (action === WINDOW_END) {
      const t = this.touch(t0);
      if (this.bState[slot] === FILLING && this.bWindowEnd[slot] === t0) {
        const p = this.pollers[this.bPoller[slot]];
        if (this.fifo) this.fillFifo(slot, p, t);
        else this.fillStandard(slot, p, t);
        this.invoke(slot, t);
      }
      this.dispatch(t);
    } else if (action === GROW) {
      const p = this.pollers[slot];
      p.growScheduled = false;
      const t = this.touch(t0);
      if (!p.worker && p.idleCount === 0 && p.total < p.max && this.workWaiting()) p.pushIdle(t);
      this.dispatch(t);
    } else if (action === SLEEP_END) {
      const p = this.pollers[slot];
      p.sleeping--;
      const t = this.touch(t0);
      if (!p.worker) p.pushIdle(t);
      this.dispatch(t);
    }
  }

  private changeInvoking(dv: number, t: number): void {
    const v = this.invoking.value;
    if (t > this.invokingSince && t > this.ctx.measureFromMs && v > this.maxInvoking) this.maxInvoking = v;
    this.invokingSince = t;
    if (dv !== 0) {
      this.invoking.add(dv, t);
      if (this.rec !== null) this.rec.add(t, this.recNode, REC_LEVEL, LVL_QUEUE_BATCHES, this.invoking.value);
    }
  }

  /** For the replay: visible messages and the oldest one's send time, after the heap changed. */
  private recordVisible(t: number): void {
    const rec = this.rec!;
    rec.add(t, this.recNode, REC_LEVEL, LVL_QUEUE_VISIBLE, this.visible.size);
    rec.add(t, this.recNode, REC_LEVEL, LVL_QUEUE_OLDEST, this.visible.size > 0 ? this.visible.minKey : -1);
  }

  // ---- FIFO groups -----------------------------------------------------------------------

  private appendToGroup(m: number, g: number): void {
    if (g >= this.gHead.length) this.growGroups(g + 1);
    const tail = this.gTail[g];
    this.mPrev[m] = tail;
    this.mNext[m] = -1;
    if (tail >= 0) this.mNext[tail] = m;
    else this.gHead[g] = m;
    this.gTail[g] = m;
  }

  private unlink(m: number): void {
    const g = this.mGroup[m];
    const prev = this.mPrev[m];
    const next = this.mNext[m];
    if (prev >= 0) this.mNext[prev] = next;
    else this.gHead[g] = next;
    if (next >= 0) this.mPrev[next] = prev;
    else this.gTail[g] = prev;
  }

  /** Puts group g in the ready ring if a batch can start from it or its filling batch can grow. */
  private groupMaybeReady(g: number): void {
    if (this.gReady[g]) return;
    const b = this.gBatch[g];
    let m: number;
    if (b >= 0) m = this.mNext[this.bLast[b]];
    else if (this.gBusy[g] === 0) m = this.gHead[g];
    else return;
    if (m < 0 || this.mState[m] !== VISIBLE) return;
    this.gReady[g] = 1;
    this.ready.pushBack(g);
  }

  private popReady(): void {
    this.gReady[this.ready.popFront()] = 0;
  }

  private growGroups(min: number): void {
    const cap = Math.max(min, this.gHead.length * 2, 16);
    const old = this.gHead.length;
    this.gHead = growI32(this.gHead, cap).fill(-1, old);
    this.gTail = growI32(this.gTail, cap).fill(-1, old);
    this.gBatch = growI32(this.gBatch, cap).fill(-1, old);
    this.gBusy = growI32(this.gBusy, cap);
    this.gReady = growU8(this.gReady, cap);
  }

  // ---- metrics ---------------------------------------------------------------------------

  /** Whether request req is sampled for traces (checked before building a hop's arguments). */
  private traced(req: number): boolean {
    return req >= 0 && this.ctx.requests.traceId(req) >= 0;
  }

  private hop(
    req: number,
    startMs: number,
    endMs: number,
    retry: number,
    outcome: string,
    node = this.spec.id,
  ): void {
    if (this.ctx.requests.traceId(req) < 0) return;
    this.ctx.requests.hop(req, { node, startMs, endMs, retry, outcome });
  }

  finish(t0: number): void {
    const t = this.touch(t0);
    for (let i = 0; i < this.pollers.length; i++) {
      const p = this.pollers[i];
      for (let j = 0; j < p.idleCount; j++) this.countEmpty(p.idleAt(j), t);
    }
    // The oldest message still in the queue (visible, delayed or in flight).
    let oldest = Infinity;
    for (let m = 0; m < this.msgs.capacity; m++)
      if (this.mState[m] !== FREE && this.mSentAt[m] < oldest) oldest = this.mSentAt[m];
    if (oldest < Infinity) this.age.note(t - oldest, t);
    this.depth.mean(t);
    this.inFlight.mean(t);
    this.changeInvoking(0, t);
    this.invoking.mean(t);
  }

  /** Messages stored, visible or in flight (a batch's messages stay here until deleted). */
  heldPaths(): number {
    return this.msgs.countHeld(this.mReq);
  }

  metrics(): NodeMetrics {
    const T = this.ctx.endMs;
    return {
      sent: this.sent,
      received: this.received,
      deleted: this.deleted,
      emptyReceives: this.emptyReceives,
      deadLettered: this.deadLettered,
      expired: this.expired,
      returned: this.returned,
      batches: this.batchCount,
      failedBatches: this.failedBatches,
      throttledBatches: this.throttledBatches,
      meanDepth: round6(this.depth.mean(T)),
      maxDepth: this.depth.max,
      maxAgeSeconds: round6(this.age.maxMs / 1000),
      meanWaitSeconds: this.waits > 0 ? round6(this.waitMs / this.waits / 1000) : 0,
      inFlight: this.inflightCount,
      messages: this.msgs.inUse,
      meanInFlight: round6(this.inFlight.mean(T)),
      maxInFlight: this.inFlight.max,
      pollers: this.maxInvoking,
      visibilityTimeoutSeconds: round6(this.visibilityMs / 1000),
      billedRequests: this.usageAcc.requests,
    };
  }

  usage(): UsageLine[] {
    return this.usageAcc.lines();
  }
}
