import type { Rng } from '../../kernel/rng';
import type { Traffic } from './schema';

/**
 * Arrival times for a producer's traffic shape.
 *
 * - constant: evenly spaced at 1/rate, each arrival in the middle of its interval: the first
 *   falls half a gap after simulated time 0 (at 0.5/rate), the k-th at (k + ½)/rate. A window
 *   [0, D) then holds r·D rounded to the nearest whole number (exactly r·D when that is whole),
 *   and constant producers do not all coincide with schedules ticking at t = 0.
 * - poisson: exponential gaps with mean 1/rate.
 * - diurnal, spike, ramp, trace: non-homogeneous Poisson processes, drawn by thinning
 *   (Lewis–Shedler) against the exact rate function. The bound is local: time is cut into
 *   pieces on which the rate is monotone, each piece is thinned with its own maximum, and a
 *   candidate that overshoots a piece restarts at the piece's end (valid because the
 *   exponential gap is memoryless). A low baseline with a short spike thus costs no rejections.
 */

/** Rate curve of the piecewise shapes, in seconds and requests/s. */
interface Knots {
  times: number[];
  rates: number[];
}

/**
 * spike, ramp and trace are piecewise linear: the rate is linear between consecutive knots,
 * held flat before the first and after the last. Two knots at the same time make a step; at
 * the step itself the later knot's rate applies (intervals are half-open, [start, end)).
 */
function knotsOf(traffic: Traffic): Knots {
  const r = traffic.ratePerSecond;
  const p = traffic.peakRatePerSecond;
  const at = traffic.atSeconds;
  const len = traffic.lengthSeconds;
  switch (traffic.shape) {
    case 'spike':
      if (len <= 0 || p === r) return { times: [0], rates: [r] };
      return { times: [at, at, at + len, at + len], rates: [r, p, p, r] };
    case 'ramp':
      return { times: [at, at + len], rates: [r, p] };
    case 'trace':
      if (traffic.points.length === 0) return { times: [0], rates: [0] };
      return { times: traffic.points.map((q) => q[0]), rates: traffic.points.map((q) => q[1]) };
    default:
      return { times: [0], rates: [r] };
  }
}

/** Index of the last knot at or before s; -1 before the first knot. */
function pieceOf(times: ArrayLike<number>, s: number): number {
  let lo = -1;
  let hi = times.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (times[mid] <= s) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The rate of piece i's line at s (which may be the piece's right end: a left limit). */
function lineAt(k: Knots, i: number, s: number): number {
  const n = k.times.length;
  if (i < 0) return k.rates[0];
  if (i >= n - 1) return k.rates[n - 1];
  const t0 = k.times[i];
  const t1 = k.times[i + 1];
  if (t1 <= t0) return k.rates[i + 1];
  return k.rates[i] + ((k.rates[i + 1] - k.rates[i]) * (s - t0)) / (t1 - t0);
}

/** Diurnal: trough `low` at 0, peak `high` at half the period, a raised cosine in between. */
function diurnalAt(low: number, high: number, periodSeconds: number, s: number): number {
  return low + ((high - low) * (1 - Math.cos((2 * Math.PI * s) / periodSeconds))) / 2;
}

/** The rate (requests/s) of a traffic shape at `seconds` into the run: what the UI charts. */
export function rateAt(traffic: Traffic, seconds: number): number {
  switch (traffic.shape) {
    case 'constant':
    case 'poisson':
      return traffic.ratePerSecond;
    case 'diurnal':
      return diurnalAt(traffic.ratePerSecond, traffic.peakRatePerSecond, traffic.periodSeconds, seconds);
    default: {
      const k = knotsOf(traffic);
      return lineAt(k, pieceOf(k.times, seconds), seconds);
    }
  }
}

/** Expected number of arrivals in [fromSeconds, toSeconds): the integral of the rate, exact. */
export function expectedArrivals(traffic: Traffic, fromSeconds: number, toSeconds: number): number {
  if (!(toSeconds > fromSeconds)) return 0;
  const a = fromSeconds;
  const b = toSeconds;
  switch (traffic.shape) {
    case 'constant':
    case 'poisson':
      return traffic.ratePerSecond * (b - a);
    case 'diurnal': {
      const low = traffic.ratePerSecond;
      const high = traffic.peakRatePerSecond;
      const w = (2 * Math.PI) / traffic.periodSeconds;
      return ((low + high) / 2) * (b - a) - ((high - low) / 2) * ((Math.sin(w * b) - Math.sin(w * a)) / w);
    }
    default: {
      // Between consecutive breakpoints the rate is one line: the trapezoid rule is exact.
      const k = knotsOf(traffic);
      let total = 0;
      let x = a;
      let i = pieceOf(k.times, a);
      while (x < b) {
        const next = i + 1 < k.times.length ? Math.min(k.times[i + 1], b) : b;
        if (next > x) total += ((lineAt(k, i, x) + lineAt(k, i, next)) / 2) * (next - x);
        x = next;
        i++;
      }
      return total;
    }
  }
}

