import type { NodeKind } from '../kinds/types';
import { refusal } from '../scenario/connections';
import { formatIssue, validateScenario } from '../scenario/validate';
import { ImportContext } from './context';
import type { DocEdge, DocNode, ScenarioDoc } from '../scenario/doc';
import { DEFAULT_IMPORT_RATE, entryPoints, typesDownstream } from './entry-points';
import { applyGlobals } from './globals';
import { layeredPositions } from './layout';
import { MAPPERS } from './mappers';
import { readSimMetadata, restoreFromMetadata } from './metadata';
import { notMappedReason } from './not-mapped';
import { MAX_RESOURCES, parseTemplateText } from './parse';
import { emptyReport, type ImportReport } from './report';
import { readTemplate } from './template';

export type ImportResult =
  | { ok: true; doc: ScenarioDoc; report: ImportReport }
  | { ok: false; file: string; line?: number; reason: string };

/**
 * A CloudFormation or SAM template (text) → a scenario document and the report of what was
 * understood. Never throws on bad input: an unreadable template gives the line and the reason.
 */
export function importTemplate(
  text: string,
  file = 'template.yaml',
  readBeside?: (relativePath: string) => string | undefined,
): ImportResult {
  const parsed = parseTemplateText(text);
  if (!parsed.ok) return { ok: false, file, line: parsed.line, reason: parsed.reason };
  const checked = readTemplate(parsed.doc, MAX_RESOURCES);
  if (!checked.ok) return { ok: false, file, reason: checked.reason };
  const tpl = checked.template;
  applyGlobals(tpl);
  const report = emptyReport(file);
  const ctx = new ImportContext(tpl, report, readBeside);

  const live = Object.keys(tpl.resources).filter((id) => {
    const cond = tpl.resources[id].Condition;
    if (!cond || ctx.resolver.condition(cond) !== false) return true;
    report.notMapped.push({
      logicalId: id,
      type: tpl.resources[id].Type,
      reason: `not created: its condition ${cond} is false with the parameters' defaults`,
    });
    return false;
  });
  for (const phase of [1, 2, 3] as const) {
    for (const id of live) {
      const type = tpl.resources[id].Type;
      for (const m of MAPPERS)
        if (m.phase === phase && m.types.includes(type)) m.map(ctx, id, ctx.properties(id));
    }
  }
  const meta = readSimMetadata(tpl.metadata);
  const nodes: DocNode[] = ctx.nodes.map((n) => ({
    id: n.id,
    kind: n.kind,
    label: n.label,
    position: { x: 0, y: 0 },
    params: n.params,
  }));
  const edges = resolveLinks(ctx, nodes);
  for (const id of live) {
    if (ctx.handled.has(id)) continue;
    if (report.edges.some((e) => e.from.startsWith(`${id} `))) continue;
    report.notMapped.push({
      logicalId: id,
      type: tpl.resources[id].Type,
      reason: notMappedReason(tpl.resources[id].Type),
    });
  }
  for (const note of ctx.resolver.notes) ctx.warn(note);

  let doc: ScenarioDoc = {
    format: 'serverless-sim.scenario',
    version: 1,
    name: (tpl.description?.split('\n')[0].trim() || file).slice(0, 200),
    notes: `Imported from ${file}. Set the traffic of the producers in front of each entry point, and the functions' durations, before reading the bill.`,
    settings: {},
    nodes,
    edges,
  };
  if (meta) doc = restoreFromMetadata(doc, meta, ctx, tpl.resources);
  else addProducers(doc, report);
  repairUntilValid(doc, report);
  const positions = layeredPositions(doc);
  for (const n of doc.nodes) if (!meta?.nodes?.[n.id]?.position) n.position = positions[n.id];
  report.nodes = doc.nodes.map((n) => ({
    id: n.id,
    kind: n.kind,
    label: n.label,
    from:
      ctx.nodes.find((d) => d.id === n.id)?.from ??
      (n.kind === 'producer' ? ['(added: traffic into an entry point)'] : ['(from Metadata)']),
  }));
  report.assumptions.push(
    `durations: every function, server and container takes the default time per request (100 ms mean, 300 ms p99); set yours`,
    `error rates: none (every invocation succeeds); set them to see retries and dead letters`,
  );
  return { ok: true, doc, report };
}

function edgeId(source: string, target: string, role: string, taken: Set<string>): string {
  const base = `${source}-${role === 'invoke' ? 'to' : role}-${target}`.slice(0, 96);
  let id = base;
  for (let i = 2; taken.has(id); i++) id = `${base}-${i}`;
  taken.add(id);
  return id;
}

