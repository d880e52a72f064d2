import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/engine/kernel/rng';
import { Histogram, bucketOf } from '../../../src/engine/metrics/histogram';

describe('Histogram', () => {
  it('quantiles are within 1 % of the exact ones over nine decades', () => {
    const rng = new Rng(5);
    const h = new Histogram();
    const xs: number[] = [];
    for (let i = 0; i < 50_000; i++) {
      const x = Math.exp(rng.next() * Math.log(1e9)) / 100; // 0.01 ms … 10^7 ms, log-uniform
      xs.push(x);
      h.add(x);
    }
    xs.sort((a, b) => a - b);
    for (const q of [0.01, 0.1, 0.5, 0.9, 0.95, 0.99, 0.999]) {
      const exact = xs[Math.ceil(q * xs.length) - 1];
      expect(Math.abs(h.quantile(q) - exact) / exact, `q=${q}`).toBeLessThan(0.01);
    }
    expect(h.max).toBe(xs[xs.length - 1]);
    expect(h.summary().mean).toBeCloseTo(xs.reduce((a, b) => a + b, 0) / xs.length, 6);
  });

  it('keeps zero, tiny and huge values, and its buckets add up', () => {
    const h = new Histogram();
    for (const v of [0, 1e-9, 0.5, 1, 1000, 3e12]) h.add(v);
    expect(h.quantile(0)).toBe(0);
    expect(h.quantile(1)).toBe(3e12);
    expect(h.buckets().reduce((a, [, , c]) => a + c, 0)).toBe(6);
    const rows = h.buckets();
    for (const [lo, hi] of rows) expect(hi).toBeGreaterThanOrEqual(lo);
  });

  it('finds the bucket from an integer below 2^15 ms exactly as from the float’s bits', () => {
    // The bucket by definition: octave from the exponent field, slice from the mantissa's top
    // six bits, read here through a DataView (big-endian, so independent of the platform).
    const view = new DataView(new ArrayBuffer(8));
    const fromBits = (v: number): number => {
      if (!(v >= 2 ** -10)) return 0;
      view.setFloat64(0, v);
      const hi = view.getUint32(0);
      const exp = ((hi >>> 20) & 0x7ff) - 1023;
      return exp >= 36 ? 46 * 64 : 1 + (exp + 10) * 64 + ((hi >>> 14) & 63);
    };
    const values = [0, -1, NaN, Infinity, 2 ** -11, 2 ** 15, 3e12];
    // Every slice edge of every octave, and the doubles just either side of it.
    for (let e = -11; e <= 16; e++)
      for (let i = 0; i <= 64; i++) {
        const edge = 2 ** e * (1 + i / 64);
        values.push(edge, edge * (1 - 2 ** -53), edge * (1 + 2 ** -52));
      }
    const rng = new Rng(9);
    for (let i = 0; i < 20_000; i++) values.push(Math.exp((rng.next() - 0.4) * 25));
    const wrong = values.filter((v) => bucketOf(v) !== fromBits(v));
    expect(wrong).toEqual([]);
  });

  it('a constant value reports itself', () => {
    const h = new Histogram();
    for (let i = 0; i < 100; i++) h.add(250);
    const s = h.summary();
    expect(s.mean).toBe(250);
    expect(s.max).toBe(250);
    expect(Math.abs(s.p50 - 250) / 250).toBeLessThan(0.01);
  });
});
