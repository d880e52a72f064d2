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
    min: 1,
    max: 1000,
    default: 1,
    int: true,
    unit: 'shards',
    help: "Each shard takes 1 MB/s or 1,000 records/s in (provisioned mode; a throttled put is retried 3 times by the writer, then dropped) and gets one poller (times the parallelization factor). On-demand: the shards AWS has scaled to, which set the readers' parallelism; only a hot key is write-limited there. The 1,000 cap is the simulator's choice; AWS's shard quota is per account and not in the facts file.",
    source: '[KDS-LIM] [L-KIN]',
  }),
  retentionHours: num({
    min: 24,
    max: 8760,
    default: 24,
    int: true,
    unit: 'h',
    help: 'Records older than this expire, read or not (default 24 h, at most 365 days); a poller stuck retrying a batch loses them. Above 24 h costs extra per shard-hour (provisioned); long-term retention above 7 days is billed per GB-month at a price not confirmed, so not billed here.',
    source: '[KDS-LIM] [KDS-C1]',
  }),
  hotKeyFraction: num({
    min: 0,
    max: 1,
    default: 0,
    unit: 'fraction',
    help: 'Share of records that carry one hot partition key and so land on shard 0 (and keep their order there); the others carry random keys spread evenly over the shards. A simulator knob for the hot-shard lesson, not an AWS setting.',
  }),
});

export type StreamParams = z.output<typeof streamParams>;
