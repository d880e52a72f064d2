/**
 * Presentation mode's layout: the nodes drawn at zoom 1 in presentation type (24 px on a
 * 1920×1080 screen), so their text is that size on screen, and the template's arrangement
 * stretched to the room between the clock's band and the replay bar. Fitting the template's
 * own positions instead shrank every diagram wider than three nodes below 24 px.
 *
 * Columns are the template's x positions (those closer than half a node are one column), spread
 * evenly over the width; down each column the nodes keep their order and as much of the
 * template's vertical spacing as fits, each followed by the room its insides need (what the
 * replay draws under it) and the room for the dots above the next one. The area's height
 * includes the room under the lowest nodes (the fit keeps it as `extraBottom`): a column whose
 * lowest node draws nothing under it may reach lower than one whose node does. Pure, for the unit test.
 */

export interface LayoutNode {
  id: string;
  x: number;
  y: number;
}

export interface LayoutInput {
  nodes: readonly LayoutNode[];
  /** Each node's height at presentation size (px); a node not measured yet: `fallbackHeight`. */
  heights: Readonly<Record<string, number | undefined>>;
  fallbackHeight: number;
  /** Room kept under each node for its insides (px; 0 for a node that draws none). */
  roomUnder: Readonly<Record<string, number | undefined>>;
  /** Room above a node for the dots of requests inside it (px). */
  roomAbove: number;
  /** The area the diagram is fitted into at zoom 1 (px). */
  area: { w: number; h: number };
  /** Presentation type size (px): the gaps and the node widths are in its units. */
  px: number;
}

export interface PresentLayout {
  positions: Record<string, { x: number; y: number }>;
  /** Every node's width (px). */
  nodeWidth: number;
  /** Whether it fits the area at zoom 1 (if not, the fit zooms out and the type shrinks). */
  fits: boolean;
  /** The share of each node's insides room kept between stacked nodes (1: all of it). */
  roomShare: number;
  /** Room the fit keeps under the lowest node's box for the insides drawn under the nodes (px). */
  extraBottom: number;
}

/** Template x positions closer than this are one column (a node is 220 wide in a template). */
const SAME_COLUMN = 110;

/** Node width in presentation type units: wide enough for a label's words, not wider. */
const MIN_WIDTH_EM = 9;
const MAX_WIDTH_EM = 15;
/** Between columns: room for an arrow. */
const GAP_X_EM = 1.5;

export function columnsOf(nodes: readonly LayoutNode[]): Map<string, number> {
  const xs = [...new Set(nodes.map((n) => n.x))].sort((a, b) => a - b);
  const colOfX = new Map<number, number>();
  let col = -1;
  let last = -Infinity;
  for (const x of xs) {
    if (x - last >= SAME_COLUMN) col++;
    colOfX.set(x, col);
    last = x;
  }
  return new Map(nodes.map((n) => [n.id, colOfX.get(n.x)!]));
}

export function nodeWidthFor(columns: number, areaW: number, px: number): number {
  const pitch = areaW / Math.max(1, columns);
  return Math.round(Math.max(MIN_WIDTH_EM * px, Math.min(MAX_WIDTH_EM * px, pitch - GAP_X_EM * px)));
}

/**
 * Tops of the nodes for a vertical stretch `sy` of the template's y positions, each node pushed
 * down below the one above it in its column (with its height and rooms), and the lowest bottom.
 */
function stack(
  input: LayoutInput,
  columns: readonly LayoutNode[][],
  minY: number,
  sy: number,
  roomShare: number,
): { tops: Map<string, number>; bottom: number; boxes: number } {
  const tops = new Map<string, number>();
  // The lowest point drawn (a node's box or the insides under it), and the lowest box.
  let bottom = 0;
  let boxes = 0;
  for (const col of columns) {
    let floor = 0;
    for (const n of col) {
      const top = Math.max((n.y - minY) * sy, floor);
      const h = input.heights[n.id] ?? input.fallbackHeight;
      const room = (input.roomUnder[n.id] ?? 0) * roomShare;
      tops.set(n.id, top);
      boxes = Math.max(boxes, top + h);
      bottom = Math.max(bottom, top + h + room);
      // With no room for insides left (the last resort before smaller type), the dots above
      // the next node get half theirs too.
      floor = top + h + room + (roomShare === 0 ? input.roomAbove / 2 : input.roomAbove);
    }
  }
  return { tops, bottom, boxes };
}

/** The layout at the largest vertical stretch that fits (none fits: stacked as tight as allowed). */
export function presentLayout(input: LayoutInput, roomShares: readonly number[] = [1]): PresentLayout {
  const { nodes, area, px } = input;
  const colOf = columnsOf(nodes);
  const count = nodes.length === 0 ? 0 : Math.max(...colOf.values()) + 1;
  const nodeWidth = nodeWidthFor(count, area.w, px);
  const pitch = count > 0 ? Math.max(area.w / count, nodeWidth + GAP_X_EM * px) : 0;
  const columns: LayoutNode[][] = Array.from({ length: count }, () => []);
  for (const n of nodes) columns[colOf.get(n.id)!].push(n);
  for (const col of columns) col.sort((a, b) => a.y - b.y || a.x - b.x);
  const minY = Math.min(...nodes.map((n) => n.y));
  const spanY = Math.max(...nodes.map((n) => n.y)) - minY;
  const fitsWidth = count === 0 || pitch * (count - 1) + nodeWidth <= area.w + 0.5;

  let chosen: ReturnType<typeof stack> | null = null;
  let share = roomShares[roomShares.length - 1] ?? 1;
  for (const s of roomShares) {
    const tight = stack(input, columns, minY, 0, s);
    if (tight.bottom > area.h) continue;
    // The bottom grows with the stretch: the largest stretch that still fits, by bisection.
    let lo = 0;
    let hi = spanY > 0 ? area.h / spanY : 0;
    chosen = tight;
    for (let i = 0; i < 30 && hi > 0; i++) {
      const mid = (lo + hi) / 2;
      const tried = stack(input, columns, minY, mid, s);
      if (tried.bottom <= area.h) {
        lo = mid;
        chosen = tried;
      } else hi = mid;
    }
    share = s;
    break;
  }
  const fits = chosen !== null && fitsWidth;
  chosen ??= stack(input, columns, minY, 0, share);
  const positions: Record<string, { x: number; y: number }> = {};
  for (const n of nodes) {
    const c = colOf.get(n.id)!;
    positions[n.id] = {
      x: Math.round(c * pitch + (count === 1 ? (area.w - nodeWidth) / 2 : 0)),
      y: Math.round(chosen.tops.get(n.id)!),
    };
  }
  // The columns' outer edges touch the area's sides (a fit centres it anyway): nodes sit at
  // the left of their pitch so the first and last columns reach the edges.
  if (count > 1) {
    const stretch = (area.w - nodeWidth) / ((count - 1) * pitch);
    if (stretch > 1) for (const p of Object.values(positions)) p.x = Math.round(p.x * stretch);
  }
  return {
    positions,
    nodeWidth,
    fits,
    roomShare: share,
    extraBottom: Math.round(chosen.bottom - chosen.boxes),
  };
}
