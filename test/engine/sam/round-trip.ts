import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

/** cfn-lint (the Python package) runs offline with the resource schemas it ships; used when installed. */
export const hasCfnLint = spawnSync('cfn-lint', ['--version']).status === 0;

/** What cfn-lint says about these templates ('' when nothing), with its exit status. */
export function cfnLint(yamls: Record<string, string>): { text: string; status: number | null } {
  const dir = mkdtempSync(join(tmpdir(), 'sam-lint-'));
  const files = Object.entries(yamls).map(([name, yaml]) => {
    const path = join(dir, `${name}.yaml`);
    writeFileSync(path, yaml);
    return path;
  });
  const out = spawnSync('cfn-lint', files, { encoding: 'utf8' });
  return { text: out.stdout + out.stderr, status: out.status };
}
