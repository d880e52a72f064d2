/**
 * The replay's one binary search: every lookup of a moment in a sorted record (recorded
 * levels, step tables, cold starts, dots, event times) goes through it, so the bounds are
 * written once.
 */

/**
 * How many of the first n items come before the point where `before(i)` turns false: the
 * index of the first item for which it is false (n when none is). `before` must be true for a
 * prefix of the items and false for the rest.
 */
export function partitionPoint(n: number, before: (i: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** How many of the ascending `times` are at or before t. */
export function countAtOrBefore(times: ArrayLike<number> | undefined, t: number): number {
  return times ? partitionPoint(times.length, (i) => times[i] <= t) : 0;
}

/** How many of the ascending `times` are strictly before t. */
export function countBefore(times: ArrayLike<number>, t: number): number {
  return partitionPoint(times.length, (i) => times[i] < t);
}
