import { MONTH_SECONDS } from '../../billing/bill';
import type { UsageLine } from '../../billing/types';
import { chunks } from '../../billing/units';
import { round6 } from '../../metrics/series';
import type { SimContext } from '../../sim/context';
import { NodeBase } from '../../sim/node-base';
import { COMPLETED } from '../../sim/requests';
import type { NodeMetrics, NodeSpec } from '../types';
import type { TableParams } from './schema';

/** 1 WRU = one standard write of up to 1 KB [DDB-3P]. */
export const WRITE_UNIT_KB = 1;
/** 1 RRU = one strongly consistent read of up to 4 KB; eventually consistent costs half [DDB-3P]. */
export const READ_UNIT_KB = 4;
export const EVENTUAL_READ_FACTOR = 0.5;

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
 * handled request) and completes its path at once: on-demand capacity is not throttled
 * here. Every write costs writeUnits(itemKB) WRU, and brings `readsPerRequest` reads of
 * readUnits(itemKB) RRU each (reads are a bill-only knob: the canvas draws writes).
 * Storage: `storedGB` held for the measured window, the first 25 GB-months free [DDB-3P].
 * Transactional writes (2 WRU per KB) are not modelled.
 *
 * Streams (streamEnabled) are refused at create(): the shard poller that reads a stream is
 * built with the Kinesis kind, and the table will use it when it is ready.
 */
export class TableRuntime extends NodeBase<TableParams> {
  private readonly wruPerWrite: number;
  private readonly rruPerWrite: number;

  private writes = 0;
  private readonly sWrites: number = -1;

  constructor(ctx: SimContext, spec: NodeSpec<TableParams>, index: number) {
    super(ctx, spec, index);
    const p = spec.params;
    this.wruPerWrite = writeUnits(p.itemKB);
    this.rruPerWrite = p.readsPerRequest * readUnits(p.itemKB, p.readConsistency);
    if (ctx.series) this.sWrites = ctx.series.register(`${spec.id}.writes`, 'rate');
  }

  /** One write (PutItem). */
  deliver(req: number, _type: number, _kb: number, _group: number, t: number): void {
    if (this.measuring(t)) {
      this.writes++;
      if (this.ctx.series) this.ctx.series.count(this.sWrites, t);
    }
    this.ctx.requests.end(req, COMPLETED, t);
  }

  metrics(): NodeMetrics {
    return {
      writes: this.writes,
      reads: round6(this.writes * this.params.readsPerRequest),
      wru: round6(this.writes * this.wruPerWrite),
      rru: round6(this.writes * this.rruPerWrite),
    };
  }

  usage(): UsageLine[] {
    const seconds = Math.max(0, this.ctx.endMs - this.ctx.measureFromMs) / 1000;
    return [
      { meter: 'dynamodb.wru', name: 'write request units', quantity: this.writes * this.wruPerWrite },
      { meter: 'dynamodb.rru', name: 'read request units', quantity: this.writes * this.rruPerWrite },
      { meter: 'dynamodb.storageGbMonths', name: 'storage', quantity: (this.params.storedGB * seconds) / MONTH_SECONDS },
    ];
  }
}
