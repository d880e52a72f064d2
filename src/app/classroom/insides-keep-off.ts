import { useMemo } from 'react';
import { useStore } from '@xyflow/react';
import type { Rect } from '../canvas/route';
import { flowRects, type PlacedNode } from '../canvas/to-flow';
import { useRunStore } from '../store/run';
import { insidesFont, textPxFor } from './draw-internals';
import type { Box } from './geometry';
import { GAP } from './insides-space';
import { planInsides } from './insides-plan';
import { replayData, scenarioOfResult, type ReplayData } from './replay-data';
import { useClassroom } from './store';

/**
 * Normal mode with a replay open: the boxes the edges' labels keep off (route.ts routeEdges), so
 * that a label does not sit in the room a node's insides need and cut them short. The room is
 * what the insides take among the nodes alone (insides-plan.ts planned without labels): the plan
 * that draws them reads the labels' places, so taking it from that plan would go round in a loop.
 * A gap is kept around each, as the plan keeps one from a label (insides-space.ts).
 */
export function insidesKeepOff(
  data: ReplayData,
  boxes: ReadonlyMap<string, Box>,
  font: number,
  /** A context to measure text with; else a scratch canvas's (insides-plan.ts). */
  measure?: CanvasRenderingContext2D,
): Rect[] {
  const out: Rect[] = [];
  for (const p of planInsides(data, boxes, font, measure, []).values()) {
    const r = p.reach;
    if (!r) continue;
    // From the node's bottom edge: no label between the node and its insides either.
    const x0 = Math.min(r.x0, p.space.x0) - GAP;
    out.push({ x: x0, y: p.space.y0, w: r.x1 + GAP - x0, h: r.y1 + GAP - p.space.y0 });
  }
  return out;
}

/** The last answer: the nodes change identity on every selection, not only when one moves. */
let last: { data: ReplayData; font: number; geometry: string; keepOff: Rect[] } | null = null;

/** insidesKeepOff, planned again only when a node moves or changes size (planning draws every node's insides many times). */
function keepOffFor(data: ReplayData, rects: ReadonlyMap<string, Box>, font: number): Rect[] {
  const geometry = [...rects].map(([id, r]) => `${id} ${r.x} ${r.y} ${r.w} ${r.h}`).join('|');
  if (last?.data !== data || last.font !== font || last.geometry !== geometry)
    last = { data, font, geometry, keepOff: insidesKeepOff(data, rects, font) };
  return last.keepOff;
}

/**
 * insidesKeepOff for the diagram on screen, at the insides' type size for the current zoom;
 * undefined while no replay is open or while presenting (presentation lays the room out itself),
 * so the labels are placed as before.
 */
export function useInsidesKeepOff(nodes: readonly PlacedNode[]): Rect[] | undefined {
  const active = useClassroom((s) => s.open && !s.presenting);
  const result = useRunStore((s) => (active ? s.result : null));
  const scenario = useRunStore((s) => (active ? scenarioOfResult(s) : null));
  const minPx = textPxFor(false, window.innerWidth, window.innerHeight);
  // In quarter units (draw-internals.ts insidesFont): routed again only when it changes.
  const font = useStore((s) => insidesFont(false, s.transform[2], minPx));
  return useMemo(() => {
    if (!result) return undefined;
    return keepOffFor(replayData(result, scenario), flowRects(nodes), font);
  }, [result, scenario, nodes, font]);
}
