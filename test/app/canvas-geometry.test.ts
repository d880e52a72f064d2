import { describe, expect, it } from 'vitest';
import { overlayInsets } from '../../src/app/canvas/fit';
import {
  edgeLabelScale,
  labelSize,
  routeEdge,
  routeEdges,
  type Pt,
  type Rect,
} from '../../src/app/canvas/route';

function hits(a: Pt, b: Pt, r: Rect): boolean {
  const x1 = Math.min(a.x, b.x);
  const x2 = Math.max(a.x, b.x);
  const y1 = Math.min(a.y, b.y);
  const y2 = Math.max(a.y, b.y);
  return x1 < r.x + r.w && x2 > r.x && y1 < r.y + r.h && y2 > r.y;
}
function crossings(points: Pt[], rects: Rect[]): number {
  let n = 0;
  for (let i = 0; i + 1 < points.length; i++)
    for (const r of rects) if (hits(points[i], points[i + 1], r)) n++;
  return n;
}
function orthogonal(points: Pt[]): boolean {
  return points.every((p, i) => i === 0 || p.x === points[i - 1].x || p.y === points[i - 1].y);
}

describe('edge routes', () => {
  const a: Rect = { x: 0, y: 0, w: 200, h: 80 };
  const b: Rect = { x: 300, y: 0, w: 200, h: 80 };
  const c: Rect = { x: 600, y: 0, w: 200, h: 80 };

  it('goes straight between neighbours in a row', () => {
    const r = routeEdge(a, b, [a, b, c], null);
    expect(r.points).toEqual([
      { x: 200, y: 40 },
      { x: 300, y: 40 },
    ]);
  });

  it('goes around a node in the way (A → C past B), orthogonally', () => {
    const r = routeEdge(a, c, [a, b, c], null);
    expect(orthogonal(r.points)).toBe(true);
    expect(crossings(r.points, [b])).toBe(0);
    expect(r.points[0]).toEqual({ x: 200, y: 40 });
    expect(r.points.at(-1)).toEqual({ x: 600, y: 40 });
  });

  it('routes a backward edge out of the right side and into the left side, around both ends', () => {
    const r = routeEdge(c, a, [a, b, c], null);
    expect(orthogonal(r.points)).toBe(true);
    expect(r.points[1].x).toBeGreaterThan(c.x + c.w);
    expect(r.points.at(-2)!.x).toBeLessThan(a.x);
    // Only the first and last legs touch a node box (at its handle).
    expect(crossings(r.points.slice(1, -1), [a, b, c])).toBe(0);
  });

  it('puts the label outside every node box', () => {
    const d: Rect = { x: 300, y: 150, w: 200, h: 80 };
    const size = labelSize('DLQ · batch 10');
    const r = routeEdge(a, d, [a, b, c, d], size);
    const box = { x: r.label.x - size.w / 2, y: r.label.y - size.h / 2, w: size.w, h: size.h };
    for (const n of [a, b, c, d])
      expect(box.x < n.x + n.w && n.x < box.x + box.w && box.y < n.y + n.h && n.y < box.y + box.h).toBe(
        false,
      );
  });
});

describe('edge labels between close nodes', () => {
  it('a label wider than the gap between two tall nodes goes above the gap, clear of both', () => {
    // Nodes 96 px tall, 80 px apart: no spot on the route holds a 100 px label, and one or two
    // label heights above the line still cut the nodes' boxes.
    const q: Rect = { x: 0, y: 0, w: 220, h: 96 };
    const f: Rect = { x: 300, y: 0, w: 220, h: 96 };
    const size = labelSize('batch 10');
    const r = routeEdge(q, f, [q, f], size);
    const box = { x: r.label.x - size.w / 2, y: r.label.y - size.h / 2, w: size.w, h: size.h };
    for (const n of [q, f])
      expect(box.x < n.x + n.w && n.x < box.x + box.w && box.y < n.y + n.h && n.y < box.y + box.h).toBe(
        false,
      );
    // Over the gap, not off beside a node.
    expect(r.label.x).toBe(260);
    expect(r.label.y).toBeLessThan(0);
  });
});

describe('overlay insets for fitting the diagram', () => {
  const canvas = { left: 100, top: 50, right: 1100, bottom: 850 };

  it('a tall panel at the right takes width; a wide bar at the bottom takes height', () => {
    const notes = { left: 770, top: 60, right: 1090, bottom: 480 };
    const bar = { left: 300, top: 760, right: 900, bottom: 840 };
    expect(overlayInsets(canvas, [notes, bar])).toEqual({ top: 0, right: 330, bottom: 90, left: 0 });
  });

  it('ignores what lies outside the canvas', () => {
    expect(overlayInsets(canvas, [{ left: 0, top: 0, right: 90, bottom: 40 }])).toEqual({
      top: 0,
      right: 0,
      bottom: 0,
      left: 0,
    });
  });
});

