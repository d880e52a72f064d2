import type { SeriesSet } from './series';

/**
 * A quantity that changes at event times (concurrency, queue depth, instances): keeps its
 * time integral for a mean over the measured window, its maximum, and optionally a series.
 */
export class Level {
  value = 0;
  private peak = 0;
  /** Whether a change at or after the window's start has been seen. */
  private opened = false;
  private last = 0;
  private area = 0;

  declare private readonly measureFromMs: number;
  declare private readonly series: SeriesSet | null;
  declare private readonly handle: number;

  constructor(measureFromMs: number, series: SeriesSet | null = null, handle = -1) {
    this.measureFromMs = measureFromMs;
    this.series = series;
    this.handle = handle;
  }

  set(v: number, t: number): void {
    this.advance(t);
    if (t >= this.measureFromMs) {
      // The value held when the measured window opened is part of it.
      if (!this.opened) {
        this.opened = true;
        if (this.value > this.peak) this.peak = this.value;
      }
      if (v > this.peak) this.peak = v;
    }
    this.value = v;
  }

  /**
   * The largest value inside the measured window, including the one held when it opened. With
   * no change since the window opened, that is the value held all along.
   */
  get max(): number {
    return this.opened || this.value < this.peak ? this.peak : this.value;
  }

  /**
   * One more at t and one fewer again at the same instant (an item that passes straight
   * through): add(1, t) then add(-1, t) in one step. Only the maximum can change.
   */
  blip(t: number): void {
    this.advance(t);
    if (t >= this.measureFromMs) {
      if (!this.opened) {
        this.opened = true;
        if (this.value > this.peak) this.peak = this.value;
      }
      if (this.value + 1 > this.peak) this.peak = this.value + 1;
    }
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
