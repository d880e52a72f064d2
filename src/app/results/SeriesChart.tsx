import { useMemo } from 'react';
import { Area, AreaChart, CartesianGrid, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import type { Result } from '../../engine/result';
import { ChartCard, type LegendItem } from './ChartCard';
import { metricColor, useChartFontSize } from './chart-theme';
import { fmtClock, fmtCount } from './format';
import type { ConcurrencyLimit } from './scenario-facts';
import { chartRows, type ChartSpec } from './series-groups';
import { tickValue, tooltipValue } from './value-format';

interface SeriesChartProps {
  result: Result;
  spec: ChartSpec;
  /** Drawn as a dashed line when the data comes near it (concurrency against its limit). */
  limit?: ConcurrencyLimit | null;
  fileName: string;
}

/**
 * A limit far above the data would flatten the data into the axis; below this share of the
 * limit the chart keeps its own scale and names the limit in the caption instead.
 */
const LIMIT_IN_VIEW = 0.25;

export function SeriesChart({ result, spec, limit, fileName }: SeriesChartProps) {
  const fontSize = useChartFontSize();
  const rows = useMemo(() => chartRows(result, spec.lines), [result, spec.lines]);
  const peak = useMemo(() => rawPeak(result, spec), [result, spec]);
  const span = result.simulatedSeconds;
  const showLimit = limit != null && peak >= limit.value * LIMIT_IN_VIEW;
  const legend: LegendItem[] = spec.lines.map((l, i) => ({ label: l.label, color: metricColor(l.metric, i) }));
  if (showLimit) legend.push({ label: `Limit: ${fmtCount(limit.value)} (${limit.label})`, color: 'var(--chart-limit)', dashed: true });
  const caption = limit && !showLimit ? `${spec.caption} · peak ${fmtCount(peak)} of ${fmtCount(limit.value)} (${limit.label})` : spec.caption;
  const tick = { fontSize, fill: 'var(--chart-text)' };

  // A flat line at zero says less than one sentence does (and takes a chart's room).
  if (peak === 0) {
    return (
      <div className="chart-card chart-card-quiet" role="note" aria-label={spec.title}>
        <h4 className="chart-card-title">{spec.title}</h4>
        <p>None during this run ({spec.lines.map((l) => l.label.toLowerCase()).join(', ')}: 0).</p>
      </div>
    );
  }

  return (
    <ChartCard title={spec.title} caption={caption} legend={legend.length > 1 || showLimit ? legend : []} fileName={fileName}>
      <AreaChart responsive data={rows} style={{ width: '100%', height: '100%' }} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
        <CartesianGrid stroke="var(--chart-grid)" vertical={false} />
        <XAxis
          dataKey="t"
          type="number"
          domain={[0, span]}
          tickFormatter={(t: number) => fmtClock(t, span)}
          tick={tick}
          stroke="var(--chart-axis)"
          minTickGap={24}
        />
        <YAxis
          width="auto"
          tickFormatter={(v: number) => tickValue(v, spec.format)}
          tick={tick}
          stroke="var(--chart-axis)"
          domain={[0, 'auto']}
          niceTicks="snap125"
        />
        <Tooltip
          isAnimationActive={false}
          labelFormatter={(t) => `at ${fmtClock(Number(t), span)}`}
          formatter={(v) => tooltipValue(Number(v), spec.format)}
          contentStyle={{ background: 'var(--results-surface)', border: '1px solid var(--results-border)', color: 'var(--results-text)', fontSize }}
          labelStyle={{ color: 'var(--results-muted)' }}
        />
        {spec.lines.map((l, i) => {
          const color = metricColor(l.metric, i);
          return (
            <Area
              key={l.key}
              dataKey={l.key}
              name={l.label}
              type="linear"
              stroke={color}
              fill={color}
              fillOpacity={0.14}
              strokeWidth={2}
              dot={false}
              activeDot={{ r: 3 }}
              isAnimationActive={false}
            />
          );
        })}
        {showLimit && <ReferenceLine y={limit.value} ifOverflow="extendDomain" stroke="var(--chart-limit)" strokeDasharray="6 4" strokeWidth={2} />}
      </AreaChart>
    </ChartCard>
  );
}

/** The largest value of the chart's series, at full resolution (merged rows smooth peaks away). */
function rawPeak(result: Result, spec: ChartSpec): number {
  let m = 0;
  for (const l of spec.lines) for (const v of (result.series?.[l.key] as number[] | undefined) ?? []) if (v > m) m = v;
  return m;
}
