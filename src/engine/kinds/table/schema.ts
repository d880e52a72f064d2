import { z } from 'zod';
import { bool, choice, num } from '../../scenario/params';

/** Facts: §4 on-demand capacity units and prices [DDB-3P] [DDB-CUT], streams [L-DDB] [DDB-STREAMS]. */
export const tableParams = z.object({
  itemKB: num({
    min: 0.001,
    max: 400,
    default: 1,
    unit: 'KB',
    help: "Size of each item written or read: a write costs 1 write request unit per KB (rounded up), a strong read 1 read unit per 4 KB. The 400 KB item limit is DynamoDB's (not in the facts file).",
    source: '[DDB-3P]',
  }),
  readsPerRequest: num({
    min: 0,
    max: 100,
    default: 0,
    unit: 'reads per request',
    help: 'Reads made for each write that arrives over an edge (the canvas draws writes only): a simple way to put reads on the bill.',
    source: '[DDB-3P]',
  }),
  readConsistency: choice(['eventual', 'strong'] as const, {
    default: 'eventual',
    help: 'An eventually consistent read costs half a read unit per 4 KB; a strongly consistent one a whole unit.',
    source: '[DDB-3P]',
  }),
  streamEnabled: bool({
    default: false,
    help: 'DynamoDB Streams: every write becomes a stream record (kept 24 h) that a function can read in batches. Needed for a table → function edge.',
    source: '[L-DDB]',
  }),
  storedGB: num({
    min: 0,
    max: 10_000_000,
    default: 0,
    unit: 'GB',
    help: 'Data kept in the table, billed per GB-month after the free 25 GB. The default 0 is an assumption.',
    source: '[DDB-3P]',
  }),
});

export type TableParams = z.output<typeof tableParams>;
