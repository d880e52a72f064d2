import { describe, expect, it } from 'vitest';
import { overlayInsets } from '../../src/app/canvas/fit';
import { labelSize, routeEdge, type Pt, type Rect } from '../../src/app/canvas/route';

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
