import { describe, expect, it } from 'vitest';
import { studentTCdf, studentTQuantile } from '../../../src/engine/stats/student-t';
import { differenceInterval, interval, significant } from '../../../src/engine/stats/interval';

describe("Student's t", () => {
  it('quantiles match the printed table (two-sided 95 %: p = 0.975)', () => {
    // Standard t tables, to three decimals.
    const table: [number, number][] = [
      [1, 12.706],
      [2, 4.303],
      [4, 2.776],
      [9, 2.262],
      [29, 2.045],
      [120, 1.98],
    ];
    for (const [df, t] of table) expect(studentTQuantile(0.975, df)).toBeCloseTo(t, 3);
    // Large df tends to the normal 1.95996.
    expect(studentTQuantile(0.975, 1e7)).toBeCloseTo(1.95996, 4);
    expect(studentTQuantile(0.995, 10)).toBeCloseTo(3.169, 3);
  });

  it('the CDF is symmetric and the quantile inverts it', () => {
    expect(studentTCdf(0, 5)).toBeCloseTo(0.5, 12);
    expect(studentTCdf(-2, 7) + studentTCdf(2, 7)).toBeCloseTo(1, 12);
    // Cauchy (df 1): F(1) = 3/4 exactly.
    expect(studentTCdf(1, 1)).toBeCloseTo(0.75, 10);
  });

  it('interval: mean ± t·s/√n computed by hand', () => {
    // 1..5: mean 3, s = √2.5 = 1.5811, t(0.975, 4) = 2.7764 → ± 1.9632.
    const iv = interval([1, 2, 3, 4, 5]);
    expect(iv.mean).toBe(3);
    expect(iv.sd).toBeCloseTo(1.58114, 5);
    expect(iv.halfWidth).toBeCloseTo(1.9632, 4);
    expect(iv.lo).toBeCloseTo(3 - 1.9632, 4);
    const one = interval([7]);
    expect(one).toMatchObject({ mean: 7, halfWidth: 0, n: 1 });
  });

  it('paired difference: significant only when the interval excludes zero', () => {
    // Differences 2, 2.5, 3 → mean 2.5, s 0.5, t(2) 4.303 → ± 1.242: significant.
    const d = differenceInterval([12, 12.5, 13], [10, 10, 10]);
    expect(d.mean).toBeCloseTo(2.5, 12);
    expect(d.halfWidth).toBeCloseTo((4.3027 * 0.5) / Math.sqrt(3), 3);
    expect(significant(d)).toBe(true);
    // Differences −1, 1, 0.5: the interval straddles zero.
    expect(significant(differenceInterval([9, 11, 10.5], [10, 10, 10]))).toBe(false);
    // One replication: no spread, never called significant.
    expect(significant(differenceInterval([12], [10]))).toBe(false);
  });
});
