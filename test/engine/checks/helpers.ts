import { expect } from 'vitest';
import { applyFix, type Finding } from '../../../src/engine/checks';
import type { ScenarioDoc } from '../../../src/engine/scenario/doc';
import { formatIssue, validateScenario } from '../../../src/engine/scenario/validate';

export { doc } from '../scenario/build';

/** The findings of one check for a document (valid or refused by the checks). */
export function findings(d: unknown, check: string): Finding[] {
  const r = validateScenario(d);
  if (!r.ok && r.errors.some((e) => e.check === undefined))
    throw new Error(`the document has other problems:\n${r.errors.map(formatIssue).join('\n')}`);
  return r.findings.filter((f) => f.check === check);
}

/** The one finding of a check; fails when there is none or more than one. */
export function only(d: unknown, check: string): Finding {
  const list = findings(d, check);
  expect(list.map((f) => f.message)).toHaveLength(1);
  return list[0];
}

/** The document after the finding's fix (which it must have). */
export function fixed(d: unknown, f: Finding): ScenarioDoc {
  expect(f.fix, `${f.check} offers a fix`).toBeDefined();
  return applyFix(d as ScenarioDoc, f.fix!);
}
