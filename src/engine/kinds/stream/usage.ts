import type { UsageLine } from '../../billing/types';
import { chunks } from '../../billing/units';
import { KINESIS } from '../../billing/prices';
import type { StreamParams } from './schema';

/** Retention included in the shard-hour price; above it extended retention is billed [KDS-LIM] [KDS-C1]. */
export const BASE_RETENTION_HOURS = 24;
/** Extended retention (per shard-hour) covers up to 7 days; beyond, long-term retention is per GB-month [KDS-C2]. */
export const EXTENDED_RETENTION_MAX_HOURS = 7 * 24;
/** The on-demand price list counts GB of 1,024 × 1,024 KB (an assumption: AWS bills binary GB). */
const KB_PER_GB = 1024 * 1024;

/**
 * What one Kinesis stream is billed for (facts §3.3), in AWS's units, over the measured window:
 * - provisioned: shard-hours [KDS-OLD] [KDS-C1]; PUT payload units, one per started 25 KB of
 *   each accepted record [KDS-OLD]; extended retention shard-hours when retention is above
 *   24 h [KDS-C1] [KDS-C2]. Reads by Lambda's standard iterator are free [KDS-OLD].
 * - on-demand: stream-hours; GB written (each record rounded up to whole KB, at least 1 KB)
 *   and GB read by consumers (retries included) [KDS-PRICE]. The us-east-1 per-GB prices
 *   are not confirmed (facts §14.1): the price table bills them as 0 and the lines say so.
 * Long-term retention above 7 days (per GB-month) has no confirmed price and no meter: not billed.
 */
export class StreamUsage {
  putUnits = 0;
  kbIn = 0;

  constructor(private readonly p: StreamParams) {}

  /** One accepted record of kb KB. */
  record(kb: number): void {
    if (this.p.mode === 'onDemand') this.kbIn += chunks(kb, KINESIS.onDemand.recordRoundingKb);
    else this.putUnits += chunks(kb, KINESIS.putPayloadUnitKb);
  }

  lines(shards: number, measuredMs: number, kbRead: number): UsageLine[] {
    const hours = measuredMs / 3_600_000;
    if (this.p.mode === 'onDemand') {
      return [
        { meter: 'kinesis.onDemand.streamHours', name: 'on-demand stream-hours', quantity: hours },
        {
          meter: 'kinesis.onDemand.gbIn',
          name: 'on-demand data in (GB, 1 KB minimum per record; us-east-1 price not confirmed, billed 0)',
          quantity: this.kbIn / KB_PER_GB,
        },
        {
          meter: 'kinesis.onDemand.gbOut',
          name: 'on-demand data out (GB read by consumers; us-east-1 price not confirmed, billed 0)',
          quantity: kbRead / KB_PER_GB,
        },
      ];
    }
    const lines: UsageLine[] = [
      { meter: 'kinesis.shardHours', name: 'shard-hours', quantity: shards * hours },
      { meter: 'kinesis.putUnits', name: 'PUT payload units (25 KB chunks)', quantity: this.putUnits },
    ];
    if (this.p.retentionHours > BASE_RETENTION_HOURS) {
      const longTerm = this.p.retentionHours > EXTENDED_RETENTION_MAX_HOURS;
      lines.push({
        meter: 'kinesis.extendedRetentionShardHours',
        name: longTerm
          ? 'extended retention shard-hours (retention above 7 days is long-term storage per GB-month: price not confirmed, not billed)'
          : 'extended retention shard-hours (retention above 24 h)',
        quantity: shards * hours,
      });
    }
    return lines;
  }
}
