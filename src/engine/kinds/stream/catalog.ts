import { defineCatalog, NO_TRAITS, type ConnectionDecl } from '../catalog-types';
import { streamParams } from './schema';

const SHARD_READER_PARAMS = [
  'batchSize',
  'batchWindowSeconds',
  'parallelizationFactor',
  'maximumRetryAttempts',
  'maximumRecordAgeSeconds',
  'bisectBatchOnError',
];

/** How a stream's shards are read, and where failed batches go: a table's stream is read the same way. */
export const STREAM_READER_CONNECTIONS: readonly ConnectionDecl<'function' | 'pipe' | 'queue' | 'topic'>[] = [
  {
    to: ['function'],
    roles: ['invoke'],
    meaning: 'shardPoller',
    params: SHARD_READER_PARAMS,
    help: "One poller per shard reads batches in order and invokes the function synchronously. The function's errorRate marks each record once, as it enters, as poison: a batch fails exactly when it holds one, so retries never help and bisecting isolates it.",
  },
  {
    to: ['pipe'],
    roles: ['invoke'],
    meaning: 'shardPoller',
    params: SHARD_READER_PARAMS,
    help: "The pipe reads each shard in order, batch by batch, as a stream's event source mapping does; a failing batch is retried by the source's retry policy and then goes to the stream's on-failure destination (the pipe's dead-letter queue).",
  },
  {
    to: ['queue', 'topic'],
    roles: ['onFailure'],
    meaning: 'destination',
    params: [],
    help: "On-failure destination of the stream's event source mapping (metadata of the failed batch).",
  },
];

export const streamCatalog = defineCatalog({
  kind: 'stream',
  title: 'Kinesis stream',
  group: 'messaging',
  inSentence: 'a Kinesis stream',
  description:
    'Amazon Kinesis Data Stream: ordered records in shards, read in batches by one poller per shard; a failing batch blocks its shard until it succeeds or expires.',
  params: streamParams,
  fields: {
    mode: { title: 'Capacity mode', options: { provisioned: 'Provisioned (shards)', onDemand: 'On-demand' } },
    shards: { title: 'Shards' },
    hotKeyFraction: { title: 'Hot partition key share', group: 'performance' },
    retentionHours: { title: 'Retention', group: 'limits' },
  },
  summary: (p) =>
    (p.mode === 'onDemand'
      ? `on-demand · ${p.shards} shard${p.shards === 1 ? '' : 's'}`
      : `${p.shards} shard${p.shards === 1 ? '' : 's'}`) +
    ` · retention ${p.retentionHours} h` +
    (p.hotKeyFraction > 0 ? ` · hot key ${Math.round(p.hotKeyFraction * 100)} %` : ''),
  metrics: {
    recordsIn: { role: 'counter', label: 'Records in', badge: { word: 'in' }, atT: 'arrivals' },
    recordsOut: { role: 'counter', label: 'Records handled', recorded: 'increments' },
    writeThrottles: {
      role: 'counter',
      label: 'Write throttles',
      badge: { word: 'throttled', problem: true },
    },
    writesDropped: { role: 'counter', label: 'Writes dropped' },
    batches: { role: 'counter', label: 'Batches' },
    failedBatches: { role: 'counter', label: 'Failed batches' },
    retries: { role: 'counter', label: 'Batch retries' },
    bisects: { role: 'counter', label: 'Bisections' },
    throttledBatches: { role: 'counter', label: 'Throttled batches' },
    expired: {
      role: 'counter',
      label: 'Expired',
      badge: { word: 'expired', problem: true },
      recorded: 'increments',
    },
    deadLettered: { role: 'counter', label: 'Sent to on-failure', recorded: 'increments' },
    discarded: { role: 'counter', label: 'Discarded' },
    onFailureMessages: { role: 'counter', label: 'On-failure messages' },
    poisonRecords: { role: 'counter', label: 'Poison records' },
    maxIteratorAgeSeconds: { role: 'gauge', label: 'Max iterator age (s)' },
    shardIteratorAgeSeconds: { role: 'list', label: 'Max iterator age per shard (s)' },
  },
  series: {
    recordsIn: { sampling: 'rate', label: 'Records in' },
    writeThrottles: { sampling: 'rate', label: 'Write throttles' },
    iteratorAgeSeconds: {
      sampling: 'max',
      label: 'Iterator age',
      chart: 'age',
      gauge: 'iterator age s',
      perShard: true,
    },
  },
  // read: the poller took the record into a batch (the handler's own hop follows on the function).
  outcomes: { read: 'ok', deadLettered: 'fault', dropped: 'fault', expired: 'fault' },
  traits: { ...NO_TRAITS, buffer: true },
  insides: 'lanes',
  // A write dropped after its throttling retries is a Throttle; expired or discarded records Faults.
  serviceMap: {
    count: ['recordsIn', 'writesDropped'],
    throttle: ['writesDropped'],
    fault: ['expired', 'discarded'],
  },
  meters: [
    'kinesis.shardHours',
    'kinesis.putUnits',
    'kinesis.extendedRetentionShardHours',
    'kinesis.onDemand.streamHours',
    'kinesis.onDemand.gbIn',
    'kinesis.onDemand.gbOut',
  ],
  groups: ['sinks'],
  connections: STREAM_READER_CONNECTIONS,
});
