import { useMemo } from 'react';
import { Bar, BarChart, CartesianGrid, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import type { Result } from '../../engine/result';
import { ChartCard } from './ChartCard';
import { useChartFontSize } from './chart-theme';
import { slug } from './export/download';
import { fmtCount, fmtMs } from './format';
import { binIndexOf, latencyBins, shortMs } from './latency-bins';

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
  if (bins.length === 0) {
    return <p className="results-empty">No request finished during the run, so there is no latency to show.</p>;
  }
  const rows = bins.map((b, i) => ({ ...b, i }));
  const tick = { fontSize, fill: 'var(--chart-text)' };
  return (
    <ChartCard
      title="Latency"
      caption="end to end, requests per bin (log scale)"
      legend={MARKERS.map((m) => ({ label: `${m.key} ${fmtMs(lat[m.key])}`, color: m.color, dashed: true }))}
      fileName={`${slug(result.scenario)}-latency`}
      className="chart-card-wide"
    >
      <BarChart responsive data={rows} style={{ width: '100%', height: '100%' }} margin={{ top: 24, right: 16, bottom: 0, left: 0 }} barCategoryGap={1}>
        <CartesianGrid stroke="var(--chart-grid)" vertical={false} />
        <XAxis dataKey="i" type="category" tickFormatter={(i: number) => bins[i]?.label ?? ''} tick={tick} stroke="var(--chart-axis)" minTickGap={16} />
        <YAxis width="auto" tickFormatter={(v: number) => fmtCount(v)} tick={tick} stroke="var(--chart-axis)" allowDecimals={false} />
        <Tooltip
          isAnimationActive={false}
          cursor={{ fill: 'var(--chart-grid)' }}
          labelFormatter={(i) => {
            const b = bins[Number(i)];
            return b ? `${shortMs(b.loMs)} – ${shortMs(b.hiMs)}` : '';
          }}
          formatter={(v) => [`${fmtCount(Number(v))} requests`, 'Requests']}
          contentStyle={{ background: 'var(--results-surface)', border: '1px solid var(--results-border)', color: 'var(--results-text)', fontSize }}
          labelStyle={{ color: 'var(--results-muted)' }}
        />
        <Bar dataKey="count" name="Requests" fill="var(--chart-blue)" fillOpacity={0.85} radius={[3, 3, 0, 0]} isAnimationActive={false} />
        {MARKERS.map((m) => (
          <ReferenceLine
            key={m.key}
            x={binIndexOf(bins, lat[m.key])}
            stroke={m.color}
            strokeWidth={2}
            strokeDasharray="6 4"
            label={{ value: m.key, position: 'top', fill: m.color, fontSize, fontWeight: 600 }}
          />
        ))}
      </BarChart>
    </ChartCard>
  );
}
