/**
 * Validation problems as data (for the inspector, which highlights the field) and as one
 * readable line each (for the CLI and the import dialog).
 */
export interface ValidationIssue {
  /** Where, e.g. "nodes[3].params.memoryMB"; "" for the document as a whole. */
  path: string;
  /** What to do about it, e.g. "must be 128–10,240 MB". */
  message: string;
  /** The offending value, when there is one. */
  value?: unknown;
  nodeId?: string;
  edgeId?: string;
}

const IDENT = /^[A-Za-z_$][\w$]*$/;

/** ['nodes', 3, 'params', 'memoryMB'] → "nodes[3].params.memoryMB". */
export function pathText(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && IDENT.test(key)) out += out ? `.${key}` : key;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

/** The value at a path inside a parsed JSON document (undefined when absent). */
export function valueAt(obj: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = obj;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

function valueText(value: unknown): string {
  let s: string;
  try {
    s = JSON.stringify(value) ?? String(value);
  } catch {
    s = String(value);
  }
  return s.length > 80 ? `${s.slice(0, 77)}…` : s;
}

/** `nodes[3].params.memoryMB (node "orders"): 64 — must be 128–10,240 MB` */
export function formatIssue(issue: ValidationIssue): string {
  let where = issue.path;
  if (issue.nodeId !== undefined) where += ` (node ${JSON.stringify(issue.nodeId)})`;
  else if (issue.edgeId !== undefined) where += ` (edge ${JSON.stringify(issue.edgeId)})`;
  const what = issue.value === undefined ? issue.message : `${valueText(issue.value)} — ${issue.message}`;
  return where ? `${where.trim()}: ${what}` : what;
}

/** A scenario that cannot be run, with every reason. */
export class ScenarioError extends Error {
  constructor(readonly issues: ValidationIssue[]) {
    super(
      issues.length === 1
        ? `invalid scenario: ${formatIssue(issues[0])}`
        : `invalid scenario (${issues.length} problems):\n${issues.map((i) => `  ${formatIssue(i)}`).join('\n')}`,
    );
    this.name = 'ScenarioError';
  }
}
