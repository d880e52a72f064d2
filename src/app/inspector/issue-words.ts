import type { ValidationIssue } from '../../engine/scenario/issues';
import type { ScenarioDoc } from '../store/scenario-doc';

function shortValue(value: unknown): string {
  let s: string;
  try {
    s = JSON.stringify(value) ?? String(value);
  } catch {
    s = String(value);
  }
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

/** "memoryMB" → "memory MB", "batchSize" → "batch size": a field name a person can read. */
function fieldWords(path: string): string {
  return path
    .replace(/\[(\d+)\]/g, ' $1')
    .split('.')
    .join(' › ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/\b([A-Z])([a-z])/g, (_m, a: string, b: string) => `${a.toLowerCase()}${b}`);
}

/**
 * A validation issue in the diagram's own words: the node by its label, a connection as
 * "the connection Uploads → Make thumbnails", the field without the document's array
 * indices ("edges[7]" never reaches the person).
 */
export function issueInWords(issue: ValidationIssue, doc: ScenarioDoc): string {
  const label = (id: string) => doc.nodes.find((n) => n.id === id)?.label ?? id;
  const edge = issue.edgeId !== undefined ? doc.edges.find((e) => e.id === issue.edgeId) : undefined;
  const where =
    issue.nodeId !== undefined
      ? `${label(issue.nodeId)}`
      : edge
        ? `the connection ${label(edge.source)} → ${label(edge.target)}`
        : issue.edgeId !== undefined
          ? `the connection ${issue.edgeId}`
          : '';
  const field = fieldWords(issue.path.replace(/^(nodes|edges)\[\d+\]\.?/, '').replace(/^params\.?/, ''));
  const what = issue.value === undefined ? issue.message : `${shortValue(issue.value)} — ${issue.message}`;
  const head = [where, field].filter(Boolean).join(', ');
  return head ? `${head}: ${what}` : what;
}
