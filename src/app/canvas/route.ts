/**
 * Orthogonal edge routes that go around the nodes, and a place for each edge's label outside
 * every node's box. Edges leave a node on its right and enter on its left (the handles); a
 * route is picked from a few candidates (straight, one vertical step at some x, or a detour
 * through a horizontal channel above or below what is in the way) by length, with a heavy
 * cost for every node a segment crosses. Pure: the canvas calls it, the unit test too.
 */

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}
export interface Pt {
  x: number;
  y: number;
}
export interface Route {
  points: Pt[];
  /** The label's centre. */
  label: Pt;
}

/** How far a route stays from a node it passes. */
const GAP = 22;
const CROSSING = 100_000;
/** Inflation of node boxes when testing a segment, so lines do not graze the borders. */
const CLEAR = 6;

function segmentHits(a: Pt, b: Pt, r: Rect, pad = CLEAR): boolean {
  const x1 = Math.min(a.x, b.x);
  const x2 = Math.max(a.x, b.x);
  const y1 = Math.min(a.y, b.y);
  const y2 = Math.max(a.y, b.y);
  return x1 < r.x + r.w + pad && x2 > r.x - pad && y1 < r.y + r.h + pad && y2 > r.y - pad;
}

function boxesHit(a: Rect, b: Rect, pad = 0): boolean {
  return a.x < b.x + b.w + pad && b.x < a.x + a.w + pad && a.y < b.y + b.h + pad && b.y < a.y + a.h + pad;
}

/** Drops repeated points and points in the middle of a straight run. */
function simplify(pts: Pt[]): Pt[] {
  const out: Pt[] = [];
  for (const p of pts) {
    const last = out[out.length - 1];
    if (last && last.x === p.x && last.y === p.y) continue;
    const prev = out[out.length - 2];
    if (prev && last && ((prev.x === last.x && last.x === p.x) || (prev.y === last.y && last.y === p.y)))
      out[out.length - 1] = p;
    else out.push(p);
  }
  return out;
}

function cost(pts: Pt[], src: Rect, tgt: Rect, others: readonly Rect[]): number {
  let c = 0;
  for (let i = 0; i + 1 < pts.length; i++) {
    const a = pts[i];
    const b = pts[i + 1];
    c += Math.abs(a.x - b.x) + Math.abs(a.y - b.y);
    for (const r of others) if (segmentHits(a, b, r)) c += CROSSING;
    // The first and last segments touch their own node at the handle; the others must not.
    if (i > 0 && segmentHits(a, b, src, 0)) c += CROSSING;
    if (i + 2 < pts.length && segmentHits(a, b, tgt, 0)) c += CROSSING;
  }
  // Each bend costs a little: of two equally short routes, the simpler one.
  return c + pts.length * 8;
}

function candidates(src: Rect, tgt: Rect, all: readonly Rect[]): Pt[][] {
  const s = { x: src.x + src.w, y: src.y + src.h / 2 };
  const t = { x: tgt.x, y: tgt.y + tgt.h / 2 };
  const out: Pt[][] = [];
  if (t.x - s.x >= 8) {
    if (s.y === t.y) out.push([s, t]);
    const xs = new Set<number>([Math.round((s.x + t.x) / 2), s.x + GAP, t.x - GAP]);
    for (const r of all) {
      if (r.x - GAP > s.x && r.x - GAP < t.x) xs.add(r.x - GAP);
      if (r.x + r.w + GAP > s.x && r.x + r.w + GAP < t.x) xs.add(r.x + r.w + GAP);
    }
    for (const x of xs) out.push([s, { x, y: s.y }, { x, y: t.y }, t]);
  }
  // Detours through a channel above or below everything between the two ends (or beside them).
  const x1 = s.x + GAP;
  const x2 = t.x - GAP;
  const lo = Math.min(x1, x2);
  const hi = Math.max(x1, x2);
  const inRange = all.filter((r) => r.x < hi + GAP && r.x + r.w > lo - GAP);
  const ys = new Set<number>();
  if (inRange.length) {
    ys.add(Math.min(...inRange.map((r) => r.y)) - GAP);
    ys.add(Math.max(...inRange.map((r) => r.y + r.h)) + GAP);
  }
  ys.add(Math.min(src.y, tgt.y) - GAP);
  ys.add(Math.max(src.y + src.h, tgt.y + tgt.h) + GAP);
  // The gaps between rows of nodes are channels too.
  for (const r of inRange) {
    ys.add(r.y - GAP);
    ys.add(r.y + r.h + GAP);
  }
  for (const y of ys) out.push([s, { x: x1, y: s.y }, { x: x1, y }, { x: x2, y }, { x: x2, y: t.y }, t]);
  return out.map(simplify);
}