/** Links between resources → edges between nodes, refused ones reported with the reason. */
function resolveLinks(ctx: ImportContext, nodes: DocNode[]): DocEdge[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const edges: DocEdge[] = [];
  const taken = new Set<string>();
  // Invocations first: a bus's dead-letter queue names targets that must already be edges.
  const links = [
    ...ctx.links.filter((l) => l.role === 'invoke'),
    ...ctx.links.filter((l) => l.role !== 'invoke'),
  ];
  for (const l of links) {
    const s = ctx.nodeOf.get(l.from) ?? (byId.has(l.from) ? l.from : undefined);
    const t = ctx.nodeOf.get(l.to) ?? (byId.has(l.to) ? l.to : undefined);
    if (!s || !t) {
      const missing = !s ? l.from : l.to;
      const type = ctx.resource(missing)?.Type ?? 'outside the template';
      ctx.unwired(`${l.via}: ${missing} (${type}) is not a node, so this link is not drawn`);
      continue;
    }
    const src = byId.get(s)!;
    const tgt = byId.get(t)!;
    const refused = refusal(src.kind as NodeKind, tgt.kind as NodeKind, l.role);
    if (refused) {
      ctx.unwired(`${l.via}: ${s} → ${t} not drawn: ${refused}`);
      continue;
    }
    const forTargets = l.forTargets
      ?.map((x) => ctx.nodeOf.get(x) ?? x)
      .filter((x) =>
        edges.some((e) => e.source === s && e.target === x && (e.role ?? 'invoke') === 'invoke'),
      );
    const dup = edges.find((e) => e.source === s && e.target === t && (e.role ?? 'invoke') === l.role);
    if (dup && forTargets && Array.isArray(dup.params.forTargets)) {
      dup.params.forTargets = [...new Set([...(dup.params.forTargets as string[]), ...forTargets])];
      continue;
    }
    if (dup) {
      ctx.warn(`${l.via}: a second link ${s} → ${t} was merged into ${dup.id} (the simulator draws one)`);
      continue;
    }
    if (l.forTargets && !forTargets?.length) {
      ctx.unwired(`${l.via}: ${s} → ${t} not drawn: the rule target it serves is not drawn`);
      continue;
    }
    const params = forTargets?.length ? { ...l.params, forTargets } : l.params;
    const e: DocEdge = { id: edgeId(s, t, l.role, taken), source: s, target: t, params };
    if (l.role !== 'invoke') e.role = l.role;
    edges.push(e);
    ctx.report.edges.push({ id: e.id, source: s, target: t, role: l.role, from: l.via });
  }
  // One dead-letter queue serving every target of a bus is the bus's shared one: no list needed.
  for (const dlq of edges.filter((e) => e.role === 'dlq' && Array.isArray(e.params.forTargets))) {
    const targets = edges
      .filter((e) => e.source === dlq.source && (e.role ?? 'invoke') === 'invoke')
      .map((e) => e.target);
    const served = dlq.params.forTargets as string[];
    const alone = edges.filter((e) => e.source === dlq.source && e.role === 'dlq').length === 1;
    if (alone && targets.every((t) => served.includes(t))) delete dlq.params.forTargets;
  }
  return edges;
}

function addProducers(doc: ScenarioDoc, report: ImportReport): void {
  const taken = new Set(doc.edges.map((e) => e.id));
  for (const target of entryPoints(doc)) {
    const node = doc.nodes.find((n) => n.id === target)!;
    let id = `traffic-${target}`.slice(0, 100);
    for (let i = 2; doc.nodes.some((n) => n.id === id); i++) id = `traffic-${target}-${i}`.slice(0, 100);
    const types = typesDownstream(doc, target);
    const params: Record<string, unknown> = {
      traffic: { shape: 'poisson', ratePerSecond: DEFAULT_IMPORT_RATE },
    };
    if (types.length) {
      params.eventTypes = types.map((name) => ({ name, weight: 1 }));
      report.assumptions.push(
        `${id} sends the event types the filters and Choice steps downstream name (${types.join(', ')}), in equal shares`,
      );
    }
    doc.nodes.push({
      id,
      kind: 'producer',
      label: `Traffic → ${node.label}`.slice(0, 200),
      position: { x: 0, y: 0 },
      params,
    });
    doc.edges.push({ id: edgeId(id, target, 'invoke', taken), source: id, target, params: {} });
    report.trafficToSet.push({ producerId: id, target, ratePerSecond: DEFAULT_IMPORT_RATE });
  }
  if (report.trafficToSet.length)
    report.assumptions.push(
      `traffic: a producer in front of each entry point at ${DEFAULT_IMPORT_RATE} request/s (Poisson), a placeholder: set the real rate`,
    );
  else
    report.assumptions.push(
      'traffic: no entry point was found (nothing in the template receives requests or events from outside), so no producer was added',
    );
}

/**
 * Values the simulator refuses (out of its range, or an edge it cannot carry) are taken out
 * one by one, each with a warning, until the scenario validates; a template is never refused
 * for a single odd setting.
 */
function repairUntilValid(doc: ScenarioDoc, report: ImportReport): void {
  for (let round = 0; round < 10; round++) {
    const v = validateScenario(doc);
    if (v.ok) return;
    const before = { nodes: [...doc.nodes], edges: [...doc.edges] };
    for (const issue of v.errors) {
      const m = /^(nodes|edges)\[(\d+)\](?:\.params\.([A-Za-z]+))?/.exec(issue.path);
      const text = formatIssue(issue);
      if (!m) {
        report.warnings.push(`could not repair: ${text}`);
        continue;
      }
      const list = m[1] === 'nodes' ? before.nodes : before.edges;
      const item = list[Number(m[2])];
      if (!item) continue;
      if (m[3] && m[3] in item.params) {
        delete item.params[m[3]];
        report.warnings.push(`${text}; the default is used instead`);
      } else if (m[1] === 'edges') {
        doc.edges = doc.edges.filter((e) => e !== item);
        report.edges = report.edges.filter((e) => e.id !== item.id);
        report.unwired.push(`edge ${item.id} removed: ${text}`);
      } else report.warnings.push(`could not repair: ${text}`);
    }
  }
}
