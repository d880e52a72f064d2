import { DOT_LOOKS, DOT_ORDER, addDotPath } from './dot-style';
import type { DotAt, DotStyle } from './replay';
import { placeOf, type Scene } from './scene';

/**
 * Where the dots of the last frame were drawn (flow coordinates), for clicks and for the
 * view that follows a request. Typed arrays reused from frame to frame: drawing 2,000 dots
 * 60 times a second allocates next to nothing here.
 */
export class DrawnDots {
  x = new Float64Array(256);
  y = new Float64Array(256);
  trace = new Int32Array(256);
  visit = new Int32Array(256);
  n = 0;

  clear(): void {
    this.n = 0;
  }

  push(x: number, y: number, trace: number, visit: number): void {
    if (this.n === this.x.length) {
      const grow = <T extends Float64Array | Int32Array>(a: T): T => {
        const b = new (a.constructor as new (n: number) => T)(a.length * 2);
        b.set(a);
        return b;
      };
      this.x = grow(this.x);
      this.y = grow(this.y);
      this.trace = grow(this.trace);
      this.visit = grow(this.visit);
    }
    const i = this.n++;
    this.x[i] = x;
    this.y[i] = y;
    this.trace[i] = trace;
    this.visit[i] = visit;
  }

  /** The dot nearest to p within maxDist, as an index, or -1. */
  nearest(px: number, py: number, maxDist: number): number {
    let best = -1;
    let bestD = maxDist * maxDist;
    for (let i = 0; i < this.n; i++) {
      const dx = this.x[i] - px;
      const dy = this.y[i] - py;
      const d = dx * dx + dy * dy;
      if (d <= bestD) {
        best = i;
        bestD = d;
      }
    }
    return best;
  }

  /** A digest of what was drawn where (tests compare two pictures with it). */
  digest(): string {
    let h = 2166136261;
    for (let i = 0; i < this.n; i++)
      h = Math.imul(
        h ^ (Math.round(this.x[i] * 10) * 31 + Math.round(this.y[i] * 10) + this.trace[i] * 7919),
        16777619,
      );
    return (h >>> 0).toString(16);
  }
}

/**
 * Each dot style drawn once into a small bitmap (at the size it has on screen), then stamped
 * with drawImage: a software-rendered canvas fills one big path of 2,000 shapes slowly, and
 * blits 2,000 small images quickly.
 */
const sprites = new Map<string, HTMLCanvasElement>();

function spriteOf(style: DotStyle, px: number, contrast: boolean, outline: string): HTMLCanvasElement {
  const key = `${style}|${px}|${contrast}|${outline}`;
  let c = sprites.get(key);
  if (c) return c;
  if (sprites.size > 200) sprites.clear();
  const size = Math.ceil(px * 3 + 4);
  c = document.createElement('canvas');
  c.width = size;
  c.height = size;
  const g = c.getContext('2d')!;
  const look = DOT_LOOKS[style];
  g.fillStyle = contrast ? look.contrast : look.fill;
  g.strokeStyle = outline;
  g.lineWidth = Math.max(1, px * 0.35);
  g.beginPath();
  addDotPath(g, look.shape, size / 2, size / 2, px);
  g.fill();
  g.stroke();
  sprites.set(key, c);
  return c;
}

/** The canvas's mapping from flow coordinates to device pixels: x' = x·k + dx. */
export interface DeviceTransform {
  k: number;
  dx: number;
  dy: number;
}

/**
 * Draws every dot, styles in a fixed order so errors and dead letters lie over ordinary
 * requests; the followed request gets a ring. Draws in device pixels (the caller's transform
 * is reset here), positions from the scene in flow coordinates.
 */
export function drawDots(
  ctx: CanvasRenderingContext2D,
  dots: readonly DotAt[],
  scene: Scene,
  r: number,
  contrast: boolean,
  outline: string,
  selected: number | null,
  out: DrawnDots,
  tf: DeviceTransform,
): void {
  out.clear();
  const byStyle: Record<DotStyle, number[]> = { normal: [], cold: [], retry: [], error: [], dlq: [] };
  const xs = new Float64Array(dots.length);
  const ys = new Float64Array(dots.length);
  for (let i = 0; i < dots.length; i++) {
    const p = placeOf(dots[i], scene, r);
    if (!p) continue;
    xs[i] = p.x;
    ys[i] = p.y;
    byStyle[dots[i].style].push(i);
  }
  ctx.save();
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  const px = Math.max(1.5, Math.round(r * tf.k * 2) / 2);
  for (const style of DOT_ORDER) {
    const list = byStyle[style];
    if (list.length === 0) continue;
    const sprite = spriteOf(style, px, contrast, outline);
    const half = sprite.width / 2;
    for (const i of list) {
      ctx.drawImage(sprite, Math.round(xs[i] * tf.k + tf.dx - half), Math.round(ys[i] * tf.k + tf.dy - half));
      out.push(xs[i], ys[i], dots[i].trace, dots[i].visit);
    }
  }
  if (selected !== null) {
    ctx.strokeStyle = contrast ? '#000' : '#111827';
    ctx.lineWidth = 2.5 * Math.max(1, tf.k);
    ctx.beginPath();
    for (let i = 0; i < out.n; i++) {
      if (out.trace[i] !== selected) continue;
      const x = out.x[i] * tf.k + tf.dx;
      const y = out.y[i] * tf.k + tf.dy;
      ctx.moveTo(x + px * 2.2, y);
      ctx.arc(x, y, px * 2.2, 0, Math.PI * 2);
    }
    ctx.stroke();
  }
  ctx.restore();
}
