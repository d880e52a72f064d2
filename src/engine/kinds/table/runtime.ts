import { MONTH_SECONDS } from '../../billing/bill';
import type { UsageLine } from '../../billing/types';
import { chunks } from '../../billing/units';
import { round6 } from '../../metrics/series';
import type { SimContext } from '../../sim/context';
import { NodeBase } from '../../sim/node-base';
import { COMPLETED } from '../../sim/requests';
import { DYNAMODB_POLL_INTERVAL_MS, ShardPoller } from '../stream/shard-poller';
import type { CallStatus, NodeMetrics, NodeSpec } from '../types';
import type { TableParams } from './schema';

/** 1 WRU = one standard write of up to 1 KB [DDB-3P]. */
export const WRITE_UNIT_KB = 1;
/** 1 RRU = one strongly consistent read of up to 4 KB; eventually consistent costs half [DDB-3P]. */
export const READ_UNIT_KB = 4;
export const EVENTUAL_READ_FACTOR = 0.5;
/** Stream records are kept 24 h [L-DDB]. */
export const STREAM_RETENTION_MS = 24 * 3_600_000;
/**
 * Write request units per second one stream shard stands for. A stream has one shard per
 * table partition, and a partition takes up to 1,000 WCU/s: DynamoDB's documented partition
 * limit, which the facts file does not give (an assumption).
 */
export const STREAM_SHARD_WRU_PER_S = 1000;
/** The simulator's cap on stream shards (16,000 WRU/s at peak); writes beyond share them. */
export const STREAM_MAX_SHARDS = 16;

const POLL = 0;

/** Write request units one write of an item of `itemKB` costs: 1 per started KB [DDB-3P]. */
export function writeUnits(itemKB: number): number {
  return chunks(itemKB, WRITE_UNIT_KB);
}

/** Read request units one read of an item of `itemKB` costs: 1 per started 4 KB, half when eventual [DDB-3P]. */
export function readUnits(itemKB: number, consistency: 'eventual' | 'strong'): number {
  return chunks(itemKB, READ_UNIT_KB) * (consistency === 'eventual' ? EVENTUAL_READ_FACTOR : 1);
}

/**
 * Amazon DynamoDB table in on-demand mode. Each write arrives by deliver (a put after a
 * handled request): on-demand capacity is not throttled here. Every write costs
 * writeUnits(itemKB) WRU, and brings `readsPerRequest` reads of readUnits(itemKB) RRU each
 * (reads are a bill-only knob: the canvas draws writes). Storage: `storedGB` held for the
 * measured window, the first 25 GB-months free [DDB-3P]. Transactional writes (2 WRU per KB)
 * are not modelled.
 *
 * Without a stream a write completes its path at once. With `streamEnabled` each write also
 * becomes a stream record (of itemKB) that every function reading the table (a "shardPoller"
 * edge) gets in batches: the stream's ShardPoller, shared with the Kinesis kind, polls each
 * shard 4 times a second [L-DDB] and keeps records 24 h; batch size, retries, bisecting and
 * the on-failure destination are the edge's, as for Kinesis [L-DDB]. The write's path is
 * handed to the poller (one path per reader). A stream nobody reads completes the write.
 *
 * Stream shards follow the table's partitions: one per STREAM_SHARD_WRU_PER_S of the peak
 * write rate (WRU in one second of simulated time) seen so far, at least 1, never fewer
 * later (partitions split, they do not merge), at most STREAM_MAX_SHARDS. Each record goes
 * to a random active shard; the ordering hand-over from a parent shard to its children is
 * not modelled. Lambda's reads of the stream are free [DDB-STREAMS].
 */
export class TableRuntime extends NodeBase<TableParams> {
  declare private readonly wruPerWrite: number;
  declare private readonly rruPerWrite: number;
  declare private readonly poller: ShardPoller | null;

  // Stream shards: the peak WRU in one second so far, and the second being counted.
  private activeShards = 1;
  private peakWru = 0;
  private second = -1;
  private secondWru = 0;

  private writes = 0;
  private streamRecords = 0;
  private readonly sWrites: number = -1;

  /** The recorder's handles for the counters a replay shows at t (−1 when not recording). */
  private readonly cWrites: number;
  private readonly cReads: number;

