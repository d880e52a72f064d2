import type { ReactFlowInstance, Viewport } from '@xyflow/react';

/**
 * Whether the person has panned or zoomed since the last fit: from then on the view is theirs,
 * and the automatic fitting (on resize, when an overlay opens) leaves it alone.
 */
export const viewState: {
  userMoved: boolean;
  /**
   * A view to put back instead of fitting (returning from a lesson to the person's diagram):
   * the automatic fit that follows a change of diagram restores it, once.
   */
  keep: { viewport: Viewport; userMoved: boolean } | null;
} = { userMoved: false, keep: null };

/** Shows a diagram's saved view now, and again in place of the automatic fit that follows. */
export function restoreView(rf: ReactFlowInstance, viewport: Viewport, userMoved: boolean): void {
  viewState.keep = { viewport, userMoved };
  viewState.userMoved = userMoved;
  void rf.setViewport(viewport);
  window.setTimeout(() => {
    if (viewState.keep?.viewport === viewport) viewState.keep = null;
  }, 1500);
}

/** The automatic fit, unless a saved view is waiting to be put back. Returns whether it was. */
export function applyKeptView(rf: ReactFlowInstance): boolean {
  const k = viewState.keep;
  if (!k) return false;
  viewState.keep = null;
  viewState.userMoved = k.userMoved;
  void rf.setViewport(k.viewport);
  return true;
}

/** Room kept between the diagram and the canvas's edges (and any overlay), in screen pixels. */
export const MARGIN = 24;