/**
 * Points (k + offset)·step of a grid, for integer k: the first at or after t. Each point is
 * computed as a product, never as a running sum, so spacing does not drift.
 */
export function firstOnGrid(t: number, step: number, offset = 0): number {
  let k = Math.ceil(t / step - offset);
  if ((k - 1 + offset) * step >= t) k--;
  if ((k + offset) * step < t) k++;
  return (k + offset) * step;
}

/** The first point of the grid (k + offset)·step strictly after t. */
export function nextOnGrid(t: number, step: number, offset = 0): number {
  let k = Math.floor(t / step - offset) + 1;
  if ((k + offset) * step <= t) k++;
  if ((k - 1 + offset) * step > t) k--;
  return (k + offset) * step;
}

/** Constant arrivals sit in the middle of their 1/rate intervals. */
const CONSTANT_OFFSET = 0.5;

const CONSTANT = 0;
const POISSON = 1;
const PIECEWISE = 2;
const DIURNAL = 3;

/** Sloped pieces are cut into this many parts so that the local bound stays tight. */
const SUBPIECES = 16;
/** Diurnal pieces per period: an even number keeps each piece within a monotone half. */
const DIURNAL_PIECES = 32;

/**
 * Draws arrival times (ms) for one traffic shape from one Rng. Allocates nothing per call.
 * The piece holding the last candidate is cached, so calls are cheapest when t only grows
 * (as it does in a run); an earlier t is still answered correctly.
 */
export class ArrivalProcess {
  declare private readonly mode: number;
  /** constant: the gap (ms); poisson: the rate (per ms). */
  declare private readonly step: number;
  /** Zero rate everywhere: no arrivals at all. */
  declare private readonly silent: boolean;

  /** Piecewise: knot times (ms) and rates (per ms), sloped pieces already subdivided. */
  declare private readonly kt: Float64Array;
  declare private readonly kr: Float64Array;
  /** Diurnal: trough and peak (per ms), angular frequency (per ms), piece length (ms). */
  private readonly low: number = 0;
  private readonly high: number = 0;
  private readonly omega: number = 0;
  private readonly pieceMs: number = 0;

  /** The piece the last candidate fell in: [pieceStart, pieceEnd), its rate line and bound. */
  private piece = -1;
  private pieceStart = Infinity;
  private pieceEnd = -Infinity;
  private pieceMax = 0;
  private pieceRate0 = 0;
  private pieceSlope = 0;
  private pieceFlat = true;

  /**
   * `horizonMs` bounds the search: a periodic or very low rate could otherwise walk piece
   * after piece for ever without producing an arrival inside the run.
   */
  constructor(
    traffic: Traffic,
    private readonly rng: Rng,
    private readonly horizonMs = Infinity,
  ) {
    const r = traffic.ratePerSecond;
    this.kt = new Float64Array(0);
    this.kr = new Float64Array(0);
    switch (traffic.shape) {
      case 'constant':
        this.mode = CONSTANT;
        this.step = r > 0 ? 1000 / r : Infinity;
        this.silent = !(r > 0);
        break;
      case 'poisson':
        this.mode = POISSON;
        this.step = r / 1000;
        this.silent = !(r > 0);
        break;
      case 'diurnal':
        this.mode = DIURNAL;
        this.step = 0;
        this.low = r / 1000;
        this.high = traffic.peakRatePerSecond / 1000;
        this.omega = (2 * Math.PI) / (traffic.periodSeconds * 1000);
        this.pieceMs = (traffic.periodSeconds * 1000) / DIURNAL_PIECES;
        this.silent = !(Math.max(this.low, this.high) > 0);
        break;
      default: {
        this.mode = PIECEWISE;
        this.step = 0;
        const k = subdivide(knotsOf(traffic));
        this.kt = Float64Array.from(k.times, (s) => s * 1000);
        this.kr = Float64Array.from(k.rates, (x) => x / 1000);
        let max = 0;
        for (let i = 0; i < this.kr.length; i++) if (this.kr[i] > max) max = this.kr[i];
        this.silent = !(max > 0);
      }
    }
  }

