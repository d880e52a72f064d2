import { source } from './sources';
import type { Check, Finding } from './types';

/**
 * One S3 event type goes to one destination: configurations for the same event type must not
 * overlap, so a second one is refused [S3-FILTER]. The canvas refuses it while drawing; a
 * file or an import can still bring one, and validation stops it here.
 */
export const s3Destinations: Check = {
  name: 's3-destinations',
  run(ctx) {
    const out: Finding[] = [];
    for (const b of ctx.scenario.nodes) {
      if (b.kind !== 'bucket') continue;
      // The EventBridge switch is not a notification configuration: it comes on top of one.
      const notifies = ctx
        .outgoing(b.id)
        .filter((e) => e.role === 'invoke' && ctx.node(e.target).kind !== 'eventBus');
      if (notifies.length < 2) continue;
      const [first, ...extra] = notifies;
      const bn = ctx.label(b.id);
      const firstName = ctx.label(first.target);
      for (const e of extra) {
        const name = ctx.label(e.target);
        out.push({
          id: `s3-destinations:${e.id}`,
          check: 's3-destinations',
          severity: 'error',
          message: `${bn} already sends its new-object notifications to ${firstName}, and S3 sends each kind of event to one place only, so it cannot also notify ${name}. To reach both, let ${bn} notify an SNS topic and subscribe ${firstName} and ${name} to that topic.`,
          nodeIds: [b.id, e.target],
          edgeIds: [e.id],
          source: source('[S3-FILTER]'),
        });
      }
    }
    return out;
  },
};
