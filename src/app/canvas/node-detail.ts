/**
 * Semantic zoom for nodes: what a node draws at a zoom so that none of its text is drawn under
 * 10 px on screen. The sizes at 100 % are app.css's `.kind-node` type: the kind line and the
 * run badges 0.8 rem (12.8 px), the facts 0.85 rem, the label 1 rem.
 */
export const READABLE_PX = 10;
const SMALL_PRINT_PX = 12.8;

/** Below this zoom the small print (kind, facts) would be under 10 px: icon and label only. */
export const COMPACT_BELOW_ZOOM = READABLE_PX / SMALL_PRINT_PX;

/** The compact label: at least 1.35 rem, grown to stay 10 px on screen, up to this size. */
const LABEL_MIN_PX = 21.6;
/** A label of one long word (about 10 letters of bold type) still fits the node's 200 px line. */
export const LABEL_MAX_PX = 32;
/** Run badges when compact: grown like the label, and left out when they would need more. */
const BADGE_MIN_PX = 12.8;
export const BADGE_MAX_PX = 20;
/** The node's inner width for text (220 px less its padding). */
const TEXT_WIDTH_PX = 200;
/** A bold letter's mean advance in em, generous (DejaVu Sans Bold, the test machine's font). */
const BOLD_EM = 0.68;

export interface NodeDetail {
  /** 'full': icon, label, kind, facts and badges; 'compact': icon and label (and badges). */
  level: 'full' | 'compact';
  /**
   * Compact only: the smallest font size (px at 100 %) that reads at 10 px on screen. A label
   * that cannot be drawn this large (zoomed out below about 33 %, or a long word) is left out:
   * the node shows its icon, and its name stays in the tooltip and for screen readers.
   */
  needPx: number;
  /** Compact only: the label's font size in px at 100 %. */
  labelPx: number;
  /** Compact only: the badges' font size in px at 100 %; 0: not drawn (too small to read). */
  badgePx: number;
  /** Compact only: the size of the count on a node's ⛔/⚠ mark, grown like the label. */
  markPx: number;
}

/** On-screen text of `px` at `zoom` reaches 10 px, with half a pixel to spare for rounding. */
function grown(zoom: number, min: number): number {
  return Math.max(min, Math.ceil((READABLE_PX + 0.5) / zoom));
}

/**
 * The detail to draw at `zoom`. Sizes change in whole pixels so a zoom gesture re-renders the
 * nodes a few times, not every frame.
 */
export function nodeDetail(zoom: number): NodeDetail {
  if (!(zoom > 0) || zoom >= COMPACT_BELOW_ZOOM)
    return { level: 'full', needPx: 0, labelPx: 0, badgePx: 0, markPx: 0 };
  const badge = grown(zoom, BADGE_MIN_PX);
  return {
    level: 'compact',
    needPx: grown(zoom, 0),
    labelPx: Math.min(LABEL_MAX_PX, grown(zoom, LABEL_MIN_PX)),
    badgePx: badge <= BADGE_MAX_PX ? badge : 0,
    // The ⛔/⚠ mark sits on the node's corner, outside its text: it grows as far as needed.
    markPx: grown(zoom, SMALL_PRINT_PX),
  };
}

/**
 * The compact label's size for this label: the zoom's size, made smaller only if its longest
 * word would not fit the node's line (a word is never broken in two).
 */
export function labelPxFor(label: string, px: number): number {
  // Words, and the parts of a CamelCase or dashed name (KindNode breaks the line between them).
  const parts = label.split(/\s+|(?<=[a-z0-9])(?=[A-Z])|(?<=[-_./])/);
  const longest = Math.max(1, ...parts.map((w) => w.length));
  return Math.min(px, Math.floor(TEXT_WIDTH_PX / (longest * BOLD_EM)));
}
