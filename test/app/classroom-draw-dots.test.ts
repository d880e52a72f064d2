import { describe, expect, it } from 'vitest';
import { addDotPath, DOT_LOOKS, DOT_ORDER } from '../../src/app/classroom/dot-style';
import { DrawnDots, drawDots, PixelSet, spriteSize, type Sprites } from '../../src/app/classroom/draw-dots';
import { nodeSlotPoint } from '../../src/app/classroom/geometry';
import type { DotAt, DotStyle } from '../../src/app/classroom/replay';
import type { Scene } from '../../src/app/classroom/scene';

/** A 2D context that only records what was stamped where. */
function recorder(width = 1920, height = 1080) {
  const stamps: { sprite: string; x: number; y: number }[] = [];
  const ctx = {
    canvas: { width, height },
    save() {},
    restore() {},
    setTransform() {},
    beginPath() {},
    moveTo() {},
    arc() {},
    stroke() {},
    drawImage(img: { id: string }, x: number, y: number) {
      stamps.push({ sprite: img.id, x, y });
    },
  };
  return { ctx: ctx as unknown as CanvasRenderingContext2D, stamps };
}

/** Sprites of the real size, named by style. */
const fakeSprites: Sprites = {
  get: (style, px) => {
    const side = spriteSize(DOT_LOOKS[style].shape, px);
    return { id: style, width: side, height: side } as unknown as HTMLCanvasElement;
  },
};

const box = { x: 100, y: 200, w: 180, h: 60 };
const scene: Scene = { boxes: new Map([['fn', box]]), lines: new Map(), chains: new WeakMap() };
const at = (trace: number, slot: number, style: DotStyle = 'normal'): DotAt => ({
  trace,
  visit: trace,
  style,
  place: { at: 'node', node: 'fn', slot },
});
const tf = { k: 1.5, dx: 40, dy: 30 };