  constructor(ctx: SimContext, spec: NodeSpec<TableParams>, index: number) {
    super(ctx, spec, index);
    this.cWrites = this.counter('writes');
    // Reads are a figure per write (readsPerRequest): recorded with each write, summed like it.
    this.cReads = this.counter('reads');
    const p = spec.params;
    this.wruPerWrite = writeUnits(p.itemKB);
    this.rruPerWrite = p.readsPerRequest * readUnits(p.itemKB, p.readConsistency);
    if (ctx.series) this.sWrites = ctx.series.register(`${spec.id}.writes`, 'rate');
    this.poller = p.streamEnabled
      ? new ShardPoller(ctx, this, {
          shards: STREAM_MAX_SHARDS,
          pollIntervalMs: DYNAMODB_POLL_INTERVAL_MS,
          retentionMs: STREAM_RETENTION_MS,
          action: POLL,
        })
      : null;
  }

  start(): void {
    if (this.poller) this.poller.attach(this.out);
  }

  /** One write (PutItem). */
  deliver(req: number, type: number, _kb: number, group: number, t: number): void {
    const measuring = this.measuring(t);
    if (this.ctx.recorder !== null) {
      this.tally(this.cWrites, t, 1, measuring);
      this.tally(this.cReads, t, this.params.readsPerRequest, measuring);
    }
    if (measuring) {
      this.writes++;
      if (this.ctx.series) this.ctx.series.count(this.sWrites, t);
    }
    const poller = this.poller;
    if (poller !== null && poller.consumerCount > 0) {
      const shard = this.shardFor(t);
      if (measuring) this.streamRecords++;
      const key = Math.floor(this.rng.next() * 4294967296);
      if (poller.push(req, type, this.params.itemKB, group, shard, key, t)) return;
    }
    this.ctx.requests.end(req, COMPLETED, t);
  }

  /** Counts this write's WRU towards the peak rate and picks a random active shard. */
  private shardFor(t: number): number {
    const sec = Math.floor(t / 1000);
    if (sec !== this.second) {
      this.second = sec;
      this.secondWru = 0;
    }
    this.secondWru += this.wruPerWrite;
    if (this.secondWru > this.peakWru) {
      this.peakWru = this.secondWru;
      const need = Math.ceil(this.peakWru / STREAM_SHARD_WRU_PER_S - 1e-9);
      this.activeShards = need < 1 ? 1 : need > STREAM_MAX_SHARDS ? STREAM_MAX_SHARDS : need;
    }
    return this.activeShards === 1 ? 0 : this.rng.int(this.activeShards);
  }

  onEvent(_action: number, slot: number): void {
    const t = this.ctx.now;
    this.poller!.onEvent(slot, t);
  }

  onReturn(slot: number, status: CallStatus, t: number): void {
    this.poller!.onReturn(slot, status, t);
  }

  finish(t: number): void {
    if (this.poller) this.poller.finish(t);
  }

  /** Stream records not yet handled by every reader. */
  heldPaths(): number {
    return this.poller ? this.poller.heldPaths() : 0;
  }

  metrics(): NodeMetrics {
    const m: NodeMetrics = {
      writes: this.writes,
      reads: round6(this.writes * this.params.readsPerRequest),
      wru: round6(this.writes * this.wruPerWrite),
      rru: round6(this.writes * this.rruPerWrite),
    };
    const p = this.poller;
    if (p === null) return m;
    const c = p.counts;
    return {
      ...m,
      streamRecords: this.streamRecords,
      streamShards: this.activeShards,
      recordsOut: c.recordsOut,
      batches: c.batches,
      failedBatches: c.failedBatches,
      retries: c.retries,
      bisects: c.bisects,
      throttledBatches: c.throttledBatches,
      expired: c.expired,
      deadLettered: c.deadLettered,
      discarded: c.discarded,
      maxIteratorAgeSeconds: p.maxIteratorAgeSeconds(),
    };
  }

  usage(): UsageLine[] {
    const seconds = Math.max(0, this.ctx.endMs - this.ctx.measureFromMs) / 1000;
    return [
      { meter: 'dynamodb.wru', name: 'write request units', quantity: this.writes * this.wruPerWrite },
      { meter: 'dynamodb.rru', name: 'read request units', quantity: this.writes * this.rruPerWrite },
      {
        meter: 'dynamodb.storageGbMonths',
        name: 'storage',
        quantity: (this.params.storedGB * seconds) / MONTH_SECONDS,
      },
    ];
  }
}
