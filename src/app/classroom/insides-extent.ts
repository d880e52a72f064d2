import type { Colors } from './draw-internals';
import { drawNodeInsides } from './draw-internals';
import { InsidesBounds } from './insides-bounds';
import type { ReplayData } from './replay-data';

/**
 * How much room a node's insides take when drawn (presentation mode lays the diagram out with
 * it): the insides are drawn, whole (not cut by a node below), at many instants of the run
 * through the tracking context of insides-bounds.ts (onto a scratch canvas), and the largest box
 * is kept.
 */

export interface Extent {
  /** Width from the node's left edge (px at zoom 1). */
  w: number;
  /** Height below the node's bottom edge (px at zoom 1). */
  h: number;
}

const PLAIN: Colors = { surface: '#fff', text: '#000', muted: '#333', border: '#000', accent: '#03c' };

/** Instants looked at: enough to meet the busiest moments of a run (each draw is cheap). */
const SAMPLES = 64;

let scratch: CanvasRenderingContext2D | null = null;

/**
 * The largest room each node's insides take over the run, drawn at width `w` in `font` type as
 * presentation mode draws them (`compact`: as a brief layout draws them); nodes that draw none are absent.
 */
export function insidesExtents(
  data: ReplayData,
  w: number,
  font: number,
  compact = false,
): Record<string, Extent> {
  scratch ??= document.createElement('canvas').getContext('2d');
  const out: Record<string, Extent> = {};
  if (!scratch) return out;
  const bounds = new InsidesBounds();
  const ctx = bounds.track(scratch);
  const end = data.replay.durationMs;
  const box = { x: 0, y: 0, w, h: 0 };
  for (const [id, kind] of data.kinds) {
    let most: Extent | null = null;
    for (let i = 0; i <= SAMPLES; i++) {
      const t = (end * i) / SAMPLES;
      ctx.save();
      bounds.begin(id);
      const drew = drawNodeInsides(ctx, data, id, kind, box, t, PLAIN, true, font, null, compact);
      bounds.end();
      ctx.restore();
      const b = bounds.boxes.get(id);
      bounds.boxes.delete(id);
      if (drew === false || !b) continue;
      const e = { w: Math.ceil(b.x1), h: Math.ceil(Math.max(b.y1, drew)) };
      most = most ? { w: Math.max(most.w, e.w), h: Math.max(most.h, e.h) } : e;
    }
    if (most) out[id] = most;
  }
  return out;
}
