import type { ScenarioEdge } from '../scenario/schema';
import { source } from './sources';
import type { Check, Finding } from './types';
import { andList } from './words';

/** Targets per EventBridge rule [EB-TARGETS]. */
export const MAX_RULE_TARGETS = 5;

/** Edges from a bus with the same pattern are one rule; a rule has at most 5 targets. */
export const ruleTargets: Check = {
  name: 'rule-targets',
  run(ctx) {
    const out: Finding[] = [];
    for (const bus of ctx.scenario.nodes) {
      if (bus.kind !== 'eventBus') continue;
      const rules = new Map<string, ScenarioEdge[]>();
      for (const e of ctx.outgoing(bus.id)) {
        if (e.role !== 'invoke') continue;
        const key = patternKey(e.params.pattern?.type);
        const list = rules.get(key);
        if (list) list.push(e);
        else rules.set(key, [e]);
      }
      for (const [key, edges] of rules) {
        if (edges.length <= MAX_RULE_TARGETS) continue;
        const extra = edges.slice(MAX_RULE_TARGETS);
        const what = key === '' ? 'every event' : `events of type ${key}`;
        out.push({
          id: `rule-targets:${bus.id}:${key}`,
          check: 'rule-targets',
          severity: 'error',
          message: `${ctx.label(bus.id)} sends ${what} to ${edges.length} targets, but an EventBridge rule has at most ${MAX_RULE_TARGETS}: ${andList(extra.map((e) => ctx.label(e.target)))} would need another rule. Match fewer event types per rule, or fan out through an SNS topic.`,
          nodeIds: [bus.id, ...extra.map((e) => e.target)],
          edgeIds: extra.map((e) => e.id),
          source: source('[EB-TARGETS]'),
        });
      }
    }
    return out;
  },
};

function patternKey(types: string[] | undefined): string {
  return types ? [...types].sort().join(', ') : '';
}
