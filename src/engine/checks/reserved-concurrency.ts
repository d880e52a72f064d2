import { source } from './sources';
import type { Check, Finding } from './types';
import { invokers } from './invocation';

/** With an SQS trigger, reserve at least 5 (the poller starts with 5 concurrent batches) [L-SQS-SCALE]. */
export const SQS_MIN_RESERVED = 5;

/**
 * Reserved concurrency 0 throttles every call (async events go straight to the on-failure
 * destination, without retries) [L-CONC] [L-ASYNC]; a reservation under 5 on an SQS-fed
 * function throttles the poller, and throttled messages come back as receives [L-SQS-SCALE].
 */
export const reservedConcurrency: Check = {
  name: 'reserved-concurrency',
  run(ctx) {
    const out: Finding[] = [];
    for (const f of ctx.scenario.nodes) {
      if (f.kind !== 'function') continue;
      const r = f.params.reservedConcurrency as number | undefined;
      if (r === undefined) continue;
      const fn = ctx.label(f.id);
      if (r === 0) {
        out.push({
          id: `reserved-concurrency:${f.id}`,
          check: 'reserved-concurrency',
          severity: 'warning',
          message: `${fn} has reserved concurrency 0, which switches it off: every call is throttled, and asynchronous events go straight to its on-failure destination (or are lost) without a retry.`,
          nodeIds: [f.id],
          source: source('[L-CONC] [L-ASYNC]'),
          fix: {
            type: 'setNodeParam',
            label: `Remove ${fn}'s reservation`,
            nodeId: f.id,
            param: 'reservedConcurrency',
            value: undefined,
          },
        });
        continue;
      }
      const sqs = invokers(ctx, f.id).sqsPoller;
      if (r >= SQS_MIN_RESERVED || sqs.length === 0) continue;
      out.push({
        id: `reserved-concurrency:${f.id}`,
        check: 'reserved-concurrency',
        severity: 'warning',
        message: `${fn} reserves ${r}, but the poller of ${ctx.label(sqs[0].source)} starts with 5 batches at once: AWS advises at least ${SQS_MIN_RESERVED} with an SQS trigger, or throttled batches come back as extra receives (and may be dead-lettered).`,
        nodeIds: [f.id, ...sqs.map((e) => e.source)],
        edgeIds: sqs.map((e) => e.id),
        source: source('[L-SQS-SCALE]'),
        fix: {
          type: 'setNodeParam',
          label: `Reserve ${SQS_MIN_RESERVED} for ${fn}`,
          nodeId: f.id,
          param: 'reservedConcurrency',
          value: SQS_MIN_RESERVED,
        },
      });
    }
    return out;
  },
};