  /** The first arrival at or after t0 (ms); Infinity when there is none. */
  first(t0: number): number {
    if (this.silent) return Infinity;
    if (this.mode === CONSTANT) return firstOnGrid(t0, this.step, CONSTANT_OFFSET);
    this.pieceStart = Infinity; // forget the cached piece: time may have gone back
    return this.next(t0);
  }

  /** The arrival after the one at t (ms); Infinity when there is none. */
  next(t: number): number {
    this.advance(t);
    return this.nextAt;
  }

  /** What advance() found last: a field, so the producer reads it without a boxed return. */
  nextAt = Infinity;

  /** next(t) into `nextAt`: the same draws and times. */
  advance(t: number): void {
    if (this.silent) this.nextAt = Infinity;
    else if (this.mode === POISSON) {
      this.rng.drawLogOpen();
      this.nextAt = t - this.rng.logOpen / this.step;
    } else if (this.mode === CONSTANT) this.nextAt = nextOnGrid(t, this.step, CONSTANT_OFFSET);
    else this.nextAt = this.thin(t);
  }

  private thin(t: number): number {
    const rng = this.rng;
    for (;;) {
      if (t >= this.horizonMs) return Infinity;
      if (t < this.pieceStart || t >= this.pieceEnd) this.seek(t);
      const lam = this.pieceMax;
      if (!(lam > 0)) {
        if (this.pieceEnd === Infinity) return Infinity;
        t = this.pieceEnd;
        continue;
      }
      const candidate = t - Math.log(rng.nextOpen()) / lam;
      if (candidate >= this.pieceEnd) {
        t = this.pieceEnd;
        continue;
      }
      t = candidate;
      if (this.pieceFlat || rng.next() * lam < this.rateInPiece(t)) return t;
    }
  }

  private rateInPiece(t: number): number {
    if (this.mode === DIURNAL)
      return this.low + ((this.high - this.low) * (1 - Math.cos(this.omega * t))) / 2;
    return this.pieceRate0 + this.pieceSlope * (t - this.pieceStart);
  }

  /** Finds the piece holding t and its bound. */
  private seek(t: number): void {
    if (this.mode === DIURNAL) {
      const len = this.pieceMs;
      let k = Math.floor(t / len);
      if (k * len > t) k--;
      if ((k + 1) * len <= t) k++;
      const start = k * len;
      const end = (k + 1) * len;
      this.piece = k;
      this.pieceStart = start;
      this.pieceEnd = end;
      // Each piece lies within a monotone half of the cosine: its maximum is at an end.
      this.pieceMax = Math.max(this.rateInPiece(start), this.rateInPiece(end));
      this.pieceFlat = this.low === this.high;
      return;
    }
    const kt = this.kt;
    const kr = this.kr;
    const n = kt.length;
    let i = t < this.pieceStart ? -1 : this.piece;
    while (i + 1 < n && kt[i + 1] <= t) i++;
    this.piece = i;
    this.pieceStart = i < 0 ? -Infinity : kt[i];
    this.pieceEnd = i + 1 < n ? kt[i + 1] : Infinity;
    const r0 = i < 0 ? kr[0] : kr[i];
    const r1 = i + 1 < n ? kr[i + 1] : kr[n - 1];
    this.pieceFlat = r0 === r1 || i < 0 || i + 1 >= n;
    this.pieceRate0 = r0;
    this.pieceSlope = this.pieceFlat ? 0 : (r1 - r0) / (this.pieceEnd - this.pieceStart);
    this.pieceMax = this.pieceFlat ? r0 : Math.max(r0, r1);
  }
}

/** Adds knots on each sloped line (the curve is unchanged; the local bounds get tighter). */
function subdivide(k: Knots): Knots {
  const times: number[] = [k.times[0]];
  const rates: number[] = [k.rates[0]];
  for (let i = 1; i < k.times.length; i++) {
    const t0 = k.times[i - 1];
    const t1 = k.times[i];
    const r0 = k.rates[i - 1];
    const r1 = k.rates[i];
    if (t1 > t0 && r1 !== r0) {
      for (let j = 1; j < SUBPIECES; j++) {
        times.push(t0 + ((t1 - t0) * j) / SUBPIECES);
        rates.push(r0 + ((r1 - r0) * j) / SUBPIECES);
      }
    }
    times.push(t1);
    rates.push(r1);
  }
  return { times, rates };
}
