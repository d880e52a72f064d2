import type { UsageLine } from '../../billing/types';
import type { SimContext } from '../../sim/context';
import type { EdgeRuntime } from '../../sim/edges';
import { NodeBase } from '../../sim/node-base';
import { DROPPED } from '../../sim/requests';
import { RingDeque } from '../../sim/ring-deque';
import { Slots, growF64, growI32, growU8 } from '../../sim/slots';
import type { CallStatus, NodeMetrics, NodeSpec } from '../types';
import type { StreamParams } from './schema';
import { KINESIS_POLL_INTERVAL_MS, ShardPoller } from './shard-poller';
import { StreamUsage } from './usage';

/** Shard write limits: 1,000 records/s and 1 MB/s per shard [KDS-LIM]. */
export const SHARD_WRITE_RECORDS_PER_S = 1000;
export const SHARD_WRITE_KB_PER_S = 1024;
/** A record holds at most 1 MB [KDS-LIM]. */
export const RECORD_MAX_KB = 1024;
/**
 * The writer (the SDK inside the producer) retries a throttled put 3 times, 100, 200 and
 * 400 ms apart, then gives the record up. The simulator's assumption: the facts file gives
 * no SDK retry schedule.
 */
export const WRITE_RETRY_DELAYS_MS = [100, 200, 400] as const;

const WRITE_RETRY = 0;
const POLL = 1;

/** The hot partition key: always shard 0 and lane 0. */
const HOT_KEY = 0;

/**
 * Amazon Kinesis Data Stream (facts §3).
 *
 * Writes: each put (deliver) is one record with a partition key. A share `hotKeyFraction` of
 * the records carries one hot key and lands on shard 0; the others carry random keys and are
 * spread uniformly over the shards. Each shard takes at most 1,000 records/s and 1 MB/s
 * [KDS-LIM], modelled as two token buckets refilled continuously at those rates and holding
 * one second's worth (so a shard may take a burst of 1,000 records at once). In on-demand
 * mode AWS scales shards ahead of the traffic (up to 2 × the previous peak [KDS-MODE]), so only
 * the hot key is limited (one key always maps to one shard); the throttling of a jump to
 * more than twice the previous peak is not modelled. A refused put is retried by the writer
 * (WRITE_RETRY_DELAYS_MS), then dropped (path DROPPED, counted in writesDropped); every refusal
 * counts as a write throttle. Records over 1 MB are refused outright.
 *
 * Reads: the ShardPoller (./shard-poller.ts) runs Lambda's event source mapping for every
 * function reading the stream, one poller per shard polling once per second [L-KIN]. A
 * stream nobody reads keeps its records until the retention expires them (DROPPED).
 */
export class StreamRuntime extends NodeBase<StreamParams> {
  declare readonly shards: number;
  declare private readonly retentionMs: number;
  declare private readonly hotFraction: number;
  declare private readonly limitAll: boolean;
  declare readonly poller: ShardPoller;
  declare private readonly usageAcc: StreamUsage;

  // Write limits, per shard: token buckets refilled lazily when touched.
  declare private readonly recTokens: Float64Array;
  declare private readonly kbTokens: Float64Array;
  declare private readonly refilledAt: Float64Array;

  // Puts waiting to be retried by the writer.
  declare private pReq: Int32Array;
  declare private pType: Int32Array;
  declare private pKb: Float64Array;
  declare private pGroup: Int32Array;
  declare private pKey: Float64Array;
  declare private pShard: Int32Array;
  declare private pAttempt: Uint8Array;
  declare private readonly puts: Slots;

  // Records of a stream no function reads, oldest first, until they expire.
  private readonly unreadReq = new RingDeque(1024);
  private readonly unreadAt = new RingDeque(1024);

  // Metrics (after the warm-up).
  private recordsIn = 0;
  private writeThrottles = 0;
  private writesDropped = 0;
  private expiredUnread = 0;
  private readonly sRecordsIn: number = -1;
  private readonly sThrottles: number = -1;

