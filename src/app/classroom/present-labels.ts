import { routeEdges, type Rect } from '../canvas/route';

/** An edge of the diagram being presented, with its label's size at presentation type (none: 0 × 0). */
export interface PresentEdge {
  source: string;
  target: string;
  w: number;
  h: number;
}

const hit = (a: Rect, b: Rect) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** Whether the box lies on the line or beside it (within a few px: route.ts places it 3 px off). */
function touches(points: readonly { x: number; y: number }[], box: Rect): boolean {
  const near = { x: box.x - 4, y: box.y - 4, w: box.w + 8, h: box.h + 8 };
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const seg = {
      x: Math.min(a.x, b.x),
      y: Math.min(a.y, b.y),
      w: Math.abs(a.x - b.x) + 0.01,
      h: Math.abs(a.y - b.y) + 0.01,
    };
    if (hit(near, seg)) return true;
  }
  return false;
}

/**
 * The labelled edges whose label, routed and placed as the canvas does it (route.ts), lands on
 * a node, on what is drawn under one (`keepOff`), on another label, outside the room or away
 * from its own line (stepped out above a gap too narrow for it): the presentation layout
 * gives those a gap of their own between columns, and only those (a gap for every label took
 * so much width that a diagram of seven columns no longer fitted at 24 px).
 */
export function labelsInTheWay(
  edges: readonly PresentEdge[],
  rects: Readonly<Record<string, Rect>>,
  keepOff: readonly Rect[],
  /** The room the diagram has: a label outside it is under the band or the bar. */
  area: { w: number; h: number },
): PresentEdge[] {
  const routed = edges.filter((e) => rects[e.source] && rects[e.target]);
  const nodes = Object.values(rects);
  const routes = routeEdges(
    routed.map((e) => ({
      src: rects[e.source],
      tgt: rects[e.target],
      label: e.w > 0 ? { w: e.w, h: e.h } : null,
    })),
    nodes,
    keepOff,
    true,
  );
  const boxes = routed.map((e, i) =>
    e.w > 0 ? { x: routes[i].label.x - e.w / 2, y: routes[i].label.y - e.h / 2, w: e.w, h: e.h } : null,
  );
  return routed.filter((_, i) => {
    const box = boxes[i];
    if (!box) return false;
    return (
      !touches(routes[i].points, box) ||
      box.x < 0 ||
      box.y < 0 ||
      box.x + box.w > area.w ||
      box.y + box.h > area.h ||
      nodes.some((n) => hit(box, n)) ||
      keepOff.some((k) => hit(box, k)) ||
      boxes.some((o, j) => j !== i && o !== null && hit(box, o))
    );
  });
}
