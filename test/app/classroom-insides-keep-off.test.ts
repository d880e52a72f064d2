import { describe, expect, it } from 'vitest';
import { routeEdges, labelSize, type Rect } from '../../src/app/canvas/route';
import { drawInternals } from '../../src/app/classroom/draw-internals';
import type { Box } from '../../src/app/classroom/geometry';
import { insidesKeepOff } from '../../src/app/classroom/insides-keep-off';
import { fakeContext } from './fake-context';
import { COLORS as C, functionReplay } from './function-replay';

describe('normal mode with a replay: edge labels kept clear of the room the insides need (insides-keep-off.ts)', () => {
  const { data, fn, t } = functionReplay();
  const text = 'only files';

  // The function, and an edge between two nodes either side of it whose line passes 40 units
  // under it: the label's first choice, the line's middle, is right under the function.
  const fnBox = { x: 100, y: 200, w: 300, h: 60 };
  const left = { x: -400, y: 270, w: 200, h: 60 };
  const right = { x: 700, y: 270, w: 200, h: 60 };
  const boxes = new Map<string, Box>([
    [fn, fnBox],
    ['left', left],
    ['right', right],
  ]);

  /** The label's box as routed (with `keepOff`), and what the insides then draw at t. */
  function labelThenInsides(keepOff: readonly Rect[]) {
    const size = labelSize(text);
    const [route] = routeEdges([{ src: left, tgt: right, label: size }], [fnBox, left, right], keepOff);
    const label = { x: route.label.x - size.w / 2, y: route.label.y - size.h / 2, w: size.w, h: size.h };
    const { ctx } = fakeContext();
    const cut: string[] = [];
    drawInternals(ctx, data, boxes, t, C, false, 1, 0, cut, undefined, [label]);
    return { label, cut };
  }

  it('without it the label sits under the function and cuts its insides short (the failure it prevents)', () => {
    const { label, cut } = labelThenInsides([]);
    expect(label.x).toBeLessThan(fnBox.x + fnBox.w);
    expect(label.x + label.w).toBeGreaterThan(fnBox.x);
    expect(cut).toEqual([fn]);
  });

  it('with it the label moves out of that room and the insides are drawn whole', () => {
    const { ctx } = fakeContext();
    const keepOff = insidesKeepOff(data, boxes, 11, ctx as unknown as CanvasRenderingContext2D);
    // One box, for the function only (the other two draw no insides), starting under it.
    expect(keepOff).toHaveLength(1);
    expect(keepOff[0].y).toBe(fnBox.y + fnBox.h);
    const { label, cut } = labelThenInsides(keepOff);
    expect(cut).toEqual([]);
    const k = keepOff[0];
    const clear = label.x >= k.x + k.w || label.x + label.w <= k.x || label.y >= k.y + k.h;
    expect(clear).toBe(true);
  });
});