export interface Insets {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

type Rect = { left: number; top: number; right: number; bottom: number };

/** The four ways of setting one overlay aside: the side it is docked to and the room it takes. */
function sides(box: Rect, o: Rect): [keyof Insets, number][] | null {
  const W = box.right - box.left;
  const H = box.bottom - box.top;
  const r = {
    left: Math.max(0, o.left - box.left),
    top: Math.max(0, o.top - box.top),
    right: Math.min(W, o.right - box.left),
    bottom: Math.min(H, o.bottom - box.top),
  };
  if (r.right <= r.left || r.bottom <= r.top) return null;
  return [
    ['top', r.bottom],
    ['bottom', H - r.top],
    ['left', r.right],
    ['right', W - r.left],
  ];
}

/**
 * How much of each edge of a `box` the overlays `over` take, so that a diagram fitted into what
 * is left is covered by none of them. Each overlay is docked to one edge. Given the diagram's
 * size (`content`, in the units it is drawn at zoom 1), the docking that lets it be drawn
 * largest is chosen: a wide, short diagram gives up height, a tall one width (with `margin`
 * kept on every side). Without it, each overlay takes the edge where it costs the least area.
 * Pure, for the unit test.
 */
export function overlayInsets(
  box: Rect,
  over: readonly Rect[],
  content?: { w: number; h: number },
  margin = 0,
): Insets {
  const W = box.right - box.left;
  const H = box.bottom - box.top;
  const options = over.map((o) => sides(box, o)).filter((x) => x !== null);
  const insetsOf = (pick: readonly number[]) => {
    const inset: Insets = { top: 0, right: 0, bottom: 0, left: 0 };
    pick.forEach((k, i) => {
      const [side, extent] = options[i][k];
      inset[side] = Math.max(inset[side], extent);
    });
    return inset;
  };
  const area = (i: Insets) => W * H - (W - i.left - i.right) * (H - i.top - i.bottom);
  if (!content || !(content.w > 0) || !(content.h > 0) || options.length > 6) {
    const pick = options.map((sideList) => {
      const cost = sideList.map(([side, e]) => (side === 'top' || side === 'bottom' ? e * W : e * H));
      return cost.indexOf(Math.min(...cost));
    });
    return insetsOf(pick);
  }
  // Every docking of every overlay (4^n, n small): the one with the largest zoom, then the least area.
  let best: Insets = insetsOf(options.map(() => 0));
  let bestZoom = -Infinity;
  let bestArea = Infinity;
  const pick = options.map(() => 0);
  for (let code = 0; code < 4 ** options.length; code++) {
    for (let i = 0, c = code; i < options.length; i++, c = Math.floor(c / 4)) pick[i] = c % 4;
    const inset = insetsOf(pick);
    const zoom = Math.min(
      (W - inset.left - inset.right - 2 * margin) / content.w,
      (H - inset.top - inset.bottom - 2 * margin) / content.h,
    );
    const a = area(inset);
    if (zoom > bestZoom + 1e-9 || (Math.abs(zoom - bestZoom) <= 1e-9 && a < bestArea)) {
      best = inset;
      bestZoom = zoom;
      bestArea = a;
    }
  }
  return best;
}

/**
 * The panels a fit keeps the diagram clear of. Not the overview map: it is shown only while
 * part of the diagram is out of view (the person zoomed in), and a fit would hide it again.
 */
const OVERLAYS = '.react-flow__panel:not(.react-flow__minimap)';

/** Whether an overlay on the canvas now covers part of a node. */
export function overlayCoversNode(): boolean {
  const flow = document.querySelector<HTMLElement>('.canvas .react-flow');
  if (!flow) return false;
  const panels = [...flow.querySelectorAll<HTMLElement>(OVERLAYS)]
    .filter((p) => p.offsetParent !== null)
    .map((p) => p.getBoundingClientRect());
  const nodes = [...flow.querySelectorAll<HTMLElement>('.react-flow__node')].map((n) =>
    n.getBoundingClientRect(),
  );
  return panels.some((p) =>
    nodes.some((n) => p.left < n.right && n.left < p.right && p.top < n.bottom && n.top < p.bottom),
  );
}

/**
 * The overlays on the canvas now: React Flow's panels (notes, lesson, replay, map, controls),
 * docked so that a diagram of `content`'s size can be drawn largest.
 */
export function canvasInsets(content?: { w: number; h: number }): Insets {
  const flow = document.querySelector<HTMLElement>('.canvas .react-flow');
  if (!flow) return { top: 0, right: 0, bottom: 0, left: 0 };
  const panels = [...flow.querySelectorAll<HTMLElement>(OVERLAYS)]
    .filter((p) => p.offsetParent !== null)
    .map((p) => p.getBoundingClientRect());
  return overlayInsets(flow.getBoundingClientRect(), panels, content, MARGIN);
}

/**
 * What every automatic fit uses unless told otherwise. Presentation mode raises both while it
 * is on (classroom/ClassroomLayer.tsx): a larger diagram, with room under the nodes for what
 * the replay draws inside them, also when a panel's change or a resize refits it.
 */
export const fitDefaults: { maxZoom: number; extraBottom: number; extraTop: number } = {
  maxZoom: 1.25,
  extraBottom: 0,
  extraTop: 0,
};

/**
 * What else the fit must show besides the nodes, for a zoom: in normal mode, what the replay
 * draws under them (classroom/ClassroomLayer.tsx sets it while the replay is open), whose size
 * on the diagram depends on the zoom (its type keeps a legible size on screen). Null: the nodes.
 */
export const fitReach: {
  of: ((zoom: number) => { x: number; y: number; w: number; h: number } | null) | null;
} = { of: null };

/**
 * Fits the diagram into the part of the canvas no overlay covers. Called on Fit, after a
 * layout, when the canvas changes size and when an overlay opens or closes.
 */
export function fitToRoom(
  rf: ReactFlowInstance,
  opts: { maxZoom?: number; duration?: number; extraBottom?: number; extraTop?: number } = {},
) {
  const bounds = rf.getNodesBounds(rf.getNodes());
  const maxZoom = opts.maxZoom ?? fitDefaults.maxZoom;
  if (fitReach.of && bounds.width > 0) {
    const fitted = fitWithReach(bounds, fitReach.of, maxZoom);
    if (fitted) return rf.setViewport(fitted, { duration: opts.duration ?? 0 }).then(() => true);
  }
  const i = canvasInsets(bounds.width > 0 ? { w: bounds.width, h: bounds.height } : undefined);
  const px = (v: number) => `${Math.round(v + MARGIN)}px` as const;
  return rf.fitView({
    padding: {
      top: px(i.top + (opts.extraTop ?? fitDefaults.extraTop)),
      right: px(i.right),
      bottom: px(i.bottom + (opts.extraBottom ?? fitDefaults.extraBottom)),
      left: px(i.left),
    },
    maxZoom,
    duration: opts.duration ?? 0,
  });
}

/**
 * Whether what the replay draws under the nodes (fitReach) now runs past the canvas's edges:
 * the nodes' badges follow the replay's time and may grow a node after the fit.
 */
export function reachOutOfView(rf: ReactFlowInstance): boolean {
  const flow = document.querySelector<HTMLElement>('.canvas .react-flow');
  if (!fitReach.of || !flow) return false;
  const { x, y, zoom } = rf.getViewport();
  const r = fitReach.of(zoom);
  if (!r) return false;
  const left = x + r.x * zoom;
  const top = y + r.y * zoom;
  return (
    left < -1 ||
    top < -1 ||
    left + r.w * zoom > flow.clientWidth + 1 ||
    top + r.h * zoom > flow.clientHeight + 1
  );
}

/** Lowest zoom a fit goes to (React Flow's minZoom in Canvas.tsx). */
const MIN_ZOOM = 0.2;

/**
 * The view that shows the nodes and what is drawn under them, as large as the room left by the
 * overlays allows. The drawn part grows (on the diagram) as the zoom falls, so the zoom is found
 * by narrowing in: the largest at which everything fits.
 */
function fitWithReach(
  nodes: { x: number; y: number; width: number; height: number },
  reach: (zoom: number) => { x: number; y: number; w: number; h: number } | null,
  maxZoom: number,
): Viewport | null {
  const flow = document.querySelector<HTMLElement>('.canvas .react-flow');
  if (!flow) return null;
  const W = flow.clientWidth;
  const H = flow.clientHeight;
  const whole = (z: number) => reach(z) ?? { x: nodes.x, y: nodes.y, w: nodes.width, h: nodes.height };
  const place = (z: number) => {
    const r = whole(z);
    const i = canvasInsets({ w: r.w, h: r.h });
    const w = W - i.left - i.right - 2 * MARGIN;
    const h = H - i.top - i.bottom - 2 * MARGIN;
    return { r, i, w, h, fits: r.w * z <= w + 0.5 && r.h * z <= h + 0.5 };
  };
  // The largest zoom that fits, to within half a percent.
  let lo = MIN_ZOOM;
  let hi = maxZoom;
  if (place(hi).fits) lo = hi;
  else
    while (hi - lo > 0.005) {
      const mid = (lo + hi) / 2;
      if (place(mid).fits) lo = mid;
      else hi = mid;
    }
  const { r, i, w, h } = place(lo);
  return {
    zoom: lo,
    x: i.left + MARGIN + (w - r.w * lo) / 2 - r.x * lo,
    y: i.top + MARGIN + (h - r.h * lo) / 2 - r.y * lo,
  };
}
