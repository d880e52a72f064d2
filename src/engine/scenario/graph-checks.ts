import { kindCatalog } from '../kinds/registry';
import type { NodeKind } from '../kinds/vocabulary';
import { findRule, kindName, refusal, type EdgeRole } from './connections';
import { parseEdgeParams } from './edge-params';
import type { ValidationIssue } from './issues';
import { pathText, valueAt } from './issues';
import { fmtNumber } from './params';
import type { ScenarioEdge, ScenarioNode, ScenarioSettings } from './schema';

/**
 * Checks that need the whole graph: ids, which node may feed which (the connection table),
 * each edge's params for its connection, and the limits AWS puts on fan-out and redrive.
 */

/** An edge as the envelope schema parsed it: params still raw. */
export interface DraftEdge {
  id: string;
  source: string;
  target: string;
  role: EdgeRole;
  params: Record<string, unknown>;
}

/**
 * The other node whose id followed by a dot begins this id, if any ("orders" for "orders.dlq").
 * Refusing those keeps "<node id>.<metric>" series keys unambiguous: no key can then belong to
 * two nodes, whatever metrics (some hold dots: "shard0.iteratorAge") the kinds record.
 */
function dottedPrefixOwner(id: string, byId: Map<string, ScenarioNode>): string | undefined {
  for (let dot = id.indexOf('.', 1); dot !== -1; dot = id.indexOf('.', dot + 1)) {
    const prefix = id.slice(0, dot);
    if (byId.has(prefix)) return prefix;
  }
  return undefined;
}

/** Unreserved concurrency every account keeps [L-CONC]. */
const UNRESERVED_FLOOR = 100;

export function checkGraph(
  nodes: ScenarioNode[],
  drafts: DraftEdge[],
  settings: ScenarioSettings,
): { edges: ScenarioEdge[]; issues: ValidationIssue[] } {
  const issues: ValidationIssue[] = [];
  const nodeIssue = (i: number, sub: PropertyKey[], message: string, value?: unknown) =>
    issues.push({ path: pathText(['nodes', i, ...sub]), message, value, nodeId: nodes[i].id });
  const edgeIssue = (j: number, sub: PropertyKey[], message: string, value?: unknown) =>
    issues.push({ path: pathText(['edges', j, ...sub]), message, value, edgeId: drafts[j].id });

  const byId = new Map<string, ScenarioNode>();
  nodes.forEach((n, i) => {
    const first = byId.get(n.id);
    if (first)
      nodeIssue(
        i,
        ['id'],
        `duplicate node id "${n.id}" (also nodes[${nodes.indexOf(first)}]): ids must be unique`,
        n.id,
      );
    else byId.set(n.id, n);
  });
  nodes.forEach((n, i) => {
    const owner = dottedPrefixOwner(n.id, byId);
    if (owner)
      nodeIssue(
        i,
        ['id'],
        `node id "${n.id}" begins with the id of node "${owner}" and a dot: a run names its series "<node id>.<metric>", so the two nodes' series would mix; rename it without the dot (e.g. "${n.id.replaceAll('.', '-')}")`,
        n.id,
      );
  });
  const edgeIds = new Map<string, number>();
  drafts.forEach((e, j) => {
    const first = edgeIds.get(e.id);
    if (first !== undefined)
      edgeIssue(j, ['id'], `duplicate edge id "${e.id}" (also edges[${first}]): ids must be unique`, e.id);
    else edgeIds.set(e.id, j);
  });

  const edges: ScenarioEdge[] = [];
  const indexOf = new Map<ScenarioEdge, number>();
  drafts.forEach((e, j) => {
    const src = byId.get(e.source);
    const tgt = byId.get(e.target);
    if (!src) edgeIssue(j, ['source'], noSuchNode(e.source, byId), e.source);
    if (!tgt) edgeIssue(j, ['target'], noSuchNode(e.target, byId), e.target);
    if (!src || !tgt) return;
    const refused = refusal(src.kind, tgt.kind, e.role);
    if (refused) return edgeIssue(j, [], refused);
    if (e.role === 'dlq' && e.source === e.target)
      return edgeIssue(j, ['target'], 'a queue cannot be its own dead-letter queue', e.target);
    const rule = findRule(src.kind, tgt.kind, e.role)!;
    const parsed = parseEdgeParams(
      { rule, source: src.kind, target: tgt.kind, sourceParams: src.params },
      e.params,
    );
    if (!parsed.ok) {
      for (const i of parsed.issues)
        edgeIssue(j, ['params', ...i.path], i.message, valueAt(e.params, i.path));
      return;
    }
    if (src.kind === 'table' && rule.meaning === 'shardPoller' && src.params.streamEnabled !== true) {
      edgeIssue(j, [], `table "${src.id}" has no stream to read: set its streamEnabled to true`);
    }
    const edge: ScenarioEdge = { ...e, params: parsed.params };
    edges.push(edge);
    indexOf.set(edge, j);
  });

  const at = (e: ScenarioEdge) => indexOf.get(e)!;
  checkFanOut(edges, byId, (e, msg) => edgeIssue(at(e), [], msg));
  checkRedriveTypes(edges, byId, (e, msg) => edgeIssue(at(e), ['target'], msg, e.target));
  checkReservedConcurrency(nodes, settings, nodeIssue);
  checkKindWiring(nodes, edges, byId, nodeIssue);
  return { edges, issues };
}

