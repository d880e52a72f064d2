import type { z } from 'zod';
import { kindCatalog, NODE_KINDS } from '../kinds/registry';
import type { NodeKind } from '../kinds/vocabulary';
import { doorIssues, notAScenario } from './door';
import { checkGraph } from './graph-checks';
import { ScenarioError, issueMessage, pathText, valueAt, type ValidationIssue } from './issues';
import { MigrationError, migrate } from './migrate';
import { scenarioSchema, type Scenario, type ScenarioNode } from './schema';
import { isPlainObject, unknownKeys } from './unknown-keys';
import { scenarioWarnings } from './warnings';
import { runChecks, type Finding } from '../checks';

export { ScenarioError, formatIssue, type ValidationIssue } from './issues';

/**
 * `findings` are the learner checks' (engine/checks): errors among them are in `errors` too
 * (with `check` set), warnings in `warnings` as sentences. A document whose envelope or graph
 * is broken has none.
 */
export type ValidationResult =
  | { ok: true; scenario: Scenario; warnings: string[]; findings: Finding[] }
  | { ok: false; errors: ValidationIssue[]; findings: Finding[] };

/**
 * Everything between a document someone wrote and a scenario the engine can run: migration
 * to the current version, the envelope, each node's params with its kind's schema (so paths
 * point inside params), then the checks that need the whole graph. Reports every problem it
 * can find at once, each with its path and the fix.
 */
export function validateScenario(doc: unknown): ValidationResult {
  // Something that is not a scenario at all is told so, not what its fields lack.
  const stranger = notAScenario(doc);
  if (stranger) return { ok: false, errors: [stranger], findings: [] };
  // Limits first: a document too large or too deep is refused before any deep validation.
  const door = doorIssues(doc);
  if (door.length > 0) return { ok: false, errors: door, findings: [] };
  let raw: Record<string, unknown>;
  try {
    raw = migrate(doc) as Record<string, unknown>;
  } catch (e) {
    if (e instanceof MigrationError)
      return {
        ok: false,
        findings: [],
        errors: [
          {
            path: e.path,
            message: e.message,
            value: e.path === 'version' ? (doc as { version?: unknown }).version : undefined,
          },
        ],
      };
    throw e;
  }

  const errors: ValidationIssue[] = [];
  const envelope = scenarioSchema.safeParse(raw);
  if (!envelope.success) errors.push(...fromZod(envelope.error.issues, [], raw));
  const params = parseNodeParams(raw, errors);
  if (!envelope.success) return { ok: false, errors, findings: [] };

  // The graph is checked even when some params are wrong (with defaults standing in for
  // them), so a person sees every problem at once: a bad value and a forbidden edge.
  const nodes: ScenarioNode[] = envelope.data.nodes.map((n, i) => ({
    ...n,
    params: params[i] ?? defaultParams(n.kind),
  }));
  // zod's record drops a "__proto__" key silently; the connection's check must see it to report it.
  const rawEdges = raw.edges as unknown[];
  const edges = envelope.data.edges.map((e, i) => {
    const given = (rawEdges[i] as { params?: unknown }).params;
    return isPlainObject(given) ? { ...e, params: given } : e;
  });
  const graph = checkGraph(nodes, edges, envelope.data.settings);
  if (graph.issues.length > 0) return { ok: false, errors: [...errors, ...graph.issues], findings: [] };

  // The learner checks see the graph even when some params fell back to defaults, so their
  // refusals (errors) come with the rest; their warnings wait for a document that is right.
  const scenario: Scenario = { ...envelope.data, nodes, edges: graph.edges };
  const all = runChecks(scenario);
  const findings = errors.length > 0 ? all.filter((f) => f.severity === 'error') : all;
  const refused = findings.filter((f) => f.severity === 'error').map((f) => findingIssue(f, scenario));
  if (errors.length > 0 || refused.length > 0)
    return { ok: false, errors: [...errors, ...refused], findings };

  const ignored = unknownKeys(scenarioSchema, raw).map(
    (k) => `${pathText(k.path)} is not a scenario field; it was ignored`,
  );
  // Accepted, as hand-written files often leave it out (migrate.ts reads them as version 1).
  if ((doc as Record<string, unknown>).version === undefined)
    ignored.unshift('version is missing: the document was read as version 1 (add "version": 1 to say so)');
  return { ok: true, scenario, warnings: [...ignored, ...scenarioWarnings(scenario, findings)], findings };
}

