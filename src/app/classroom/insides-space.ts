import type { Box } from './geometry';

/**
 * Normal mode: the rectangle under each node that its insides may take (flow units), so that
 * they never lie over another node or another node's insides. The person's diagram is theirs:
 * the nodes stay where they are put and the insides fit the room there is (draw-internals.ts
 * draws less where it is short).
 */
export interface Space {
  x0: number;
  y0: number;
  x1: number;
  /** Infinity: no node below (the fit makes room on the canvas). */
  y1: number;
}

/** Kept clear between the insides and a neighbour (flow units). */
export const GAP = 6;
/** How far right of the node's left edge the insides may reach, in node widths, with no neighbour nearer. */
const REACH = 1.15;

const overlaps = (a0: number, a1: number, b0: number, b1: number) => a0 < b1 && b0 < a1;

/** The spaces of the nodes in `drawing` (those that draw insides), among all the diagram's boxes. */
export function spacesOf(boxes: ReadonlyMap<string, Box>, drawing: Iterable<string>): Map<string, Space> {
  const ids = new Set(drawing);
  // How deep each node's column is: down to the nearest node under the node itself.
  const column = new Map<string, number>();
  for (const id of ids) {
    const a = boxes.get(id);
    if (a) column.set(id, bottomOf(a, a.x + a.w, boxes));
  }
  const out = new Map<string, Space>();
  for (const [id, depth] of column) {
    const a = boxes.get(id)!;
    const top = a.y + a.h;
    let x1 = a.x + a.w * REACH;
    // As wide as the node and a little more, up to the nearest node on its right (with the
    // column of its own insides) that reaches into the same rows.
    for (const [other, b] of boxes) {
      if (other === id || b.x <= a.x + a.w / 2) continue;
      const reach = Math.max(b.y + b.h, column.get(other) ?? -Infinity);
      if (overlaps(top, depth, b.y, reach)) x1 = Math.min(x1, b.x - GAP);
    }
    // Then as deep as that width allows.
    out.set(id, { x0: a.x, y0: top, x1, y1: bottomOf(a, x1, boxes) });
  }
  return out;
}

/**
 * The top of the nearest node below `a` between its left edge and `right`, less a gap; Infinity
 * if none. A node that starts lower than `a` but reaches up into it (a run's badges made `a`
 * taller) counts: then there is no room at all.
 */
function bottomOf(a: Box, right: number, boxes: ReadonlyMap<string, Box>): number {
  let y1 = Infinity;
  for (const b of boxes.values()) {
    if (b === a || b.y <= a.y || !overlaps(a.x, right, b.x, b.x + b.w)) continue;
    y1 = Math.min(y1, b.y - GAP);
  }
  return y1;
}
