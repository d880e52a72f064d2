import { describe, expect, it } from 'vitest';
import { drawInternals } from '../../src/app/classroom/draw-internals';
import type { Box } from '../../src/app/classroom/geometry';
import { InsidesBounds } from '../../src/app/classroom/insides-bounds';
import { GAP } from '../../src/app/classroom/insides-space';
import { fakeContext } from './fake-context';
import { COLORS as C, functionReplay } from './function-replay';

describe('normal mode: a function’s insides drawn in the room above the node below it (insides-plan.ts)', () => {
  const { data, fn, t } = functionReplay();

  /** The function at (100, 200), 300 × 60, and another node `gap` under it; drawn at zoom 1 (11-unit type). */
  function drawWithGap(gap: number) {
    const { ctx, calls } = fakeContext();
    const below = { x: 100, y: 260 + gap, w: 300, h: 60 };
    const boxes = new Map<string, Box>([
      [fn, { x: 100, y: 200, w: 300, h: 60 }],
      ['below', below],
    ]);
    const bounds = new InsidesBounds();
    const cut: string[] = [];
    drawInternals(ctx, data, boxes, t, C, false, 1, 0, cut, bounds);
    return {
      texts: calls.filter((c) => c.startsWith('text ')),
      outlines: calls.filter((c) => c === 'strokeRect').length,
      box: bounds.asBoxes().get(fn),
      cut,
      floor: below.y - GAP,
    };
  }

  it('room enough: all of it (the words, the limit and the environments), nothing cut', () => {
    const d = drawWithGap(400);
    expect(d.cut).toEqual([]);
    expect(d.texts.join()).toContain('limit');
    expect(d.outlines).toBeGreaterThan(0);
    expect(d.box!.y + d.box!.h).toBeLessThanOrEqual(d.floor);
  });

  it('room for one line: that line of key figures, no environments, and it ends above the node below', () => {
    // The words start 6 under the node and are 11 high; 24 leaves one line and no row of squares.
    const d = drawWithGap(GAP + 24);
    expect(d.cut).toEqual([fn]);
    expect(d.texts).toHaveLength(1);
    expect(d.texts[0]).toMatch(/busy/);
    expect(d.outlines).toBe(0);
    expect(d.box!.y + d.box!.h).toBeLessThanOrEqual(d.floor);
  });

  it('an edge’s label under the node counts as a node: the insides end above it', () => {
    const { ctx, calls } = fakeContext();
    const boxes = new Map<string, Box>([[fn, { x: 100, y: 200, w: 300, h: 60 }]]);
    const bounds = new InsidesBounds();
    const label = { x: 150, y: 260 + GAP + 24, w: 60, h: 24 };
    drawInternals(ctx, data, boxes, t, C, false, 1, 0, [], bounds, [label]);
    const box = bounds.asBoxes().get(fn)!;
    expect(box.y + box.h).toBeLessThanOrEqual(label.y - GAP);
    expect(calls.filter((c) => c.startsWith('text '))).toHaveLength(1);
  });

  it('no room for a line: nothing is drawn under it (rather than over the node below)', () => {
    const d = drawWithGap(GAP + 10);
    expect(d.cut).toEqual([fn]);
    expect(d.texts).toEqual([]);
    expect(d.box).toBeUndefined();
  });
});
