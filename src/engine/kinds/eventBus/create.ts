import type { CreateNode } from '../types';
import { EventBusRuntime } from './runtime';
import type { EventBusParams } from './schema';

export const createEventBus: CreateNode<EventBusParams> = (ctx, spec, index) =>
  new EventBusRuntime(ctx, spec, index);