/** A loop above a node that hands work to itself (a function calling itself). */
function selfLoop(r: Rect): Pt[] {
  const s = { x: r.x + r.w, y: r.y + r.h / 2 };
  const t = { x: r.x, y: r.y + r.h / 2 };
  const top = r.y - 2 * GAP;
  return [
    s,
    { x: s.x + GAP, y: s.y },
    { x: s.x + GAP, y: top },
    { x: t.x - GAP, y: top },
    { x: t.x - GAP, y: t.y },
    t,
  ];
}

/**
 * Where the label goes: the middle of the longest segment whose label box is clear of every
 * node, else the clear spot nearest along the route, else beside the route.
 */
export function placeLabel(pts: readonly Pt[], size: { w: number; h: number }, nodes: readonly Rect[]): Pt {
  const spots: { p: Pt; len: number }[] = [];
  for (let i = 0; i + 1 < pts.length; i++) {
    const a = pts[i];
    const b = pts[i + 1];
    const len = Math.abs(a.x - b.x) + Math.abs(a.y - b.y);
    for (const f of [0.5, 0.3, 0.7, 0.15, 0.85])
      spots.push({
        p: { x: a.x + (b.x - a.x) * f, y: a.y + (b.y - a.y) * f },
        len: len * (f === 0.5 ? 1 : 0.6),
      });
  }
  spots.sort((a, b) => b.len - a.len);
  const box = (p: Pt): Rect => ({ x: p.x - size.w / 2, y: p.y - size.h / 2, w: size.w, h: size.h });
  for (const { p } of spots) if (!nodes.some((n) => boxesHit(box(p), n, 4))) return p;
  // Nowhere on the route is clear (two nodes closer than the label is wide): above or below the
  // gap, stepping out until it clears the nodes' boxes, nearest first.
  const p0 = pts[0];
  const p1 = pts[1] ?? p0;
  const xs = [(p0.x + p1.x) / 2, p0.x + size.w / 2 + 8];
  for (let k = 1; k <= 8; k++)
    for (const dy of [-k * size.h, k * size.h])
      for (const x of xs) {
        const p = { x, y: p0.y + dy };
        if (!nodes.some((n) => boxesHit(box(p), n, 4))) return p;
      }
  return spots[0]?.p ?? p0;
}

/** The route of one edge between two node boxes, around `nodes` (which may include both ends). */
export function routeEdge(
  src: Rect,
  tgt: Rect,
  nodes: readonly Rect[],
  labelSize: { w: number; h: number } | null,
): Route {
  const others = nodes.filter((r) => r !== src && r !== tgt);
  let best: Pt[];
  if (src === tgt) best = selfLoop(src);
  else {
    best = [];
    let bestCost = Infinity;
    for (const c of candidates(src, tgt, others)) {
      const k = cost(c, src, tgt, others);
      if (k < bestCost) {
        bestCost = k;
        best = c;
      }
    }
  }
  const label = labelSize ? placeLabel(best, labelSize, nodes) : best[0];
  return { points: best, label };
}

/** An SVG path through the points, with the corners rounded. */
export function pathOf(pts: readonly Pt[], radius = 10): string {
  if (pts.length === 0) return '';
  let d = `M ${pts[0].x} ${pts[0].y}`;
  for (let i = 1; i < pts.length; i++) {
    const p = pts[i];
    const next = pts[i + 1];
    if (!next) {
      d += ` L ${p.x} ${p.y}`;
      break;
    }
    const prev = pts[i - 1];
    const r = Math.min(
      radius,
      (Math.abs(p.x - prev.x) + Math.abs(p.y - prev.y)) / 2,
      (Math.abs(next.x - p.x) + Math.abs(next.y - p.y)) / 2,
    );
    const a = { x: p.x - Math.sign(p.x - prev.x) * r, y: p.y - Math.sign(p.y - prev.y) * r };
    const b = { x: p.x + Math.sign(next.x - p.x) * r, y: p.y + Math.sign(next.y - p.y) * r };
    d += ` L ${a.x} ${a.y} Q ${p.x} ${p.y} ${b.x} ${b.y}`;
  }
  return d;
}

