import type { EdgeMeaning, EdgeRole } from '../../engine/scenario/connections';

/**
 * How a connection looks follows from what it means: synchronous calls solid, asynchronous
 * hand-offs dashed, pollers dotted, failure paths red. The legend and the e2e tests use the
 * same table, and every style also has words (the label), so colour is never the only cue.
 */
export type EdgeLook = 'sync' | 'async' | 'poller' | 'failure' | 'success';

export function edgeLook(meaning: EdgeMeaning | undefined, role: EdgeRole, mode?: unknown): EdgeLook {
  if (role === 'dlq' || role === 'onFailure') return 'failure';
  if (role === 'onSuccess') return 'success';
  switch (meaning) {
    case 'request':
    case 'integration':
      return 'sync';
    case 'invoke':
      return mode === 'sync' ? 'sync' : 'async';
    case 'poller':
    case 'shardPoller':
      return 'poller';
    default:
      return 'async';
  }
}

export const LOOK_TEXT: Record<EdgeLook, string> = {
  sync: 'synchronous: the caller waits',
  async: 'asynchronous: hand off and go on',
  poller: 'polled: the target pulls batches',
  failure: 'failure path: dead letters, on-failure',
  success: 'on-success destination',
};

export const ROLE_TEXT: Record<EdgeRole, string> = {
  invoke: 'hand over work',
  dlq: 'dead-letter queue',
  onFailure: 'on-failure destination',
  onSuccess: 'on-success destination',
};
