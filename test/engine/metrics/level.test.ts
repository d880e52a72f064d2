import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Level } from '../../../src/engine/metrics/level';
import { metrics, run, scenario } from '../helpers';

describe('Level (a quantity held between event times)', () => {
  it('counts the value held when the measured window opens in its maximum', () => {
    // 7 from t = 10 until 150; the window opens at 100 and the value drops to 2 at 150.
    const l = new Level(100);
    l.set(7, 10);
    l.set(2, 150);
    expect(l.max).toBe(7);
    // Mean over [100, 200]: (7 × 50 + 2 × 50) / 100 = 4.5.
    expect(l.mean(200)).toBeCloseTo(4.5, 12);
  });

  it('with no change inside the window, the maximum is the value held all along', () => {
    const l = new Level(100);
    l.set(5, 20);
    expect(l.max).toBe(5);
    expect(l.mean(300)).toBeCloseTo(5, 12);
  });

  it('ignores values that ended before the window', () => {
    const l = new Level(100);
    l.set(9, 10);
    l.set(3, 50);
    l.set(4, 120);
    expect(l.max).toBe(4);
    // (3 × 20 + 4 × 80) / 100 = 3.8
    expect(l.mean(200)).toBeCloseTo(3.8, 12);
  });

  it('a queue filled during the warm-up reports its depth as the window opens', () => {
    // A rate falling from 10/s to 0 over the first 50 s (about 250 messages), nobody reads;
    // warm-up 100 s, run 200 s: the depth is constant through the whole measured window.
    const r = run(
      scenario(
        [
          {
            id: 'app',
            kind: 'producer',
            params: {
              traffic: {
                shape: 'trace',
                points: [
                  [0, 10],
                  [50, 0],
                ],
              },
            },
          },
          { id: 'q', kind: 'queue' },
        ],
        [{ source: 'app', target: 'q' }],
        { durationSeconds: 200, warmupSeconds: 100 },
      ),
    );
    const m = metrics(r, 'q');
    expect(m.messages).toBeGreaterThan(200);
    expect(m.meanDepth).toBe(m.messages);
    expect(m.maxDepth).toBe(m.messages);
  });

  it('blip(t) leaves exactly what add(1, t) then add(-1, t) leaves: maximum, mean and series', () => {
    // Random histories of changes and blips at non-decreasing times around a window opening
    // at 100; the two levels must agree bit for bit (a queue's hand-off uses blip for a
    // message that is visible for no time).
    const step = fc.record({
      dt: fc.double({ min: 0, max: 40, noNaN: true }),
      dv: fc.integer({ min: -3, max: 3 }),
      blip: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        const a = new Level(100);
        const b = new Level(100);
        let t = 0;
        for (const s of steps) {
          t += s.dt;
          if (s.blip) {
            a.add(1, t);
            a.add(-1, t);
            b.blip(t);
          } else {
            a.add(s.dv, t);
            b.add(s.dv, t);
          }
          expect(b.value).toBe(a.value);
          expect(b.max).toBe(a.max);
        }
        expect(b.mean(t + 50)).toBe(a.mean(t + 50));
      }),
    );
  });

  it('a blip raises the maximum from zero to one, inside the window only', () => {
    const l = new Level(100);
    l.blip(50);
    expect(l.max).toBe(0);
    l.blip(150);
    expect(l.max).toBe(1);
    expect(l.value).toBe(0);
    expect(l.mean(200)).toBe(0);
  });
});
