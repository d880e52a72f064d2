import type { Scenario, ScenarioEdge, ScenarioNode } from '../scenario/schema';
import type { CheckContext } from './types';

const NONE: readonly ScenarioEdge[] = [];

/** The indexes every check reads, built once per diagram (a pass over nodes and edges). */
export function checkContext(scenario: Scenario): CheckContext {
  const byId = new Map<string, ScenarioNode>();
  for (const n of scenario.nodes) if (!byId.has(n.id)) byId.set(n.id, n);
  const into = new Map<string, ScenarioEdge[]>();
  const outOf = new Map<string, ScenarioEdge[]>();
  const add = (m: Map<string, ScenarioEdge[]>, k: string, e: ScenarioEdge) => {
    const list = m.get(k);
    if (list) list.push(e);
    else m.set(k, [e]);
  };
  for (const e of scenario.edges) {
    add(outOf, e.source, e);
    add(into, e.target, e);
  }
  return {
    scenario,
    node: (id) => byId.get(id)!,
    label: (id) => {
      const n = byId.get(id);
      return n?.label || id;
    },
    incoming: (id) => into.get(id) ?? NONE,
    outgoing: (id) => outOf.get(id) ?? NONE,
  };
}
