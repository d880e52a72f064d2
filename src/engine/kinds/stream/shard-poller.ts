import type { Rng } from '../../kernel/rng';
import type { SimContext } from '../../sim/context';
import type { EdgeRuntime } from '../../sim/edges';
import {
  READER_STRIDE,
  REC_LANE_BATCH,
  REC_LANE_RECORDS,
  REC_SHARD_OLDEST,
  type Recorder,
} from '../../sim/recorder';
import { COMPLETED, DEAD_LETTERED, DROPPED } from '../../sim/requests';
import { Slots, growF64, growI32, growU8 } from '../../sim/slots';
import { OldestAge } from '../../metrics/oldest-age';
import { OK, THROTTLED, type CallStatus, type NodeRuntime } from '../types';

/** Lambda polls each Kinesis shard about once per second (standard iterator) [L-KIN]. */
export const KINESIS_POLL_INTERVAL_MS = 1000;
/** Lambda polls each DynamoDB Streams shard 4 times per second [L-DDB]. */
export const DYNAMODB_POLL_INTERVAL_MS = 250;
/** A batch is also capped at 6 MB of payload [L-KIN] [L-ESM]. */
const BATCH_MAX_KB = 6 * 1024;
/**
 * Size of the metadata message a failed batch sends to the on-failure destination (shard,
 * sequence-number range, batch size; the records themselves are not sent [L-KIN]). 1 KB is
 * the simulator's assumption.
 */
const ON_FAILURE_MESSAGE_KB = 1;
/** Bisecting a batch of at most 10,000 records nests at most 14 deep [L-KIN]. */
const MAX_PIECES = 16;
/** Per-shard series are recorded for the first shards only. */
export const SHARD_SERIES_MAX = 16;

/** What the owner of the shards (a Kinesis stream, a DynamoDB table's stream) sets up. */
export interface ShardPollerConfig {
  /** Number of shards; records are pushed to a shard in [0, shards). */
  shards: number;
  /** How often an idle shard is polled: KINESIS_POLL_INTERVAL_MS or DYNAMODB_POLL_INTERVAL_MS. */
  pollIntervalMs: number;
  /** Records older than this expire, read or not (their path ends DROPPED, counted as expired). */
  retentionMs: number;
  /** The owner's action code (0–15) that the poller's wake-ups use: route it to onEvent. */
  action: number;
}

/** Totals over every consumer, counted after the warm-up. */
export interface ShardPollerCounts {
  /** Records handed on after a successful batch. */
  recordsOut: number;
  /** Invocations, retries included. */
  batches: number;
  /** Batches that came back ERROR or TIMEOUT. */
  failedBatches: number;
  /** Re-invocations of a failed batch that counted against maximumRetryAttempts. */
  retries: number;
  /** Failed batches split in two (bisectBatchOnError; not counted as retries). */
  bisects: number;
  /** Batches the function refused (THROTTLED), retried without counting. */
  throttledBatches: number;
  /** Records lost to retention before they were processed. */
  expired: number;
  /** Records given up and reported to the on-failure destination. */
  deadLettered: number;
  /** Records given up with no on-failure destination. */
  discarded: number;
  /** Messages sent to on-failure destinations (one per given-up batch and destination). */
  onFailureMessages: number;
  /** Records that fail every batch they are in (drawn once per record from itemErrorRate). */
  poisonRecords: number;
  /** KB read by the consumers, retries included (on-demand streams bill data out). */
  kbRead: number;
}

