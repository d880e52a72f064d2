/**
 * The engine's latency histogram has fine log buckets (2 % wide: hundreds of them). A chart
 * wants a few dozen bars, so they are merged into equal-width bins on a log scale between
 * the fastest and slowest request: latency spans orders of magnitude, and a linear axis
 * would squeeze the body of the distribution into one bar and hide the tail.
 */
export interface LatencyBin {
  loMs: number;
  hiMs: number;
  count: number;
  /** Short label of the bin's lower edge, for the axis. */
  label: string;
}

export function latencyBins(rows: readonly [number, number, number][], target = 32): LatencyBin[] {
  const nonEmpty = rows.filter((r) => r[2] > 0);
  if (nonEmpty.length === 0) return [];
  // The first engine bucket starts at 0; a log scale needs a positive floor.
  const lo = Math.max(nonEmpty[0][0] > 0 ? nonEmpty[0][0] : nonEmpty[0][1] / 2, 1e-3);
  const hi = Math.max(nonEmpty[nonEmpty.length - 1][1], lo * 1.0001);
  const n = Math.max(1, Math.min(target, nonEmpty.length));
  const ratio = Math.pow(hi / lo, 1 / n);
  const bins: LatencyBin[] = Array.from({ length: n }, (_, i) => {
    const a = lo * Math.pow(ratio, i);
    const b = i === n - 1 ? hi : lo * Math.pow(ratio, i + 1);
    return { loMs: a, hiMs: b, count: 0, label: shortMs(a) };
  });
  for (const [a, b, count] of nonEmpty) {
    // Each fine bucket goes whole into the bin holding its midpoint (geometric, as the buckets are).
    const mid = a > 0 ? Math.sqrt(a * b) : b / 2;
    const i = Math.min(n - 1, Math.max(0, Math.floor(Math.log(mid / lo) / Math.log(ratio))));
    bins[i].count += count;
  }
  return bins;
}

/** Index of the bin a latency falls in (for the percentile markers). */
export function binIndexOf(bins: readonly LatencyBin[], ms: number): number {
  if (bins.length === 0) return -1;
  const i = bins.findIndex((b) => ms < b.hiMs);
  return i === -1 ? bins.length - 1 : i;
}

/** Compact: "0.4 ms", "12 ms", "1.2 s". */
export function shortMs(ms: number): string {
  if (ms < 1) return `${+ms.toFixed(2)} ms`;
  if (ms < 10) return `${+ms.toFixed(1)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${+(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  return `${+(ms / 60_000).toFixed(1)} min`;
}
