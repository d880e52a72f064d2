import { describe, expect, it } from 'vitest';
import { Sampler, type DistSpec } from '../../../src/engine/kernel/distributions';
import { Rng } from '../../../src/engine/kernel/rng';

/**
 * Each sampler against its distribution: the Kolmogorov–Smirnov statistic of 20,000 draws at
 * a fixed seed against the CDF written here from the textbook formulas (not from the
 * sampler's own parameters). Critical value at α = 0.001: 1.949 / √n ≈ 0.0138.
 */
const N = 20000;
const CRITICAL = 1.949 / Math.sqrt(N);

/** erf by Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7): far below the KS tolerance. */
function erf(x: number): number {
  const s = Math.sign(x);
  const a = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * a);
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Math.exp(-a * a);
  return s * y;
}
const phi = (z: number) => 0.5 * (1 + erf(z / Math.SQRT2));

function ks(spec: DistSpec, cdf: (x: number) => number, seed = 11): number {
  const s = new Sampler(spec);
  const rng = new Rng(seed, 99);
  const xs = Float64Array.from({ length: N }, () => s.sample(rng)).sort();
  let d = 0;
  for (let i = 0; i < N; i++) {
    const f = cdf(xs[i]);
    d = Math.max(d, Math.abs(f - i / N), Math.abs((i + 1) / N - f));
  }
  return d;
}

/** The lognormal σ with mean m and 99th percentile p, found by bisection on the p99 condition. */
function sigmaFor(m: number, p: number): number {
  // ln p = ln m − σ²/2 + 2.3263 σ; the smaller root keeps the median below the mean.
  const z = 2.3263478740408408;
  const g = (s: number) => Math.log(m) - (s * s) / 2 + z * s - Math.log(p);
  let lo = 0;
  let hi = z;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (g(mid) < 0) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

describe('samplers against their distributions (Kolmogorov–Smirnov, fixed seed)', () => {
  it('exponential', () => {
    expect(ks({ dist: 'exponential', meanMs: 200 }, (x) => 1 - Math.exp(-x / 200))).toBeLessThan(CRITICAL);
  });

  it('uniform, from a mean and one bound', () => {
    // mean 100, min 40 → max 160.
    expect(
      ks({ dist: 'uniform', meanMs: 100, minMs: 40 }, (x) => Math.min(1, Math.max(0, (x - 40) / 120))),
    ).toBeLessThan(CRITICAL);
  });

  it('normal, truncated at zero', () => {
    // mean 100, sd 60: P(X < 0) ≈ 4.8 % is re-drawn, so the CDF is the normal's conditioned on X ≥ 0.
    const p0 = phi(-100 / 60);
    expect(
      ks({ dist: 'normal', meanMs: 100, sdMs: 60 }, (x) => (phi((x - 100) / 60) - p0) / (1 - p0)),
    ).toBeLessThan(CRITICAL);
  });

  it('lognormal from a mean and a 99th percentile', () => {
    const sigma = sigmaFor(120, 600);
    const mu = Math.log(120) - (sigma * sigma) / 2;
    expect(
      ks({ dist: 'lognormal', meanMs: 120, p99Ms: 600 }, (x) => phi((Math.log(x) - mu) / sigma)),
    ).toBeLessThan(CRITICAL);
  });

  it('lognormal from a mean and a standard deviation', () => {
    // σ² = ln(1 + sd²/mean²)
    const sigma = Math.sqrt(Math.log(1 + 0.25));
    const mu = Math.log(80) - (sigma * sigma) / 2;
    expect(
      ks({ dist: 'lognormal', meanMs: 80, sdMs: 40 }, (x) => phi((Math.log(x) - mu) / sigma)),
    ).toBeLessThan(CRITICAL);
  });

  it('the test has power: a wrong distribution is rejected', () => {
    // The exponential's draws against an exponential of 10 % larger mean.
    expect(ks({ dist: 'exponential', meanMs: 200 }, (x) => 1 - Math.exp(-x / 220))).toBeGreaterThan(CRITICAL);
  });

  it('constant and clamps are exact', () => {
    const rng = new Rng(1);
    expect(new Sampler({ dist: 'constant', meanMs: 42 }).sample(rng)).toBe(42);
    const clamped = new Sampler({ dist: 'exponential', meanMs: 100, minMs: 50, maxMs: 60 });
    const xs = Array.from({ length: 1000 }, () => clamped.sample(rng));
    expect(Math.min(...xs)).toBe(50);
    expect(Math.max(...xs)).toBe(60);
  });
});
