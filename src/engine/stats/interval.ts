import { studentTQuantile } from './student-t';

/**
 * A figure over several replications (independent runs with derived seeds): the mean and
 * its confidence interval, mean ± t(1 − α/2, n − 1) · s / √n. With one replication there is
 * no spread to measure: halfWidth is 0 and `n` says so.
 */
export interface Interval {
  mean: number;
  /** Half the interval's width: the "± x". */
  halfWidth: number;
  lo: number;
  hi: number;
  /** Sample standard deviation over the replications (0 for one). */
  sd: number;
  n: number;
}

export const CONFIDENCE = 0.95;

/** The two-sided t multiplier for n samples at CONFIDENCE (NaN below 2). */
export function tMultiplier(n: number, confidence = CONFIDENCE): number {
  return n < 2 ? NaN : studentTQuantile(1 - (1 - confidence) / 2, n - 1);
}

export function interval(samples: ArrayLike<number>, confidence = CONFIDENCE): Interval {
  const n = samples.length;
  if (n === 0) return { mean: NaN, halfWidth: NaN, lo: NaN, hi: NaN, sd: NaN, n: 0 };
  let sum = 0;
  for (let i = 0; i < n; i++) sum += samples[i];
  const mean = sum / n;
  if (n === 1) return { mean, halfWidth: 0, lo: mean, hi: mean, sd: 0, n };
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (samples[i] - mean) ** 2;
  const sd = Math.sqrt(ss / (n - 1));
  const halfWidth = (tMultiplier(n, confidence) * sd) / Math.sqrt(n);
  return { mean, halfWidth, lo: mean - halfWidth, hi: mean + halfWidth, sd, n };
}

/**
 * The difference a − b of two figures measured with paired replications (the same derived
 * seeds drive both, so their noise is shared and the difference is sharper than either):
 * the interval of the per-replication differences. Unpaired (different counts) it falls back
 * to Welch's interval.
 */
export function differenceInterval(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  confidence = CONFIDENCE,
): Interval {
  if (a.length === b.length) {
    const d = new Float64Array(a.length);
    for (let i = 0; i < a.length; i++) d[i] = a[i] - b[i];
    return interval(d, confidence);
  }
  const ia = interval(a, confidence);
  const ib = interval(b, confidence);
  const va = ia.sd ** 2 / ia.n;
  const vb = ib.sd ** 2 / ib.n;
  const mean = ia.mean - ib.mean;
  const v = va + vb;
  const n = Math.min(ia.n, ib.n);
  if (!(v > 0) || n < 2) return { mean, halfWidth: 0, lo: mean, hi: mean, sd: 0, n: Math.min(n, 1) };
  const df = (v * v) / ((va * va) / (ia.n - 1) + (vb * vb) / (ib.n - 1));
  const halfWidth = studentTQuantile(1 - (1 - confidence) / 2, df) * Math.sqrt(v);
  return { mean, halfWidth, lo: mean - halfWidth, hi: mean + halfWidth, sd: Math.sqrt(v), n };
}

/** Whether an interval of a difference excludes zero (the difference is not noise, at its confidence). */
export function significant(d: Interval): boolean {
  return d.n >= 2 && (d.lo > 0 || d.hi < 0);
}