  constructor(ctx: SimContext, spec: NodeSpec<StreamParams>, index: number) {
    super(ctx, spec, index);
    const p = spec.params;
    this.shards = p.shards;
    this.retentionMs = p.retentionHours * 3_600_000;
    this.hotFraction = p.hotKeyFraction;
    this.limitAll = p.mode === 'provisioned';
    this.recTokens = new Float64Array(this.shards).fill(SHARD_WRITE_RECORDS_PER_S);
    this.kbTokens = new Float64Array(this.shards).fill(SHARD_WRITE_KB_PER_S);
    this.refilledAt = new Float64Array(this.shards);
    this.puts = new Slots(64, (cap) => {
      this.pReq = growI32(this.pReq, cap);
      this.pType = growI32(this.pType, cap);
      this.pKb = growF64(this.pKb, cap);
      this.pGroup = growI32(this.pGroup, cap);
      this.pKey = growF64(this.pKey, cap);
      this.pShard = growI32(this.pShard, cap);
      this.pAttempt = growU8(this.pAttempt, cap);
    });
    this.poller = new ShardPoller(ctx, this, {
      shards: this.shards,
      pollIntervalMs: KINESIS_POLL_INTERVAL_MS,
      retentionMs: this.retentionMs,
      action: POLL,
    });
    this.usageAcc = new StreamUsage(p);
    const s = ctx.series;
    if (s) {
      this.sRecordsIn = s.register(`${spec.id}.recordsIn`, 'rate');
      this.sThrottles = s.register(`${spec.id}.writeThrottles`, 'rate');
    }
  }

  start(): void {
    this.poller.attach(this.out);
  }

  // ---- writes --------------------------------------------------------------------------

  deliver(req: number, type: number, kb: number, group: number, t: number, _via: EdgeRuntime): void {
    if (this.unreadReq.size > 0) this.expireUnread(t);
    if (kb > RECORD_MAX_KB) {
      this.drop(req, t);
      return;
    }
    const hot = this.hotFraction > 0 && this.rng.next() < this.hotFraction;
    const key = hot ? HOT_KEY : Math.floor(this.rng.next() * 4294967296);
    const shard = hot || this.shards === 1 ? 0 : this.rng.int(this.shards);
    if (this.admit(shard, hot, kb, t)) {
      this.accept(req, type, kb, group, shard, key, t);
      return;
    }
    this.refused(t);
    const slot = this.puts.alloc();
    this.pReq[slot] = req;
    this.pType[slot] = type;
    this.pKb[slot] = kb;
    this.pGroup[slot] = group;
    this.pKey[slot] = key;
    this.pShard[slot] = shard;
    this.pAttempt[slot] = 0;
    this.at(t + WRITE_RETRY_DELAYS_MS[0], WRITE_RETRY, slot);
  }

  onEvent(action: number, slot: number): void {
    const t = this.ctx.now;
    if (action === POLL) this.poller.onEvent(slot, t);
    else this.retryPut(slot, t);
  }

  onReturn(slot: number, status: CallStatus, t: number): void {
    this.poller.onReturn(slot, status, t);
  }

  private retryPut(slot: number, t: number): void {
    const shard = this.pShard[slot];
    const key = this.pKey[slot];
    const kb = this.pKb[slot];
    if (this.admit(shard, key === HOT_KEY, kb, t)) {
      this.accept(this.pReq[slot], this.pType[slot], kb, this.pGroup[slot], shard, key, t);
      this.puts.release(slot);
      return;
    }
    this.refused(t);
    const attempt = this.pAttempt[slot] + 1;
    if (attempt >= WRITE_RETRY_DELAYS_MS.length) {
      this.drop(this.pReq[slot], t);
      this.puts.release(slot);
      return;
    }
    this.pAttempt[slot] = attempt;
    this.at(t + WRITE_RETRY_DELAYS_MS[attempt], WRITE_RETRY, slot);
  }

