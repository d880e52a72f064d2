import { source } from './sources';
import type { Check, Finding } from './types';
import { seconds } from './words';

/** The largest visibility timeout SQS allows [SQS-VIS]. */
const VISIBILITY_MAX_S = 43200;

/**
 * Visibility timeout ≥ 6 × the function's timeout + the batch window, or messages come back
 * while still in progress (or while the poller waits out a throttle) [L-SQS23]. One finding
 * per queue, for the slowest function it feeds; the fix sets exactly that.
 */
export const visibilityTimeout: Check = {
  name: 'visibility-timeout',
  run(ctx) {
    const out: Finding[] = [];
    for (const q of ctx.scenario.nodes) {
      if (q.kind !== 'queue') continue;
      let worst: { advised: number; fn: string; timeoutS: number; window: number; edge: string } | undefined;
      for (const e of ctx.outgoing(q.id)) {
        const f = ctx.node(e.target);
        if (f.kind !== 'function' || e.role !== 'invoke') continue;
        const timeoutS = (f.params.timeoutMs as number) / 1000;
        const window = (e.params.batchWindowSeconds as number | undefined) ?? 0;
        const advised = 6 * timeoutS + window;
        if (!worst || advised > worst.advised) worst = { advised, fn: f.id, timeoutS, window, edge: e.id };
      }
      const visibility = q.params.visibilityTimeoutSeconds as number;
      if (!worst || visibility >= worst.advised) continue;
      const qn = ctx.label(q.id);
      const target = Math.ceil(worst.advised);
      const windowText = worst.window > 0 ? ` + the batch window ${seconds(worst.window)}` : '';
      const finding: Finding = {
        id: `visibility-timeout:${q.id}`,
        check: 'visibility-timeout',
        severity: 'warning',
        message: `${qn} hides a received message for ${seconds(visibility)}, less than 6 × ${ctx.label(worst.fn)}'s timeout (${seconds(worst.timeoutS)})${windowText} = ${seconds(worst.advised)}: a message still being handled, or waiting out a throttle, becomes visible again and is handled twice.`,
        nodeIds: [q.id, worst.fn],
        edgeIds: [worst.edge],
        source: source('[L-SQS23] [SQS-VIS]'),
      };
      if (target <= VISIBILITY_MAX_S)
        finding.fix = {
          type: 'setNodeParam',
          label: `Set ${qn}'s visibility timeout to ${seconds(target)}`,
          nodeId: q.id,
          param: 'visibilityTimeoutSeconds',
          value: target,
        };
      out.push(finding);
    }
    return out;
  },
};
