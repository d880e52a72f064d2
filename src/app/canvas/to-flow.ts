import type { Edge, Node } from '@xyflow/react';
import { ownEntry } from '../../engine/own-keys';
import { KINDS } from '../../engine/kinds/registry';
import type { NodeKind } from '../../engine/kinds/vocabulary';
import { CONNECTIONS, findRule } from '../../engine/scenario/connections';
import { edgeParamsSchema } from '../../engine/scenario/edge-params';
import type { DocEdge, DocNode, ScenarioDoc } from '../store/scenario-doc';
import { edgeLook, type EdgeLook } from './edge-style';
import { labelSize, routeEdges, type EdgeToRoute, type Rect, type Route } from './route';

/** What a node on the canvas shows: the document's node plus what follows from its params. */
export interface KindNodeData extends Record<string, unknown> {
  node: DocNode;
  title: string;
  summary: string;
  /** The params fail the kind's schema: the node says so (the inspector says what). */
  invalid: boolean;
  canReceive: boolean;
  canSend: boolean;
}

export interface KindEdgeData extends Record<string, unknown> {
  look: EdgeLook;
  label: string;
  /** Source and target may not be connected like this (e.g. after an import). */
  refused: boolean;
  /** The way around the nodes, and where the label goes (routeFlowEdges). */
  route?: Route;
  /** The label drawn this much larger than at 100 % zoom; 0: not drawn (semantic zoom). */
  labelScale?: number;
  /** Presenting: the label's widest (px at 100 %) before its words wrap. */
  labelWrap?: number;
}

export type KindFlowNode = Node<KindNodeData, 'kind'>;
export type KindFlowEdge = Edge<KindEdgeData, 'kind'>;

const RECEIVERS = new Set<NodeKind>(CONNECTIONS.flatMap((r) => r.targets));
const SENDERS = new Set<NodeKind>(CONNECTIONS.flatMap((r) => r.sources));

// Summaries are recomputed only for nodes whose document object changed (edits are immutable).
const nodeDataCache = new WeakMap<DocNode, KindNodeData>();

export function nodeData(node: DocNode): KindNodeData {
  const cached = nodeDataCache.get(node);
  if (cached) return cached;
  const kind = KINDS[node.kind];
  let summary = '';
  let invalid = !kind;
  if (kind) {
    const r = kind.params.safeParse(node.params);
    invalid = !r.success;
    if (r.success) {
      try {
        summary = kind.summary(r.data as never);
      } catch {
        summary = '';
      }
    }
  }
  const data: KindNodeData = {
    node,
    title: kind?.title ?? node.kind,
    summary: invalid ? 'parameters need fixing' : summary,
    invalid,
    canReceive: RECEIVERS.has(node.kind),
    canSend: SENDERS.has(node.kind),
  };
  nodeDataCache.set(node, data);
  return data;
}

function matchText(m: unknown): string | null {
  const types = (m as { type?: unknown } | undefined)?.type;
  return Array.isArray(types) && types.length > 0 ? types.join(', ') : null;
}

/** A few words on the edge where they help: the batch size, the filter, the mode, the role. */
export function edgeData(edge: DocEdge, nodes: ReadonlyMap<string, DocNode>): KindEdgeData {
  const a = nodes.get(edge.source);
  const b = nodes.get(edge.target);
  const role = edge.role ?? 'invoke';
  const rule = a && b ? findRule(a.kind, b.kind, role) : undefined;
  if (!a || !b || !rule) return { look: edgeLook(undefined, role), label: 'not allowed', refused: true };
  let p: Record<string, unknown> = edge.params;
  const parsed = edgeParamsSchema({ rule, source: a.kind, target: b.kind }).safeParse(edge.params);
  if (parsed.success) p = parsed.data as Record<string, unknown>;
  const match = matchText(p.filter) ?? matchText(p.pattern);
  const look = edgeLook(rule.meaning, role, p.mode, match !== null);
  const parts: string[] = [];
  if (role === 'dlq') parts.push('DLQ');
  else if (role === 'onFailure') parts.push('on failure');
  else if (role === 'onSuccess') parts.push('on success');
  if (rule.meaning === 'invoke' && typeof p.mode === 'string') parts.push(p.mode);
  // A pipe's two calls look alike; the one its Enrichment field names says so.
  const enrich = a.kind === 'pipe' ? a.params.enrichment : undefined;
  if (
    typeof enrich === 'string' &&
    enrich !== '' &&
    b.kind === 'function' &&
    (b.id === enrich || b.label === enrich)
  )
    parts.push('enrichment');
  if ((rule.meaning === 'poller' || rule.meaning === 'shardPoller') && typeof p.batchSize === 'number')
    parts.push(`batch ${p.batchSize}`);
  if (typeof p.perRequest === 'number' && p.perRequest !== 1) parts.push(`×${p.perRequest}`);
  if (match) parts.push(`only ${match}`);
  return { look, label: parts.join(' · '), refused: false };
}

