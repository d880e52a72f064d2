import type { EdgeMeaning, EdgeRole } from '../../engine/scenario/connections';

/**
 * How a connection looks follows from what it means: synchronous calls solid, asynchronous
 * hand-offs dashed, pollers dotted, filtered subscriptions amber with dash-dots, dead letters
 * plum with long dashes, on-failure paths red with short dashes, on-success green with
 * dash-dot-dots: each differs from every other by its line and its colour (app.css; the e2e
 * test edge-styles.test.ts compares them pairwise). The legend uses the same table, and every
 * style also has words (the label), so colour is never the only cue.
 */
export type EdgeLook = 'sync' | 'async' | 'poller' | 'filtered' | 'dlq' | 'failure' | 'success';

export function edgeLook(
  meaning: EdgeMeaning | undefined,
  role: EdgeRole,
  mode?: unknown,
  filtered = false,
): EdgeLook {
  if (role === 'dlq') return 'dlq';
  if (role === 'onFailure') return 'failure';
  if (role === 'onSuccess') return 'success';
  if (filtered) return 'filtered';
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

/** The legend's order and words. */
export const LOOKS: readonly EdgeLook[] = [
  'sync',
  'async',
  'poller',
  'filtered',
  'dlq',
  'failure',
  'success',
];

export const LOOK_TEXT: Record<EdgeLook, string> = {
  sync: 'Synchronous: the caller waits',
  async: 'Asynchronous: hand off and go on',
  poller: 'Polled: the target pulls batches',
  filtered: 'Filtered: only matching events',
  dlq: 'Dead-letter queue',
  failure: 'On failure',
  success: 'On success',
};

export const ROLE_TEXT: Record<EdgeRole, string> = {
  invoke: 'hand over work',
  dlq: 'dead-letter queue',
  onFailure: 'on-failure destination',
  onSuccess: 'on-success destination',
};