describe('the dot layer', () => {
  it('records every dot but stamps each style once per device pixel, where the scene puts it', () => {
    const { ctx, stamps } = recorder();
    const out = new DrawnDots();
    // Three requests on one slot, one a slot away, and an error on the first slot.
    const dots = [at(0, 0.5), at(1, 0.5), at(2, 0.5), at(3, 0.7), at(4, 0.5, 'error')];
    drawDots(ctx, dots, scene, 8, false, '#fff', null, out, tf, fakeSprites);
    expect(out.n).toBe(5);
    expect(Array.from(out.trace.subarray(0, 5))).toEqual([0, 1, 2, 3, 4]);
    expect(out.stamps).toBe(3);
    const p = nodeSlotPoint(box, 0.5, 8);
    const q = nodeSlotPoint(box, 0.7, 8);
    // r 8 at k 1.5: a 12 px radius; a circle's sprite is 2·ceil(12 + 4.2·0.5 + 1) = 32 px wide.
    const half = 16;
    expect(stamps).toEqual([
      { sprite: 'normal', x: Math.round(p.x * 1.5 + 40 - half), y: Math.round(p.y * 1.5 + 30 - half) },
      { sprite: 'normal', x: Math.round(q.x * 1.5 + 40 - half), y: Math.round(q.y * 1.5 + 30 - half) },
      // The cross's sprite: 2·ceil(12·1.1 + 4.2 + 1) = 38 px.
      { sprite: 'error', x: Math.round(p.x * 1.5 + 40 - 19), y: Math.round(p.y * 1.5 + 30 - 19) },
    ]);
  });

  it('of the dots on one pixel it stamps the last, the one on top when all are stamped', () => {
    const { ctx, stamps } = recorder();
    const out = new DrawnDots();
    // A on slot 0.5, B on 0.52 (4 px to the right, overlapping A), then A' on A's pixel: drawn
    // in full, A' lies over B; so the stamps are B then A', not A then B.
    drawDots(ctx, [at(0, 0.5), at(1, 0.52), at(2, 0.5)], scene, 8, false, '#fff', null, out, tf, fakeSprites);
    const p = nodeSlotPoint(box, 0.5, 8);
    const q = nodeSlotPoint(box, 0.52, 8);
    expect(stamps.map((s) => s.x)).toEqual([
      Math.round(q.x * 1.5 + 40 - 16),
      Math.round(p.x * 1.5 + 40 - 16),
    ]);
    expect(out.stamps).toBe(2);
    expect(out.n).toBe(3);
  });

  it('stamps nothing for dots off the canvas, and still records them (clicks, following)', () => {
    const { ctx, stamps } = recorder(200, 100);
    const out = new DrawnDots();
    drawDots(
      ctx,
      [at(0, 0), at(1, 1)],
      scene,
      8,
      false,
      '#fff',
      null,
      out,
      { k: 1, dx: -150, dy: -100 },
      fakeSprites,
    );
    // An 8 px circle's sprite: 2·ceil(8 + 2.8·0.5 + 1) = 22 px. Slot 0 is at x = 116 - 150 = -34, its
    // sprite from -45 to -23: off. Slot 1 at x = 264 - 150 = 114, its sprite from 103: on.
    expect(out.n).toBe(2);
    expect(stamps.map((s) => s.x)).toEqual([103]);
  });

  it('reuses its buffers: a second frame of no more dots allocates no typed array', () => {
    const { ctx } = recorder();
    const out = new DrawnDots();
    const dots = Array.from({ length: 3000 }, (_, i) => at(i, (i % 997) / 997, DOT_ORDER[i % 5]));
    drawDots(ctx, dots, scene, 8, true, '#fff', null, out, tf, fakeSprites);
    const before = [out.x, out.y, out.trace, out.visit, out.scratch(3000).x, out.scratch(3000).style];
    const real = globalThis.Float64Array;
    let made = 0;
    globalThis.Float64Array = new Proxy(real, {
      construct(target, args) {
        made++;
        return Reflect.construct(target, args);
      },
    });
    try {
      drawDots(ctx, dots.slice(0, 2500), scene, 8, true, '#fff', null, out, tf, fakeSprites);
    } finally {
      globalThis.Float64Array = real;
    }
    expect(made).toBe(0);
    expect([out.x, out.y, out.trace, out.visit, out.scratch(3000).x, out.scratch(3000).style]).toEqual(
      before,
    );
    expect(out.n).toBe(2500);
  });

  it("makes each sprite big enough for its shape's outline and corners", () => {
    for (const style of DOT_ORDER) {
      const shape = DOT_LOOKS[style].shape;
      for (const px of [1.5, 5.5, 8, 12, 20]) {
        // The path's extent, read off the points it is made of.
        let reach = 0;
        const note = (x: number, y: number) => (reach = Math.max(reach, Math.abs(x), Math.abs(y)));
        const g = {
          moveTo: note,
          lineTo: note,
          arc: (x: number, y: number, r: number) => note(Math.abs(x) + r, Math.abs(y) + r),
          rect: (x: number, y: number, w: number, h: number) => (note(x, y), note(x + w, y + h)),
          closePath() {},
        } as unknown as CanvasRenderingContext2D;
        addDotPath(g, shape, 0, 0, px);
        const half = Math.max(1, px * 0.35) / 2;
        // A sharp corner's miter goes out to half the line width over sin(half its angle): at most about 1.03 line widths here.
        const miter = shape === 'circle' ? half : shape === 'triangle' ? 2.06 * half : 1.42 * half;
        expect(spriteSize(shape, px) / 2, `${shape} at ${px}`).toBeGreaterThanOrEqual(reach + miter);
      }
    }
  });

  it('a pixel set says once that it has each key, and empties between frames', () => {
    const set = new PixelSet();
    set.reset(3000);
    const keys = Array.from({ length: 3000 }, (_, i) => (i * 7919) % 2_000_000);
    expect(keys.map((k) => set.add(k)).every(Boolean)).toBe(true);
    expect(keys.map((k) => set.add(k)).some(Boolean)).toBe(false);
    set.reset(10);
    expect(set.add(keys[5])).toBe(true);
  });
});
