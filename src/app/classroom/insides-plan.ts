import type { Colors } from './draw-internals';
import { drawNodeInsides } from './draw-internals';
import type { Box } from './geometry';
import { InsidesBounds } from './insides-bounds';
import { spacesOf, type Space } from './insides-space';
import type { ReplayData } from './replay-data';

/**
 * Normal mode: how much of each node's insides is drawn, so that they stay in the space its
 * neighbours leave (insides-space.ts): all of it where it fits at every instant of the run,
 * else its words and one row, else one line of its key figures, else nothing (the node's own
 * badges still say them). Measured by drawing them (insides-bounds.ts) at instants over the run
 * onto a scratch canvas, so the choice does not flicker while the replay plays.
 */
export interface Fit {
  /** 0 all, 1 words and one row, 2 one line, 3 nothing. */
  level: 0 | 1 | 2 | 3;
  /** The width the lines may take from the node's left edge (flow units). */
  width: number;
}

export interface Planned {
  fit: Fit;
  space: Space;
  /** The box the chosen level's drawing takes over the run (flow units), null when nothing is drawn. */
  reach: { x0: number; y0: number; x1: number; y1: number } | null;
}

const PLAIN: Colors = { surface: '#fff', text: '#000', muted: '#333', border: '#000', accent: '#03c' };
/** Instants looked at over the run (each draw is cheap; a busier instant in between is clipped). */
const SAMPLES = 32;

let scratch: CanvasRenderingContext2D | null = null;
/** The last plans, for the boxes and data they were made for, by type size. */
let cache: {
  data: ReplayData;
  boxes: ReadonlyMap<string, Box>;
  byFont: Map<string, Map<string, Planned>>;
} | null = null;

/** The plan for every node that draws insides (absent: it draws none). */
export function planInsides(
  data: ReplayData,
  boxes: ReadonlyMap<string, Box>,
  font: number,
  /** A context to measure text with (nothing is drawn on it); else a scratch canvas's. */
  measure?: CanvasRenderingContext2D,
  /** Other things the insides keep clear of: the edges' labels (label-boxes.ts). */
  labels: readonly Box[] = [],
): Map<string, Planned> {
  if (!cache || cache.data !== data || cache.boxes !== boxes) cache = { data, boxes, byFont: new Map() };
  const key = `${font}|${labels.map((b) => `${Math.round(b.x)},${Math.round(b.y)},${Math.round(b.w)}`).join(' ')}`;
  let plan = cache.byFont.get(key);
  if (!plan) {
    scratch ??= document.createElement('canvas').getContext('2d');
    const with_ = measure ?? scratch;
    plan = with_ ? makePlan(dry(with_), data, boxes, font, labels) : new Map<string, Planned>();
    // A zoom that is animated passes through many sizes: keep the last few.
    if (cache.byFont.size > 8) cache.byFont.clear();
    cache.byFont.set(key, plan);
  }
  return plan;
}

/** Drawing calls that draw nothing: measuring and the context's state (font, save, restore) only. */
const NOT_DRAWN = new Set([
  'fillText',
  'fillRect',
  'strokeRect',
  'stroke',
  'fill',
  'beginPath',
  'rect',
  'clip',
  'moveTo',
  'lineTo',
]);

/** `ctx` for measuring only: what would be drawn is not (insides-bounds.ts still sees it). */
function dry(ctx: CanvasRenderingContext2D): CanvasRenderingContext2D {
  const none = () => {};
  return new Proxy(ctx, {
    get(target, key) {
      if (typeof key === 'string' && NOT_DRAWN.has(key)) return none;
      const v = Reflect.get(target, key, target) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
    set(target, key, value) {
      return Reflect.set(target, key, value, target);
    },
  });
}

function makePlan(
  measure: CanvasRenderingContext2D,
  data: ReplayData,
  boxes: ReadonlyMap<string, Box>,
  font: number,
  labels: readonly Box[],
): Map<string, Planned> {
  const out = new Map<string, Planned>();
  const bounds = new InsidesBounds();
  const ctx = bounds.track(measure);
  const end = data.replay.durationMs;
  const drawing = [...data.kinds.keys()].filter((id) => boxes.has(id));
  // The labels count as nodes that draw nothing (keys no node id can take: ids are the scenario's).
  const obstacles = new Map(boxes);
  labels.forEach((b, i) => obstacles.set(`\u0000label ${i}`, b));
  const spaces = spacesOf(obstacles, drawing);
  for (const id of drawing) {
    const box = boxes.get(id)!;
    const space = spaces.get(id)!;
    const width = space.x1 - space.x0;
    let chosen: Planned | null = null;
    let drewAny = false;
    for (const level of [0, 1, 2] as const) {
      const fit: Fit = { level, width };
      let reach: Planned['reach'] = null;
      let drew = false;
      for (let i = 0; i <= SAMPLES; i++) {
        ctx.save();
        bounds.begin(id);
        const bottom = drawNodeInsides(
          ctx,
          data,
          id,
          data.kinds.get(id)!,
          box,
          (end * i) / SAMPLES,
          PLAIN,
          false,
          font,
          null,
          false,
          fit,
        );
        bounds.end();
        ctx.restore();
        const b = bounds.boxes.get(id);
        bounds.boxes.delete(id);
        if (bottom === false || !b) continue;
        drew = true;
        const y1 = Math.max(b.y1, bottom - 5);
        reach = reach
          ? {
              x0: Math.min(reach.x0, b.x0),
              y0: Math.min(reach.y0, b.y0),
              x1: Math.max(reach.x1, b.x1),
              y1: Math.max(reach.y1, y1),
            }
          : { x0: b.x0, y0: b.y0, x1: b.x1, y1 };
      }
      if (!drew) break;
      drewAny = true;
      if (reach && reach.y1 <= space.y1 && reach.x1 <= space.x1 + 1) {
        chosen = { fit, space, reach };
        break;
      }
    }
    if (chosen) out.set(id, chosen);
    // Nothing fits: nothing is drawn (the node's badges still give its figures).
    else if (drewAny) out.set(id, { fit: { level: 3, width }, space, reach: null });
  }
  return out;
}

/**
 * The box the diagram (its nodes and edges' labels) and what the replay draws under its nodes
 * take (flow units), at `font`: what the fit makes room for in normal mode.
 */
export function reachOfDiagram(
  data: ReplayData,
  boxes: ReadonlyMap<string, Box>,
  font: number,
  labels: readonly Box[] = [],
): { x: number; y: number; w: number; h: number } | null {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  const add = (a: number, b: number, c: number, d: number) => {
    x0 = Math.min(x0, a);
    y0 = Math.min(y0, b);
    x1 = Math.max(x1, c);
    y1 = Math.max(y1, d);
  };
  // The edges' labels too: one above the top row ("batch 10") was cut by the canvas's edge.
  for (const b of [...boxes.values(), ...labels]) add(b.x, b.y, b.x + b.w, b.y + b.h);
  for (const p of planInsides(data, boxes, font, undefined, labels).values())
    if (p.reach) add(p.reach.x0, p.reach.y0, p.reach.x1, p.reach.y1);
  if (!(x1 > x0 && y1 > y0)) return null;
  return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}
