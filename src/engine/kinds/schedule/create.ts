import type { CreateNode } from '../types';
import { ScheduleRuntime } from './runtime';
import type { ScheduleParams } from './schema';

export const createSchedule: CreateNode<ScheduleParams> = (ctx, spec, index) =>
  new ScheduleRuntime(ctx, spec, index);
