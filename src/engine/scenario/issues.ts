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
  /** Set when a learner check (engine/checks) raised it: the app lists that finding instead. */
  check?: string;
}

const IDENT = /^[A-Za-z_$][\w$]*$/;

/** zod's built-in wording ("Too small: expected array to have >=2 items"), to be reworded. */
const ZOD_DEFAULT = /^(Invalid|Too (small|big)|Unrecognized|Expected)/;

interface ZodIssueLike {
  code: string;
  message: string;
  expected?: string;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  inclusive?: boolean;
  exact?: boolean;
  values?: readonly unknown[];
  divisor?: number | bigint;
  keys?: readonly string[];
}

/**
 * A zod issue in the project's words, naming what is allowed: messages our schemas word
 * themselves pass through; zod's defaults are reworded from the issue's own facts.
 */
export function issueMessage(i: ZodIssueLike): string {
  if (!ZOD_DEFAULT.test(i.message)) return i.message;
  const n = (x: number | bigint | undefined) =>
    typeof x === 'number' ? x.toLocaleString('en-US') : String(x);
  const items = (x: number | bigint | undefined) => `${n(x)} ${x === 1 ? 'item' : 'items'}`;
  switch (i.code) {
    case 'invalid_type':
      return `must be ${typeName(i.expected ?? 'value')}`;
    case 'too_small':
      if (i.origin === 'array' || i.origin === 'set')
        return i.exact ? `must have exactly ${items(i.minimum)}` : `must have at least ${items(i.minimum)}`;
      if (i.origin === 'string')
        return i.minimum === 1 ? 'must not be empty' : `must be at least ${n(i.minimum)} characters long`;
      return `must be ${i.inclusive === false ? 'more than' : 'at least'} ${n(i.minimum)}`;
    case 'too_big':
      if (i.origin === 'array' || i.origin === 'set')
        return i.exact ? `must have exactly ${items(i.maximum)}` : `must have at most ${items(i.maximum)}`;
      if (i.origin === 'string') return `must be at most ${n(i.maximum)} characters long`;
      return `must be ${i.inclusive === false ? 'less than' : 'at most'} ${n(i.maximum)}`;
    case 'invalid_value':
      return i.values && i.values.length === 1
        ? `must be ${JSON.stringify(i.values[0])}`
        : `must be one of: ${(i.values ?? []).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'not_multiple_of':
      return `must be a multiple of ${n(i.divisor)}`;
    case 'unrecognized_keys':
      return `has keys that are not allowed here: ${(i.keys ?? []).join(', ')}`;
    case 'invalid_union':
      return 'does not match any of the allowed forms';
    default:
      return 'is not valid here';
  }
}

function typeName(expected: string): string {
  switch (expected) {
    case 'tuple':
    case 'array':
      return 'a list';
    case 'record':
    case 'object':
      return 'an object';
    case 'int':
      return 'a whole number';
    default:
      return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
  }
}

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
