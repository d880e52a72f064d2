import { expect } from 'vitest';
import { exportSam } from '../../../src/engine/sam/export';
import { importTemplate } from '../../../src/engine/sam/import';
import { validateScenario } from '../../../src/engine/scenario/validate';

/** The parts of a validated scenario a round trip must keep: ids, kinds, labels, params, edges. */
export function essence(doc: unknown) {
  const v = validateScenario(doc);
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  const s = v.scenario;
  return {
    nodes: [...s.nodes]
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((n) => ({ id: n.id, kind: n.kind, label: n.label, params: n.params })),
    edges: [...s.edges]
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((e) => ({ id: e.id, source: e.source, target: e.target, role: e.role, params: e.params })),
  };
}

/** Export → import gives back the same scenario, and the template passes the offline check. */
export function expectRoundTrip(doc: unknown): string {
  const out = exportSam(doc);
  if (!out.ok) throw new Error(out.errors.join('\n'));
  expect(out.problems).toEqual([]);
  const back = importTemplate(out.yaml, 'export.yaml');
  if (!back.ok) throw new Error(back.reason);
  expect(essence(back.doc)).toEqual(essence(doc));
  return out.yaml;
}
