import type { Summary } from '../kinds/types';

/**
 * A log-bucketed histogram of non-negative values (milliseconds): fixed memory whatever the
 * number of samples, about 1 % relative error on quantiles; mean and max are exact.
 */
const GROWTH = 1.02;
const LOG_GROWTH = Math.log(GROWTH);
const MIN_VALUE = 0.001; // 1 µs: smaller values share bucket 0
const BUCKETS = Math.ceil(Math.log(3e10 / MIN_VALUE) / LOG_GROWTH) + 2;

export class Histogram {
  readonly counts = new Float64Array(BUCKETS);
  count = 0;
  sum = 0;
  max = 0;

  add(v: number): void {
    this.count++;
    this.sum += v;
    if (v > this.max) this.max = v;
    let i = v <= MIN_VALUE ? 0 : Math.floor(Math.log(v / MIN_VALUE) / LOG_GROWTH) + 1;
    if (i >= BUCKETS) i = BUCKETS - 1;
    this.counts[i]++;
  }

  /** The value below which a fraction q of the samples lie (bucket midpoint, capped at max). */
  quantile(q: number): number {
    if (this.count === 0) return 0;
    const target = q * this.count;
    let acc = 0;
    const c = this.counts;
    for (let i = 0; i < BUCKETS; i++) {
      acc += c[i];
      if (acc >= target && c[i] > 0) {
        if (i === 0) return Math.min(MIN_VALUE, this.max);
        const lo = MIN_VALUE * Math.pow(GROWTH, i - 1);
        return Math.min(lo * Math.sqrt(GROWTH), this.max);
      }
    }
    return this.max;
  }

  summary(): Summary {
    return {
      mean: this.count ? this.sum / this.count : 0,
      p50: this.quantile(0.5),
      p95: this.quantile(0.95),
      p99: this.quantile(0.99),
      max: this.max,
    };
  }

  /** Non-empty buckets as [lowerMs, upperMs, count] rows, for the latency histogram chart. */
  buckets(): [number, number, number][] {
    const rows: [number, number, number][] = [];
    for (let i = 0; i < BUCKETS; i++) {
      if (this.counts[i] === 0) continue;
      const lo = i === 0 ? 0 : MIN_VALUE * Math.pow(GROWTH, i - 1);
      rows.push([lo, MIN_VALUE * Math.pow(GROWTH, i), this.counts[i]]);
    }
    return rows;
  }
}
