import { DOT_LOOKS, DOT_ORDER, addDotPath, type DotLook } from './dot-style';
import type { DotAt, DotStyle } from './replay';
import { placeOf, type Scene } from './scene';

/**
 * A set of non-negative integers (pixel keys), emptied in O(1) by moving to a new generation:
 * open addressing in typed arrays, so a frame's look-ups allocate nothing.
 */
export class PixelSet {
  private keys = new Int32Array(1024);
  private gens = new Int32Array(1024);
  private gen = 1;

  /** Empties the set, with room for n keys (grows only when needed). */
  reset(n: number): void {
    if (this.keys.length < n * 2) {
      let size = this.keys.length;
      while (size < n * 2) size *= 2;
      this.keys = new Int32Array(size);
      this.gens = new Int32Array(size);
      this.gen = 0;
    }
    this.gen++;
    if (this.gen === 0x7fffffff) {
      this.gens.fill(0);
      this.gen = 1;
    }
  }

  /** Adds key; false when it was already there. */
  add(key: number): boolean {
    const mask = this.keys.length - 1;
    let i = Math.imul(key, 0x9e3779b1) >>> 0;
    i = (i ^ (i >>> 16)) & mask;
    while (this.gens[i] === this.gen) {
      if (this.keys[i] === key) return false;
      i = (i + 1) & mask;
    }
    this.gens[i] = this.gen;
    this.keys[i] = key;
    return true;
  }
}

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
  /** Bitmaps stamped in the last frame (at most n: one per style and device pixel). */
  stamps = 0;
  /** The pixels stamped so far in this style, this frame. */
  readonly seen = new PixelSet();
  private work = {
    x: new Float64Array(256),
    y: new Float64Array(256),
    style: new Int8Array(256),
    ix: new Int32Array(256),
    iy: new Int32Array(256),
    stamp: new Uint8Array(256),
    counts: new Int32Array(DOT_ORDER.length),
  };

  /** Per-frame working space for n dots, reused from frame to frame (grown, never shrunk). */
  scratch(n: number) {
    if (this.work.x.length < n) {
      const size = Math.max(n, this.work.x.length * 2);
      this.work.x = new Float64Array(size);
      this.work.y = new Float64Array(size);
      this.work.style = new Int8Array(size);
      this.work.ix = new Int32Array(size);
      this.work.iy = new Int32Array(size);
      this.work.stamp = new Uint8Array(size);
    }
    return this.work;
  }

  clear(): void {
    this.n = 0;
    this.stamps = 0;
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

/** Makes (or finds) the bitmap a dot style is stamped with; tests pass their own. */
export interface Sprites {
  get(style: DotStyle, px: number, contrast: boolean, outline: string): CanvasImageSource & { width: number };
}

/**
 * How far each shape reaches from its centre, in radii, and how far its outline's corners
 * (miter joins) stick out beyond that, in line widths: a sprite is only as large as its dot,
 * as a software-rendered canvas pays for every pixel of it, transparent or not.
 */
const REACH: Record<DotLook['shape'], [number, number]> = {
  circle: [1, 0.5],
  square: [1, 0.71],
  diamond: [1.3, 0.71],
  triangle: [1.35, 1.05],
  cross: [1.1, 1],
};

/** The side of the square bitmap a dot of this shape and radius (device pixels) is drawn in. */
export function spriteSize(shape: DotLook['shape'], px: number): number {
  const [r, miter] = REACH[shape];
  const lineWidth = Math.max(1, px * 0.35);
  return 2 * Math.ceil(px * r + lineWidth * miter + 1);
}

/**
 * Each dot style drawn once into a small bitmap (at the size it has on screen), then stamped
 * with drawImage: a software-rendered canvas fills one big path of 2,000 shapes slowly, and
 * blits small images quickly.
 */
const canvasSprites: Sprites = (() => {
  const made = new Map<string, HTMLCanvasElement | ImageBitmap>();
  return {
    get(style, px, contrast, outline) {
      const key = `${style}|${px}|${contrast}|${outline}`;
      let c = made.get(key);
      if (c) return c;
      if (made.size > 200) made.clear();
      const look = DOT_LOOKS[style];
      const size = spriteSize(look.shape, px);
      // An ImageBitmap where there is one: stamping a <canvas> makes Chromium snapshot it on every drawImage.
      const offscreen = typeof OffscreenCanvas === 'function' ? new OffscreenCanvas(size, size) : null;
      const el = offscreen ? null : document.createElement('canvas');
      if (el) el.width = el.height = size;
      const g = (offscreen ?? el)!.getContext('2d')! as CanvasRenderingContext2D;
      g.fillStyle = contrast ? look.contrast : look.fill;
      g.strokeStyle = outline;
      g.lineWidth = Math.max(1, px * 0.35);
      g.beginPath();
      addDotPath(g, look.shape, size / 2, size / 2, px);
      g.fill();
      g.stroke();
      c = offscreen ? offscreen.transferToImageBitmap() : el!;
      made.set(key, c);
      return c;
    },
  };
})();

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
 *
 * Every dot is placed and recorded in `out` (clicks, following and the tests' digest see them
 * all), but a bitmap is stamped once per style and device pixel: dots waiting at a node sit in
 * one row, a thousand of them on a few hundred pixels, and a stamp covered by the same
 * picture on the same pixel later adds nothing but a shade to its antialiased rim. Stamps wholly off the
 * canvas are skipped too. Nothing is allocated here once the buffers have grown to the
 * largest frame.
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
  sprites: Sprites = canvasSprites,
): void {
  out.clear();
  const s = out.scratch(dots.length);
  const counts = s.counts.fill(0);
  for (let i = 0; i < dots.length; i++) {
    const p = placeOf(dots[i], scene, r);
    const st = p ? STYLE_INDEX[dots[i].style] : -1;
    s.style[i] = st;
    if (!p) continue;
    s.x[i] = p.x;
    s.y[i] = p.y;
    counts[st]++;
  }
  ctx.save();
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  const px = Math.max(1.5, Math.round(r * tf.k * 2) / 2);
  const w = ctx.canvas.width;
  const h = ctx.canvas.height;
  out.stamps = 0;
  for (let st = 0; st < DOT_ORDER.length; st++) {
    if (counts[st] === 0) continue;
    const sprite = sprites.get(DOT_ORDER[st], px, contrast, outline);
    const side = sprite.width;
    const half = side / 2;
    const seen = out.seen;
    seen.reset(counts[st]);
    // Backwards first: of the dots of this style on one pixel, the last is the one on top, so
    // it is the one stamped (the picture is that of stamping them all, up to the rims' shade).
    for (let i = dots.length - 1; i >= 0; i--) {
      if (s.style[i] !== st) continue;
      const ix = Math.round(s.x[i] * tf.k + tf.dx - half);
      const iy = Math.round(s.y[i] * tf.k + tf.dy - half);
      s.ix[i] = ix;
      s.iy[i] = iy;
      s.stamp[i] =
        ix > -side && iy > -side && ix < w && iy < h && seen.add((iy + side) * (w + 2 * side) + ix + side)
          ? 1
          : 0;
    }
    for (let i = 0; i < dots.length; i++) {
      if (s.style[i] !== st) continue;
      out.push(s.x[i], s.y[i], dots[i].trace, dots[i].visit);
      if (s.stamp[i] === 0) continue;
      ctx.drawImage(sprite, s.ix[i], s.iy[i]);
      out.stamps++;
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

const STYLE_INDEX = Object.fromEntries(DOT_ORDER.map((st, i) => [st, i])) as Record<DotStyle, number>;
