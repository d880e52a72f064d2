import type { KindModule } from '../types';
import { EventBusRuntime } from './runtime';
import { eventBusParams, type EventBusParams } from './schema';

export const eventBusKind: KindModule<EventBusParams> = {
  kind: 'eventBus',
  title: 'EventBridge bus',
  group: 'messaging',
  description:
    "Amazon EventBridge event bus: rules match each event's type and deliver it to up to 5 targets per rule, retrying for up to 24 h.",
  params: eventBusParams,
  summary: (p) => `retry ${p.maximumRetryAttempts}× · max age ${fmtAge(p.maximumEventAgeSeconds)}`,
  create: (ctx, spec, index) => new EventBusRuntime(ctx, spec, index),
};

function fmtAge(s: number): string {
  if (s % 3600 === 0) return `${s / 3600} h`;
  if (s % 60 === 0) return `${s / 60} min`;
  return `${s} s`;
}
