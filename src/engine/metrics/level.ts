import type { SeriesSet } from './series';

/**
 * A quantity that changes at event times (concurrency, queue depth, instances): keeps its
 * time integral for a mean over the measured window, its maximum, and optionally a series.
 */
export class Level {
  value = 0;
  max = 0;
  private last = 0;
  private area = 0;

  constructor(
    private readonly measureFromMs: number,
    private readonly series: SeriesSet | null = null,
    private readonly handle = -1,
  ) {}

  set(v: number, t: number): void {
    this.advance(t);
    this.value = v;
    if (v > this.max && t >= this.measureFromMs) this.max = v;
  }

  add(dv: number, t: number): void {
    this.set(this.value + dv, t);
  }

  private advance(t: number): void {
    const from = this.last > this.measureFromMs ? this.last : this.measureFromMs;
    if (t > from && this.value !== 0) {
      this.area += this.value * (t - from);
      if (this.series) this.series.level(this.handle, from, t, this.value);
    }
    if (t > this.last) this.last = t;
  }

  /** Time average over [measureFrom, t]. */
  mean(t: number): number {
    this.advance(t);
    const span = t - this.measureFromMs;
    return span > 0 ? this.area / span : 0;
  }
}
