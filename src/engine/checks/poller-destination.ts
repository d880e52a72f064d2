import { source } from './sources';
import type { Check, Finding, Fix } from './types';
import { invokers } from './invocation';
import { andList } from './words';

/**
 * A destination on a function nothing invokes asynchronously never receives anything: Lambda
 * applies destinations to asynchronous invocations only [L-ASYNC]. For an SQS trigger the
 * dead-letter queue belongs on the source queue (redrive) [L-SQS23] [SQS-DLQ]; for a Kinesis
 * or DynamoDB stream the on-failure destination belongs on the event source mapping [L-KIN]
 * [L-DDB]. The fix moves the edge there when there is exactly one such source.
 */
export const pollerDestination: Check = {
  name: 'poller-destination',
  run(ctx) {
    const out: Finding[] = [];
    for (const n of ctx.scenario.nodes) {
      if (n.kind !== 'function') continue;
      const dests = ctx.outgoing(n.id).filter((e) => e.role === 'onFailure' || e.role === 'onSuccess');
      if (dests.length === 0) continue;
      const by = invokers(ctx, n.id);
      if (by.async.length > 0) continue;
      const pollers = [...by.sqsPoller, ...by.streamPoller];
      if (pollers.length === 0 && by.sync.length === 0) continue; // nothing invokes it: no-traffic says so
      const fn = ctx.label(n.id);
      const feeders = andList([...pollers, ...by.sync].map((e) => ctx.label(e.source)));
      const how =
        pollers.length > 0
          ? `${fn} is fed by polling ${feeders}`
          : `${fn} is called synchronously by ${feeders}, which gets the error itself`;
      for (const d of dests) {
        const what = d.role === 'onFailure' ? 'on-failure' : 'on-success';
        let advice = '';
        let fix: Fix | undefined;
        const only = pollers.length === 1 && by.sync.length === 0 ? pollers[0] : undefined;
        if (d.role === 'onFailure' && only) {
          const src = ctx.node(only.source);
          const dest = ctx.node(d.target);
          const srcName = ctx.label(src.id);
          if (src.kind === 'queue') {
            advice = ` For an SQS trigger the dead-letter queue belongs on the source queue: give ${srcName} a redrive policy to ${ctx.label(dest.id)}.`;
            const free = !ctx.outgoing(src.id).some((e) => e.role === 'dlq');
            if (free && dest.kind === 'queue' && dest.id !== src.id && dest.params.type === src.params.type)
              fix = {
                type: 'rewireEdge',
                label: `Make ${ctx.label(dest.id)} the dead-letter queue of ${srcName}`,
                edgeId: d.id,
                source: src.id,
                target: dest.id,
                role: 'dlq',
              };
          } else {
            advice = ` For a stream the on-failure destination belongs on the event source mapping: connect ${srcName} to ${ctx.label(dest.id)} as on-failure.`;
            const free = !ctx.outgoing(src.id).some((e) => e.role === 'onFailure');
            if (free && (dest.kind === 'queue' || dest.kind === 'topic'))
              fix = {
                type: 'rewireEdge',
                label: `Move the on-failure destination to ${srcName}'s event source mapping`,
                edgeId: d.id,
                source: src.id,
                target: dest.id,
                role: 'onFailure',
              };
          }
        }
        const tags =
          pollers.length === 0
            ? '[L-ASYNC]'
            : by.sqsPoller.length > 0
              ? '[L-ASYNC] [L-SQS23] [SQS-DLQ]'
              : '[L-ASYNC] [L-KIN] [L-DDB]';
        const finding: Finding = {
          id: `poller-destination:${d.id}`,
          check: 'poller-destination',
          severity: 'warning',
          message: `${fn}'s ${what} destination ${ctx.label(d.target)} will never receive anything: Lambda uses destinations only for asynchronous invocations, and ${how}.${advice}`,
          nodeIds: [n.id, d.target, ...pollers.map((e) => e.source)],
          edgeIds: [d.id],
          source: source(tags),
        };
        if (fix) finding.fix = fix;
        out.push(finding);
      }
    }
    return out;
  },
};
