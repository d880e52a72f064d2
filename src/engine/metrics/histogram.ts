import type { Summary } from '../kinds/vocabulary';
import { round6 } from './series';

/**
 * A log-bucketed histogram of non-negative values (milliseconds): fixed memory whatever the
 * number of samples, under 1 % relative error on quantiles; mean and max are exact.
 *
 * The bucket comes straight from the float's bits (HDR-histogram style): the exponent picks
 * the octave and the top SUB_BITS of the mantissa the slice of it, so recording a value costs
 * no logarithm — it runs three times per request on the engine's hot path. Values below 2^15
 * ms (nearly all) take the same bits from an integer instead (bucketOf).
 */
const SUB_BITS = 6;
const SUBS = 1 << SUB_BITS;
/** 2^-10 ms ≈ 1 µs: smaller values share the first bucket. */
const MIN_EXP = -10;
/** 2^36 ms ≈ 2 years: larger values share the last bucket. */
const MAX_EXP = 36;
const BUCKETS = (MAX_EXP - MIN_EXP) * SUBS + 1;
const MIN_VALUE = 2 ** MIN_EXP;

const scratch = new Float64Array(1);
const words = new Uint32Array(scratch.buffer);
// The high word holds sign, exponent and the top of the mantissa: index 1 on little-endian.
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

/** Below 2^15 ms, v · 2^16 is an int32 whose bits give the bucket without a trip through memory. */
const INT_LIMIT = 2 ** 15;

export function bucketOf(v: number): number {
  if (!(v >= MIN_VALUE)) return 0;
  if (v < INT_LIMIT) {
    // The same bucket from v · 2^16 truncated: its highest set bit is the octave (exponent + 16)
    // and the SUB_BITS below it are the mantissa's top bits (integer bits, since v ≥ 2^-10).
    // Reading the high word of a double just stored costs a stalled load on the hot path.
    const k = (v * 65536) | 0;
    const e = 31 - Math.clz32(k);
    return 1 + (e - 16 - MIN_EXP) * SUBS + ((k >>> (e - SUB_BITS)) & (SUBS - 1));
  }
  scratch[0] = v;
  const hi = words[HI];
  const exp = ((hi >>> 20) & 0x7ff) - 1023;
  if (exp >= MAX_EXP) return BUCKETS - 1;
  return 1 + (exp - MIN_EXP) * SUBS + ((hi >>> (20 - SUB_BITS)) & (SUBS - 1));
}

/** Lower bound of bucket i (i ≥ 1). */
function lowerOf(i: number): number {
  const k = i - 1;
  return 2 ** (MIN_EXP + Math.floor(k / SUBS)) * (1 + (k % SUBS) / SUBS);
}

export class Histogram {
  readonly counts = new Float64Array(BUCKETS);
  count = 0;
  sum = 0;
  max = 0;

  add(v: number): void {
    this.count++;
    this.sum += v;
    if (v > this.max) this.max = v;
    this.counts[bucketOf(v)]++;
  }

  /** Becomes an exact copy of h (same samples, same sum). */
  copyFrom(h: Histogram): void {
    this.counts.set(h.counts);
    this.count = h.count;
    this.sum = h.sum;
    this.max = h.max;
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
        if (i === 0) return 0; // below 1 µs: as good as zero
        if (i === BUCKETS - 1) return this.max;
        return Math.min((lowerOf(i) + lowerOf(i + 1)) / 2, this.max);
      }
    }
    return this.max;
  }

  /** Mean, percentiles and maximum, to six decimals (what results show and compare). */
  summary(): Summary {
    return {
      mean: round6(this.count ? this.sum / this.count : 0),
      p50: round6(this.quantile(0.5)),
      p95: round6(this.quantile(0.95)),
      p99: round6(this.quantile(0.99)),
      max: round6(this.max),
    };
  }

  /** Non-empty buckets as [lowerMs, upperMs, count] rows, for the latency histogram chart. */
  buckets(): [number, number, number][] {
    const rows: [number, number, number][] = [];
    for (let i = 0; i < BUCKETS; i++) {
      if (this.counts[i] === 0) continue;
      const lo = i === 0 ? 0 : lowerOf(i);
      const hi = i === 0 ? MIN_VALUE : i === BUCKETS - 1 ? this.max : lowerOf(i + 1);
      rows.push([lo, hi, this.counts[i]]);
    }
    return rows;
  }
}
