import { ASYNC_INVOKE } from '../shared-connections';
import { defineCatalog, NO_TRAITS } from '../catalog-types';
import { eventBusParams } from './schema';

export const eventBusCatalog = defineCatalog({
  kind: 'eventBus',
  title: 'EventBridge bus',
  group: 'messaging',
  inSentence: 'an EventBridge bus',
  description:
    "Amazon EventBridge event bus: rules match each event's type and deliver it to up to 5 targets per rule, retrying for up to 24 h.",
  params: eventBusParams,
  fields: {
    busType: { title: 'Bus', options: { custom: 'Custom bus', default: 'Default bus (AWS service events)' } },
    maximumRetryAttempts: { title: 'Retry attempts', group: 'retries' },
    maximumEventAgeSeconds: { title: 'Event max age', group: 'retries' },
  },
  summary: (p) =>
    `${p.busType === 'default' ? 'default bus · ' : ''}retry ${p.maximumRetryAttempts}× · max age ${fmtAge(p.maximumEventAgeSeconds)}`,
  metrics: {
    putEvents: { role: 'counter', label: 'Events put', badge: { word: 'events' }, atT: 'arrivals' },
    matched: { role: 'counter', label: 'Rule matches', badge: { word: 'matched' }, recorded: 'increments' },
    deliveries: { role: 'counter', label: 'Deliveries', atT: 'hops' },
    retries: { role: 'counter', label: 'Retries' },
    failed: { role: 'counter', label: 'Failed deliveries', badge: { word: 'failed', problem: true } },
    deadLettered: { role: 'counter', label: 'Dead-lettered' },
  },
  series: {
    putEvents: { sampling: 'rate', label: 'Put events' },
    retries: { sampling: 'rate', label: 'Retries', chart: 'trouble' },
  },
  // refused: the target would not take the event at that moment (it is retried).
  outcomes: { delivered: 'ok', refused: 'fault' },
  traits: NO_TRAITS,
  // A delivery that failed for good is a Fault.
  serviceMap: { count: ['putEvents'], fault: ['failed'] },
  meters: ['eventbridge.events'],
  groups: ['sinks'],
  connections: [
    ASYNC_INVOKE,
    {
      to: ['queue', 'topic', 'stream', 'stateMachine'],
      roles: ['invoke'],
      meaning: 'delivery',
      params: ['pattern'],
      help: 'A rule target: each matching event is delivered.',
    },
    {
      to: ['queue'],
      roles: ['dlq'],
      meaning: 'destination',
      params: ['forTargets'],
      help: 'Dead-letter queue of rule targets (each target has its own in AWS): for the targets named in forTargets, or for every target without one of its own.',
    },
  ],
});

function fmtAge(s: number): string {
  if (s % 3600 === 0) return `${s / 3600} h`;
  if (s % 60 === 0) return `${s / 60} min`;
  return `${s} s`;
}
