import { formatIssue, validateScenario, type ValidationIssue } from '../../../src/engine/scenario/validate';

type NodeIn = { id: string; kind: string; params?: Record<string, unknown>; label?: string };
type EdgeIn = {
  id?: string;
  source: string;
  target: string;
  role?: string;
  params?: Record<string, unknown>;
};

/** A minimal v1 document: only what a hand-written file must have. */
export function doc(nodes: NodeIn[], edges: EdgeIn[] = [], settings: Record<string, unknown> = {}) {
  return {
    version: 1,
    name: 'test',
    settings,
    nodes,
    edges: edges.map((e, i) => ({ id: e.id ?? `e${i + 1}`, ...e })),
  };
}

/** The errors of a document that must fail, as readable lines. */
export function errorsOf(d: unknown): string[] {
  return issuesOf(d).map(formatIssue);
}

export function issuesOf(d: unknown): ValidationIssue[] {
  const r = validateScenario(d);
  if (r.ok)
    throw new Error(
      `expected errors, but the scenario is valid (warnings: ${r.warnings.join('; ') || 'none'})`,
    );
  return r.errors;
}

/** The warnings of a document that must pass. */
export function warningsOf(d: unknown): string[] {
  const r = validateScenario(d);
  if (!r.ok) throw new Error(`expected a valid scenario:\n${r.errors.map(formatIssue).join('\n')}`);
  return r.warnings;
}
