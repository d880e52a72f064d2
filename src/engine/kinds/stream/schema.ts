import { z } from 'zod';
import { choice, num } from '../../scenario/params';

/** Facts: §3.1 shard limits and modes [KDS-LIM] [KDS-CONCEPTS] [KDS-MODE], §3.2 the Lambda poller [L-KIN]. */
export const streamParams = z.object({
  mode: choice(['provisioned', 'onDemand'] as const, {
    default: 'provisioned',
    help: 'Provisioned: a fixed number of shards, billed per shard-hour. On-demand: capacity follows traffic (up to 2 × the previous peak; a faster jump is throttled), billed per stream-hour and per GB.',
    source: '[KDS-MODE] [KDS-PRICE]',
  }),
  shards: num({
    min: 1, max: 1000, default: 1, int: true, unit: 'shards',
    help: 'Provisioned mode: each shard takes 1 MB/s or 1,000 records/s in and gets one poller (times the parallelization factor). The 1,000 cap is the simulator\'s choice; AWS\'s shard quota is per account and not in the facts file.',
    source: '[KDS-LIM] [L-KIN]',
  }),
  retentionHours: num({
    min: 24, max: 8760, default: 24, int: true, unit: 'h',
    help: 'Records older than this expire, read or not (default 24 h, at most 365 days); a poller stuck retrying a batch loses them. Above 24 h costs extra per shard-hour.',
    source: '[KDS-LIM] [KDS-C1]',
  }),
  hotKeyFraction: num({
    min: 0, max: 1, default: 0, unit: 'fraction',
    help: 'Share of records that carry one hot partition key and so land on one shard; 0 spreads records evenly. A simulator knob for the hot-shard lesson, not an AWS setting.',
  }),
});

export type StreamParams = z.output<typeof streamParams>;
