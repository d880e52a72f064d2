import { expect } from 'vitest';
import type { DocEdge, ScenarioDoc } from '../../../src/engine/scenario/doc';
import { importTemplate } from '../../../src/engine/sam/import';
import type { ImportReport } from '../../../src/engine/sam/report';

/** Imports a template that must import, and returns its document and report. */
export function imported(yaml: string): { doc: ScenarioDoc; report: ImportReport } {
  const r = importTemplate(yaml, 'test.yaml');
  if (!r.ok) throw new Error(`import failed: ${r.reason} (line ${r.line})`);
  return r;
}

export function edge(doc: ScenarioDoc, source: string, target: string, role = 'invoke'): DocEdge {
  const e = doc.edges.find(
    (x) => x.source === source && x.target === target && (x.role ?? 'invoke') === role,
  );
  expect(
    e,
    `edge ${source} → ${target} (${role}) in ${doc.edges.map((x) => `${x.source}→${x.target}`).join(', ')}`,
  ).toBeDefined();
  return e!;
}

export function node(doc: ScenarioDoc, id: string) {
  const n = doc.nodes.find((x) => x.id === id);
  expect(n, `node ${id}`).toBeDefined();
  return n!;
}
