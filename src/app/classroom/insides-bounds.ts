import type { Box } from './geometry';

/** A box by its edges (flow units). */
interface Edges {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

const ALL: Edges = { x0: -Infinity, y0: -Infinity, x1: Infinity, y1: Infinity };

function meet(a: Edges, b: Edges): Edges {
  return {
    x0: Math.max(a.x0, b.x0),
    y0: Math.max(a.y0, b.y0),
    x1: Math.min(a.x1, b.x1),
    y1: Math.min(a.y1, b.y1),
  };
}

/**
 * Where each node's insides were really drawn: a stand-in for the canvas's context that draws
 * through to it and, on the way, widens the box of the node being drawn by each text (measured
 * with the context's own measureText), rectangle and square, cut to the clip in force. The
 * layout is not worked out a second time: the box is what the drawing code drew. Used only
 * when paused (tests read it) and by the fit, never per frame while playing.
 */
export class InsidesBounds {
  readonly boxes = new Map<string, Edges>();
  /** The smallest type each node's insides were written in (flow units), read from the context's font as drawn. */
  readonly text = new Map<string, number>();
  private node: string | null = null;
  private clip: Edges = ALL;
  private clips: Edges[] = [];
  /** The rectangles of the path being built, for a clip() that follows. */
  private path: Edges | null = null;

  /** What is drawn from now on belongs to this node's insides. */
  begin(node: string): void {
    this.node = node;
  }

  end(): void {
    this.node = null;
  }

  /** The boxes as { node, x, y, w, h, text } (flow units; text: the smallest type, absent when none), in drawing order. */
  list(): { node: string; x: number; y: number; w: number; h: number; text?: number }[] {
    return [...this.boxes].map(([node, e]) => ({
      node,
      x: e.x0,
      y: e.y0,
      w: e.x1 - e.x0,
      h: e.y1 - e.y0,
      text: this.text.get(node),
    }));
  }

  /** The drawn boxes, in flow units, by node. */
  asBoxes(): Map<string, Box> {
    const out = new Map<string, Box>();
    for (const [node, e] of this.boxes) out.set(node, { x: e.x0, y: e.y0, w: e.x1 - e.x0, h: e.y1 - e.y0 });
    return out;
  }

  /** The type size of a text drawn now (squeezed narrower counts as smaller), if it is the node's smallest. */
  private noteType(font: string, squeeze: number): void {
    const px = /(\d+(?:\.\d+)?)px/.exec(font);
    if (this.node === null || !px) return;
    const size = Number(px[1]) * Math.max(0, squeeze);
    const was = this.text.get(this.node);
    if (was === undefined || size < was) this.text.set(this.node, size);
  }

  private add(x0: number, y0: number, x1: number, y1: number): void {
    if (this.node === null) return;
    const e = meet({ x0, y0, x1, y1 }, this.clip);
    if (!(e.x1 > e.x0 && e.y1 > e.y0)) return;
    const b = this.boxes.get(this.node);
    if (!b) this.boxes.set(this.node, e);
    else {
      b.x0 = Math.min(b.x0, e.x0);
      b.y0 = Math.min(b.y0, e.y0);
      b.x1 = Math.max(b.x1, e.x1);
      b.y1 = Math.max(b.y1, e.y1);
    }
  }

  /** The context to draw with: `ctx` itself for everything, with the drawing calls counted. */
  track(ctx: CanvasRenderingContext2D): CanvasRenderingContext2D {
    const own: Record<string, unknown> = {
      fillText: (text: string, x: number, y: number, maxWidth?: number) => {
        const m = ctx.measureText(text);
        this.noteType(ctx.font, maxWidth !== undefined && m.width > maxWidth ? maxWidth / m.width : 1);
        // Text wider than maxWidth is squeezed to it, from its start.
        const k = maxWidth !== undefined && m.width > maxWidth ? Math.max(0, maxWidth) / m.width : 1;
        this.add(
          x - m.actualBoundingBoxLeft * k,
          y - m.actualBoundingBoxAscent,
          x + m.actualBoundingBoxRight * k,
          y + m.actualBoundingBoxDescent,
        );
        if (maxWidth === undefined) ctx.fillText(text, x, y);
        else ctx.fillText(text, x, y, maxWidth);
      },
      fillRect: (x: number, y: number, w: number, h: number) => {
        this.add(Math.min(x, x + w), Math.min(y, y + h), Math.max(x, x + w), Math.max(y, y + h));
        ctx.fillRect(x, y, w, h);
      },
      strokeRect: (x: number, y: number, w: number, h: number) => {
        const l = ctx.lineWidth / 2;
        this.add(
          Math.min(x, x + w) - l,
          Math.min(y, y + h) - l,
          Math.max(x, x + w) + l,
          Math.max(y, y + h) + l,
        );
        ctx.strokeRect(x, y, w, h);
      },
      beginPath: () => {
        this.path = null;
        ctx.beginPath();
      },
      rect: (x: number, y: number, w: number, h: number) => {
        const e = {
          x0: Math.min(x, x + w),
          y0: Math.min(y, y + h),
          x1: Math.max(x, x + w),
          y1: Math.max(y, y + h),
        };
        const p = this.path;
        this.path = p
          ? {
              x0: Math.min(p.x0, e.x0),
              y0: Math.min(p.y0, e.y0),
              x1: Math.max(p.x1, e.x1),
              y1: Math.max(p.y1, e.y1),
            }
          : e;
        ctx.rect(x, y, w, h);
      },
      clip: () => {
        if (this.path) this.clip = meet(this.clip, this.path);
        ctx.clip();
      },
      save: () => {
        this.clips.push(this.clip);
        ctx.save();
      },
      restore: () => {
        this.clip = this.clips.pop() ?? ALL;
        ctx.restore();
      },
    };
    return new Proxy(ctx, {
      get(target, key) {
        if (typeof key === 'string' && key in own) return own[key];
        const v = Reflect.get(target, key, target) as unknown;
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
      set(target, key, value) {
        return Reflect.set(target, key, value, target);
      },
    });
  }
}

/** Flow units to CSS client pixels: the canvas's box on the page and the view's pan and zoom. */
export function toClient(
  list: { node: string; x: number; y: number; w: number; h: number; text?: number }[],
  canvas: { left: number; top: number },
  transform: readonly [number, number, number],
): { node: string; x: number; y: number; w: number; h: number; text?: number }[] {
  const [tx, ty, z] = transform;
  const r = (v: number) => Math.round(v * 100) / 100;
  return list.map((b) => ({
    node: b.node,
    x: r(canvas.left + tx + b.x * z),
    y: r(canvas.top + ty + b.y * z),
    w: r(b.w * z),
    h: r(b.h * z),
    ...(b.text === undefined ? {} : { text: r(b.text * z) }),
  }));
}