const boxAt = (p: Pt, size: { w: number; h: number }): Rect => ({
  x: p.x - size.w / 2,
  y: p.y - size.h / 2,
  w: size.w,
  h: size.h,
});
const overlap = (a: Rect, b: Rect) =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** Points where one route's segment runs along another's (same line, overlapping), outside their shared ends. */
function sharedRun(p: Pt[], q: Pt[]): number {
  let n = 0;
  for (let i = 1; i + 2 < p.length; i++)
    for (let j = 1; j + 2 < q.length; j++) {
      const [a, b, c, d] = [p[i], p[i + 1], q[j], q[j + 1]];
      if (a.x === b.x && c.x === d.x && a.x === c.x) {
        const lo = Math.max(Math.min(a.y, b.y), Math.min(c.y, d.y));
        const hi = Math.min(Math.max(a.y, b.y), Math.max(c.y, d.y));
        if (hi - lo > 1) n++;
      }
    }
  return n;
}

describe('edges among edges: lanes and labels', () => {
  // A load balancer feeding three services in a column (the compare templates' fan-out).
  const lb: Rect = { x: 0, y: 200, w: 220, h: 80 };
  const api: Rect = { x: 320, y: 0, w: 220, h: 100 };
  const files: Rect = { x: 320, y: 215, w: 220, h: 100 };
  const render: Rect = { x: 320, y: 420, w: 220, h: 100 };
  const nodes = [lb, api, files, render];
  const label = (t: string) => labelSize(t);

  it('a fan-out gets one lane per edge instead of one trunk, and the lanes do not cross', () => {
    const routes = routeEdges(
      [api, files, render].map((tgt) => ({ src: lb, tgt, label: null })),
      nodes,
    );
    for (const r of routes) expect(orthogonal(r.points)).toBe(true);
    for (const r of routes) expect(crossings(r.points.slice(1, -1), [api, files, render, lb])).toBe(0);
    // Every pair: no middle segment on the same line as the other's.
    for (let i = 0; i < routes.length; i++)
      for (let j = i + 1; j < routes.length; j++) {
        expect(sharedRun(routes[i].points, routes[j].points), `${i}/${j}`).toBe(0);
      }
    // The vertical legs are on distinct x, between the balancer and the column.
    const xs = routes
      .filter((r) => r.points.length > 2)
      .map((r) => r.points[1].x)
      .sort((a, b) => a - b);
    expect(new Set(xs).size).toBe(xs.length);
    for (const x of xs) {
      expect(x).toBeGreaterThan(220);
      expect(x).toBeLessThan(320);
    }
    // The ends stay on the handles.
    expect(routes[0].points[0]).toEqual({ x: 220, y: 240 });
    expect(routes[2].points.at(-1)).toEqual({ x: 320, y: 470 });
  });

  it('labels sit clear of every node and of each other, and not over another edge when there is room', () => {
    const texts = ['only api', 'only files', 'only render'];
    const routes = routeEdges(
      [api, files, render].map((tgt, i) => ({ src: lb, tgt, label: label(texts[i]) })),
      nodes,
    );
    const boxes = routes.map((r, i) => boxAt(r.label, label(texts[i])));
    for (const b of boxes) for (const n of nodes) expect(overlap(b, n)).toBe(false);
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) expect(overlap(boxes[i], boxes[j])).toBe(false);
    // The API and render labels each sit on their own lane, which no other edge passes.
    for (const i of [0, 2]) {
      const others = routes.filter((_, j) => j !== i);
      for (const o of others)
        expect(crossings(o.points, [boxes[i]]), `label ${texts[i]} over another edge`).toBe(0);
    }
  });

  it('long labels between close columns go beside their lines, never behind a node (the routing template)', () => {
    const bus: Rect = { x: 0, y: 300, w: 210, h: 80 };
    const col = [0, 1, 2, 3].map((k) => ({ x: 270, y: 100 + k * 125, w: 210, h: 80 }));
    const texts = ['only OrderPlaced', 'only OrderShipped', 'only OrderCancelled, RefundIssued', ''];
    const routes = routeEdges(
      col.map((tgt, i) => ({ src: bus, tgt, label: texts[i] ? label(texts[i]) : null })),
      [bus, ...col],
    );
    const boxes = routes.flatMap((r, i) => (texts[i] ? [boxAt(r.label, label(texts[i]))] : []));
    for (const b of boxes) for (const n of [bus, ...col]) expect(overlap(b, n)).toBe(false);
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) expect(overlap(boxes[i], boxes[j])).toBe(false);
  });
});

describe('edge labels and zoom', () => {
  it('are drawn at least 10 px on screen below 80 % zoom, and not at all when that would need more than 1.7×', () => {
    const px = 12.48;
    expect(edgeLabelScale(1)).toBe(1);
    expect(edgeLabelScale(0.81)).toBe(1);
    for (const z of [0.75, 0.6, 0.55, 0.5]) {
      const s = edgeLabelScale(z);
      expect(px * z * s, `zoom ${z}`).toBeGreaterThanOrEqual(10);
      expect(s).toBeLessThanOrEqual(1.7);
    }
    expect(edgeLabelScale(0.6)).toBe(1.4);
    expect(edgeLabelScale(0.4)).toBe(0);
  });
});
