import type { NodeKind } from '../kinds/types';
import type { EdgeRole } from '../scenario/connections';

/**
 * What an import understood, what it did not, and what it assumed: shown before anything
 * changes in the app and printed by the CLI. Every resource of the template appears in
 * exactly one of `nodes[].from`, `edges[].from`, `folded` or `notMapped`.
 */
export interface ReportNode {
  id: string;
  kind: NodeKind;
  label: string;
  /** The resources it stands for, as "LogicalId (AWS::Type)". */
  from: string[];
}

export interface ReportEdge {
  id: string;
  source: string;
  target: string;
  role: EdgeRole;
  /** What made it: an event source, a subscription, a rule target, … */
  from: string;
}

export interface NotMapped {
  logicalId: string;
  type: string;
  reason: string;
}

export interface ImportReport {
  file: string;
  nodes: ReportNode[];
  edges: ReportEdge[];
  /** Resources read into a node's or an edge's settings (a stage, a target group, an invoke config). */
  folded: { logicalId: string; type: string; into: string }[];
  notMapped: NotMapped[];
  /** Parts of mapped resources the simulator cannot express (states of a workflow definition). */
  partsNotMapped: string[];
  /** Links the template has that the simulator cannot draw, with the reason. */
  unwired: string[];
  assumptions: string[];
  /** Producers added in front of entry points: the user is asked to set their traffic. */
  trafficToSet: { producerId: string; target: string; ratePerSecond: number }[];
  /** Intrinsics and values that could not be evaluated offline, and values out of range. */
  warnings: string[];
}

export function emptyReport(file: string): ImportReport {
  return {
    file,
    nodes: [],
    edges: [],
    folded: [],
    notMapped: [],
    partsNotMapped: [],
    unwired: [],
    assumptions: [],
    trafficToSet: [],
    warnings: [],
  };
}

/** Not-mapped resources grouped by reason, then by type: short enough to read. */
export function groupNotMapped(
  items: NotMapped[],
): { reason: string; types: { type: string; ids: string[] }[] }[] {
  const byReason = new Map<string, Map<string, string[]>>();
  for (const n of items) {
    const types = byReason.get(n.reason) ?? new Map<string, string[]>();
    byReason.set(n.reason, types);
    types.set(n.type, [...(types.get(n.type) ?? []), n.logicalId]);
  }
  return [...byReason].map(([reason, types]) => ({
    reason,
    types: [...types].map(([type, ids]) => ({ type, ids })),
  }));
}

/** The report as plain text (the CLI prints it; the app shows the same sections). */
export function formatReport(r: ImportReport): string {
  const out: string[] = [];
  out.push(`Import of ${r.file}: ${r.nodes.length} nodes, ${r.edges.length} edges.`);
  out.push('');
  out.push('Became nodes:');
  for (const n of r.nodes) out.push(`  ${n.id} (${n.kind})  ← ${n.from.join(', ')}`);
  if (r.edges.length) {
    out.push('', 'Became edges (only invocations and event sources make edges):');
    for (const e of r.edges)
      out.push(`  ${e.source} → ${e.target}${e.role !== 'invoke' ? ` [${e.role}]` : ''}  ← ${e.from}`);
  }
  if (r.folded.length) {
    out.push('', 'Read into the settings of a node or edge:');
    for (const f of r.folded) out.push(`  ${f.logicalId} (${f.type}) → ${f.into}`);
  }
  if (r.notMapped.length) {
    out.push('', 'Not mapped:');
    for (const g of groupNotMapped(r.notMapped)) {
      out.push(`  ${g.reason}:`);
      for (const t of g.types) out.push(`    ${t.type}: ${t.ids.join(', ')}`);
    }
  }
  if (r.partsNotMapped.length) {
    out.push('', 'Not mapped inside a resource:');
    for (const u of r.partsNotMapped) out.push(`  ${u}`);
  }
  if (r.unwired.length) {
    out.push('', 'Not wired:');
    for (const u of r.unwired) out.push(`  ${u}`);
  }
  out.push('', 'Assumed:');
  for (const a of r.assumptions) out.push(`  ${a}`);
  if (r.trafficToSet.length) {
    out.push('', 'Set the traffic (each entry point got a producer with a placeholder rate):');
    for (const t of r.trafficToSet)
      out.push(`  ${t.producerId} → ${t.target}: ${t.ratePerSecond} requests/s`);
  }
  if (r.warnings.length) {
    out.push('', 'Warnings:');
    for (const w of r.warnings) out.push(`  ${w}`);
  }
  return out.join('\n');
}
