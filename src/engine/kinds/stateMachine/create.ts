import type { CreateNode } from '../types';
import { StateMachineRuntime } from './runtime';
import type { StateMachineParams } from './schema';

export const createStateMachine: CreateNode<StateMachineParams> = (ctx, spec, index) =>
  new StateMachineRuntime(ctx, spec, index);
