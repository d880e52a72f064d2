import { useMemo } from 'react';
import type { Result } from '../../engine/result';
import { ChartCard } from './ChartCard';
import { useChartFontSize } from './chart-theme';
import { slug } from './export/download';
import { fmtMs } from './format';
import { binIndexOf, latencyBins } from './latency-bins';

const MARKERS = [
  { key: 'p50', color: 'var(--chart-green)' },
  { key: 'p95', color: 'var(--chart-amber)' },
  { key: 'p99', color: 'var(--chart-red)' },
] as const;

/** End-to-end latency of every request that finished, on a log scale, with p50/p95/p99 marked. */
export function LatencyHistogram({ result }: { result: Result }) {
  const fontSize = useChartFontSize();
  const bins = useMemo(() => latencyBins(result.latencyHistogram), [result]);
  const lat = result.totals.latencyMs;
  const markers = useMemo(
    () => MARKERS.map((m) => ({ ...m, at: binIndexOf(bins, lat[m.key]) })),
    [bins, lat],
  );
  if (bins.length === 0) {
    return (
      <p className="results-empty">No request finished during the run, so there is no latency to show.</p>
    );
  }
  return (
    <ChartCard
      title="Latency"
      caption="end to end, requests per bin (log scale)"
      legend={MARKERS.map((m) => ({ label: `${m.key} ${fmtMs(lat[m.key])}`, color: m.color, dashed: true }))}
      resetKey={result}
      fileName={`${slug(result.scenario)}-latency`}
      className="chart-card-wide"
    >
      {(P) => <P.HistogramPlot bins={bins} markers={markers} fontSize={fontSize} />}
    </ChartCard>
  );
}