/**
 * The shard poller of Lambda's event source mapping for streams, reusable by every node that
 * has shards: a Kinesis stream (this folder) and a DynamoDB table's stream. One instance per
 * owner node handles all of the owner's "shardPoller" edges (each edge is one consumer, which
 * reads every record) and sends given-up batches along the owner's "onFailure" edges.
 *
 * API (the owner is a NodeBase subclass):
 * - constructor(ctx, owner, config): in the owner's constructor (registers the series
 *   `<owner>.iteratorAgeSeconds` and `<owner>.shard<N>.iteratorAgeSeconds`, N < 16).
 * - attach(owner.out): in the owner's start().
 * - push(req, type, kb, group, shard, key, t): a record enters `shard` at t. The poller takes
 *   over the caller's path of `req` (and spawns one more per extra consumer); returns false,
 *   taking nothing, when no function reads the owner. `key` is the partition key as a
 *   32-bit integer: with parallelizationFactor > 1 records with the same key keep their order.
 * - onEvent(slot, t): from the owner's onEvent when action === config.action.
 * - onReturn(slot, status, t): from the owner's onReturn (the poller makes all its calls).
 * - finish(t), then counts, shardIteratorAgeSeconds(), maxIteratorAgeSeconds().
 *
 * Behaviour, per consumer [L-KIN] [L-ESM] [L-RETRIES]:
 * - Each shard is split into parallelizationFactor lanes by hashed partition key; a lane has
 *   at most one batch in flight, so order holds per key (per shard when the factor is 1).
 * - An idle lane is polled on the shard's one-per-interval ticks; a batch takes up to
 *   batchSize records (and 6 MB). With batchWindowSeconds it waits up to the window for a
 *   full batch. When a batch succeeds and a full batch is already waiting, the next one
 *   starts at once (a poller that is behind reads again without waiting for the tick);
 *   otherwise the lane waits for the next tick. GetRecords limits (5 reads/s and 2 MB/s per
 *   shard) are not modelled.
 * - Poison records: each record is drawn once, when it enters, to be poison with the target's
 *   itemErrorRate (a function's errorRate). A batch fails if and only if it holds a poison
 *   record (the function is told, so its own error metric counts it); a timeout fails it too.
 *   Bisecting therefore isolates a poison record.
 * - A failed batch (ERROR, TIMEOUT) is retried whole, one poll interval after it returned,
 *   blocking its lane, until it succeeds, its records expire (retention; expired records
 *   leave the batch and the rest is retried), maximumRetryAttempts is used up, or its oldest
 *   record is older than maximumRecordAgeSeconds; the last two give the batch up. THROTTLED
 *   batches are retried the same way without counting. With bisectBatchOnError a failed batch
 *   of two or more records is split instead, the first half retried first; splits do not
 *   count as retries, and both halves carry the retry count the batch had.
 * - Records older than maximumRecordAgeSeconds at the head of a lane are given up before a
 *   new batch is formed.
 * - Given-up records: one metadata message (req -1, 1 KB) per batch to each on-failure
 *   destination, and each record's path ends DEAD_LETTERED; without a destination they are
 *   DROPPED. Successful records: target.emitDownstream per record, then COMPLETED.
 * - Iterator age of a shard: now − arrival of its oldest record not yet processed (a batch in
 *   flight or retrying counts as unread), at most the retention. It is tracked exactly
 *   between changes, so its maximum and its per-bucket maxima cost no timer events.
 */
export class ShardPoller {
  private consumers: Consumer[] = [];
  private onFailure: EdgeRuntime[] = [];
  readonly counts: ShardPollerCounts = {
    recordsOut: 0,
    batches: 0,
    failedBatches: 0,
    retries: 0,
    bisects: 0,
    throttledBatches: 0,
    expired: 0,
    deadLettered: 0,
    discarded: 0,
    onFailureMessages: 0,
    poisonRecords: 0,
    kbRead: 0,
  };
  /** Largest iterator age per shard (ms), over consumers, after the warm-up (set by finish). */
  declare readonly maxAgeMs: Float64Array;
  readonly seriesAll: number = -1;
  declare readonly seriesShard: Int32Array;
  /** This owner's index in the classroom replay's recording, −1 when not recorded. */
  recNode = -1;
  /** The recorder's handles for the owner's counters a replay shows at t (−1 when not recording). */
  readonly cRecordsOut: number = -1;
  readonly cExpired: number = -1;
  readonly cDeadLettered: number = -1;

