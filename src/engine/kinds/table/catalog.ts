import { STREAM_READER_CONNECTIONS } from '../stream/catalog';
import { defineCatalog, NO_TRAITS } from '../catalog-types';
import { tableParams } from './schema';

export const tableCatalog = defineCatalog({
  kind: 'table',
  title: 'DynamoDB table',
  group: 'storage',
  inSentence: 'a DynamoDB table',
  description:
    'Amazon DynamoDB table in on-demand mode: billed per read and write request unit; its stream can trigger a function.',
  params: tableParams,
  fields: {
    itemKB: { title: 'Item size' },
    readsPerRequest: { title: 'Reads per request' },
    readConsistency: {
      title: 'Read consistency',
      options: { eventual: 'Eventually consistent', strong: 'Strongly consistent' },
    },
    streamEnabled: { title: 'DynamoDB stream on' },
    storedGB: { title: 'Data stored', group: 'cost' },
  },
  summary: (p) =>
    `on-demand · ${p.itemKB} KB items` +
    (p.readsPerRequest > 0 ? ` · ${p.readsPerRequest} reads/write` : '') +
    (p.streamEnabled ? ' · stream on' : ''),
  metrics: {
    writes: { role: 'counter', label: 'Writes', badge: { word: 'writes' }, recorded: 'increments' },
    reads: { role: 'counter', label: 'Reads', badge: { word: 'reads' }, recorded: 'increments' },
    wru: { role: 'counter', label: 'Write request units' },
    rru: { role: 'counter', label: 'Read request units' },
    // The rest only when the table's stream is read by a function.
    streamRecords: { role: 'counter', label: 'Stream records', optional: true },
    streamShards: { role: 'gauge', label: 'Stream shards', optional: true },
    recordsOut: { role: 'counter', label: 'Records handled', optional: true, recorded: 'increments' },
    batches: { role: 'counter', label: 'Batches', optional: true },
    failedBatches: { role: 'counter', label: 'Failed batches', optional: true },
    retries: { role: 'counter', label: 'Batch retries', optional: true },
    bisects: { role: 'counter', label: 'Bisections', optional: true },
    throttledBatches: { role: 'counter', label: 'Throttled batches', optional: true },
    expired: { role: 'counter', label: 'Expired', optional: true, recorded: 'increments' },
    deadLettered: { role: 'counter', label: 'Sent to on-failure', optional: true, recorded: 'increments' },
    discarded: { role: 'counter', label: 'Discarded', optional: true },
    maxIteratorAgeSeconds: { role: 'gauge', label: 'Max iterator age (s)', optional: true },
  },
  series: {
    writes: { sampling: 'rate', label: 'Writes' },
    iteratorAgeSeconds: {
      sampling: 'max',
      label: 'Iterator age',
      chart: 'age',
      gauge: 'iterator age s',
      perShard: true,
      optional: true,
    },
  },
  outcomes: { read: 'ok', deadLettered: 'fault', dropped: 'fault', expired: 'fault' },
  traits: NO_TRAITS,
  insides: 'lanes',
  serviceMap: { count: ['writes', 'reads'] },
  meters: ['dynamodb.wru', 'dynamodb.rru', 'dynamodb.storageGbMonths'],
  groups: ['sinks'],
  connections: STREAM_READER_CONNECTIONS,
});
