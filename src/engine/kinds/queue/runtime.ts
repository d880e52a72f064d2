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
  READER_STRIDE,
  REC_LEVEL,
  REC_QUEUE_BATCH,
  type Recorder,
} from '../../sim/recorder';
import {
  ERROR,
  OK,
  STATUS_NAMES,
  THROTTLED,
  type CallStatus,
  type NodeMetrics,
  type NodeSpec,
} from '../types';
import { Batches, FILLING, INVOKING } from './batches';
import { FifoGroups } from './fifo-groups';
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
import { INFLIGHT, Messages, RETRYWAIT, VISIBLE } from './messages';
import { Poller, emptyReceivesBetween } from './poller';
import type { QueueParams } from './schema';
import { QueueUsage } from './usage';

// Actions (this.at): a pending message may become visible; a batch window ends; the event
// source mapping adds a poller; a poller's back-off after a throttle ends.
const WAKE = 0;
const WINDOW_END = 1;
const GROW = 2;
const SLEEP_END = 3;

/**
 * Amazon SQS, standard or FIFO, and the pollers that read it (Lambda's event source mapping
 * or a container worker service).
 *
 * Its parts: the messages and their two heaps (messages.ts), the batches (batches.ts), the
 * FIFO message groups (fifo-groups.ts), the readers (poller.ts), the oldest message's age
 * (metrics/oldest-age.ts). This class moves messages between them: both heaps are drained
 * lazily, in time order, whenever the queue is touched, so the depth and in-flight levels
 * change at the exact times; a WAKE event is scheduled for the next return only while the
 * queue has readers, so a reader picks the message up on time (one event per failed batch,
 * or per delayed message).
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

  declare private readonly ms: Messages;
  declare private readonly bt: Batches;
  declare private readonly groups: FifoGroups;
  private inflightCount = 0;

  private now = 0;
  private wakeAt = Infinity;
  /** No idle poller can retire before this time (retireIdlePollers). */
  private retireCheckAt = 0;

  // Metrics (after the warm-up).
  private sent = 0;
  private received = 0;
  /** The recorder's handles for the counters a replay shows at t (−1 when not recording). */
  private readonly cSent: number;
  private readonly cReceived: number;
  private readonly cExpired: number;
  private readonly cDeadLettered: number;
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
    this.ms = new Messages();
    this.bt = new Batches();
    this.groups = new FifoGroups(this.ms, this.bt);
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
    if (this.rec !== null) this.recNode = this.rec.describe({ id, kind: 'queue', readers: [] });
    this.cSent = this.counter('sent');
    this.cReceived = this.counter('received');
    this.cExpired = this.counter('expired');
    this.cDeadLettered = this.counter('deadLettered');
  }

  start(t: number): void {
    const paramVisibility = this.visibilityMs;
    for (const e of this.out) {
      if (e.meaning === 'poller') {
        const p = new Poller(this.pollers.length, e);
        this.pollers.push(p);
        if (this.rec !== null) this.rec.nodes[this.recNode].readers!.push(e.target.spec.id);
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
    this.tally(this.cSent, t, 1, this.measuring(t));
    if (this.measuring(t)) {
      this.sent++;
      if (sentByClient) this.usageAcc.sent(kb);
      if (this.ctx.series) this.ctx.series.count(this.sSent, t);
    }
    const m = this.ms.add(req, type, kb, group, sentAt);
    if (this.fifo) this.groups.append(m, group);
    const expiresAt = sentAt + this.retentionMs;
    if (expiresAt <= t) {
      this.expire(m, t);
    } else if (sentByClient && this.delayMs > 0) {
      this.ms.visibleAt[m] = t + this.delayMs;
      this.ms.pending.push(m, Math.min(t + this.delayMs, expiresAt));
    } else if (this.handOff(m, t)) {
      return;
    } else {
      this.show(m, t);
    }
    this.dispatch(t);
  }

  /**
   * The usual case at a standard queue one Lambda mapping reads: nothing waits and a poller is
   * idle, so the new message becomes visible and is received at once, in a batch of its own.
   * These are the steps show() and dispatch() would take, in their order, without the visible
   * heap's push and pop and the readers' loops (the message is the only visible one, so it is
   * the one taken; nothing else waits, so no poller is added; the oldest visible age stays
   * "none"). False, having done nothing, when the case does not apply.
   */
  private handOff(m: number, t: number): boolean {
    if (this.fifo || this.rec !== null || this.pollers.length !== 1 || this.ms.visible.size !== 0)
      return false;
    const p = this.pollers[0];
    if (p.worker || p.filling >= 0 || p.windowMs > 0 || p.idleCount === 0) return false;
    if (this.inflightCount >= this.inflightMax) return false;
    this.ms.state[m] = VISIBLE;
    this.ms.visibleAt[m] = t;
    // Visible for no time: the depth's maximum sees it, its mean does not.
    this.depth.blip(t);
    const b = this.newBatch(p, -1, t);
    this.take(b, m, t);
    this.inFlight.add(1, t);
    this.invoke(b, t);
    this.armWake(t);
    return true;
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
    this.age.update(this.ms.visible.size > 0 ? this.ms.visible.minKey : NaN, t);
    return t;
  }

  /** Everything due by t, in time order: messages coming back, expiring; idle pollers retiring. */
  private advance(t: number): void {
    const retention = this.retentionMs;
    while (true) {
      const kp = this.ms.pending.minKey;
      const kv = this.ms.visible.minKey + retention;
      if (kp <= kv) {
        if (kp > t) break;
        this.due(this.ms.pending.pop(), kp);
      } else {
        if (kv > t) break;
        this.expire(this.ms.visible.peek(), kv);
      }
    }
    if (t >= this.retireCheckAt) this.retireIdlePollers(t);
  }

  /**
   * The event source mapping scales down: a poller beyond the initial ones retires after one
   * long poll that returned nothing. A poller goes idle at the queue's time, which never goes
   * back, so the oldest idle poller of a mapping only ever gets younger: none can retire before
   * a long poll after the oldest one now (or after now, when none is idle), and until then
   * advance() does not look (the look cost about 5 % of a fan-out to three queues).
   */
  private retireIdlePollers(t: number): void {
    let next = Infinity;
    for (let i = 0; i < this.pollers.length; i++) {
      const p = this.pollers[i];
      if (p.worker) continue;
      while (p.idleCount > 0 && p.total > p.base && p.oldestIdleSince + LONG_POLL_MS <= t) {
        const w = p.takeOldest();
        this.countEmpty(w, w + LONG_POLL_MS);
      }
      const due = (p.idleCount > 0 ? p.oldestIdleSince : t) + LONG_POLL_MS;
      if (due < next) next = due;
    }
    this.retireCheckAt = next;
  }

  /** A delayed or returned message's time has come (k): visible, expired or dead-lettered. */
  private due(m: number, k: number): void {
    if (this.ms.sentAt[m] + this.retentionMs <= k) {
      this.expire(m, k);
      return;
    }
    if (this.ms.state[m] === RETRYWAIT) {
      this.leaveInflight(m, k);
      if (this.dlq !== null && this.ms.count[m] >= this.maxReceive) {
        this.redrive(m, k);
        return;
      }
    }
    this.show(m, k);
  }

  private show(m: number, t: number): void {
    this.ms.state[m] = VISIBLE;
    this.ms.visibleAt[m] = t;
    this.ms.visible.push(m, this.ms.sentAt[m]);
    this.depth.add(1, t);
    if (this.rec !== null) this.recordVisible(t);
    if (this.fifo) this.groups.maybeReady(this.ms.group[m]);
  }

  private leaveInflight(m: number, t: number): void {
    this.inFlight.add(-1, t);
    this.inflightCount--;
    if (this.rec !== null) this.rec.add(t, this.recNode, REC_LEVEL, LVL_QUEUE_INFLIGHT, this.inflightCount);
    if (this.fifo) this.groups.busy[this.ms.group[m]]--;
  }

  /** Retention ran out at k: the message is deleted unread and its path is dropped. */
  private expire(m: number, k: number): void {
    const st = this.ms.state[m];
    if (st === VISIBLE) {
      this.ms.visible.remove(m);
      this.depth.add(-1, k);
      if (this.rec !== null) this.recordVisible(k);
    } else if (st === RETRYWAIT) {
      this.leaveInflight(m, k);
    }
    if (this.measuring(k)) this.expired++;
    this.tally(this.cExpired, k, 1, this.measuring(k));
    this.age.note(k - this.ms.sentAt[m], k);
    const req = this.ms.req[m];
    if (this.traced(req)) this.hop(req, k, k, this.ms.count[m], 'expired');
    this.ctx.requests.end(req, DROPPED, k);
    this.discard(m);
  }

  /** Received maxReceiveCount times and back again: moved to the dead-letter queue. */
  private redrive(m: number, k: number): void {
    if (this.measuring(k)) this.deadLettered++;
    this.tally(this.cDeadLettered, k, 1, this.measuring(k));
    this.age.note(k - this.ms.sentAt[m], k);
    const req = this.ms.req[m];
    if (this.traced(req)) this.hop(req, k, k, this.ms.count[m], 'deadLettered');
    this.dlq!.acceptRedrive(this.ms.type[m], this.ms.kb[m], this.ms.group[m], this.ms.sentAt[m], k);
    this.ctx.requests.end(req, DEAD_LETTERED, k);
    this.discard(m);
  }

  private discard(m: number): void {
    if (this.fifo) {
      const g = this.ms.group[m];
      this.groups.unlink(m);
      this.groups.maybeReady(g);
    }
    this.ms.release(m);
  }

  // ---- handing out batches ---------------------------------------------------------------

  /**
   * Hands visible messages to free readers. Readers answer only through later events (a
   * refusal too: SimContext.answer), so nothing here can come back into the queue meanwhile.
   */
  private dispatch(t: number): void {
    if (this.pollers.length > 0) this.dispatchToReaders(t);
    // Messages taken (or shown) at t: the oldest visible one may have changed.
    this.age.update(this.ms.visible.size > 0 ? this.ms.visible.minKey : NaN, t);
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
      while (this.ms.visible.size > 0 && this.inflightCount < this.inflightMax && this.canStart(p, t)) {
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
    const before = this.bt.count[b];
    let full = true;
    while (this.bt.count[b] < p.batchSize) {
      if (this.ms.visible.size === 0 || this.inflightCount >= this.inflightMax) {
        full = false;
        break;
      }
      const m = this.ms.visible.peek();
      if (this.bt.count[b] > 0 && this.bt.kb[b] + this.ms.kb[m] > this.maxBatchKb(p)) break;
      this.ms.visible.pop();
      this.take(b, m, t);
    }
    this.tookInto(this.bt.count[b] - before, t);
    return full;
  }

  private dispatchFifo(t: number): void {
    while (this.groups.ready.size > 0) {
      const g = this.groups.ready.front();
      const filling = this.groups.batch[g];
      if (filling >= 0) {
        this.groups.popReady();
        if (this.fillFifo(filling, this.pollers[this.bt.poller[filling]], t)) this.invoke(filling, t);
        continue;
      }
      const head = this.groups.head[g];
      if (this.groups.busy[g] !== 0 || head < 0 || this.ms.state[head] !== VISIBLE) {
        this.groups.popReady();
        continue;
      }
      if (this.inflightCount >= this.inflightMax) break;
      const p = this.pollerFree(t);
      if (p === null) break;
      this.groups.popReady();
      const b = this.newBatch(p, g, t);
      const full = this.fillFifo(b, p, t);
      if (!full && p.windowMs > 0) {
        this.groups.batch[g] = b;
        this.startWindow(b, p, t);
      } else {
        this.invoke(b, t);
      }
    }
  }

  /** Takes the group's next visible messages, in order, into batch b; true when it is full. */
  private fillFifo(b: number, p: Poller, t: number): boolean {
    const before = this.bt.count[b];
    let full = true;
    let m = this.bt.count[b] === 0 ? this.groups.head[this.bt.group[b]] : this.ms.next[this.bt.last[b]];
    while (this.bt.count[b] < p.batchSize) {
      if (m < 0 || this.ms.state[m] !== VISIBLE || this.inflightCount >= this.inflightMax) {
        full = false;
        break;
      }
      if (this.bt.count[b] > 0 && this.bt.kb[b] + this.ms.kb[m] > this.maxBatchKb(p)) break;
      const next = this.ms.next[m];
      this.ms.visible.remove(m);
      this.take(b, m, t);
      m = next;
    }
    this.tookInto(this.bt.count[b] - before, t);
    return full;
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
    return this.bt.open(p.index, group);
  }

  /** Message m is received into batch b at t. */
  private take(b: number, m: number, t: number): void {
    const measuring = this.measuring(t);
    const count = ++this.ms.count[m];
    this.tally(this.cReceived, t, 1, measuring);
    if (measuring) {
      this.received++;
      this.waitMs += t - this.ms.visibleAt[m];
      this.waits++;
    }
    if (this.traced(this.ms.req[m])) this.hop(this.ms.req[m], this.ms.visibleAt[m], t, count - 1, 'received');
    this.ms.state[m] = INFLIGHT;
    this.ms.visibleAt[m] = t + this.visibilityMs;
    // The depth and in-flight levels change once per batch filled (tookInto): n changes of one
    // at the same instant leave the same time integral, maximum and series as one of n.
    this.inflightCount++;
    if (this.rec !== null) {
      this.recordVisible(t);
      this.rec.add(t, this.recNode, REC_LEVEL, LVL_QUEUE_INFLIGHT, this.inflightCount);
    }
    if (this.fifo) this.groups.busy[this.ms.group[m]]++;
    if (this.bt.count[b] === 0) this.bt.first[b] = m;
    else if (!this.fifo) this.ms.next[this.bt.last[b]] = m;
    if (!this.fifo) this.ms.next[m] = -1;
    this.bt.last[b] = m;
    this.bt.count[b]++;
    const kb = this.ms.kb[m];
    this.bt.kb[b] += kb;
    this.bt.callKb[b] += kb;
    if (++this.bt.calls[b] === MESSAGES_PER_CALL) this.billReceive(b, measuring);
    // Being gathered (negative) until it is handed to the reader.
    if (this.rec !== null) this.recordBatch(b, -this.bt.count[b], t);
  }

  /** n messages were taken into a batch at t: they leave the visible depth and go in flight. */
  private tookInto(n: number, t: number): void {
    if (n === 0) return;
    this.depth.add(-n, t);
    this.inFlight.add(n, t);
  }

  /** For the replay: reader's batch b now holds v messages (> 0 in a call, < 0 gathering, 0 gone). */
  private recordBatch(b: number, v: number, t: number): void {
    this.rec!.add(t, this.recNode, REC_QUEUE_BATCH, this.bt.poller[b] * READER_STRIDE + b, v);
  }

  private billReceive(b: number, measuring: boolean): void {
    if (measuring) this.usageAcc.received(this.bt.callKb[b]);
    this.bt.calls[b] = 0;
    this.bt.callKb[b] = 0;
  }

  private startWindow(b: number, p: Poller, t: number): void {
    this.bt.windowEnd[b] = t + p.windowMs;
    this.at(this.bt.windowEnd[b], WINDOW_END, b);
  }

  /** The batch goes to the reader: a synchronous call with req −1. */
  private invoke(b: number, t: number): void {
    const p = this.pollers[this.bt.poller[b]];
    if (this.bt.calls[b] > 0) this.billReceive(b, this.measuring(t));
    if (p.filling === b) p.filling = -1;
    if (this.fifo && this.groups.batch[this.bt.group[b]] === b) this.groups.batch[this.bt.group[b]] = -1;
    this.bt.state[b] = INVOKING;
    this.bt.start[b] = t;
    if (this.rec !== null) this.recordBatch(b, this.bt.count[b], t);
    if (this.measuring(t)) this.batchCount++;
    const m0 = this.bt.first[b];
    this.changeInvoking(1, t);
    if (p.target.batchItem) {
      let m = m0;
      for (let k = this.bt.count[b]; k > 0; k--, m = this.ms.next[m])
        p.target.batchItem(this.ms.req[m], this.ms.type[m], this.ms.kb[m]);
    }
    if (this.ctx.requests.tracing) {
      let m = m0;
      for (let k = this.bt.count[b]; k > 0; k--, m = this.ms.next[m]) p.edge.batchItem(this.ms.req[m]);
    }
    // With ReportBatchItemFailures the handler answers normally and lists the failed items,
    // which the queue draws itself when the batch comes back.
    p.edge.call(
      -1,
      this.ms.type[m0],
      this.bt.kb[b],
      this.ms.group[m0],
      t,
      this,
      b,
      p.reportItemFailures ? false : undefined,
    );
  }

  // ---- batches coming back ---------------------------------------------------------------

  onReturn(b: number, status: CallStatus, t0: number): void {
    const t = this.touch(t0);
    const p = this.pollers[this.bt.poller[b]];
    p.active--;
    this.changeInvoking(-1, t);
    const measuring = this.measuring(t);
    if (status === THROTTLED && measuring) this.throttledBatches++;

    // With ReportBatchItemFailures an error is the items' business: each fails on its own
    // (a FIFO batch stops at the first failure and returns the rest [L-SQS23]).
    const itemMode = p.reportItemFailures && (status === OK || status === ERROR);
    const itemRate = itemMode ? (p.target.itemErrorRate ?? 0) : 0;
    let failing = !(status === OK || itemMode);
    // A FIFO batch's failed messages all come back with its last one.
    const fifoBack = this.fifo ? this.ms.visibleAt[this.bt.last[b]] : 0;
    let deleted = 0;
    let returned = 0;
    let m = this.bt.first[b];
    for (let k = this.bt.count[b]; k > 0; k--) {
      const next = this.ms.next[m];
      let fail = failing;
      if (!fail && itemRate > 0 && this.rng.next() < itemRate) {
        fail = true;
        if (this.fifo) failing = true;
      }
      if (this.traced(this.ms.req[m]))
        this.hop(
          this.ms.req[m],
          this.bt.start[b],
          t,
          this.ms.count[m] - 1,
          fail ? (itemMode ? 'itemFailed' : STATUS_NAMES[status]) : 'ok',
          p.target.spec.id,
        );
      if (fail) {
        this.returnLater(m, this.fifo ? fifoBack : this.ms.visibleAt[m], t);
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
    if (this.fifo) this.groups.maybeReady(this.bt.group[b]);
    if (this.rec !== null) this.recordBatch(b, 0, t);
    this.bt.release(b);

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
    const req = this.ms.req[m];
    if (p.target.emitDownstream)
      p.target.emitDownstream(req, this.ms.type[m], this.ms.kb[m], this.ms.group[m], t);
    this.ctx.requests.end(req, COMPLETED, t);
    if (measuring) this.deleted++;
    this.age.note(t - this.ms.sentAt[m], t);
    this.leaveInflight(m, t);
    this.discard(m);
  }

  /** Not deleted: the message stays invisible until its visibility timeout ends, then returns. */
  private returnLater(m: number, backAt: number, t: number): void {
    this.ms.state[m] = RETRYWAIT;
    const at = backAt > t ? backAt : t;
    this.ms.visibleAt[m] = at;
    const expiresAt = this.ms.sentAt[m] + this.retentionMs;
    if (expiresAt <= t) {
      this.expire(m, t);
      return;
    }
    this.ms.pending.push(m, at < expiresAt ? at : expiresAt);
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
    return this.fifo ? this.groups.ready.size > 0 : this.ms.visible.size > 0;
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
    const k = this.ms.pending.minKey;
    if (k >= this.wakeAt || k === Infinity) return;
    this.wakeAt = k > t ? k : t;
    this.at(this.wakeAt, WAKE, 0);
  }

  onEvent(action: number, slot: number): void {
    const t0 = this.ctx.now;
    if (action === WAKE) {
      if (t0 === this.wakeAt) this.wakeAt = Infinity;
      this.dispatch(this.touch(t0));
    } else if (action === WINDOW_END) {
      const t = this.touch(t0);
      if (this.bt.state[slot] === FILLING && this.bt.windowEnd[slot] === t0) {
        const p = this.pollers[this.bt.poller[slot]];
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
    rec.add(t, this.recNode, REC_LEVEL, LVL_QUEUE_VISIBLE, this.ms.visible.size);
    rec.add(
      t,
      this.recNode,
      REC_LEVEL,
      LVL_QUEUE_OLDEST,
      this.ms.visible.size > 0 ? this.ms.visible.minKey : -1,
    );
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
    const oldest = this.ms.oldestSentAt();
    if (oldest < Infinity) this.age.note(t - oldest, t);
    this.depth.mean(t);
    this.inFlight.mean(t);
    this.changeInvoking(0, t);
    this.invoking.mean(t);
  }

  /** Messages stored, visible or in flight (a batch's messages stay here until deleted). */
  heldPaths(): number {
    return this.ms.heldPaths();
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
      messages: this.ms.inUse,
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
