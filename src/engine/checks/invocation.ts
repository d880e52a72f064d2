import type { ScenarioEdge } from '../scenario/schema';
import type { CheckContext } from './types';

/**
 * How each edge into a function invokes it, which decides what AWS does with its failures
 * (facts §1.3): asynchronously (S3, SNS, EventBridge, a schedule, an async invoke: Lambda's
 * internal queue, retries and destinations), by a poller (an SQS or stream event source
 * mapping: synchronous batches, failures stay with the source), or synchronously (API, ALB,
 * a sync invoke: the error goes back to the caller).
 */
export type Invocation = 'async' | 'sqsPoller' | 'streamPoller' | 'sync' | 'none';

export function invocationOf(ctx: CheckContext, e: ScenarioEdge): Invocation {
  if (e.role !== 'invoke' || ctx.node(e.target).kind !== 'function') return 'none';
  switch (ctx.node(e.source).kind) {
    case 'schedule':
    case 'bucket':
    case 'topic':
    case 'eventBus':
      return 'async';
    case 'queue':
      return 'sqsPoller';
    case 'stream':
    case 'table':
      return 'streamPoller';
    case 'function':
      return e.params.mode === 'sync' ? 'sync' : 'async';
    default:
      return 'sync';
  }
}

/** The edges that invoke the function, by how. */
export function invokers(ctx: CheckContext, fn: string): Record<Exclude<Invocation, 'none'>, ScenarioEdge[]> {
  const by = { async: [], sqsPoller: [], streamPoller: [], sync: [] } as Record<
    Exclude<Invocation, 'none'>,
    ScenarioEdge[]
  >;
  for (const e of ctx.incoming(fn)) {
    const how = invocationOf(ctx, e);
    if (how !== 'none') by[how].push(e);
  }
  return by;
}
