import type { ValidationIssue } from './issues';
import { pathText } from './issues';
import { LIMITS, formatCount } from './limits';
import { SCENARIO_FORMAT } from './schema';

/** What a scenario file looks like, for a message that refuses something else. */
export const SCENARIO_SHAPE = `a scenario file is a JSON object such as {"format": "${SCENARIO_FORMAT}", "version": 1, "nodes": [{"id": "fn", "kind": "function"}], "edges": []}`;

/** The top-level fields only a scenario has: a document with none of them is something else. */
const SCENARIO_MARKS = ['nodes', 'edges', 'format'] as const;

function kindOfValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return 'text';
  return `a ${typeof v}`;
}

/**
 * Whether a parsed document is a scenario at all, before asking which of its fields are wrong:
 * a list, a package.json or a SAM template would otherwise be told "version: must be 1". A
 * document with any of `nodes`, `edges`, `format` or a numeric `version` is a scenario (perhaps a
 * broken one), and the schema says what is wrong with it.
 */
export function notAScenario(doc: unknown): ValidationIssue | undefined {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc))
    return {
      path: '',
      message: `this is not a scenario file: it holds ${kindOfValue(doc)}; ${SCENARIO_SHAPE}.`,
    };
  const top = doc as Record<string, unknown>;
  if (SCENARIO_MARKS.some((k) => Object.hasOwn(top, k))) return undefined;
  // A numeric version is a scenario's too ({"version": 1} is an empty one); package.json's is text.
  if (typeof top.version === 'number') return undefined;
  const keys = Object.keys(top);
  const has =
    keys.length === 0
      ? 'it is an empty object'
      : `it has no "nodes" (its fields: ${keys
          .slice(0, 6)
          .map((k) => JSON.stringify(k.slice(0, 40)))
          .join(', ')}${keys.length > 6 ? ', …' : ''})`;
  const sam =
    Object.hasOwn(top, 'Resources') || Object.hasOwn(top, 'AWSTemplateFormatVersion')
      ? " It looks like an AWS SAM or CloudFormation template: the app's Import reads those (npm run import on the command line)."
      : '';
  return { path: '', message: `this is not a scenario file: ${has}; ${SCENARIO_SHAPE}.${sam}` };
}

/** After this many problems at the door the rest are not looked for: the document is refused anyway. */
const MAX_DOOR_ISSUES = 10;

/**
 * The limits every document must meet before it is validated in depth: nesting depth, string
 * lengths, node, edge and list counts. One pass over the parsed JSON with an explicit stack
 * (no recursion to overflow), stopping at the first few problems, so a document of any size
 * is answered in time proportional to what was read.
 */
export function doorIssues(doc: unknown): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return issues; // the schema says what it must be
  const top = doc as Record<string, unknown>;
  if (Array.isArray(top.nodes) && top.nodes.length > LIMITS.nodes)
    issues.push({
      path: 'nodes',
      message: `has ${formatCount(top.nodes.length)} nodes; at most ${formatCount(LIMITS.nodes)} are allowed`,
    });
  if (Array.isArray(top.edges) && top.edges.length > LIMITS.edges)
    issues.push({
      path: 'edges',
      message: `has ${formatCount(top.edges.length)} edges; at most ${formatCount(LIMITS.edges)} are allowed`,
    });
  if (issues.length > 0) return issues;

  const stack: { value: unknown; path: PropertyKey[] }[] = [{ value: doc, path: [] }];
  while (stack.length > 0 && issues.length < MAX_DOOR_ISSUES) {
    const { value, path } = stack.pop()!;
    if (typeof value === 'string') {
      if (value.length > LIMITS.stringChars)
        issues.push({
          path: pathText(path),
          message: `is ${formatCount(value.length)} characters long; at most ${formatCount(LIMITS.stringChars)} are allowed`,
        });
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (path.length >= LIMITS.depth) {
      issues.push({
        path: pathText(path),
        message: `is nested ${path.length} levels deep; at most ${LIMITS.depth} levels are allowed`,
      });
      continue;
    }
    if (Array.isArray(value)) {
      const isGraphList = path.length === 1 && (path[0] === 'nodes' || path[0] === 'edges');
      if (!isGraphList && value.length > LIMITS.listItems) {
        issues.push({
          path: pathText(path),
          message: `has ${formatCount(value.length)} items; at most ${formatCount(LIMITS.listItems)} are allowed`,
        });
        continue;
      }
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: [...path, i] });
      continue;
    }
    const keys = Object.keys(value);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i];
      if (key.length > LIMITS.stringChars) {
        issues.push({
          path: pathText(path),
          message: `has a key ${formatCount(key.length)} characters long; at most ${formatCount(LIMITS.stringChars)} are allowed`,
        });
        break;
      }
      stack.push({ value: (value as Record<string, unknown>)[key], path: [...path, key] });
    }
  }
  return issues;
}

/** Why a file or pasted document of this many characters is refused before parsing, if it is. */
export function documentTooLarge(chars: number): string | undefined {
  if (chars <= LIMITS.documentChars) return undefined;
  const mb = (n: number) => `${(n / 1_000_000).toFixed(1)} MB`;
  return `The document is ${mb(chars)}; scenarios of at most ${mb(LIMITS.documentChars)} are accepted (${formatCount(LIMITS.nodes)} nodes, ${formatCount(LIMITS.edges)} edges).`;
}