  constructor(
    readonly ctx: SimContext,
    readonly owner: NodeRuntime,
    readonly config: ShardPollerConfig,
  ) {
    this.maxAgeMs = new Float64Array(config.shards);
    const rec = ctx.recorder;
    if (rec !== null) {
      this.cRecordsOut = rec.counter(owner.spec.id, owner.spec.kind, 'recordsOut');
      this.cExpired = rec.counter(owner.spec.id, owner.spec.kind, 'expired');
      this.cDeadLettered = rec.counter(owner.spec.id, owner.spec.kind, 'deadLettered');
    }
    this.seriesShard = new Int32Array(Math.min(config.shards, SHARD_SERIES_MAX)).fill(-1);
    const s = ctx.series;
    if (s) {
      this.seriesAll = s.register(`${owner.spec.id}.iteratorAgeSeconds`, 'max');
      for (let i = 0; i < this.seriesShard.length; i++)
        this.seriesShard[i] = s.register(`${owner.spec.id}.shard${i}.iteratorAgeSeconds`, 'max');
    }
  }

  /** Picks the owner's shardPoller edges (consumers) and onFailure edges. Call in start(). */
  attach(out: readonly EdgeRuntime[]): void {
    this.onFailure = out.filter((e) => e.role === 'onFailure');
    const readers = out.filter((e) => e.meaning === 'shardPoller' && e.role === 'invoke');
    const rec = this.ctx.recorder;
    if (rec !== null && readers.length > 0)
      this.recNode = rec.describe({
        id: this.owner.spec.id,
        kind: this.owner.spec.kind,
        shards: this.config.shards,
        lanesPerShard: readers.map((e) => e.params.parallelizationFactor ?? 1),
        readers: readers.map((e) => e.target.spec.id),
      });
    this.consumers = readers.map((e, i) => new Consumer(this, e, i, readers.length));
  }

  /** Number of consumers (functions reading the shards). */
  get consumerCount(): number {
    return this.consumers.length;
  }

  /** A record enters `shard` at t; false (nothing taken) when nobody reads the owner. */
  push(req: number, type: number, kb: number, group: number, shard: number, key: number, t: number): boolean {
    const cs = this.consumers;
    if (cs.length === 0) return false;
    for (let i = 1; i < cs.length; i++) this.ctx.requests.spawn(req);
    for (let i = 0; i < cs.length; i++) cs[i].push(req, type, kb, group, shard, key, t);
    return true;
  }

  onEvent(slot: number, t: number): void {
    const n = this.consumers.length;
    this.consumers[slot % n].wake(Math.floor(slot / n), t);
  }

  onReturn(slot: number, status: CallStatus, t: number): void {
    const n = this.consumers.length;
    this.consumers[slot % n].returned(Math.floor(slot / n), status, t);
  }

  finish(t: number): void {
    for (const c of this.consumers) c.finish(t);
    // A shard's largest iterator age over its readers.
    for (const c of this.consumers)
      for (let s = 0; s < c.age.length; s++)
        if (c.age[s].maxMs > this.maxAgeMs[s]) this.maxAgeMs[s] = c.age[s].maxMs;
  }

  /** Records (each a path of its request) that readers still hold. */
  heldPaths(): number {
    let n = 0;
    for (const c of this.consumers) n += c.heldPaths();
    return n;
  }

  /** Largest iterator age of each shard, in seconds. */
  shardIteratorAgeSeconds(): number[] {
    return Array.from(this.maxAgeMs, (ms) => ms / 1000);
  }

  maxIteratorAgeSeconds(): number {
    let m = 0;
    for (let i = 0; i < this.maxAgeMs.length; i++) if (this.maxAgeMs[i] > m) m = this.maxAgeMs[i];
    return m / 1000;
  }

  /** One metadata message (req -1) to each on-failure destination for a given-up batch; true when there is one. */
  sendToOnFailure(type: number, t: number, measuring: boolean): boolean {
    const edges = this.onFailure;
    for (let i = 0; i < edges.length; i++) edges[i].deliver(-1, type, ON_FAILURE_MESSAGE_KB, 0, t);
    if (measuring) this.counts.onFailureMessages += edges.length;
    return edges.length > 0;
  }
}

