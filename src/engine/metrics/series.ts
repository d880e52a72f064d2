import { keyedRecord } from '../own-keys';

/**
 * Bucketed time series with a fixed number of buckets (at most about 2,000) whatever the
 * simulated duration, so memory never grows with time.
 */
const NICE_BUCKETS = [
  0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400,
];
export const MAX_POINTS = 2000;

export function bucketSecondsFor(durationSeconds: number): number {
  for (const b of NICE_BUCKETS) if (durationSeconds / b <= MAX_POINTS) return b;
  return Math.ceil(durationSeconds / MAX_POINTS / 86400) * 86400;
}

/** How the buckets are turned into numbers at the end. */
export type SeriesKind = 'rate' | 'level' | 'max';

export class SeriesSet {
  declare readonly bucketMs: number;
  declare readonly n: number;
  private readonly data: Float64Array[] = [];
  private readonly names: string[] = [];
  private readonly kinds: SeriesKind[] = [];

  constructor(
    readonly bucketSeconds: number,
    durationSeconds: number,
  ) {
    this.bucketMs = bucketSeconds * 1000;
    this.n = Math.max(1, Math.ceil(durationSeconds / bucketSeconds - 1e-9));
  }

  /** Registers a series; returns its handle. Names are "<nodeId>.<metric>". */
  register(name: string, kind: SeriesKind): number {
    this.names.push(name);
    this.kinds.push(kind);
    this.data.push(new Float64Array(this.n));
    return this.data.length - 1;
  }

  private bucket(t: number): number {
    const i = Math.floor(t / this.bucketMs);
    return i < 0 ? 0 : i >= this.n ? this.n - 1 : i;
  }

  /** Counts an occurrence (or `amount` of something) at time t. */
  count(h: number, t: number, amount = 1): void {
    this.data[h][this.bucket(t)] += amount;
  }

  /** Records a running maximum at time t. */
  max(h: number, t: number, v: number): void {
    const d = this.data[h];
    const i = this.bucket(t);
    if (v > d[i]) d[i] = v;
  }

  /** Integrates a level held at `value` from t0 to t1 (ms), for time averages per bucket. */
  level(h: number, t0: number, t1: number, value: number): void {
    if (t1 <= t0 || value === 0) return;
    const d = this.data[h];
    const bm = this.bucketMs;
    let i = this.bucket(t0);
    const last = this.bucket(t1);
    let from = t0;
    while (i < last) {
      const edge = (i + 1) * bm;
      d[i] += value * (edge - from);
      from = edge;
      i++;
    }
    d[last] += value * (t1 - from);
  }

  /** Plain arrays: rates per second, levels as averages over each bucket. */
  toRecord(): Record<string, number[]> {
    const out = keyedRecord<number[]>();
    for (let s = 0; s < this.data.length; s++) {
      const d = this.data[s];
      const k = this.kinds[s];
      const div = k === 'rate' ? this.bucketSeconds : k === 'level' ? this.bucketMs : 1;
      const arr = new Array<number>(this.n);
      for (let i = 0; i < this.n; i++) arr[i] = round6(d[i] / div);
      out[this.names[s]] = arr;
    }
    return out;
  }

  times(): number[] {
    const t = new Array<number>(this.n);
    for (let i = 0; i < this.n; i++) t[i] = round6(i * this.bucketSeconds);
    return t;
  }
}

/** Six significant decimals keep result JSON small and stable. */
export function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
