/** Presentation type on a 1920×1080 screen: read at the back of a room. */
export const PRESENT_PX = 24;

/**
 * Presentation type for a window: 24 px at 1920×1080 and in proportion on other screens, so a
 * projector showing a laptop's 1366×768 shows it as large on the wall (classroom.css's
 * --present-type is the same figure for the panels).
 */
export function presentPx(w: number, h: number): number {
  return Math.max(14, Math.round(PRESENT_PX * Math.min(w / 1920, h / 1080)));
}