/** A 32-bit integer mix, so that lanes do not follow the owner's choice of shard. */
function mix(key: number): number {
  let h = Math.imul(key ^ (key >>> 16), 0x45d9f3b);
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b);
  return (h ^ (h >>> 16)) >>> 0;
}

/** One shardPoller edge: its lanes (shards × parallelization factor) and its records. */
class Consumer {
  declare private readonly ctx: SimContext;
  declare private readonly target: NodeRuntime;
  declare private readonly edge: EdgeRuntime;
  declare private readonly shards: number;
  declare private readonly pf: number;
  declare private readonly batchSize: number;
  declare private readonly windowMs: number;
  declare private readonly maxRetries: number;
  declare private readonly maxAgeMs: number;
  declare private readonly bisect: boolean;
  declare private readonly poisonRate: number;
  declare private readonly intervalMs: number;
  declare private readonly retentionMs: number;
  declare private readonly rng: Rng;

  // Records (a linked FIFO per lane, structure of arrays indexed by record slot).
  declare private rReq: Int32Array;
  declare private rType: Int32Array;
  declare private rKb: Float64Array;
  declare private rGroup: Int32Array;
  declare private rAt: Float64Array;
  declare private rPoison: Uint8Array;
  declare private rNext: Int32Array;
  declare private readonly records: Slots;

  // Lanes.
  declare private readonly head: Int32Array;
  declare private readonly tail: Int32Array;
  declare private readonly count: Int32Array;
  /** Records of the current batch (the first ones of the lane); 0 when none. */
  declare private readonly inFlight: Int32Array;
  declare private readonly busy: Uint8Array;
  declare private readonly retriesUsed: Int32Array;
  /** When the current batch was last invoked (traces). */
  declare private readonly startedAt: Float64Array;
  declare private readonly wakeAt: Float64Array;
  declare private readonly windowStart: Float64Array;
  /** Pieces still to run after a bisect, the next one on top: sizes and retry counts. */
  declare private readonly pieceSize: Int32Array;
  declare private readonly pieceRetries: Int32Array;
  declare private readonly pieceTop: Int32Array;

  // Shards: poll phase and iterator age.
  declare private readonly phase: Float64Array;
  declare readonly age: OldestAge[];
  /** The replay's recorder (null when not recording); this reader's lanes and shards are numbered from recBase. */
  declare private readonly rec: Recorder | null;
  declare private readonly recNode: number;
  declare private readonly recBase: number;

  constructor(
    private readonly poller: ShardPoller,
    edge: EdgeRuntime,
    private readonly index: number,
    private readonly of: number,
  ) {
    const cfg = poller.config;
    const p = edge.params;
    this.ctx = poller.ctx;
    this.target = edge.target;
    this.edge = edge;
    this.shards = cfg.shards;
    this.pf = p.parallelizationFactor ?? 1;
    this.batchSize = p.batchSize ?? 100;
    this.windowMs = (p.batchWindowSeconds ?? 0) * 1000;
    this.maxRetries = p.maximumRetryAttempts ?? -1;
    const age = p.maximumRecordAgeSeconds ?? -1;
    this.maxAgeMs = age < 0 ? Infinity : age * 1000;
    this.bisect = p.bisectBatchOnError ?? false;
    this.poisonRate = edge.target.itemErrorRate ?? 0;
    this.intervalMs = cfg.pollIntervalMs;
    this.retentionMs = cfg.retentionMs;
    this.rng = this.ctx.rng(poller.owner.spec.id, `poison:${edge.id}`);
    this.records = new Slots(1024, (cap) => {
      this.rReq = growI32(this.rReq, cap);
      this.rType = growI32(this.rType, cap);
      this.rKb = growF64(this.rKb, cap);
      this.rGroup = growI32(this.rGroup, cap);
      this.rAt = growF64(this.rAt, cap);
      this.rPoison = growU8(this.rPoison, cap);
      this.rNext = growI32(this.rNext, cap);
    });
    const lanes = this.shards * this.pf;
    this.head = new Int32Array(lanes).fill(-1);
    this.tail = new Int32Array(lanes).fill(-1);
    this.count = new Int32Array(lanes);
    this.inFlight = new Int32Array(lanes);
    this.busy = new Uint8Array(lanes);
    this.retriesUsed = new Int32Array(lanes);
    this.startedAt = new Float64Array(lanes);
    this.wakeAt = new Float64Array(lanes).fill(-1);
    this.windowStart = new Float64Array(lanes).fill(-1);
    this.pieceSize = new Int32Array(lanes * MAX_PIECES);
    this.pieceRetries = new Int32Array(lanes * MAX_PIECES);
    this.pieceTop = new Int32Array(lanes);
    this.phase = new Float64Array(this.shards);
    // Shards poll at different points of the interval (golden-ratio spread, no randomness).
    for (let s = 0; s < this.shards; s++) this.phase[s] = ((s * 0.6180339887498949) % 1) * this.intervalMs;
    const series = this.ctx.series;
    this.age = [];
    for (let i = 0; i < this.shards; i++)
      this.age.push(
        new OldestAge(
          this.ctx.measureFromMs,
          this.retentionMs,
          series,
          poller.seriesAll,
          i < poller.seriesShard.length ? poller.seriesShard[i] : -1,
        ),
      );
    this.rec = this.ctx.recorder;
    this.recNode = poller.recNode;
    this.recBase = index * READER_STRIDE;
  }

