import { z } from 'zod';
import { distSchema, num } from '../../scenario/params';

/** Facts: §8 event notifications [S3-NOTIF] [S3-FILTER] and prices [S3-PAPI]. */
export const bucketParams = z.object({
  storedGB: num({
    min: 0,
    max: 10_000_000,
    default: 0,
    unit: 'GB',
    help: 'Data kept in the bucket, billed per GB-month (S3 Standard). The default 0 is an assumption: it bills only requests unless you say how much is stored.',
    source: '[S3-PAPI]',
  }),
  getsPerPut: num({
    min: 0,
    max: 100,
    default: 0,
    unit: 'GETs per PUT',
    help: 'GET requests made for each object PUT (e.g. 1 when the function that handles the upload reads it once): puts reads on the bill. The canvas draws only PUTs.',
    source: '[S3-PAPI]',
  }),
  notificationDelay: distSchema({
    default: { dist: 'lognormal', meanMs: 1000, p99Ms: 10000 },
    help: 'Time from a PUT to its event notification. AWS says "typically seconds, sometimes a minute or longer"; the 1 s mean and 10 s p99 are an assumption.',
    source: '[S3-NOTIF]',
  }),
});

export type BucketParams = z.output<typeof bucketParams>;
