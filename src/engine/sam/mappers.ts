import type { Mapper } from './context';
import { apiMappers } from './map/apis';
import { computeMappers } from './map/compute';
import { dataMappers } from './map/data';
import { esmMapper } from './map/esm';
import { eventMappers } from './map/events';
import { functionMappers } from './map/functions';
import { messagingMappers } from './map/messaging';
import { expandEvents } from './map/sam-events';
import { stateMachineMappers } from './map/state-machines';
import { pipeMappers } from './map/pipes';
import { isObj } from './template';

const samEvents: Mapper = {
  types: ['AWS::Serverless::Function'],
  phase: 2,
  map(ctx, id, p) {
    if (isObj(p.Events)) expandEvents(ctx, id, p.Events);
  },
};

/** Every mapper, one list per resource family; run by phase, in this order within a phase. */
export const MAPPERS: readonly Mapper[] = [
  ...functionMappers,
  samEvents,
  ...stateMachineMappers,
  ...pipeMappers,
  ...messagingMappers,
  ...eventMappers,
  ...dataMappers,
  ...apiMappers,
  ...computeMappers,
  esmMapper as Mapper,
];

export const MAPPED_TYPES: ReadonlySet<string> = new Set(MAPPERS.flatMap((m) => m.types));
