import type { EdgeRole } from '../scenario/connections';
import type { ImportContext } from './context';
import type { DocEdge, DocNode, ScenarioDoc } from '../scenario/doc';
import { isObj, type CfnResource } from './template';

/**
 * What a template cannot say about a scenario (producers, durations, error rates, positions,
 * labels, edges that are SDK calls rather than invocations, the ids) travels in the
 * template's `Metadata.ServerlessSim`, so that importing an exported template gives back the
 * same scenario. A template written by hand has none; then nothing here applies.
 */
export const META_KEY = 'ServerlessSim';
export const META_FORMAT = 'serverless-sim.sam-metadata';

export interface SimMetadata {
  format: typeof META_FORMAT;
  version: 1;
  name?: string;
  notes?: string;
  settings?: Record<string, unknown>;
  lesson?: ScenarioDoc['lesson'];
  /** By node id: the resource it became, and what the resource cannot hold. */
  nodes: Record<
    string,
    {
      logicalId: string;
      label?: string;
      position?: { x: number; y: number };
      params?: Record<string, unknown>;
    }
  >;
  /** Nodes with no resource (producers). */
  extraNodes: DocNode[];
  /** Edges with no resource or event (producer edges, SDK calls, …). */
  extraEdges: DocEdge[];
  /** Ids (and params the template cannot hold) of the edges the template does express, by "source target role". */
  edges: Record<string, { id: string; params?: Record<string, unknown> }>;
}

export function edgeKey(source: string, target: string, role: EdgeRole | undefined): string {
  return `${source} ${target} ${role ?? 'invoke'}`;
}

/**
 * CloudFormation allows only whole numbers in Metadata (cfn-lint E4002), and a scenario has
 * fractions (error rates, utilization): the payload travels as JSON text beside its format tag.
 */
export function encodeSimMetadata(meta: SimMetadata): Record<string, unknown> {
  const { format, version, ...rest } = meta;
  return { format, version, data: JSON.stringify(rest, null, 1) };
}

export function readSimMetadata(metadata: Record<string, unknown>): SimMetadata | undefined {
  const wrapped = metadata[META_KEY];
  if (!isObj(wrapped) || wrapped.format !== META_FORMAT || typeof wrapped.data !== 'string') return undefined;
  let m: unknown;
  try {
    m = { format: wrapped.format, version: wrapped.version, ...(JSON.parse(wrapped.data) as object) };
  } catch {
    return undefined;
  }
  if (!isObj(m) || !isObj(m.nodes)) return undefined;
  return {
    ...(m as unknown as SimMetadata),
    extraNodes: Array.isArray(m.extraNodes) ? (m.extraNodes as DocNode[]) : [],
    extraEdges: Array.isArray(m.extraEdges) ? (m.extraEdges as DocEdge[]) : [],
    edges: isObj(m.edges) ? (m.edges as SimMetadata['edges']) : {},
  };
}

/** The scenario the metadata describes, on top of what was read from the resources. */
export function restoreFromMetadata(
  doc: ScenarioDoc,
  meta: SimMetadata,
  ctx: ImportContext,
  resources: Record<string, CfnResource>,
): ScenarioDoc {
  const rename = new Map<string, string>();
  for (const [nodeId, m] of Object.entries(meta.nodes)) {
    const current = ctx.nodeOf.get(m.logicalId);
    // An implicit node (the default bus) has no resource but is as much the template's.
    const implicit = ctx.nodes.some((d) => d.logicalId === m.logicalId && !(d.logicalId in resources));
    if (current && (m.logicalId in resources || implicit)) rename.set(current, nodeId);
    else
      ctx.warn(`Metadata names node ${nodeId} (resource ${m.logicalId}), which the template no longer has`);
  }
  const nodes: DocNode[] = doc.nodes.map((n) => {
    const id = rename.get(n.id) ?? n.id;
    const m = meta.nodes[id];
    const node: DocNode = { ...n, id, params: { ...n.params, ...(m?.params ?? {}) } };
    if (m?.label) node.label = m.label;
    if (m?.position) node.position = m.position;
    return node;
  });
  for (const n of meta.extraNodes) if (!nodes.some((x) => x.id === n.id)) nodes.push(n);
  const byId = new Set(nodes.map((n) => n.id));
  const edges: DocEdge[] = doc.edges.map((e) => {
    const source = rename.get(e.source) ?? e.source;
    const target = rename.get(e.target) ?? e.target;
    const m = meta.edges[edgeKey(source, target, e.role)];
    const params = { ...e.params };
    if (Array.isArray(params.forTargets))
      params.forTargets = (params.forTargets as string[]).map((t) => rename.get(t) ?? t);
    const out: DocEdge = {
      ...e,
      source,
      target,
      id: m?.id ?? e.id,
      params: { ...params, ...(m?.params ?? {}) },
    };
    return out;
  });
  for (const e of meta.extraEdges) {
    if (!byId.has(e.source) || !byId.has(e.target)) {
      ctx.warn(
        `Metadata edge ${e.id} joins ${e.source} → ${e.target}, and one of them is not in the template any more`,
      );
      continue;
    }
    if (!edges.some((x) => x.id === e.id)) edges.push(e);
  }
  ctx.report.assumptions.push(
    'restored from Metadata.ServerlessSim (written by this simulator): ids, labels, positions, producers, and the settings a template cannot hold',
  );
  for (const r of ctx.report.edges) {
    const e = edges.find(
      (x) =>
        edgeKey(x.source, x.target, x.role) ===
        edgeKey(rename.get(r.source) ?? r.source, rename.get(r.target) ?? r.target, r.role),
    );
    if (e) Object.assign(r, { id: e.id, source: e.source, target: e.target });
  }
  for (const d of ctx.nodes) {
    const id = rename.get(d.id);
    if (id) d.id = id;
  }
  return {
    ...doc,
    name: meta.name ?? doc.name,
    notes: meta.notes ?? doc.notes,
    settings: meta.settings ?? doc.settings,
    ...(meta.lesson !== undefined ? { lesson: meta.lesson } : {}),
    nodes,
    edges,
  };
}