/**
 * Semantic zoom for edge labels (0.78 rem, 12.5 px at 100 %): below 80 % zoom they would be
 * drawn under 10 px, so they are drawn larger, enough for 10 px on screen, in steps of a tenth
 * (routes are recomputed per step, not per frame); zoomed out so far that this would make them
 * more than 1.7 times their size, they are not drawn (the nodes show their labels only too).
 */
export function edgeLabelScale(zoom: number): number {
  const readable = 10 / LABEL_PX;
  if (!(zoom > 0) || zoom >= readable) return 1;
  const scale = Math.ceil((readable / zoom) * 10 - 1e-9) / 10;
  return scale > 1.7 ? 0 : scale;
}
/** An edge label's font size at 100 % zoom (0.78 rem). */
export const LABEL_PX = 12.48;

/**
 * A label's box before it is drawn: generously 8 px a character at 12.5 px bold, plus padding;
 * with `wrap` (its widest, px), its words on as many lines as that takes (16 px a line) and, when
 * that is more than one, that wide, as the label is drawn (on no more lines: its characters are
 * narrower than this).
 */
export function labelSize(text: string, wrap = Infinity): { w: number; h: number } {
  const widthOf = (chars: number) => chars * 8 + 20;
  const lines: string[] = [];
  for (const word of text.split(' ')) {
    const last = lines.length - 1;
    if (last >= 0 && widthOf(lines[last].length + 1 + word.length) <= wrap) lines[last] += ` ${word}`;
    else lines.push(word);
  }
  // Wrapped, a label is drawn as wide as it may be (a box's width is not its longest line's).
  const w = lines.length > 1 ? wrap : widthOf(text.length);
  return { w: Math.max(w, ...lines.map((l) => widthOf(l.length))), h: 24 + 16 * (lines.length - 1) };
}

/**
 * The route's ends moved onto the handles React Flow measured (a few pixels off the node's
 * border), with the first and last legs kept horizontal. The edge and the replay's dots use it.
 */
export function onHandles(points: readonly Pt[], s: Pt, t: Pt): Pt[] {
  const pts = points.map((p) => ({ ...p }));
  const n = pts.length;
  if (n < 2) return pts;
  if (n > 2 && pts[1].y === pts[0].y) pts[1].y = s.y;
  if (n > 2 && pts[n - 2].y === pts[n - 1].y) pts[n - 2].y = t.y;
  pts[0] = s;
  pts[n - 1] = t;
  return pts;
}

/** One edge to route among others: its two node boxes and its label's size (null: no label). */
export interface EdgeToRoute {
  src: Rect;
  tgt: Rect;
  label: { w: number; h: number } | null;
}

/** How far apart edges that would run on one line are drawn, at most. */
const LANE = 10;

interface LaneSeg {
  path: number;
  /** The segment runs from points[i] to points[i + 1]. */
  i: number;
  pos: number;
  lo: number;
  hi: number;
}

/** Proper crossings between two orthogonal polylines (a horizontal segment through a vertical one). */
function crossingsBetween(p: readonly Pt[], q: readonly Pt[]): number {
  let n = 0;
  const cross = (h1: Pt, h2: Pt, v1: Pt, v2: Pt) => {
    const y = h1.y;
    const x = v1.x;
    return (
      Math.min(h1.x, h2.x) < x - 0.5 &&
      x + 0.5 < Math.max(h1.x, h2.x) &&
      Math.min(v1.y, v2.y) < y - 0.5 &&
      y + 0.5 < Math.max(v1.y, v2.y)
    );
  };
  for (let i = 0; i + 1 < p.length; i++)
    for (let j = 0; j + 1 < q.length; j++) {
      const [a, b, c, d] = [p[i], p[i + 1], q[j], q[j + 1]];
      if (a.y === b.y && c.x === d.x && cross(a, b, c, d)) n++;
      else if (a.x === b.x && c.y === d.y && cross(c, d, a, b)) n++;
    }
  return n;
}

