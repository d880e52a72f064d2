/**
 * Presentation mode's layout: the nodes drawn at zoom 1 in presentation type (24 px on a
 * 1920×1080 screen), so their text is that size on screen, and the template's arrangement
 * stretched to the room between the clock's band and the replay bar. Fitting the template's
 * own positions instead shrank every diagram wider than three nodes below 24 px.
 *
 * Columns are the template's x positions (those closer than half a node are one column), spread
 * over the width, the gap before a column wide enough for the labels of the edges entering it
 * from the left (so a label sits between columns, not on a node or on what is drawn under
 * one); down each column the nodes keep their order and as much of the
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
  /** Edges' labels at presentation size (px wide): each is given room before its target's column. */
  labels?: readonly EdgeLabel[];
  /** How far right of its node's left edge each node's insides reach (px; may pass its right edge). */
  reach?: Readonly<Record<string, number | undefined>>;
  /** The widest a node may be, in em (15 unless told). */
  maxWidthEm?: number;
  /** Each node's column (columnsOf's, or easeColumns's where those do not fit). */
  columns?: ReadonlyMap<string, number>;
}

export interface EdgeLabel {
  source: string;
  target: string;
  w: number;
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
/**
 * Beside a label in its gap: route.ts places it 6 px from the node its edge enters and keeps it
 * 4 px clear of every node's box, on both sides.
 */
const LABEL_MARGIN = 20;

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

/**
 * The columns with the tallest eased, for a diagram whose template columns stack too many nodes
 * for the room (orchestration-vs-choreography: four in each of two columns). A node is free to
 * move right when no edge leaves it and every edge entering it comes from a column to its left.
 * First the lowest free node of a tallest column moves into the next column where that one then still
 * stacks fewer; then a tallest column that stacks more than three wraps into two: its free
 * nodes into a new column just right of it (the edges into them pass below or above what
 * stays). Null: nothing to ease.
 */
export function easeColumns(
  nodes: readonly LayoutNode[],
  colOf: ReadonlyMap<string, number>,
  edges: readonly { source: string; target: string }[],
): Map<string, number> | null {
  const out = new Map(colOf);
  let moved = false;
  const sizesOf = () => {
    const sizes = Array.from({ length: Math.max(-1, ...out.values()) + 1 }, () => 0);
    for (const c of out.values()) sizes[c]++;
    return sizes;
  };
  const free = (id: string, c: number) =>
    !edges.some((e) => e.source === id) &&
    edges.some((e) => e.target === id) &&
    edges.every((e) => e.target !== id || (out.get(e.source) ?? c) < c);
  let sizes = sizesOf();
  const tallest = Math.max(0, ...sizes);
  // The lowest first: it moves below what the next column holds, not across it.
  for (const { id } of [...nodes].sort((a, b) => b.y - a.y)) {
    const c = out.get(id)!;
    if (sizes[c] === tallest && c + 1 < sizes.length && sizes[c + 1] + 1 < sizes[c] && free(id, c)) {
      out.set(id, c + 1);
      sizes[c]--;
      sizes[c + 1]++;
      moved = true;
    }
  }
  sizes = sizesOf();
  const most = Math.max(0, ...sizes);
  const wrap = sizes.indexOf(most);
  const going = [...out].filter(([id, c]) => c === wrap && free(id, c)).map(([id]) => id);
  if (most > 3 && going.length > 0 && going.length < most) {
    for (const [id, c] of out) if (c > wrap) out.set(id, c + 1);
    for (const id of going) out.set(id, wrap + 1);
    moved = true;
  }
  return moved ? out : null;
}

/**
 * The gap after each column but the last (px): room for an arrow, or for the widest label of an
 * edge entering the next column from the left, so the label sits between the columns, clear of
 * the nodes and of what is drawn under them (an edge label at 24 px is as wide as 100–200 px).
 */
export function columnGaps(
  colOf: ReadonlyMap<string, number>,
  count: number,
  labels: readonly EdgeLabel[],
  px: number,
): number[] {
  const gaps = Array.from({ length: Math.max(0, count - 1) }, () => GAP_X_EM * px);
  for (const l of labels) {
    const a = colOf.get(l.source);
    const b = colOf.get(l.target);
    if (a === undefined || b === undefined || b <= a) continue;
    gaps[b - 1] = Math.max(gaps[b - 1], l.w + LABEL_MARGIN);
  }
  return gaps;
}

/**
 * Every node's width: the column pitch less an arrow's gap, less each column's share of the
 * room taken by wider gaps (`extraGaps`, px beyond the arrows'), between 9 and 15 em.
 */
export function nodeWidthFor(
  columns: number,
  areaW: number,
  px: number,
  extraGaps = 0,
  maxEm = MAX_WIDTH_EM,
): number {
  const pitch = (areaW - extraGaps) / Math.max(1, columns);
  return Math.round(Math.max(MIN_WIDTH_EM * px, Math.min(maxEm * px, pitch - GAP_X_EM * px)));
}

/** The columns of a diagram, their gaps and the nodes' width, for an area `areaW` wide. */
export function columnsFor(
  nodes: readonly LayoutNode[],
  labels: readonly EdgeLabel[],
  areaW: number,
  px: number,
  maxEm = MAX_WIDTH_EM,
  columns: ReadonlyMap<string, number> = columnsOf(nodes),
): { colOf: Map<string, number>; count: number; gaps: number[]; nodeWidth: number } {
  const colOf = new Map(columns);
  const count = nodes.length === 0 ? 0 : Math.max(...colOf.values()) + 1;
  const base = GAP_X_EM * px;
  let gaps = columnGaps(colOf, count, labels, px);
  let extra = gaps.reduce((sum, g) => sum + g - base, 0);
  // No wider than leaves every node its least width: the labels then find what room they can.
  const most = Math.max(0, areaW - count * (MIN_WIDTH_EM + GAP_X_EM) * px);
  if (extra > most) {
    gaps = gaps.map((g) => base + ((g - base) * most) / extra);
    extra = most;
  }
  return { colOf, count, gaps, nodeWidth: nodeWidthFor(count, areaW, px, extra, maxEm) };
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

/**
 * The layout at the largest vertical stretch that fits (none fits: stacked as tight as allowed),
 * in the given columns (the template's unless told).
 */
export function presentLayout(input: LayoutInput, roomShares: readonly number[] = [1]): PresentLayout {
  return layoutIn(input, roomShares, input.columns ?? columnsOf(input.nodes));
}

function layoutIn(
  input: LayoutInput,
  roomShares: readonly number[],
  assigned: ReadonlyMap<string, number>,
): PresentLayout {
  const { nodes, area, px } = input;
  const { colOf, count, gaps, nodeWidth } = columnsFor(
    nodes,
    input.labels ?? [],
    area.w,
    px,
    input.maxWidthEm,
    assigned,
  );
  // What the last column draws under its nodes past their right edge stays in the area too.
  let overhang = 0;
  for (const n of nodes)
    if (colOf.get(n.id) === count - 1) overhang = Math.max(overhang, (input.reach?.[n.id] ?? 0) - nodeWidth);
  // The columns' outer edges touch the area's sides (a fit centres it anyway): what the nodes
  // and gaps leave of the width is shared among the gaps.
  const used = count * nodeWidth + gaps.reduce((sum, g) => sum + g, 0) + overhang;
  const spare = count > 1 ? Math.max(0, area.w - used) / (count - 1) : 0;
  const colX: number[] = [];
  for (let c = 0, x = 0; c < count; c++) {
    colX.push(count === 1 ? (area.w - nodeWidth - overhang) / 2 : x);
    x += nodeWidth + (gaps[c] ?? 0) + spare;
  }
  const columns: LayoutNode[][] = Array.from({ length: count }, () => []);
  for (const n of nodes) columns[colOf.get(n.id)!].push(n);
  for (const col of columns) col.sort((a, b) => a.y - b.y || a.x - b.x);
  const minY = Math.min(...nodes.map((n) => n.y));
  const spanY = Math.max(...nodes.map((n) => n.y)) - minY;
  const fitsWidth = count === 0 || used <= area.w + 0.5;

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
  for (const n of nodes)
    positions[n.id] = { x: Math.round(colX[colOf.get(n.id)!]), y: Math.round(chosen.tops.get(n.id)!) };
  return {
    positions,
    nodeWidth,
    fits,
    roomShare: share,
    extraBottom: Math.round(chosen.bottom - chosen.boxes),
  };
}
