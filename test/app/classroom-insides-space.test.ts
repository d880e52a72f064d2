import { describe, expect, it } from 'vitest';
import type { Box } from '../../src/app/classroom/geometry';
import { GAP, spacesOf } from '../../src/app/classroom/insides-space';

const boxes = (list: Record<string, Box>) => new Map(Object.entries(list));

describe("normal mode: the room under a node for the replay's insides (insides-space.ts)", () => {
  it('alone: the node’s width and 15 % more, with no floor', () => {
    const s = spacesOf(boxes({ a: { x: 100, y: 0, w: 200, h: 50 } }), ['a']).get('a')!;
    expect(s).toMatchObject({ x0: 100, y0: 50, y1: Infinity });
    expect(s.x1).toBeCloseTo(330, 6);
  });

  it('a node below: down to its top, less the gap; one below but beside it does not count', () => {
    const s = spacesOf(
      boxes({
        a: { x: 0, y: 0, w: 200, h: 50 },
        under: { x: 20, y: 130, w: 200, h: 50 },
        far: { x: 600, y: 90, w: 100, h: 50 },
      }),
      ['a'],
    ).get('a')!;
    expect(s.y1).toBe(130 - GAP);
    expect(s.x1).toBeCloseTo(230, 6);
  });

  it('a neighbour on the right in the same rows narrows it to the neighbour’s left edge, less the gap', () => {
    const s = spacesOf(boxes({ a: { x: 0, y: 0, w: 200, h: 50 }, right: { x: 210, y: 0, w: 200, h: 120 } }), [
      'a',
    ]).get('a')!;
    expect(s.x1).toBe(210 - GAP);
  });

  it('a neighbour on the right that draws insides too: their spaces do not meet', () => {
    const all = boxes({ a: { x: 0, y: 0, w: 200, h: 50 }, b: { x: 215, y: 40, w: 200, h: 50 } });
    const sp = spacesOf(all, ['a', 'b']);
    const a = sp.get('a')!;
    const b = sp.get('b')!;
    // b's space starts below b, in rows a's space spans: a stops short of b's left edge.
    expect(a.x1).toBeLessThanOrEqual(b.x0 - GAP);
    expect(a.x1 <= b.x0 || a.y1 <= b.y0 || b.x1 <= a.x0 || b.y1 <= a.y0).toBe(true);
  });

  it('a node grown into the one below it (a run’s badges): no room under it at all', () => {
    const s = spacesOf(boxes({ a: { x: 0, y: 0, w: 130, h: 85 }, below: { x: 0, y: 72, w: 130, h: 66 } }), [
      'a',
    ]).get('a')!;
    expect(s.y1).toBeLessThan(s.y0);
  });
});
