import { ASYNC_INVOKE } from '../shared-connections';
import { defineCatalog, NO_TRAITS } from '../catalog-types';
import { bucketParams } from './schema';

export const bucketCatalog = defineCatalog({
  kind: 'bucket',
  title: 'S3 bucket',
  group: 'storage',
  inSentence: 'an S3 bucket',
  description:
    'Amazon S3 bucket: each PUT is billed and sends one event notification, at least once, to a single destination.',
  params: bucketParams,
  fields: {
    getsPerPut: { title: 'Reads per upload' },
    notificationDelay: { title: 'Notification delay', group: 'performance' },
    storedGB: { title: 'Data stored', group: 'cost' },
  },
  summary: (p) =>
    `${p.storedGB} GB stored · notify after ~${fmtMs(p.notificationDelay.meanMs)}` +
    (p.getsPerPut > 0 ? ` · ${p.getsPerPut} GET/PUT` : ''),
  metrics: {
    puts: { role: 'counter', label: 'PUTs', badge: { word: 'puts' }, recorded: 'increments' },
    notifications: {
      role: 'counter',
      label: 'Notifications',
      badge: { word: 'notifications' },
      recorded: 'increments',
    },
    eventBridgeEvents: { role: 'counter', label: 'Events sent to EventBridge', recorded: 'increments' },
  },
  series: {
    puts: { sampling: 'rate', label: 'Puts' },
  },
  outcomes: {},
  traits: NO_TRAITS,
  serviceMap: { count: ['puts'] },
  meters: ['s3.put', 's3.get', 's3.storageGbMonths'],
  groups: ['sinks'],
  connections: [
    ASYNC_INVOKE,
    {
      to: ['queue', 'topic'],
      roles: ['invoke'],
      meaning: 'delivery',
      params: [],
      help: 'S3 event notification for every PUT.',
    },
    {
      to: ['eventBus'],
      roles: ['invoke'],
      meaning: 'delivery',
      params: [],
      help: 'The bucket\'s switch "send notifications to Amazon EventBridge": every object event also goes to the account\'s default bus, free, whatever notification destination the bucket has.',
    },
  ],
  checkWiring: (_p, out) =>
    out
      .filter((e) => e.targetKind === 'eventBus' && e.targetParams.busType !== 'default')
      .map((e) => ({
        path: [],
        message: `S3 sends its events only to the account's default bus, not to "${e.targetLabel}": set that bus's type to default, or let a function put the events on it`,
      })),
});

function fmtMs(ms: number): string {
  return ms >= 1000 ? `${+(ms / 1000).toFixed(1)} s` : `${ms} ms`;
}
