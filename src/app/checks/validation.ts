import type { Finding, Severity } from '../../engine/checks';
import { validateScenario, type ValidationResult } from '../../engine/scenario/validate';
import { useScenarioStore } from '../store/scenario';
import type { ScenarioDoc } from '../store/scenario-doc';

/**
 * The diagram's validation and learner checks, computed once per document: the list in the
 * inspector and the marks on every canvas node read the same answer. Documents are immutable
 * (every edit makes a new one), so the document object is the cache key.
 */
interface Checked {
  result: ValidationResult;
  /** The worst severity of the findings touching each node. */
  marks: Map<string, Marked>;
  /** The same for each connection a finding names. */
  edgeMarks: Map<string, Marked>;
}

interface Marked {
  severity: Severity;
  findings: Finding[];
}

function mark(marks: Map<string, Marked>, id: string, f: Finding) {
  const m = marks.get(id);
  if (!m) marks.set(id, { severity: f.severity, findings: [f] });
  else {
    m.findings.push(f);
    if (f.severity === 'error') m.severity = 'error';
  }
}

const cache = new WeakMap<ScenarioDoc, Checked>();

export function checked(doc: ScenarioDoc): Checked {
  let c = cache.get(doc);
  if (!c) {
    const result = validateScenario(doc);
    const marks = new Map<string, Marked>();
    const edgeMarks = new Map<string, Marked>();
    for (const f of result.findings) {
      for (const id of new Set(f.nodeIds)) mark(marks, id, f);
      for (const id of new Set(f.edgeIds ?? [])) mark(edgeMarks, id, f);
    }
    c = { result, marks, edgeMarks };
    cache.set(doc, c);
  }
  return c;
}

/** The current document's validation result (findings included). */
export function useValidation(): ValidationResult {
  return checked(useScenarioStore((s) => s.doc)).result;
}

/** The findings touching one node, and the worst of their severities; undefined when none. */
export function useNodeFindings(nodeId: string): Marked | undefined {
  return checked(useScenarioStore((s) => s.doc)).marks.get(nodeId);
}

/** The findings naming one connection; undefined when none. */
export function useEdgeFindings(edgeId: string): Marked | undefined {
  return checked(useScenarioStore((s) => s.doc)).edgeMarks.get(edgeId);
}
