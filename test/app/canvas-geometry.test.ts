import { describe, expect, it } from 'vitest';
import { overlayInsets } from '../../src/app/canvas/fit';
import {
  BADGE_MAX_PX,
  COMPACT_BELOW_ZOOM,
  LABEL_MAX_PX,
  labelPxFor,
  nodeDetail,
} from '../../src/app/canvas/node-detail';
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

  it('a label given a width to wrap at takes as many lines as its words need, each no wider', () => {
    const text = 'only OrderPlaced, OrderShipped, OrderCancelled';
    expect(labelSize(text)).toEqual({ w: text.length * 8 + 20, h: 24 });
    // 160 px: "only OrderPlaced," (17 characters), "OrderShipped,", "OrderCancelled", as wide as
    // it may be (a wrapped box takes its whole width).
    expect(labelSize(text, 160)).toEqual({ w: 160, h: 24 + 2 * 16 });
    // Short enough for one line: its own width.
    expect(labelSize('batch 10', 160)).toEqual({ w: 8 * 8 + 20, h: 24 });
    // A word wider than the wrap stands alone on its line.
    expect(labelSize('a RatherLongEventNameThatGoesOn', 100).w).toBe(29 * 8 + 20);
  });

  it('presenting, a label keeps off what is drawn under a node as it keeps off the nodes', () => {
    // A queue (left) feeding a function lower down (right), the queue's insides under it
    // reaching right past its own width: the label's first choice (the middle of the longest
    // leg, the vertical one) lies over them.
    const queue: Rect = { x: 0, y: 0, w: 220, h: 80 };
    const fn: Rect = { x: 420, y: 150, w: 220, h: 80 };
    const under: Rect = { x: 0, y: 80, w: 400, h: 120 };
    const size = label('batch 10');
    const [free] = routeEdges([{ src: queue, tgt: fn, label: size }], [queue, fn]);
    expect(overlap(boxAt(free.label, size), under)).toBe(true);
    const [kept] = routeEdges([{ src: queue, tgt: fn, label: size }], [queue, fn], [under]);
    expect(overlap(boxAt(kept.label, size), under)).toBe(false);
    for (const n of [queue, fn]) expect(overlap(boxAt(kept.label, size), n)).toBe(false);
    expect(kept.points).toEqual(free.points);
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

describe('overlay insets chosen for the diagram being fitted', () => {
  // The canvas at 1366×768 after a run: wide and short, with the key at the bottom left, the
  // Notes button at the top right and the overview map at the bottom right.
  const canvas = { left: 56, top: 110, right: 1093, bottom: 445 };
  const key = { left: 108, top: 330, right: 388, bottom: 430 };
  const notes = { left: 983, top: 126, right: 1078, bottom: 162 };
  const map = { left: 928, top: 330, right: 1078, bottom: 430 };
  const zoomFor = (
    i: { top: number; right: number; bottom: number; left: number },
    c: { w: number; h: number },
  ) => Math.min((1037 - i.left - i.right - 48) / c.w, (335 - i.top - i.bottom - 48) / c.h);

  it('a wide, short diagram keeps the width: the key gives up height, not 332 px of width', () => {
    const wide = { w: 1800, h: 250 };
    const i = overlayInsets(canvas, [key, notes, map], wide, 24);
    expect(i.left).toBe(0);
    expect(i.bottom).toBe(115);
    // Better than the cheapest-area docking, which puts the key on the left.
    const byArea = overlayInsets(canvas, [key, notes, map]);
    expect(byArea.left).toBe(332);
    expect(zoomFor(i, wide)).toBeGreaterThan(zoomFor(byArea, wide));
    // Hand computation: the key and the map at the bottom (115 px), Notes aside (110 px at the
    // right, or 52 px at the top: the same zoom): (1037 − 110 − 48) / 1800, the height allowing
    // (335 − 115 − 48) / 250 = 0.69. By area the key goes left and the map right: (1037 − 332 − 165 − 48) / 1800.
    expect(zoomFor(i, wide)).toBeCloseTo(879 / 1800, 6);
    expect(zoomFor(byArea, wide)).toBeCloseTo(492 / 1800, 6);
  });

  it('a tall diagram keeps the height: the bar at the bottom goes to a side', () => {
    const tall = { w: 300, h: 900 };
    const bar = { left: 300, top: 380, right: 900, bottom: 440 };
    const i = overlayInsets(canvas, [bar], tall, 24);
    expect(i.bottom).toBe(0);
    expect(i.top + i.left + i.right).toBeGreaterThan(0);
  });
});

describe('semantic zoom for nodes', () => {
  // app.css draws the kind line and the badges at 0.8 rem (12.8 px), the label at 1 rem.
  const onScreen = (px: number, zoom: number) => px * zoom;

  it('goes compact exactly where the 12.8 px small print would fall under 10 px', () => {
    expect(COMPACT_BELOW_ZOOM).toBeCloseTo(10 / 12.8, 9);
    expect(nodeDetail(0.79).level).toBe('full');
    expect(onScreen(12.8, 0.79)).toBeGreaterThanOrEqual(10);
    expect(nodeDetail(0.78).level).toBe('compact');
    // The old threshold (0.72) drew the kind line at 9.2 px.
    expect(nodeDetail(0.75).level).toBe('compact');
  });

  it('draws the compact label, badges and mark at 10 px or more on screen, or leaves the badges out', () => {
    for (let z = 0.2; z < COMPACT_BELOW_ZOOM; z += 0.01) {
      const d = nodeDetail(z);
      expect(d.level).toBe('compact');
      // needPx is what reads at 10 px; a label that cannot be that large is left out (KindNode).
      expect(onScreen(d.needPx, z)).toBeGreaterThanOrEqual(10);
      expect(onScreen(d.needPx - 1, z)).toBeLessThan(10.5);
      if (d.labelPx < LABEL_MAX_PX) expect(onScreen(d.labelPx, z)).toBeGreaterThanOrEqual(10);
      if (d.labelPx < d.needPx) expect(onScreen(LABEL_MAX_PX, z)).toBeLessThan(10.5);
      if (d.badgePx > 0) expect(onScreen(d.badgePx, z)).toBeGreaterThanOrEqual(10);
      else expect(onScreen(BADGE_MAX_PX, z)).toBeLessThan(10.5);
      expect(onScreen(d.markPx, z)).toBeGreaterThanOrEqual(10);
    }
    // At the canvas's least zoom (20 %) the label would need 53 px: the icon alone.
    expect(nodeDetail(0.2).needPx).toBe(53);
    expect(nodeDetail(0.2).labelPx).toBeLessThan(nodeDetail(0.2).needPx);
    expect(nodeDetail(0.34).labelPx).toBeGreaterThanOrEqual(nodeDetail(0.34).needPx);
    // At 0.5 the badges would need 21 px: left out. At 0.6 they are 18 px (10.8 on screen).
    expect(nodeDetail(0.5).badgePx).toBe(0);
    expect(nodeDetail(0.6).badgePx).toBe(18);
    // The label: 1.35 rem (21.6 px) where that is enough, 32 px at most (10 px down to 0.33).
    expect(nodeDetail(0.7).labelPx).toBe(21.6);
    expect(nodeDetail(0.4).labelPx).toBe(27);
    expect(nodeDetail(0.25).labelPx).toBe(LABEL_MAX_PX);
  });

  it('shrinks a compact label only when its longest word would not fit the node', () => {
    expect(labelPxFor('Photo uploads', 27)).toBe(27);
    // "Thumbnails": 10 letters × 0.68 em must fit 200 px → at most 29 px.
    expect(labelPxFor('Thumbnails', 32)).toBe(29);
    // A CamelCase name breaks between its words ("Response" is the longest part).
    expect(labelPxFor('FilterEventsAndResponseCodeFunction', 32)).toBe(32);
    expect(labelPxFor('Averyveryverylongsingleword', 32)).toBe(10);
  });
});