  // ---- records in ----------------------------------------------------------------------

  push(req: number, type: number, kb: number, group: number, shard: number, key: number, t: number): void {
    const lane = this.pf === 1 ? shard : shard * this.pf + (mix(key) % this.pf);
    const r = this.records.alloc();
    this.rReq[r] = req;
    this.rType[r] = type;
    this.rKb[r] = kb;
    this.rGroup[r] = group;
    this.rAt[r] = t;
    this.rNext[r] = -1;
    const poison = this.poisonRate > 0 && this.rng.next() < this.poisonRate;
    this.rPoison[r] = poison ? 1 : 0;
    if (poison && this.ctx.measuring(t)) this.poller.counts.poisonRecords++;
    const tl = this.tail[lane];
    if (tl >= 0) this.rNext[tl] = r;
    else this.head[lane] = r;
    this.tail[lane] = r;
    this.count[lane]++;
    if (this.rec !== null)
      this.rec.add(t, this.recNode, REC_LANE_RECORDS, this.recBase + lane, this.count[lane]);
    if (!this.age[shard].waiting) this.ageChanged(shard, t);
    if (this.busy[lane]) return;
    if (this.wakeAt[lane] >= 0) {
      // Waiting out a batch window: a full batch starts it at once.
      if (this.windowStart[lane] >= 0 && this.inFlight[lane] === 0 && this.count[lane] >= this.batchSize)
        this.schedule(lane, t);
      return;
    }
    this.schedule(lane, this.nextTick(shard, t));
  }

  // ---- the lane's life -----------------------------------------------------------------

  /** A wake-up of the lane (poll tick, retry, end of a batch window); stale ones are ignored. */
  wake(lane: number, t: number): void {
    if (this.wakeAt[lane] !== t || this.busy[lane]) return;
    this.wakeAt[lane] = -1;
    this.run(lane, t);
  }

