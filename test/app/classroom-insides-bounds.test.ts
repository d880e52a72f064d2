import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { drawInternals } from '../../src/app/classroom/draw-internals';
import type { Box } from '../../src/app/classroom/geometry';
import { InsidesBounds, toClient } from '../../src/app/classroom/insides-bounds';
import { replayData } from '../../src/app/classroom/replay-data';
import { classroomRunOptions } from '../../src/app/classroom/run-options';
import { simulate } from '../../src/engine/simulate';
import { fakeContext } from './fake-context';

const C = { surface: '#fff', text: '#111', muted: '#555', border: '#999', accent: '#1d5cc0' };

describe('where each node’s insides are drawn (data-insides-boxes)', () => {
  it('text, rectangles and outlines widen the box; a clip cuts it; nothing counts outside begin/end', () => {
    const { ctx } = fakeContext();
    const b = new InsidesBounds();
    const g = b.track(ctx);
    g.fillText('outside', -500, -500);
    b.begin('a');
    g.fillText('abcd', 10, 20); // 24 × 10
    g.fillRect(0, 40, 5, 5);
    g.lineWidth = 2;
    g.strokeRect(50, 50, 10, 10); // the line's half-width outside the square
    g.save();
    g.beginPath();
    g.rect(0, 0, 1000, 70);
    g.clip();
    g.fillRect(0, 65, 10, 100); // only down to the clip
    g.restore();
    g.fillText('abcdefghij', 0, 80, 30); // squeezed to 30 wide
    b.end();
    g.fillRect(2000, 2000, 5, 5);
    expect(ctx.lineWidth).toBe(2);
    expect(b.list()).toEqual([{ node: 'a', x: 0, y: 20, w: 61, h: 70 }]);
    // On screen: the canvas at (100, 50), panned by (10, 20), zoom 2.
    expect(toClient(b.list(), { left: 100, top: 50 }, [10, 20, 2])).toEqual([
      { node: 'a', x: 110, y: 110, w: 122, h: 140 },
    ]);
  });

  it('the smallest type written, read from the font as drawn: squeezed text counts as smaller', () => {
    const { ctx } = fakeContext();
    const b = new InsidesBounds();
    const g = b.track(ctx);
    b.begin('a');
    g.font = '600 12px system-ui';
    g.fillText('abcd', 0, 0);
    g.font = '600 11px system-ui';
    g.fillText('ab', 0, 20);
    b.end();
    b.begin('b');
    g.font = '600 12px system-ui';
    g.fillText('abcdefghij', 0, 0, 30); // 60 wide squeezed to 30: as small as 6 px type
    b.end();
    expect(b.list().map((x) => [x.node, x.text])).toEqual([
      ['a', 11],
      ['b', 6],
    ]);
    expect(toClient(b.list(), { left: 0, top: 0 }, [0, 0, 2]).map((x) => x.text)).toEqual([22, 12]);
  });

  it("a function's environments: the box is the bar, the words and the slots as drawn; a second line of words makes it one line taller", () => {
    const doc = JSON.parse(
      readFileSync(resolve(import.meta.dirname, '../../src/templates/api-function.json'), 'utf8'),
    );
    const result = simulate(doc, classroomRunOptions(doc));
    const data = replayData(result, doc);
    const [fn] = [...data.internals.functions.keys()];
    expect(fn).toBeTruthy();
    const t = Math.round(result.simulatedSeconds * 500);
    const boxOf = (w: number) => {
      const { ctx, calls } = fakeContext();
      const boxes = new Map<string, Box>([[fn, { x: 100, y: 200, w, h: 60 }]]);
      const bounds = new InsidesBounds();
      drawInternals(ctx, data, boxes, t, C, false, 1, 0, undefined, bounds);
      const texts = calls.filter((c) => c.startsWith('text ')).map((c) => c.slice(5));
      return { box: bounds.list().find((x) => x.node === fn)!, texts };
    };
    // 11-unit type (normal mode at zoom 1), 12-unit slots 3 apart, the bar 2 under the node.
    const wide = boxOf(600);
    expect(wide.texts).toHaveLength(1);
    const envs = (wide.texts[0].match(/(\d+) busy/)?.[1] ?? '0') as string;
    const idle = Number(wide.texts[0].match(/(\d+) idle/)?.[1] ?? 0);
    const n = Number(envs) + idle;
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThanOrEqual(40);
    // By hand: the bar at y 262 (200 + 60 + 2), the words at 266, the slots' row at 266 + 11 + 5,
    // 12 high, outlined with a 1.5-unit line (0.75 outside the square).
    expect(wide.box).toEqual({
      node: fn,
      x: 100 - 0.75,
      y: 262,
      w: Math.max(600, wide.texts[0].length * 6, (n - 1) * 15 + 12 + 0.75) + 0.75,
      h: 266 + 16 + 12 + 0.75 - 262,
      text: 11,
    });
    // Just wide enough for the n slots in one row (12 + 3 apart), too narrow for the words on one
    // line: they take two (each 11 + 2 under the last), and the box is one line taller.
    const narrow = boxOf(n * 15 - 3);
    expect(narrow.texts).toHaveLength(2);
    expect(narrow.box.h).toBe(wide.box.h + 13);
  });
});
