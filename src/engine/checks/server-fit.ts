import { fitWarning, type InstanceType } from '../kinds/server/instance-types';
import type { ServerComponent } from '../kinds/server/schema';
import type { Check, Finding } from './types';

/** The monolith lesson: one instance must meet the largest need of every component at once. */
export const serverFit: Check = {
  name: 'server-fit',
  run(ctx) {
    const out: Finding[] = [];
    for (const n of ctx.scenario.nodes) {
      if (n.kind !== 'server') continue;
      const w = fitWarning(
        n.params.instanceType as InstanceType,
        n.params.components as ServerComponent[],
        ctx.label(n.id),
      );
      if (w)
        out.push({
          id: `server-fit:${n.id}`,
          check: 'server-fit',
          severity: 'warning',
          message: w,
          nodeIds: [n.id],
        });
    }
    return out;
  },
};
