import type { KindModule } from '../types';
import { QueueRuntime } from './runtime';
import { queueParams, type QueueParams } from './schema';

export const queueKind: KindModule<QueueParams> = {
  kind: 'queue',
  title: 'SQS queue',
  group: 'messaging',
  description:
    'Amazon SQS queue, standard or FIFO: holds messages until a poller receives and deletes them; redrives repeat failures to a dead-letter queue.',
  params: queueParams,
  summary: (p) =>
    `${p.type} · visibility ${p.visibilityTimeoutSeconds} s · DLQ after ${p.maxReceiveCount}` +
    (p.deliveryDelaySeconds > 0 ? ` · delay ${p.deliveryDelaySeconds} s` : ''),
  create: (ctx, spec, index) => new QueueRuntime(ctx, spec, index),
};
