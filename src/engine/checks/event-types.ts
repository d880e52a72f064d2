import type { Check, Finding } from './types';
import { andList } from './words';

/** A filter or pattern naming a type that nothing emits never matches. */
export const eventTypes: Check = {
  name: 'event-types',
  run(ctx) {
    const known = new Set<string>();
    for (const n of ctx.scenario.nodes) {
      const types = n.params.eventTypes;
      if (Array.isArray(types))
        for (const t of types) if (typeof t?.name === 'string') known.add(t.name as string);
      if (typeof n.params.eventType === 'string') known.add(n.params.eventType);
    }
    if (known.size === 0) return [];
    const out: Finding[] = [];
    for (const e of ctx.scenario.edges) {
      const match = e.params.filter ?? e.params.pattern;
      for (const t of match?.type ?? []) {
        if (known.has(t)) continue;
        out.push({
          id: `event-types:${e.id}:${t}`,
          check: 'event-types',
          severity: 'warning',
          message: `The connection ${ctx.label(e.source)} → ${ctx.label(e.target)} matches event type ${t}, which nothing sends (known: ${andList([...known])}), so that part never matches.`,
          nodeIds: [e.source, e.target],
          edgeIds: [e.id],
        });
      }
    }
    return out;
  },
};
