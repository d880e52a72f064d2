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
const MARGIN = 24;

export interface Insets {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

type Rect = { left: number; top: number; right: number; bottom: number };

/**
 * How much of each edge of a `box` the overlays `over` take, so that a diagram fitted into what
 * is left is covered by none of them. Each overlay is docked to one edge: the one where setting
 * it aside costs the least area (a tall panel on the right costs width, a bar at the bottom
 * height). Pure, for the unit test.
 */
export function overlayInsets(box: Rect, over: readonly Rect[]): Insets {
  const W = box.right - box.left;
  const H = box.bottom - box.top;
  const inset: Insets = { top: 0, right: 0, bottom: 0, left: 0 };
  for (const o of over) {
    const r = {
      left: Math.max(0, o.left - box.left),
      top: Math.max(0, o.top - box.top),
      right: Math.min(W, o.right - box.left),
      bottom: Math.min(H, o.bottom - box.top),
    };
    if (r.right <= r.left || r.bottom <= r.top) continue;
    const choices: [keyof Insets, number, number][] = [
      ['top', r.bottom, r.bottom * W],
      ['bottom', H - r.top, (H - r.top) * W],
      ['left', r.right, r.right * H],
      ['right', W - r.left, (W - r.left) * H],
    ];
    choices.sort((a, b) => a[2] - b[2]);
    const [side, extent] = choices[0];
    inset[side] = Math.max(inset[side], extent);
  }
  return inset;
}

/** Whether an overlay on the canvas now covers part of a node. */
export function overlayCoversNode(): boolean {
  const flow = document.querySelector<HTMLElement>('.canvas .react-flow');
  if (!flow) return false;
  const panels = [...flow.querySelectorAll<HTMLElement>('.react-flow__panel')]
    .filter((p) => p.offsetParent !== null)
    .map((p) => p.getBoundingClientRect());
  const nodes = [...flow.querySelectorAll<HTMLElement>('.react-flow__node')].map((n) =>
    n.getBoundingClientRect(),
  );
  return panels.some((p) =>
    nodes.some((n) => p.left < n.right && n.left < p.right && p.top < n.bottom && n.top < p.bottom),
  );
}

/** The overlays on the canvas now: React Flow's panels (notes, lesson, replay, map, controls). */
export function canvasInsets(): Insets {
  const flow = document.querySelector<HTMLElement>('.canvas .react-flow');
  if (!flow) return { top: 0, right: 0, bottom: 0, left: 0 };
  const panels = [...flow.querySelectorAll<HTMLElement>('.react-flow__panel')]
    .filter((p) => p.offsetParent !== null)
    .map((p) => p.getBoundingClientRect());
  return overlayInsets(flow.getBoundingClientRect(), panels);
}

/**
 * What every automatic fit uses unless told otherwise. Presentation mode raises both while it
 * is on (classroom/ClassroomLayer.tsx): a larger diagram, with room under the nodes for what
 * the replay draws inside them, also when a panel's change or a resize refits it.
 */
export const fitDefaults: { maxZoom: number; extraBottom: number } = { maxZoom: 1.25, extraBottom: 0 };

/**
 * Fits the diagram into the part of the canvas no overlay covers. Called on Fit, after a
 * layout, when the canvas changes size and when an overlay opens or closes.
 */
export function fitToRoom(
  rf: ReactFlowInstance,
  opts: { maxZoom?: number; duration?: number; extraBottom?: number } = {},
) {
  const i = canvasInsets();
  const px = (v: number) => `${Math.round(v + MARGIN)}px` as const;
  return rf.fitView({
    padding: {
      top: px(i.top),
      right: px(i.right),
      bottom: px(i.bottom + (opts.extraBottom ?? fitDefaults.extraBottom)),
      left: px(i.left),
    },
    maxZoom: opts.maxZoom ?? fitDefaults.maxZoom,
    duration: opts.duration ?? 0,
  });
}
