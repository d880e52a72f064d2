import type { KindModule } from '../types';
import { TopicRuntime } from './runtime';
import { topicParams, type TopicParams } from './schema';

export const topicKind: KindModule<TopicParams> = {
  kind: 'topic',
  title: 'SNS topic',
  group: 'messaging',
  description:
    'Amazon SNS topic: every publish fans out to all matching subscriptions (functions and queues) in parallel.',
  params: topicParams,
  summary: () => 'fan-out',
  create: (ctx, spec, index) => new TopicRuntime(ctx, spec, index),
};
