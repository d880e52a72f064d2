import type { Rng } from './rng';

/** A duration distribution as written in a scenario (all values in milliseconds). */
export interface DistSpec {
  dist: 'constant' | 'exponential' | 'uniform' | 'normal' | 'lognormal';
  meanMs: number;
  p99Ms?: number;
  sdMs?: number;
  minMs?: number;
  maxMs?: number;
}

/** z such that P(Z < z) = 0.99 for a standard normal. */
export const Z99 = 2.3263478740408408;

const CONSTANT = 0;
const EXPONENTIAL = 1;
const UNIFORM = 2;
const NORMAL = 3;
const LOGNORMAL = 4;
const CODES = {
  constant: CONSTANT,
  exponential: EXPONENTIAL,
  uniform: UNIFORM,
  normal: NORMAL,
  lognormal: LOGNORMAL,
};

/**
 * Lognormal sigma from the mean and the 99th percentile. With mu = ln(mean) - s^2/2 the
 * p99 condition ln(p99) = mu + z*s gives s^2/2 - z*s + ln(p99/mean) = 0; the smaller root
 * is the one that keeps the median below the mean. Solvable while p99/mean <= e^(z^2/2) ~ 14.97.
 */
export function lognormalSigmaFromP99(meanMs: number, p99Ms: number): number {
  const k = Math.log(p99Ms / meanMs);
  const disc = Z99 * Z99 - 2 * k;
  if (!(k > 0) || disc < 0) return NaN;
  return Z99 - Math.sqrt(disc);
}

/** The largest p99/mean ratio a lognormal can have. */
export const LOGNORMAL_MAX_P99_RATIO = Math.exp((Z99 * Z99) / 2);

/**
 * A compiled distribution. Sampling allocates nothing and draws only from the Rng it is
 * given; samples are clamped to [minMs, maxMs] and never negative.
 */
export class Sampler {
  declare readonly mean: number;
  declare private readonly code: number;
  declare private readonly a: number;
  declare private readonly b: number;
  declare private readonly lo: number;
  declare private readonly hi: number;

  constructor(spec: DistSpec) {
    this.code = CODES[spec.dist];
    const mean = Math.max(0, spec.meanMs);
    this.lo = Math.max(0, spec.minMs ?? 0);
    this.hi = spec.maxMs ?? Infinity;
    switch (this.code) {
      case UNIFORM: {
        // Given a mean and one bound, the other mirrors it around the mean.
        const lo = spec.minMs ?? (spec.maxMs !== undefined ? 2 * mean - spec.maxMs : 0);
        const hi = spec.maxMs ?? 2 * mean - lo;
        this.a = Math.max(0, lo);
        this.b = Math.max(this.a, hi);
        this.mean = (this.a + this.b) / 2;
        return;
      }
      case NORMAL:
        this.a = mean;
        this.b = spec.sdMs ?? mean / 4;
        break;
      case LOGNORMAL: {
        let sigma: number;
        if (spec.p99Ms !== undefined) sigma = lognormalSigmaFromP99(mean, spec.p99Ms);
        else {
          const sd = spec.sdMs ?? mean / 2;
          sigma = Math.sqrt(Math.log(1 + (sd * sd) / (mean * mean)));
        }
        if (!Number.isFinite(sigma) || mean <= 0) sigma = 0;
        this.b = sigma;
        this.a = Math.log(Math.max(mean, 1e-9)) - (sigma * sigma) / 2;
        break;
      }
      default:
        this.a = mean;
        this.b = 0;
    }
    this.mean = mean;
  }

  /**
   * The last draw(): a field, so that a caller reads it without a double being boxed for a
   * return from a call V8 does not inline (an allocation per sample on the hot path).
   */
  value = 0;

  sample(rng: Rng): number {
    this.draw(rng);
    return this.value;
  }

  /** Draws one sample into `value`: the same draws and numbers as sample(). */
  draw(rng: Rng): void {
    let x: number;
    const code = this.code;
    // Lognormal first: every function duration and cold start draws one.
    if (code === LOGNORMAL) {
      rng.drawNormal();
      x = Math.exp(this.a + this.b * rng.normal);
    } else if (code === CONSTANT) {
      x = this.a;
    } else if (code === EXPONENTIAL) {
      x = -this.a * Math.log(rng.nextOpen());
    } else if (code === UNIFORM) {
      x = this.a + (this.b - this.a) * rng.next();
    } else {
      // Normal, truncated at zero by rejection; the clamp after a few tries only guards absurd specs.
      let tries = 0;
      do x = this.a + this.b * standardNormal(rng);
      while (x < 0 && ++tries < 32);
    }
    this.value = x < this.lo ? this.lo : x > this.hi ? this.hi : x;
  }
}

/** Box-Muller (Rng.normal); uses two draws and keeps no state, so a sampler can be shared by nodes. */
export function standardNormal(rng: Rng): number {
  rng.drawNormal();
  return rng.normal;
}
