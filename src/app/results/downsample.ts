/**
 * A series of 2,000 buckets is more points than a chart is pixels wide, and a chart library
 * pays for every point it draws. Rows are reduced here, before the chart sees them, by
 * min/max buckets: each run of source points becomes two rows holding, for every line, the
 * run's smallest and largest value in the order they happened. A one-bucket spike survives
 * (averaging would flatten it), and so does a one-bucket dip.
 */

/** How a column is reduced inside a bucket. */
export type Reduce =
  /** Two rows: the bucket's min and max, in time order (a line's envelope). */
  | 'minmax'
  /** Both rows carry the bucket's min (the low edge of a band stays under every point). */
  | 'min'
  /** Both rows carry the bucket's max (the high edge of a band stays over every point). */
  | 'max';

export interface Column {
  key: string;
  values: ArrayLike<number>;
  reduce?: Reduce;
}

/** What the charts get: the budget is 300–500 points per series. */
export const MAX_CHART_POINTS = 300;

/**
 * Rows `{ t, [key]: value }` for a chart: every source point when there are at most
 * `maxPoints`, else `2 × floor(maxPoints / 2)` rows at most, the first at the first time and
 * the last at the last. Non-finite values count as 0.
 */
export function downsampleRows(
  t: ArrayLike<number>,
  columns: readonly Column[],
  maxPoints = MAX_CHART_POINTS,
): Record<string, number>[] {
  const n = t.length;
  const rows: Record<string, number>[] = [];
  const at = (values: ArrayLike<number>, i: number) => {
    const v = values[i];
    return Number.isFinite(v) ? v : 0;
  };
  if (n <= maxPoints) {
    for (let i = 0; i < n; i++) {
      const row: Record<string, number> = { t: t[i] };
      for (const c of columns) row[c.key] = at(c.values, i);
      rows.push(row);
    }
    return rows;
  }
  const buckets = Math.max(1, Math.floor(maxPoints / 2));
  for (let b = 0; b < buckets; b++) {
    const i0 = Math.floor((b * n) / buckets);
    const i1 = Math.floor(((b + 1) * n) / buckets);
    if (i1 <= i0) continue;
    const first: Record<string, number> = { t: t[i0] };
    const second: Record<string, number> = { t: t[i1 - 1] };
    for (const c of columns) {
      let lo = Infinity;
      let hi = -Infinity;
      let iLo = i0;
      let iHi = i0;
      for (let i = i0; i < i1; i++) {
        const v = at(c.values, i);
        if (v < lo) {
          lo = v;
          iLo = i;
        }
        if (v > hi) {
          hi = v;
          iHi = i;
        }
      }
      const reduce = c.reduce ?? 'minmax';
      if (reduce === 'min') {
        first[c.key] = second[c.key] = lo;
      } else if (reduce === 'max') {
        first[c.key] = second[c.key] = hi;
      } else if (iLo <= iHi) {
        first[c.key] = lo;
        second[c.key] = hi;
      } else {
        first[c.key] = hi;
        second[c.key] = lo;
      }
    }
    rows.push(first);
    // A bucket of one point is one row.
    if (i1 - 1 > i0) rows.push(second);
  }
  return rows;
}
