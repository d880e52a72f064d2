import { defineCatalog, NO_TRAITS } from '../catalog-types';
import { LVL_QUEUE_VISIBLE } from '../record-codes';
import { queueParams } from './schema';

export const queueCatalog = defineCatalog({
  kind: 'queue',
  title: 'SQS queue',
  group: 'messaging',
  inSentence: 'an SQS queue',
  description:
    'Amazon SQS queue, standard or FIFO: holds messages until a poller receives and deletes them; redrives repeat failures to a dead-letter queue.',
  params: queueParams,
  fields: {
    type: { title: 'Queue type', options: { standard: 'Standard', fifo: 'FIFO' } },
    deliveryDelaySeconds: { title: 'Delivery delay', group: 'performance' },
    retentionSeconds: { title: 'Message retention', group: 'limits' },
    visibilityTimeoutSeconds: { title: 'Visibility timeout', group: 'retries' },
    maxReceiveCount: { title: 'Receives before the DLQ', group: 'retries' },
  },
  summary: (p) =>
    `${p.type} · visibility ${p.visibilityTimeoutSeconds} s · DLQ after ${p.maxReceiveCount}` +
    (p.deliveryDelaySeconds > 0 ? ` · delay ${p.deliveryDelaySeconds} s` : ''),
  metrics: {
    sent: {
      role: 'counter',
      label: 'Sent',
      badge: { word: 'sent' },
      atT: 'arrivals',
      recorded: 'increments',
    },
    received: { role: 'counter', label: 'Received', recorded: 'increments' },
    deleted: { role: 'counter', label: 'Deleted' },
    emptyReceives: { role: 'counter', label: 'Empty receives' },
    expired: { role: 'counter', label: 'Expired', recorded: 'increments' },
    returned: { role: 'counter', label: 'Returned to the queue' },
    batches: { role: 'counter', label: 'Batches' },
    failedBatches: { role: 'counter', label: 'Failed batches' },
    throttledBatches: { role: 'counter', label: 'Throttled batches' },
    meanDepth: { role: 'gauge', label: 'Mean depth' },
    maxDepth: {
      role: 'gauge',
      label: 'Max depth',
      badge: { word: 'max depth' },
      recorded: { peak: [LVL_QUEUE_VISIBLE] },
    },
    deadLettered: {
      role: 'counter',
      label: 'Dead-lettered',
      badge: { word: 'DLQ', problem: true },
      atT: { endedWith: ['deadLettered'] },
      recorded: 'increments',
    },
    maxAgeSeconds: { role: 'gauge', label: 'Oldest message (s)' },
    meanWaitSeconds: { role: 'gauge', label: 'Mean wait (s)' },
    inFlight: { role: 'gauge', label: 'In flight at the end' },
    messages: { role: 'gauge', label: 'Messages at the end' },
    meanInFlight: { role: 'gauge', label: 'Mean in flight' },
    maxInFlight: { role: 'gauge', label: 'Max in flight' },
    pollers: { role: 'gauge', label: 'Max pollers' },
    visibilityTimeoutSeconds: { role: 'setting', label: 'Visibility timeout (s)' },
    billedRequests: { role: 'counter', label: 'Billed requests' },
  },
  series: {
    depth: { sampling: 'level', label: 'Messages waiting', chart: 'depth', gauge: 'waiting' },
    inFlight: { sampling: 'level', label: 'In flight', gauge: 'in flight' },
    pollers: { sampling: 'level', label: 'Pollers' },
    ageSeconds: { sampling: 'max', label: 'Oldest message', chart: 'age', gauge: 'oldest s' },
    sent: { sampling: 'rate', label: 'Sent' },
  },
  // Hops on the queue itself; its pollers record call outcomes on the node they call.
  outcomes: { received: 'ok', deadLettered: 'fault', expired: 'fault' },
  traits: { ...NO_TRAITS, buffer: true },
  insides: 'messages',
  // What expired or went to the dead-letter queue is a Fault.
  serviceMap: { count: ['sent'], fault: ['deadLettered', 'expired'] },
  meters: ['sqs.standard.requests', 'sqs.fifo.requests'],
  groups: ['sinks'],
  connections: [
    {
      to: ['function', 'container'],
      roles: ['invoke'],
      meaning: 'poller',
      params: ['batchSize', 'batchWindowSeconds', 'maximumConcurrency', 'reportBatchItemFailures'],
      help: "Lambda's event source mapping (or a container worker) polls the queue and deletes what it handled.",
    },
    {
      to: ['queue'],
      roles: ['dlq'],
      meaning: 'destination',
      params: [],
      help: 'Redrive: after maxReceiveCount receives a message moves to this dead-letter queue.',
    },
    {
      to: ['pipe'],
      roles: ['invoke'],
      meaning: 'poller',
      params: ['batchSize', 'batchWindowSeconds'],
      help: "The pipe polls the queue as Lambda's event source mapping does, and deletes what it handled; a failing batch comes back after the visibility timeout, until the queue's maxReceiveCount sends it to the queue's dead-letter queue.",
    },
  ],
});