function movedSeg(pts: readonly Pt[], s: LaneSeg, axis: 'x' | 'y', pos: number): Pt[] {
  const out = pts.map((p) => ({ ...p }));
  out[s.i][axis] = pos;
  out[s.i + 1][axis] = pos;
  return out;
}

/**
 * Edges that would share a line between their ends (a fan-out's trunk, two detours through one
 * channel) are spread into lanes a few pixels apart, ordered so they do not cross, as far as
 * the nodes beside them leave room. Only the middle segments move: the ends stay on the handles.
 */
export function spreadLanes(paths: Pt[][], nodes: readonly Rect[]): void {
  for (const axis of ['x', 'y'] as const) {
    const other = axis === 'x' ? 'y' : 'x';
    const segs: LaneSeg[] = [];
    paths.forEach((pts, path) => {
      for (let i = 1; i + 2 < pts.length; i++) {
        const a = pts[i];
        const b = pts[i + 1];
        if (a[axis] !== b[axis] || a[other] === b[other]) continue;
        segs.push({
          path,
          i,
          pos: a[axis],
          lo: Math.min(a[other], b[other]),
          hi: Math.max(a[other], b[other]),
        });
      }
    });
    segs.sort((s, t) => s.pos - t.pos || s.lo - t.lo);
    const clusters: LaneSeg[][] = [];
    for (const s of segs) {
      const last = clusters[clusters.length - 1];
      const top = last?.[last.length - 1];
      if (last && top && Math.abs(top.pos - s.pos) < 0.5 && s.lo <= Math.max(...last.map((c) => c.hi)))
        last.push(s);
      else clusters.push([s]);
    }
    for (const cluster of clusters) {
      if (new Set(cluster.map((c) => c.path)).size < 2) continue;
      const pos = cluster[0].pos;
      const lo = Math.min(...cluster.map((c) => c.lo));
      const hi = Math.max(...cluster.map((c) => c.hi));
      // The room between the nearest nodes on either side of the shared line.
      let before = -Infinity;
      let after = Infinity;
      for (const r of nodes) {
        const rLo = axis === 'x' ? r.y : r.x;
        const rHi = axis === 'x' ? r.y + r.h : r.x + r.w;
        if (rHi <= lo || rLo >= hi) continue;
        const start = axis === 'x' ? r.x : r.y;
        const end = axis === 'x' ? r.x + r.w : r.y + r.h;
        if (end <= pos) before = Math.max(before, end);
        else if (start >= pos) after = Math.min(after, start);
      }
      const half = Math.min(pos - before, after - pos) - 2 * CLEAR;
      const k = cluster.length;
      const step = Math.min(LANE, (2 * half) / (k - 1));
      if (!(step >= 3)) continue;
      // Order: of two segments, the one whose route crosses the other's less when it goes first.
      const order = [...cluster];
      const cost = (first: LaneSeg, second: LaneSeg) =>
        crossingsBetween(
          movedSeg(paths[first.path], first, axis, pos - step / 2),
          movedSeg(paths[second.path], second, axis, pos + step / 2),
        );
      for (let i = 1; i < order.length; i++)
        for (let j = i; j > 0 && cost(order[j], order[j - 1]) < cost(order[j - 1], order[j]); j--)
          [order[j - 1], order[j]] = [order[j], order[j - 1]];
      order.forEach((s, j) => {
        const p = Math.round((pos + (j - (k - 1) / 2) * step) * 2) / 2;
        paths[s.path][s.i][axis] = p;
        paths[s.path][s.i + 1][axis] = p;
      });
    }
  }
}

/** Segments of `pts` that pass through the box (shrunk a little so a line along its edge does not count). */
function segmentsThrough(pts: readonly Pt[], box: Rect): number {
  let n = 0;
  for (let i = 0; i + 1 < pts.length; i++) if (segmentHits(pts[i], pts[i + 1], box, -1)) n++;
  return n;
}

/**
 * A label's place among other edges: on its own route where that is clear, else beside it
 * (above or below a leg, or against the node it leaves or enters). Never over a node or an
 * earlier label; over another edge's line only when nothing else is free, as that makes it
 * hard to tell whose label it is.
 */
