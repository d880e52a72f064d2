import { ASYNC_INVOKE } from '../shared-connections';
import { defineCatalog, NO_TRAITS } from '../catalog-types';
import { topicParams } from './schema';

export const topicCatalog = defineCatalog({
  kind: 'topic',
  title: 'SNS topic',
  group: 'messaging',
  inSentence: 'an SNS topic',
  description:
    'Amazon SNS topic: every publish fans out to all matching subscriptions (functions and queues) in parallel.',
  params: topicParams,
  summary: () => 'fan-out',
  metrics: {
    published: {
      role: 'counter',
      label: 'Published',
      badge: { word: 'published' },
      atT: 'arrivals',
      recorded: 'increments',
    },
    delivered: { role: 'counter', label: 'Delivered', badge: { word: 'delivered' }, recorded: 'increments' },
    filteredOut: { role: 'counter', label: 'Filtered out', recorded: 'increments' },
  },
  series: {
    published: { sampling: 'rate', label: 'Published' },
  },
  outcomes: {},
  traits: NO_TRAITS,
  serviceMap: { count: ['published'] },
  meters: ['sns.publishes'],
  groups: ['sinks'],
  connections: [
    ASYNC_INVOKE,
    {
      to: ['queue'],
      roles: ['invoke'],
      meaning: 'delivery',
      params: ['filter'],
      help: 'An SQS subscription: each matching publish becomes a message.',
    },
    {
      to: ['queue'],
      roles: ['dlq'],
      meaning: 'destination',
      params: [],
      help: 'Dead-letter queue for deliveries that used up their retries.',
    },
  ],
});