  private run(lane: number, t: number): void {
    const shard = Math.floor(lane / this.pf);
    let changed = this.expire(lane, t);
    const measuring = this.ctx.measuring(t);
    for (;;) {
      if (this.inFlight[lane] > 0) {
        // A batch being retried: give it up when its oldest record is too old [L-KIN].
        if (t - this.rAt[this.head[lane]] > this.maxAgeMs) {
          this.giveUp(lane, this.inFlight[lane], t, measuring);
          changed = true;
          continue;
        }
        if (changed) this.ageChanged(shard, t);
        this.invoke(lane, t, measuring);
        return;
      }
      const top = this.pieceTop[lane];
      if (top > 0) {
        // The next half of a bisected batch.
        const at = lane * MAX_PIECES + top - 1;
        this.pieceTop[lane] = top - 1;
        this.inFlight[lane] = this.pieceSize[at];
        this.retriesUsed[lane] = this.pieceRetries[at];
        continue;
      }
      break;
    }
    // A new batch: first skip records already too old to process.
    if (this.maxAgeMs !== Infinity && this.count[lane] > 0 && t - this.rAt[this.head[lane]] > this.maxAgeMs) {
      let n = 0;
      for (let r = this.head[lane]; r >= 0 && t - this.rAt[r] > this.maxAgeMs; r = this.rNext[r]) n++;
      this.giveUp(lane, n, t, measuring);
      changed = true;
    }
    if (changed) this.ageChanged(shard, t);
    const avail = this.count[lane];
    if (avail === 0) {
      this.windowStart[lane] = -1;
      return;
    }
    if (this.windowMs > 0 && avail < this.batchSize) {
      if (this.windowStart[lane] < 0) this.windowStart[lane] = t;
      const end = this.windowStart[lane] + this.windowMs;
      if (t < end) {
        this.schedule(lane, end);
        return;
      }
    }
    this.windowStart[lane] = -1;
    // Up to batchSize records and 6 MB (at least one record).
    const limit = avail < this.batchSize ? avail : this.batchSize;
    let n = 0;
    let kb = 0;
    for (let r = this.head[lane]; n < limit; r = this.rNext[r]) {
      kb += this.rKb[r];
      if (n > 0 && kb > BATCH_MAX_KB) break;
      n++;
    }
    this.inFlight[lane] = n;
    this.retriesUsed[lane] = 0;
    this.invoke(lane, t, measuring);
  }

  /** Calls the function with the lane's current batch (the first inFlight records). */
  private invoke(lane: number, t: number, measuring: boolean): void {
    const n = this.inFlight[lane];
    let kb = 0;
    let poison = false;
    let r = this.head[lane];
    const type = this.rType[r];
    const announce = this.target.batchItem !== undefined;
    const tracing = this.ctx.requests.tracing;
    for (let i = 0; i < n; i++, r = this.rNext[r]) {
      kb += this.rKb[r];
      if (this.rPoison[r]) poison = true;
      if (announce) this.target.batchItem!(this.rReq[r], this.rType[r], this.rKb[r]);
      if (tracing) this.edge.batchItem(this.rReq[r]);
    }
    if (measuring) {
      this.poller.counts.batches++;
      this.poller.counts.kbRead += kb;
    }
    this.busy[lane] = 1;
    this.startedAt[lane] = t;
    if (this.rec !== null) this.recordBatch(lane, t);
    // The answer, a refusal included, comes later as an event (SimContext.answer).
    this.edge.call(-1, type, kb, 0, t, this.poller.owner, lane * this.of + this.index, poison);
  }

  returned(lane: number, status: CallStatus, t: number): void {
    this.busy[lane] = 0;
    const counts = this.poller.counts;
    const measuring = this.ctx.measuring(t);
    const n = this.inFlight[lane];
    if (this.rec !== null) this.recordBatch(lane, t);
    if (status === OK) {
      this.complete(lane, n, t, measuring);
      if (this.rec !== null) this.recordBatch(lane, t);
      this.next(lane, t);
      return;
    }
    if (status === THROTTLED) {
      if (measuring) counts.throttledBatches++;
      this.schedule(lane, t + this.intervalMs);
      return;
    }
    if (measuring) counts.failedBatches++;
    if (this.bisect && n > 1) {
      const first = Math.ceil(n / 2);
      const top = this.pieceTop[lane];
      if (top < MAX_PIECES) {
        this.pieceSize[lane * MAX_PIECES + top] = n - first;
        this.pieceRetries[lane * MAX_PIECES + top] = this.retriesUsed[lane];
        this.pieceTop[lane] = top + 1;
        this.inFlight[lane] = first;
        if (this.rec !== null) this.recordBatch(lane, t);
        if (measuring) counts.bisects++;
        this.schedule(lane, t + this.intervalMs);
        return;
      }
    }
    if (this.maxRetries >= 0 && this.retriesUsed[lane] >= this.maxRetries) {
      this.giveUp(lane, n, t, measuring);
      this.ageChanged(Math.floor(lane / this.pf), t);
      if (this.rec !== null) this.recordBatch(lane, t);
      this.next(lane, t);
      return;
    }
    this.retriesUsed[lane]++;
    if (measuring) counts.retries++;
    this.schedule(lane, t + this.intervalMs);
  }