/** Each kind's own rules about its outgoing edges (catalog.checkWiring). */
function checkKindWiring(
  nodes: ScenarioNode[],
  edges: ScenarioEdge[],
  byId: Map<string, ScenarioNode>,
  nodeIssue: (i: number, sub: PropertyKey[], message: string, value?: unknown) => void,
): void {
  nodes.forEach((n, i) => {
    const check = kindCatalog(n.kind).checkWiring;
    if (!check || byId.get(n.id) !== n) return;
    const out = edges
      .filter((e) => e.source === n.id)
      .map((e) => {
        const t = byId.get(e.target)!;
        return {
          target: e.target,
          targetKind: t.kind,
          targetLabel: t.label ?? t.id,
          targetParams: t.params,
          role: e.role,
        };
      });
    for (const issue of check(n.params, out))
      nodeIssue(i, ['params', ...issue.path], issue.message, valueAt(n.params, issue.path));
  });
}

function noSuchNode(id: string, byId: Map<string, ScenarioNode>): string {
  const ids = [...byId.keys()];
  const list =
    ids.length === 0
      ? 'there are no nodes'
      : `ids: ${ids.slice(0, 10).join(', ')}${ids.length > 10 ? ', …' : ''}`;
  return `no node has id "${id}" (${list})`;
}

/** Limits on how many edges of one kind a node may have. */
function checkFanOut(
  edges: ScenarioEdge[],
  byId: Map<string, ScenarioNode>,
  report: (e: ScenarioEdge, msg: string) => void,
): void {
  const seen = new Map<string, number>();
  const count = (key: string) => {
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return n;
  };
  for (const e of edges) {
    const src = byId.get(e.source)!;
    // A second S3 destination and a rule over 5 targets are learner checks (checks/), errors there.
    if (src.kind === 'eventBus' && e.role === 'dlq') {
      checkBusDlq(e, edges, count, report);
    } else if (e.role !== 'invoke' && count(`${e.role}:${e.source}`) > 1) {
      report(e, oneDestination(src.kind, e.role));
    }
  }
}

/** Each rule target has at most one dead-letter queue [EB-DLQ]; forTargets must name targets. */
function checkBusDlq(
  e: ScenarioEdge,
  edges: ScenarioEdge[],
  count: (key: string) => number,
  report: (e: ScenarioEdge, msg: string) => void,
): void {
  const named = e.params.forTargets;
  if (!named) {
    if (count(`dlq:${e.source}`) > 1)
      report(
        e,
        `bus "${e.source}" already has a dead-letter queue for all its targets: name the targets this one serves in forTargets`,
      );
    return;
  }
  const targets = new Set(
    edges.filter((x) => x.source === e.source && x.role === 'invoke').map((x) => x.target),
  );
  for (const id of named) {
    if (!targets.has(id)) report(e, `forTargets names "${id}", which is not a target of bus "${e.source}"`);
    else if (count(`dlq:${e.source}:${id}`) > 1)
      report(e, `target "${id}" of bus "${e.source}" already has a dead-letter queue: a target has one`);
  }
}

function oneDestination(kind: NodeKind, role: EdgeRole): string {
  if (kind === 'queue' && role === 'dlq')
    return 'a queue has one redrive policy, so at most one dead-letter queue';
  return `${kindName(kind)} has at most one "${role}" destination`;
}

/** A redrive keeps the message as it is, so the dead-letter queue must be the same type [SQS-DLQ]. */
function checkRedriveTypes(
  edges: ScenarioEdge[],
  byId: Map<string, ScenarioNode>,
  report: (e: ScenarioEdge, msg: string) => void,
): void {
  for (const e of edges) {
    if (e.role !== 'dlq') continue;
    const src = byId.get(e.source)!;
    const tgt = byId.get(e.target)!;
    if (src.kind !== 'queue' || tgt.kind !== 'queue') continue;
    const from = src.params.type;
    const to = tgt.params.type;
    if (from === to) continue;
    report(
      e,
      from === 'fifo'
        ? `the dead-letter queue of a FIFO queue must be FIFO too; queue "${tgt.id}" is standard`
        : `the dead-letter queue of a standard queue must be standard too; queue "${tgt.id}" is FIFO`,
    );
  }
}

/** Reserving is free, but 100 of the account's concurrency must stay unreserved [L-CONC]. */
function checkReservedConcurrency(
  nodes: ScenarioNode[],
  settings: ScenarioSettings,
  nodeIssue: (i: number, sub: PropertyKey[], message: string, value?: unknown) => void,
): void {
  const limit = settings.accountConcurrency - UNRESERVED_FLOOR;
  const parts: string[] = [];
  let sum = 0;
  for (let i = 0; i < nodes.length; i++) {
    const r = nodes[i].kind === 'function' ? nodes[i].params.reservedConcurrency : undefined;
    if (typeof r !== 'number') continue;
    sum += r;
    parts.push(`${nodes[i].id} ${fmtNumber(r)}`);
    if (sum > limit) {
      const room = Math.max(0, limit);
      nodeIssue(
        i,
        ['params', 'reservedConcurrency'],
        `reserved concurrency adds up to ${fmtNumber(sum)} (${parts.join(', ')}), but only ${fmtNumber(room)} may be reserved: ${UNRESERVED_FLOOR} of the account's ${fmtNumber(settings.accountConcurrency)} must stay unreserved. Reserve less, or raise settings.accountConcurrency`,
        r,
      );
      return;
    }
  }
}