/** A refusing finding as a validation issue: at its first edge, or else its first node. */
function findingIssue(f: Finding, s: Scenario): ValidationIssue {
  const edgeId = f.edgeIds?.[0];
  if (edgeId !== undefined)
    return {
      path: pathText(['edges', s.edges.findIndex((e) => e.id === edgeId)]),
      message: f.message,
      edgeId,
      check: f.check,
    };
  const nodeId = f.nodeIds[0];
  return {
    path: pathText(['nodes', s.nodes.findIndex((n) => n.id === nodeId)]),
    message: f.message,
    nodeId,
    check: f.check,
  };
}

/** The validated scenario, or a ScenarioError listing every problem. */
export function parseScenarioOrThrow(doc: unknown): Scenario {
  const r = validateScenario(doc);
  if (!r.ok) throw new ScenarioError(r.errors);
  return r.scenario;
}

/** Each node's params parsed by its kind's schema; undefined where the node itself is broken. */
function parseNodeParams(
  raw: Record<string, unknown>,
  errors: ValidationIssue[],
): (Record<string, unknown> | undefined)[] {
  const nodes = Array.isArray(raw.nodes) ? raw.nodes : [];
  return nodes.map((node: unknown, i) => {
    if (!isPlainObject(node) || !NODE_KINDS.includes(node.kind as NodeKind)) return undefined;
    const input = node.params ?? {};
    if (!isPlainObject(input)) return undefined; // the envelope reports it
    const kind = kindCatalog(node.kind as NodeKind);
    const at = ['nodes', i, 'params'];
    for (const k of unknownKeys(kind.params, input)) {
      const key = String(k.path[k.path.length - 1]);
      errors.push(issueAt(raw, [...at, ...k.path], unknownParamMessage(key, k.known, kind.title)));
    }
    const parsed = kind.params.safeParse(input);
    if (!parsed.success) {
      errors.push(...fromZod(parsed.error.issues, at, raw));
      return undefined;
    }
    return parsed.data as Record<string, unknown>;
  });
}

function defaultParams(kind: NodeKind): Record<string, unknown> {
  const parsed = kindCatalog(kind).params.safeParse({});
  return parsed.success ? (parsed.data as Record<string, unknown>) : {};
}

function unknownParamMessage(key: string, known: string[], title: string): string {
  const near = closest(key, known);
  if (near) return `is not a parameter of ${title}: did you mean "${near}"?`;
  return known.length === 0
    ? `is not a parameter: ${title} has none here`
    : `is not a parameter of ${title}; known: ${known.join(', ')}`;
}

/** A known key differing only in case or by a slip of one or two letters. */
function closest(key: string, known: string[]): string | undefined {
  const lower = key.toLowerCase();
  const same = known.find((k) => k.toLowerCase() === lower);
  if (same) return same;
  let best: string | undefined;
  let bestDistance = 3;
  for (const k of known) {
    const d = editDistance(lower, k.toLowerCase());
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  return best !== undefined && key.length > 3 ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length];
}

function fromZod(
  issues: readonly z.core.$ZodIssue[],
  prefix: PropertyKey[],
  raw: Record<string, unknown>,
): ValidationIssue[] {
  return issues.map((i) => issueAt(raw, [...prefix, ...i.path], issueMessage(i)));
}

function issueAt(raw: Record<string, unknown>, path: PropertyKey[], message: string): ValidationIssue {
  const issue: ValidationIssue = { path: pathText(path), message };
  const value = valueAt(raw, path);
  if (value !== undefined) issue.value = value;
  const owner = valueAt(raw, path.slice(0, 2));
  const id = isPlainObject(owner) && typeof owner.id === 'string' && owner.id !== '' ? owner.id : undefined;
  if (id !== undefined && path[0] === 'nodes') issue.nodeId = id;
  if (id !== undefined && path[0] === 'edges') issue.edgeId = id;
  return issue;
}