  /** After a batch is done: the next piece or a waiting full batch at once, else the next tick. */
  private next(lane: number, t: number): void {
    if (this.pieceTop[lane] > 0 || this.count[lane] >= this.batchSize) this.schedule(lane, t);
    else if (this.count[lane] > 0) this.schedule(lane, this.nextTick(Math.floor(lane / this.pf), t));
  }

  /** The first n records succeeded: hand each on and end its path. */
  private complete(lane: number, n: number, t: number, measuring: boolean): void {
    const emit = this.target.emitDownstream;
    const requests = this.ctx.requests;
    for (let i = 0; i < n; i++) {
      const r = this.shift(lane, t);
      const req = this.rReq[r];
      if (requests.traceId(req) >= 0) {
        this.hop(req, this.poller.owner.spec.id, this.rAt[r], this.startedAt[lane], 'read');
        requests.hop(req, {
          node: this.target.spec.id,
          startMs: this.startedAt[lane],
          endMs: t,
          retry: this.retriesUsed[lane],
          outcome: 'ok',
        });
      }
      if (emit) this.target.emitDownstream!(req, this.rType[r], this.rKb[r], this.rGroup[r], t);
      requests.end(req, COMPLETED, t);
      this.records.release(r);
    }
    this.inFlight[lane] = 0;
    this.retriesUsed[lane] = 0;
    if (measuring) this.poller.counts.recordsOut += n;
    if (this.ctx.recorder !== null) this.ctx.recorder.count(t, this.poller.cRecordsOut, n, measuring);
    this.ageChanged(Math.floor(lane / this.pf), t);
  }

  /** The first n records are given up: on-failure destination (metadata) or dropped. */
  private giveUp(lane: number, n: number, t: number, measuring: boolean): void {
    const counts = this.poller.counts;
    const dlq = this.poller.sendToOnFailure(this.rType[this.head[lane]], t, measuring);
    const outcome = dlq ? DEAD_LETTERED : DROPPED;
    for (let i = 0; i < n; i++) {
      const r = this.shift(lane, t);
      this.hop(this.rReq[r], this.poller.owner.spec.id, this.rAt[r], t, dlq ? 'deadLettered' : 'dropped');
      this.ctx.requests.end(this.rReq[r], outcome, t);
      this.records.release(r);
    }
    this.consume(lane, n, t);
    if (dlq && this.ctx.recorder !== null)
      this.ctx.recorder.count(t, this.poller.cDeadLettered, n, measuring);
    if (measuring) {
      if (dlq) counts.deadLettered += n;
      else counts.discarded += n;
    }
  }

  /** Drops the lane's records that outlived the retention, from the head; true if any. */
  private expire(lane: number, t: number): boolean {
    const limit = t - this.retentionMs;
    let n = 0;
    while (this.count[lane] > 0 && this.rAt[this.head[lane]] <= limit) {
      const r = this.shift(lane, t);
      this.expireRecord(r);
      n++;
    }
    if (n > 0) this.consume(lane, n, t);
    return n > 0;
  }

  private expireRecord(r: number): void {
    const at = this.rAt[r] + this.retentionMs;
    this.hop(this.rReq[r], this.poller.owner.spec.id, this.rAt[r], at, 'expired');
    this.ctx.requests.end(this.rReq[r], DROPPED, at);
    if (this.ctx.measuring(at)) this.poller.counts.expired++;
    if (this.ctx.recorder !== null)
      this.ctx.recorder.count(at, this.poller.cExpired, 1, this.ctx.measuring(at));
    this.records.release(r);
  }

  /** n records left the head of the lane: take them off the current batch, then the pending pieces. */
  private consume(lane: number, n: number, t: number): void {
    const cur = this.inFlight[lane] < n ? this.inFlight[lane] : n;
    this.inFlight[lane] -= cur;
    if (cur > 0 && this.rec !== null) this.recordBatch(lane, t);
    n -= cur;
    this.consumePieces(lane, n);
  }

