import type { SeriesSet } from './series';

/**
 * The age of the oldest item still waiting: a queue's oldest visible message, a shard's
 * oldest unread record. Age = now − the item's arrival, at most a cap (the retention: nothing
 * stays longer).
 *
 * The owner tells it when the oldest item may have changed (update). Between two updates the
 * same item is oldest, so the age grows linearly: its maximum is its value at the later
 * update, and every series bucket that ended in between gets the value at its end. Exact
 * maxima at no cost in timer events. Items leaving at a known age (a message deleted while in
 * flight) are noted separately (note). Only the measured window counts (after the warm-up).
 */
export class OldestAge {
  /** Largest age seen in the measured window, in ms. */
  maxMs = 0;
  /** Arrival of the current oldest item; NaN when nothing waits. */
  private origin = NaN;
  /** When the owner last looked. */
  private seenAt = 0;
  declare private readonly measureFromMs: number;
  declare private readonly capMs: number;
  declare private readonly series: SeriesSet | null;
  /** Series fed with the age in seconds (−1: none); a shard feeds its own and its stream's. */
  declare private readonly h1: number;
  declare private readonly h2: number;

  constructor(measureFromMs: number, capMs: number, series: SeriesSet | null, h1 = -1, h2 = -1) {
    this.measureFromMs = measureFromMs;
    this.capMs = capMs;
    this.series = series;
    this.h1 = h1;
    this.h2 = h2;
  }

  /** Whether an item waits (the oldest's arrival is known). */
  get waiting(): boolean {
    return this.origin === this.origin;
  }

  /** The oldest item may have changed at t: record the age up to t, then `origin` (NaN: none) is oldest. */
  update(origin: number, t: number): void {
    const same = origin === this.origin || (origin !== origin && this.origin !== this.origin);
    // The same oldest item, already observed at this instant (a queue looks before and after
    // handing out work): observing again would record the same age, so nothing changes.
    if (same && t === this.observedAt && t === this.seenAt) return;
    this.observe(t);
    // A new oldest item has not been observed yet, not even at t.
    if (!same) this.observedAt = NaN;
    this.origin = origin;
    this.seenAt = t;
  }

  /** When the current oldest was last observed (NaN: not since it became the oldest). */
  private observedAt = NaN;

  /** Records the current oldest's age up to t (the end of the run, or before it changes). */
  observe(t: number): void {
    this.observedAt = t;
    const a = this.origin;
    if (a !== a || t < this.measureFromMs) return;
    const R = this.capMs;
    const age = t - a < R ? t - a : R;
    if (age > this.maxMs) this.maxMs = age;
    const s = this.series;
    if (s === null) return;
    const bm = s.bucketMs;
    const from = this.seenAt > this.measureFromMs ? this.seenAt : this.measureFromMs;
    for (let e = (Math.floor(from / bm) + 1) * bm; e <= t; e += bm) {
      const v = (e - a < R ? e - a : R) / 1000;
      this.feed(e - bm / 2, v);
    }
    this.feed(t, age / 1000);
  }

  /** An item leaves at t aged ageMs (counted only in the measured window). */
  note(ageMs: number, t: number): void {
    if (t < this.measureFromMs) return;
    if (ageMs > this.maxMs) this.maxMs = ageMs;
    if (this.series !== null) this.feed(t, ageMs / 1000);
  }

  private feed(t: number, seconds: number): void {
    const s = this.series!;
    if (this.h1 >= 0) s.max(this.h1, t, seconds);
    if (this.h2 >= 0) s.max(this.h2, t, seconds);
  }
}
