import { source } from './sources';
import type { Check, Finding } from './types';

/** AWS recommends at least 5, so a throttled poller does not dead-letter good messages [L-SQS23]. */
export const RECOMMENDED_MAX_RECEIVE_COUNT = 5;

export const maxReceiveCount: Check = {
  name: 'max-receive-count',
  run(ctx) {
    const out: Finding[] = [];
    for (const q of ctx.scenario.nodes) {
      if (q.kind !== 'queue') continue;
      const dlq = ctx.outgoing(q.id).find((e) => e.role === 'dlq');
      const n = q.params.maxReceiveCount as number;
      if (!dlq || n >= RECOMMENDED_MAX_RECEIVE_COUNT) continue;
      const qn = ctx.label(q.id);
      out.push({
        id: `max-receive-count:${q.id}`,
        check: 'max-receive-count',
        severity: 'warning',
        message: `${qn} moves a message to ${ctx.label(dlq.target)} after ${n} receive${n === 1 ? '' : 's'}, under the ${RECOMMENDED_MAX_RECEIVE_COUNT} AWS recommends: a consumer that is throttled or fails briefly will dead-letter good messages.`,
        nodeIds: [q.id, dlq.target],
        edgeIds: [dlq.id],
        source: source('[L-SQS23]'),
        fix: {
          type: 'setNodeParam',
          label: `Set ${qn}'s maximum receives to ${RECOMMENDED_MAX_RECEIVE_COUNT}`,
          nodeId: q.id,
          param: 'maxReceiveCount',
          value: RECOMMENDED_MAX_RECEIVE_COUNT,
        },
      });
    }
    return out;
  },
};
