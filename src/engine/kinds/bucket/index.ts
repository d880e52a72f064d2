import type { KindModule } from '../types';
import { BucketRuntime } from './runtime';
import { bucketParams, type BucketParams } from './schema';

export const bucketKind: KindModule<BucketParams> = {
  kind: 'bucket',
  title: 'S3 bucket',
  group: 'storage',
  description:
    'Amazon S3 bucket: each PUT is billed and sends one event notification, at least once, to a single destination.',
  params: bucketParams,
  summary: (p) =>
    `${p.storedGB} GB stored · notify after ~${fmtMs(p.notificationDelay.meanMs)}` +
    (p.getsPerPut > 0 ? ` · ${p.getsPerPut} GET/PUT` : ''),
  create: (ctx, spec, index) => new BucketRuntime(ctx, spec, index),
};

function fmtMs(ms: number): string {
  return ms >= 1000 ? `${+(ms / 1000).toFixed(1)} s` : `${ms} ms`;
}
