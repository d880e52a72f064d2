import { stringify } from 'yaml';
import type { Scenario } from '../../scenario/schema';
import { formatIssue, validateScenario } from '../../scenario/validate';
import type { DocEdge, DocNode, ScenarioDoc } from '../../scenario/doc';
import { importTemplate } from '../import';
import { META_FORMAT, META_KEY, edgeKey, encodeSimMetadata, type SimMetadata } from '../metadata';
import { buildTemplate } from './build';
import { checkTemplate } from './check';

export type ExportResult =
  | { ok: true; yaml: string; template: Record<string, unknown>; problems: string[] }
  | { ok: false; errors: string[] };

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Written for a YAML 1.1 reader, as CloudFormation's is: strings that 1.1 would read as dates
 * or booleans ("2012-10-17", "yes") are quoted.
 */
function toYaml(t: Record<string, unknown>): string {
  return stringify(t, { lineWidth: 0, aliasDuplicateObjects: false, version: '1.1' });
}

/**
 * A scenario as a SAM template. What the template expresses is checked by importing it again:
 * every parameter, edge and node the import does not give back exactly (producers, durations,
 * error rates, labels, positions, SDK calls such as a function sending to a queue) goes into
 * `Metadata.ServerlessSim`, so importing the export gives back the same scenario.
 */
export function exportSam(input: unknown): ExportResult {
  const v = validateScenario(input);
  if (!v.ok) return { ok: false, errors: v.errors.map(formatIssue) };
  const s: Scenario = v.scenario;
  const doc = input as ScenarioDoc;
  const { template, logical } = buildTemplate(s);

  const back = importTemplate(toYaml(template), 'export.yaml');
  if (!back.ok) return { ok: false, errors: [`the exported template does not import: ${back.reason}`] };
  const v1 = validateScenario(back.doc);
  if (!v1.ok)
    return {
      ok: false,
      errors: v1.errors.map((e) => `the exported template imports invalid: ${formatIssue(e)}`),
    };
  const inverse = new Map([...logical].map(([id, l]) => [l, id]));
  const again = {
    nodes: new Map(v1.scenario.nodes.filter((n) => inverse.has(n.id)).map((n) => [inverse.get(n.id)!, n])),
    edges: v1.scenario.edges
      .filter((e) => inverse.has(e.source) && inverse.has(e.target))
      .map((e) => ({
        ...e,
        source: inverse.get(e.source) ?? e.source,
        target: inverse.get(e.target) ?? e.target,
      })),
  };

  const meta: SimMetadata = {
    format: META_FORMAT,
    version: 1,
    name: s.name,
    notes: s.notes,
    settings: (doc.settings ?? {}) as Record<string, unknown>,
    nodes: {},
    extraNodes: [],
    extraEdges: [],
    edges: {},
  };
  if (doc.lesson !== undefined) meta.lesson = doc.lesson;
  const problems: string[] = [];
  for (const n of s.nodes) {
    const raw = doc.nodes.find((x) => x.id === n.id) as DocNode | undefined;
    const b = again.nodes.get(n.id);
    if (n.kind === 'producer' || !b) {
      meta.extraNodes.push(
        raw ?? { id: n.id, kind: n.kind, label: n.label, position: n.position, params: n.params },
      );
      continue;
    }
    const params: Record<string, unknown> = {};
    for (const k of new Set([...Object.keys(n.params), ...Object.keys(b.params)])) {
      if (same(n.params[k], b.params[k])) continue;
      if (n.params[k] === undefined)
        problems.push(`${n.id}: ${k} is set by the template but not in the scenario`);
      else params[k] = n.params[k];
    }
    meta.nodes[n.id] = { logicalId: logical.get(n.id)!, label: n.label, position: n.position };
    if (Object.keys(params).length) meta.nodes[n.id].params = params;
  }
  const matched = new Set<object>();
  for (const e of s.edges) {
    const raw = doc.edges.find((x) => x.id === e.id) as DocEdge | undefined;
    const b = again.edges.find(
      (x) => !matched.has(x) && x.source === e.source && x.target === e.target && x.role === e.role,
    );
    if (!b) {
      meta.extraEdges.push(
        raw ?? { id: e.id, source: e.source, target: e.target, role: e.role, params: e.params },
      );
      continue;
    }
    matched.add(b);
    const params: Record<string, unknown> = {};
    const ep = e.params as Record<string, unknown>;
    const bp = b.params as Record<string, unknown>;
    for (const k of new Set([...Object.keys(ep), ...Object.keys(bp)]))
      if (!same(ep[k], bp[k]) && ep[k] !== undefined) params[k] = ep[k];
    meta.edges[edgeKey(e.source, e.target, e.role)] = Object.keys(params).length
      ? { id: e.id, params }
      : { id: e.id };
  }
  for (const b of again.edges)
    if (!matched.has(b) && again.nodes.has(b.source))
      problems.push(
        `the template also says ${b.source} → ${b.target} (${b.role}), which the scenario does not have`,
      );

  const full = { ...template, Metadata: { [META_KEY]: encodeSimMetadata(meta) } };
  problems.push(...checkTemplate(full));
  return { ok: true, yaml: toYaml(full), template: full, problems };
}
