import { edgeLabelScale, labelSize } from '../canvas/route';
import type { Box } from './geometry';

/** What an edge carries that places its label (canvas/to-flow.ts, route.ts). */
interface LabelledEdge {
  data?: { label?: string; route?: { label: { x: number; y: number } } };
}

/**
 * The boxes of the edges' labels at `zoom` (flow units), as the router sizes them (generously):
 * the insides keep clear of them as of the nodes. Labels zoomed out of sight take no room.
 */
export function edgeLabelBoxes(edges: Iterable<LabelledEdge>, zoom: number): Box[] {
  const scale = edgeLabelScale(zoom);
  const out: Box[] = [];
  if (scale <= 0) return out;
  for (const e of edges) {
    const text = e.data?.label;
    const at = e.data?.route?.label;
    if (!text || !at) continue;
    const { w, h } = labelSize(text);
    out.push({ x: at.x - (w * scale) / 2, y: at.y - (h * scale) / 2, w: w * scale, h: h * scale });
  }
  return out;
}