  /** Takes one record of kb KB from the shard's write buckets, if they hold enough. */
  private admit(shard: number, hot: boolean, kb: number, t: number): boolean {
    if (!this.limitAll && !hot) return true;
    const dt = t - this.refilledAt[shard];
    this.refilledAt[shard] = t;
    const rec = Math.min(
      SHARD_WRITE_RECORDS_PER_S,
      this.recTokens[shard] + (dt * SHARD_WRITE_RECORDS_PER_S) / 1000,
    );
    const kbt = Math.min(SHARD_WRITE_KB_PER_S, this.kbTokens[shard] + (dt * SHARD_WRITE_KB_PER_S) / 1000);
    if (rec >= 1 && kbt >= kb) {
      this.recTokens[shard] = rec - 1;
      this.kbTokens[shard] = kbt - kb;
      return true;
    }
    this.recTokens[shard] = rec;
    this.kbTokens[shard] = kbt;
    return false;
  }

  private accept(
    req: number,
    type: number,
    kb: number,
    group: number,
    shard: number,
    key: number,
    t: number,
  ): void {
    if (this.measuring(t)) {
      this.recordsIn++;
      this.usageAcc.record(kb);
      if (this.ctx.series) this.ctx.series.count(this.sRecordsIn, t);
    }
    if (this.poller.push(req, type, kb, group, shard, key, t)) return;
    this.keepUnread(req, t);
  }

  private refused(t: number): void {
    if (!this.measuring(t)) return;
    this.writeThrottles++;
    if (this.ctx.series) this.ctx.series.count(this.sThrottles, t);
  }

  private drop(req: number, t: number): void {
    if (this.measuring(t)) this.writesDropped++;
    if (this.ctx.requests.traceId(req) >= 0)
      this.ctx.requests.hop(req, { node: this.spec.id, startMs: t, endMs: t, outcome: 'dropped' });
    this.ctx.requests.end(req, DROPPED, t);
  }

  // ---- records nobody reads ------------------------------------------------------------

  private keepUnread(req: number, t: number): void {
    this.unreadReq.pushBack(req);
    this.unreadAt.pushBack(t);
  }

  /** Records older than the retention are deleted: their paths end DROPPED when they expired. */
  private expireUnread(t: number): void {
    const limit = t - this.retentionMs;
    while (this.unreadAt.size > 0 && this.unreadAt.front() <= limit) {
      const at = this.unreadAt.popFront() + this.retentionMs;
      this.ctx.requests.end(this.unreadReq.popFront(), DROPPED, at);
      if (this.measuring(at)) this.expiredUnread++;
      this.tally(this.poller.cExpired, at, 1, this.measuring(at));
    }
  }

  // ---- results -------------------------------------------------------------------------

  finish(t: number): void {
    this.expireUnread(t);
    this.poller.finish(t);
  }

  /** Writes waiting out a throttle, records not yet handled by every reader, records nobody reads. */
  heldPaths(): number {
    let unread = 0;
    for (let i = 0; i < this.unreadReq.size; i++) if (this.unreadReq.at(i) >= 0) unread++;
    return this.puts.countHeld(this.pReq) + this.poller.heldPaths() + unread;
  }

  metrics(): NodeMetrics {
    const c = this.poller.counts;
    return {
      recordsIn: this.recordsIn,
      recordsOut: c.recordsOut,
      writeThrottles: this.writeThrottles,
      writesDropped: this.writesDropped,
      batches: c.batches,
      failedBatches: c.failedBatches,
      retries: c.retries,
      bisects: c.bisects,
      throttledBatches: c.throttledBatches,
      expired: this.expiredUnread + c.expired,
      deadLettered: c.deadLettered,
      discarded: c.discarded,
      onFailureMessages: c.onFailureMessages,
      poisonRecords: c.poisonRecords,
      maxIteratorAgeSeconds: this.poller.maxIteratorAgeSeconds(),
      shardIteratorAgeSeconds: this.poller.shardIteratorAgeSeconds(),
    };
  }

  usage(): UsageLine[] {
    return this.usageAcc.lines(this.shards, this.ctx.measuredMs, this.poller.counts.kbRead);
  }
}
