import type { InternalNode, Node } from '@xyflow/react';
import { onHandles, type Route } from '../canvas/route';
import {
  chainPoint,
  edgePolyline,
  nodeSlotPoint,
  withLengths,
  type Box,
  type Polyline,
  type XY,
} from './geometry';
import type { DotAt } from './replay';

/**
 * The diagram's geometry in flow coordinates, as the replay layer needs it: node boxes and
 * edges as polylines. Read from React Flow once per change of the diagram (never per frame),
 * and independent of pan and zoom (the canvas applies the viewport as a transform).
 */
export interface Scene {
  boxes: Map<string, Box>;
  lines: Map<string, Polyline>;
  /** A chain of edge ids (a leg's own array) → its polylines, filled as dots use them. */
  chains: WeakMap<readonly string[], (Polyline | undefined)[]>;
}

function handlePoint(n: InternalNode<Node>, type: 'source' | 'target'): XY {
  const p = n.internals.positionAbsolute;
  const w = n.measured.width ?? 0;
  const h = n.measured.height ?? 0;
  const hb = n.internals.handleBounds?.[type]?.[0];
  if (hb) return { x: p.x + hb.x + (type === 'source' ? hb.width : 0), y: p.y + hb.y + hb.height / 2 };
  return { x: p.x + (type === 'source' ? w : 0), y: p.y + h / 2 };
}

export function sceneOf(
  nodes: Map<string, InternalNode<Node>>,
  edges: Map<string, { source: string; target: string }>,
): Scene {
  const boxes = new Map<string, Box>();
  for (const n of nodes.values()) {
    const p = n.internals.positionAbsolute;
    boxes.set(n.id, { x: p.x, y: p.y, w: n.measured.width ?? 0, h: n.measured.height ?? 0 });
  }
  const lines = new Map<string, Polyline>();
  for (const [id, e] of edges) {
    const a = nodes.get(e.source);
    const b = nodes.get(e.target);
    if (!a || !b) continue;
    const from = handlePoint(a, 'source');
    const to = handlePoint(b, 'target');
    // A routed edge (canvas/route.ts): the dots follow the drawn route, not a bezier.
    const route = (e as { data?: { route?: Route } }).data?.route;
    lines.set(id, route ? withLengths(onHandles(route.points, from, to)) : edgePolyline(from, to));
  }
  return { boxes, lines, chains: new WeakMap() };
}

/**
 * A number that changes when any node moves, resizes or gets its handles measured: checked
 * every frame, so it is arithmetic over the nodes, not a string.
 */
export function geometryStamp(nodes: Map<string, InternalNode<Node>>, edgeCount: number): number {
  let h = nodes.size * 31 + edgeCount;
  for (const n of nodes.values()) {
    const p = n.internals.positionAbsolute;
    h = (h * 33 + p.x * 7 + p.y * 13 + (n.measured.width ?? 0) * 17 + (n.measured.height ?? 0) * 19) % 1e15;
    if (n.internals.handleBounds) h += 0.5;
  }
  return h;
}

/** Where a dot is drawn, or null when its node or edge is not on the canvas. */
export function placeOf(d: DotAt, scene: Scene, r: number): XY | null {
  const place = d.place;
  if (place.at === 'node') {
    const box = scene.boxes.get(place.node);
    return box ? nodeSlotPoint(box, place.slot, r) : null;
  }
  let lines = scene.chains.get(place.edges);
  if (!lines) {
    lines = place.edges.map((e) => scene.lines.get(e));
    scene.chains.set(place.edges, lines);
  }
  return chainPoint(lines, place.reverse, place.f);
}