export function placeLabelAmong(
  pts: readonly Pt[],
  size: { w: number; h: number },
  nodes: readonly Rect[],
  labels: readonly Rect[],
  others: readonly (readonly Pt[])[],
  /** First choice against the node the edge enters (presenting: a label there reads as that node's). */
  atTarget = false,
): Pt {
  const spots: { p: Pt; score: number }[] = [];
  const side = size.h / 2 + 3;
  for (let i = 0; i + 1 < pts.length; i++) {
    const a = pts[i];
    const b = pts[i + 1];
    const len = Math.abs(a.x - b.x) + Math.abs(a.y - b.y);
    for (const f of [0.5, 0.3, 0.7, 0.15, 0.85]) {
      const p = { x: a.x + (b.x - a.x) * f, y: a.y + (b.y - a.y) * f };
      const pref = -len * (f === 0.5 ? 1 : 0.6);
      spots.push({ p, score: pref });
      if (a.y === b.y) {
        spots.push({ p: { x: p.x, y: p.y - side }, score: pref * 0.5 + 40 });
        spots.push({ p: { x: p.x, y: p.y + side }, score: pref * 0.5 + 45 });
      }
    }
  }
  // Against the node an end touches: the label ends where the line enters (or leaves) it.
  const n = pts.length;
  if (n >= 2) {
    const t = pts[n - 1];
    const s = pts[0];
    for (const dy of [0, -side, side]) {
      spots.push({
        p: { x: t.x - 6 - size.w / 2, y: t.y + dy },
        score: (atTarget ? -1e5 : 60) + Math.abs(dy),
      });
      spots.push({ p: { x: s.x + 6 + size.w / 2, y: s.y + dy }, score: 70 + Math.abs(dy) });
    }
  }
  // Above or below the first gap, stepping out (two nodes closer than the label is wide).
  const p0 = pts[0];
  const p1 = pts[1] ?? p0;
  for (let k = 1; k <= 8; k++)
    for (const dy of [-k * size.h, k * size.h])
      for (const x of [(p0.x + p1.x) / 2, p0.x + size.w / 2 + 8])
        spots.push({ p: { x, y: p0.y + dy }, score: 100 + k * 30 });
  const box = (p: Pt): Rect => ({ x: p.x - size.w / 2, y: p.y - size.h / 2, w: size.w, h: size.h });
  let best = spots[0]?.p ?? p0;
  let bestScore = Infinity;
  for (const { p, score } of spots) {
    const b = box(p);
    let c = score;
    for (const r of nodes) if (boxesHit(b, r, 4)) c += 1e6;
    for (const r of labels) if (boxesHit(b, r, 2)) c += 1e6;
    for (const o of others) c += 400 * segmentsThrough(o, b);
    if (c < bestScore) {
      bestScore = c;
      best = p;
    }
  }
  return best;
}

/**
 * Routes for all the edges of a diagram: each around the nodes (routeEdge), then edges that
 * share a line spread into lanes, then each label placed clear of the nodes (and `keepOff`), of the labels
 * placed before it and, where there is room, of the other edges' lines.
 */
export function routeEdges(
  edges: readonly EdgeToRoute[],
  nodes: readonly Rect[],
  /** Boxes no label may cover besides the nodes (presenting: what the replay draws under them). */
  keepOff: readonly Rect[] = [],
  /** Each label against the node its edge enters where that is free (placeLabelAmong). */
  atTarget = false,
): Route[] {
  const paths = edges.map((e) => routeEdge(e.src, e.tgt, nodes, null).points.map((p) => ({ ...p })));
  spreadLanes(paths, nodes);
  const placed: Rect[] = [];
  const solid = keepOff.length ? [...nodes, ...keepOff] : nodes;
  return edges.map((e, i) => {
    const pts = paths[i];
    if (!e.label) return { points: pts, label: pts[0] };
    const others = paths.filter((_, j) => j !== i);
    const label = placeLabelAmong(pts, e.label, solid, placed, others, atTarget);
    placed.push({ x: label.x - e.label.w / 2, y: label.y - e.label.h / 2, w: e.label.w, h: e.label.h });
    return { points: pts, label };
  });
}
