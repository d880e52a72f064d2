import type { Check, Finding } from './types';
import { span } from './words';

/** A queue nothing reads (and that is not a dead-letter queue): its messages only age out. */
export const unreadQueue: Check = {
  name: 'unread-queue',
  run(ctx) {
    const out: Finding[] = [];
    for (const q of ctx.scenario.nodes) {
      if (q.kind !== 'queue') continue;
      if (ctx.outgoing(q.id).some((e) => e.role === 'invoke')) continue;
      if (ctx.incoming(q.id).some((e) => e.role !== 'invoke')) continue;
      out.push({
        id: `unread-queue:${q.id}`,
        check: 'unread-queue',
        severity: 'warning',
        message: `Nothing reads ${ctx.label(q.id)}, so its messages pile up until retention deletes them (after ${span(q.params.retentionSeconds as number)}).`,
        nodeIds: [q.id],
      });
    }
    return out;
  },
};