  private consumePieces(lane: number, n: number): void {
    while (n > 0 && this.pieceTop[lane] > 0) {
      const at = lane * MAX_PIECES + this.pieceTop[lane] - 1;
      const d = this.pieceSize[at] < n ? this.pieceSize[at] : n;
      this.pieceSize[at] -= d;
      n -= d;
      if (this.pieceSize[at] === 0) this.pieceTop[lane]--;
    }
  }

  /** Unlinks the lane's first record and returns its slot (the caller releases it). */
  private shift(lane: number, t: number): number {
    const r = this.head[lane];
    const nx = this.rNext[r];
    this.head[lane] = nx;
    if (nx < 0) this.tail[lane] = -1;
    this.count[lane]--;
    if (this.rec !== null)
      this.rec.add(t, this.recNode, REC_LANE_RECORDS, this.recBase + lane, this.count[lane]);
    return r;
  }

  /** For the replay: the lane's batch, > 0 in a call, < 0 held for a retry, 0 none. */
  private recordBatch(lane: number, t: number): void {
    const n = this.inFlight[lane];
    this.rec!.add(t, this.recNode, REC_LANE_BATCH, this.recBase + lane, this.busy[lane] ? n : -n);
  }

  /** A hop of a sampled request (traces only: nothing is allocated for the others). */
  private hop(req: number, node: string, startMs: number, endMs: number, outcome: string): void {
    if (this.ctx.requests.traceId(req) >= 0) this.ctx.requests.hop(req, { node, startMs, endMs, outcome });
  }

  private schedule(lane: number, at: number): void {
    if (this.wakeAt[lane] === at) return;
    this.wakeAt[lane] = at;
    this.ctx.schedule(this.poller.owner, this.poller.config.action, lane * this.of + this.index, at);
  }

  /** The shard's first poll tick at or after t. */
  private nextTick(shard: number, t: number): number {
    const ph = this.phase[shard];
    const iv = this.intervalMs;
    const at = ph + Math.ceil((t - ph) / iv) * iv;
    return at < t ? t : at;
  }

  // ---- iterator age --------------------------------------------------------------------

  /** The shard's oldest unread record may have changed at t: record the age up to t, then re-read it. */
  private ageChanged(shard: number, t: number): void {
    let oldest = NaN;
    const base = shard * this.pf;
    for (let l = base; l < base + this.pf; l++) {
      const h = this.head[l];
      if (h >= 0 && !(this.rAt[h] >= oldest)) oldest = this.rAt[h];
    }
    this.age[shard].update(oldest, t);
    if (this.rec !== null)
      this.rec.add(t, this.recNode, REC_SHARD_OLDEST, this.recBase + shard, oldest === oldest ? oldest : -1);
  }

  // ---- end of run ----------------------------------------------------------------------

  heldPaths(): number {
    return this.records.countHeld(this.rReq);
  }

  finish(t: number): void {
    for (let s = 0; s < this.shards; s++) this.age[s].observe(t);
    // Records that outlived the retention are gone even if no poll came to drop them. A batch
    // still in a call keeps its records (they stay in flight); those behind it can expire.
    const limit = t - this.retentionMs;
    for (let lane = 0; lane < this.head.length; lane++) {
      if (!this.busy[lane]) {
        this.expire(lane, t);
        continue;
      }
      let prev = this.head[lane];
      for (let i = 1; i < this.inFlight[lane]; i++) prev = this.rNext[prev];
      let n = 0;
      for (let r = this.rNext[prev]; r >= 0 && this.rAt[r] <= limit; r = this.rNext[prev]) {
        this.rNext[prev] = this.rNext[r];
        if (this.tail[lane] === r) this.tail[lane] = prev;
        this.count[lane]--;
        if (this.rec !== null)
          this.rec.add(t, this.recNode, REC_LANE_RECORDS, this.recBase + lane, this.count[lane]);
        this.expireRecord(r);
        n++;
      }
      this.consumePieces(lane, n);
    }
  }
}
