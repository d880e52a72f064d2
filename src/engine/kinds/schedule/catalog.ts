import { ASYNC_INVOKE } from '../shared-connections';
import { fmtNumber } from '../../scenario/params';
import { defineCatalog, NO_TRAITS, numberOr } from '../catalog-types';
import { scheduleParams } from './schema';

export const scheduleCatalog = defineCatalog({
  kind: 'schedule',
  title: 'Schedule',
  group: 'sources',
  inSentence: 'a schedule',
  description:
    'EventBridge Scheduler or a cron rule: sends an event on a fixed rate or a cron expression, e.g. to invoke a function asynchronously.',
  params: scheduleParams,
  fields: {
    rateSeconds: { title: 'Runs every' },
    cron: { title: 'Cron expression (instead)' },
    payloadKB: { title: 'Event size' },
    eventType: { title: 'Event type' },
  },
  summary: (p) =>
    `${p.cron !== undefined ? `cron ${p.cron.trim()}` : every(p.rateSeconds)} · ${fmtNumber(p.payloadKB)} KB`,
  metrics: {
    ticks: { role: 'counter', label: 'Scheduled runs', badge: { word: 'ticks' }, recorded: 'increments' },
  },
  series: {
    ticks: { sampling: 'rate', label: 'Scheduled runs', chart: 'traffic' },
  },
  outcomes: {},
  traits: { ...NO_TRAITS, source: true },
  requestsPerSecond: (p) => 1 / Math.max(1, numberOr(p.rateSeconds, 60)),
  serviceMap: { count: ['ticks'] },
  meters: ['scheduler.invocations'],
  connections: [
    ASYNC_INVOKE,
    {
      to: ['queue', 'topic', 'eventBus', 'stateMachine'],
      roles: ['invoke'],
      meaning: 'send',
      params: [],
      help: 'EventBridge Scheduler sends a message on every tick.',
    },
  ],
});

/** "every 5 min", "every 1 h", "every 90 s". */
function every(seconds: number): string {
  if (seconds % 86400 === 0) return `every ${fmtNumber(seconds / 86400)} d`;
  if (seconds % 3600 === 0) return `every ${fmtNumber(seconds / 3600)} h`;
  if (seconds % 60 === 0) return `every ${fmtNumber(seconds / 60)} min`;
  return `every ${fmtNumber(seconds)} s`;
}
