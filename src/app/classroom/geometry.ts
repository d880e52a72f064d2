import { Position, getBezierPath } from '@xyflow/react';

/**
 * Where things are on the canvas, in flow coordinates: an edge as a polyline that follows the
 * same bezier React Flow draws (getBezierPath), so a dot runs exactly on the line.
 */
export interface XY {
  x: number;
  y: number;
}

export interface Polyline {
  pts: XY[];
  /** Cumulative length at each point. */
  len: number[];
}

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

const SAMPLES = 24;

/** The bezier an edge between these handle points is drawn with, sampled for constant speed. */
export function edgePolyline(source: XY, target: XY): Polyline {
  const [path] = getBezierPath({
    sourceX: source.x,
    sourceY: source.y,
    targetX: target.x,
    targetY: target.y,
    sourcePosition: Position.Right,
    targetPosition: Position.Left,
  });
  const n = path.match(/-?\d+(\.\d+)?(e-?\d+)?/g)?.map(Number) ?? [];
  const [x0, y0, c1x, c1y, c2x, c2y, x1, y1] =
    n.length >= 8 ? n : [source.x, source.y, source.x, source.y, target.x, target.y, target.x, target.y];
  const pts: XY[] = [];
  for (let i = 0; i <= SAMPLES; i++) {
    const t = i / SAMPLES;
    const u = 1 - t;
    pts.push({
      x: u * u * u * x0 + 3 * u * u * t * c1x + 3 * u * t * t * c2x + t * t * t * x1,
      y: u * u * u * y0 + 3 * u * u * t * c1y + 3 * u * t * t * c2y + t * t * t * y1,
    });
  }
  return withLengths(pts);
}

/** A polyline through the points, with its cumulative lengths (for a routed edge). */
export function withLengths(pts: XY[]): Polyline {
  const len = [0];
  for (let i = 1; i < pts.length; i++)
    len.push(len[i - 1] + Math.hypot(pts[i].x - pts[i - 1].x, pts[i].y - pts[i - 1].y));
  return { pts, len };
}

/** The point at fraction f (0..1) of the polyline's length. */
export function pointAt(p: Polyline, f: number): XY {
  const total = p.len[p.len.length - 1];
  if (total <= 0 || p.pts.length < 2) return p.pts[0] ?? { x: 0, y: 0 };
  const d = Math.min(1, Math.max(0, f)) * total;
  let i = 1;
  while (i < p.len.length - 1 && p.len[i] < d) i++;
  const a = p.pts[i - 1];
  const b = p.pts[i];
  const seg = p.len[i] - p.len[i - 1];
  const k = seg > 0 ? (d - p.len[i - 1]) / seg : 0;
  return { x: a.x + (b.x - a.x) * k, y: a.y + (b.y - a.y) * k };
}

/**
 * The point at fraction f of a chain of edges (each an equal share), each travelled forwards
 * or backwards. Null when an edge is not on the canvas.
 */
export function chainPoint(lines: (Polyline | undefined)[], reverse: boolean[], f: number): XY | null {
  if (lines.length === 0) return null;
  const x = Math.min(1, Math.max(0, f)) * lines.length;
  const i = Math.min(lines.length - 1, Math.floor(x));
  const line = lines[i];
  if (!line) return null;
  const local = x - i;
  return pointAt(line, reverse[i] ? 1 - local : local);
}

/** Where a dot waiting at a node sits: spread along the node's top edge by its slot (0..1). */
export function nodeSlotPoint(box: Box, slot: number, r: number): XY {
  return { x: box.x + r * 2 + slot * Math.max(0, box.w - r * 4), y: box.y - r * 1.6 };
}