export function toFlowNodes(
  doc: ScenarioDoc,
  selected: ReadonlySet<string>,
  measured: Readonly<Record<string, { width: number; height: number }>>,
  dragging: Readonly<Record<string, { x: number; y: number }>>,
): KindFlowNode[] {
  return doc.nodes.map((n) => {
    const data = nodeData(n);
    return {
      id: n.id,
      type: 'kind',
      position: ownEntry(dragging, n.id) ?? n.position,
      data,
      selected: selected.has(n.id),
      measured: ownEntry(measured, n.id),
      ariaLabel: `${n.label}: ${data.title}${data.summary ? `, ${data.summary}` : ''}`,
    };
  });
}

export function toFlowEdges(doc: ScenarioDoc, selected: ReadonlySet<string>): KindFlowEdge[] {
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  return doc.edges.map((e) => {
    const data = edgeData(e, byId);
    return {
      id: e.id,
      source: e.source,
      target: e.target,
      type: 'kind',
      data,
      selected: selected.has(e.id),
      ariaLabel: `Connection from ${byId.get(e.source)?.label ?? e.source} to ${byId.get(e.target)?.label ?? e.target}${data.label ? `, ${data.label}` : ''}`,
    };
  });
}

/** Until React Flow has measured a node: the size a node usually has. */
const DEFAULT_SIZE = { width: 220, height: 96 };

/** A node as placed on the canvas: where it is and, once React Flow has measured it, its size. */
export interface PlacedNode {
  id: string;
  position: { x: number; y: number };
  measured?: { width?: number; height?: number };
}

/** Each node's box (flow units), as the edges are routed around it. */
export function flowRects(nodes: readonly PlacedNode[]): Map<string, Rect> {
  return new Map(
    nodes.map((n) => [
      n.id,
      {
        x: n.position.x,
        y: n.position.y,
        w: n.measured?.width ?? DEFAULT_SIZE.width,
        h: n.measured?.height ?? DEFAULT_SIZE.height,
      },
    ]),
  );
}

/**
 * Edges with routes around the nodes at their current places, spread apart where they would
 * share a line, with their labels placed clear of nodes and of each other (see route.ts).
 * `labelScale` is how much larger than at 100 % a label is drawn (semantic zoom: see KindEdge).
 */
export function routeFlowEdges(
  edges: readonly KindFlowEdge[],
  nodes: readonly KindFlowNode[],
  labelScale = 1,
  /** Presenting: boxes the labels keep off besides the nodes (route.ts routeEdges), and how wide a label is before it wraps (px at 100 %). */
  present?: { keepOff: readonly Rect[]; wrap: number },
  /** Normal mode with a replay open: the room the nodes' insides need (classroom/insides-keep-off.ts). */
  insides?: readonly Rect[],
): KindFlowEdge[] {
  const rects = flowRects(nodes);
  const all = [...rects.values()];
  const routed: { index: number; edge: EdgeToRoute }[] = [];
  edges.forEach((e, index) => {
    const a = rects.get(e.source);
    const b = rects.get(e.target);
    if (!a || !b || !e.data) return;
    const text = e.data.label ? `${e.data.refused ? '⚠ ' : ''}${e.data.label}` : '';
    const size = text && labelScale > 0 ? labelSize(text, present?.wrap) : null;
    routed.push({
      index,
      edge: {
        src: a,
        tgt: b,
        label: size ? { w: size.w * labelScale, h: size.h * labelScale } : null,
      },
    });
  });
  const routes = routeEdges(
    routed.map((r) => r.edge),
    all,
    insides?.length ? [...(present?.keepOff ?? []), ...insides] : present?.keepOff,
    present !== undefined,
  );
  const out = [...edges];
  routed.forEach((r, i) => {
    const e = edges[r.index];
    out[r.index] = { ...e, data: { ...e.data!, route: routes[i], labelScale, labelWrap: present?.wrap } };
  });
  return out;
}
