import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { downsampleRows, MAX_CHART_POINTS } from '../../src/app/results/downsample';

const times = (n: number) => Array.from({ length: n }, (_, i) => i * 2);

describe('min/max downsampling for the charts', () => {
  it('keeps every point when there are few', () => {
    const rows = downsampleRows([0, 1, 2], [{ key: 'a', values: [5, NaN, 7] }]);
    expect(rows).toEqual([
      { t: 0, a: 5 },
      { t: 1, a: 0 },
      { t: 2, a: 7 },
    ]);
  });

  it('reduces 2,000 buckets to 300 (or 500) rows and keeps a one-bucket spike and dip', () => {
    const n = 2000;
    const flat = Array.from({ length: n }, () => 10);
    flat[1234] = 900; // a spike one bucket wide
    flat[77] = -3; // a dip one bucket wide
    // The charts' default budget: 300 rows.
    expect(downsampleRows(times(n), [{ key: 'x', values: flat }])).toHaveLength(MAX_CHART_POINTS);
    const rows = downsampleRows(times(n), [{ key: 'x', values: flat }], 500);
    expect(rows).toHaveLength(500);
    const xs = rows.map((r) => r.x);
    expect(Math.max(...xs)).toBe(900);
    expect(Math.min(...xs)).toBe(-3);
    // A mean of the spike's bucket (8 points by hand: 2000 / 250) would show (7·10 + 900) / 8 = 121.25.
    expect(xs).not.toContain(121.25);
    // The time axis still runs from the first bucket to the last, in order.
    expect(rows[0].t).toBe(0);
    expect(rows[rows.length - 1].t).toBe((n - 1) * 2);
    for (let i = 1; i < rows.length; i++) expect(rows[i].t).toBeGreaterThanOrEqual(rows[i - 1].t);
  });

  it('puts a bucket’s min and max in the order they happened', () => {
    // 8 points into 2 buckets of 4: [1, 9, 2, 3] (max after min) and [8, 7, 0, 6] (max first).
    const rows = downsampleRows(times(8), [{ key: 'v', values: [1, 9, 2, 3, 8, 7, 0, 6] }], 4);
    expect(rows).toEqual([
      { t: 0, v: 1 },
      { t: 6, v: 9 },
      { t: 8, v: 8 },
      { t: 14, v: 0 },
    ]);
  });

  it('gives band edges their envelope: the low edge the min, the high edge the max', () => {
    const rows = downsampleRows(
      times(8),
      [
        { key: 'lo', values: [4, 2, 3, 5, 1, 6, 2, 2], reduce: 'min' },
        { key: 'hi', values: [4, 2, 3, 5, 1, 6, 2, 2], reduce: 'max' },
      ],
      4,
    );
    expect(rows.map((r) => [r.lo, r.hi])).toEqual([
      [2, 5],
      [2, 5],
      [1, 6],
      [1, 6],
    ]);
  });

  it('never loses the extremes of any series (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((v) => v + 0),
          { minLength: 1, maxLength: 3000 },
        ),
        fc.integer({ min: 2, max: 600 }),
        (values, max) => {
          const rows = downsampleRows(times(values.length), [{ key: 'v', values }], max);
          const out = rows.map((r) => r.v);
          expect(rows.length).toBeLessThanOrEqual(Math.max(max, 2));
          expect(Math.max(...out)).toBe(Math.max(...values));
          expect(Math.min(...out)).toBe(Math.min(...values));
        },
      ),
      { numRuns: 60 },
    );
  });
});
