import type { KindModule } from '../types';
import { StreamRuntime } from './runtime';
import { streamParams, type StreamParams } from './schema';

export const streamKind: KindModule<StreamParams> = {
  kind: 'stream',
  title: 'Kinesis stream',
  group: 'messaging',
  description:
    'Amazon Kinesis Data Stream: ordered records in shards, read in batches by one poller per shard; a failing batch blocks its shard until it succeeds or expires.',
  params: streamParams,
  summary: (p) =>
    (p.mode === 'onDemand'
      ? `on-demand · ${p.shards} shard${p.shards === 1 ? '' : 's'}`
      : `${p.shards} shard${p.shards === 1 ? '' : 's'}`) +
    ` · retention ${p.retentionHours} h` +
    (p.hotKeyFraction > 0 ? ` · hot key ${Math.round(p.hotKeyFraction * 100)} %` : ''),
  create: (ctx, spec, index) => new StreamRuntime(ctx, spec, index),
};
