/**
 * A colour per design, from the app's own chart colours but only the five that stay apart
 * for the common colour-vision deficiencies (blue, orange, teal, purple, amber: the hues of
 * the Okabe–Ito set, amber standing for its yellow): red and green are left out, so that "red = failing" never collides with a
 * design, and red/green never have to be told apart. The not-viable mark has a colour of its
 * own (--compare-fail, near black or near white by theme) and a shape (hollow, dashed line).
 */
export const COMPARE_COLORS = [
  'var(--chart-blue)',
  'var(--chart-orange)',
  'var(--chart-teal)',
  'var(--chart-purple)',
  'var(--chart-amber)',
] as const;

export const FAIL_COLOR = 'var(--compare-fail)';

/** A design's colour by its place in the list of entries. */
export function colorOf(index: number): string {
  return COMPARE_COLORS[index % COMPARE_COLORS.length];
}
