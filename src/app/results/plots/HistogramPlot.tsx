import { memo, useMemo } from 'react';
import { Bar, BarChart, CartesianGrid, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { axisWidth } from '../chart-theme';
import { niceIntTicks } from '../chart-scales';
import { fmtCount } from '../format';
import { shortMs, type LatencyBin } from '../latency-bins';
import { axisStyle, GRID, NO_ANIMATION, PlotBox, TipBox } from './frame';

export interface HistogramMarker {
  key: string;
  color: string;
  /** Index of the bin the percentile falls in. */
  at: number;
}

const RIGHT = 16;

/** Requests per latency bin (bins equal on a log scale), with p50/p95/p99 as dashed lines. */
export const HistogramPlot = memo(function HistogramPlot({
  bins,
  markers,
  fontSize,
}: {
  bins: LatencyBin[];
  markers: HistogramMarker[];
  fontSize: number;
}) {
  const data = useMemo(() => bins.map((b, i) => ({ i, count: b.count, label: b.label })), [bins]);
  const ticks = useMemo(() => niceIntTicks(Math.max(...bins.map((b) => b.count))), [bins]);
  const yWidth = axisWidth(ticks.map(fmtCount), fontSize) + 4;
  const axis = axisStyle(fontSize);
  // Percentiles a bin or two apart would print their names over each other: each takes the
  // next row up when it is close to the one before.
  const rows = useMemo(() => {
    const out: number[] = [];
    markers.forEach((m, k) => {
      const close = k > 0 && Math.abs(m.at - markers[k - 1].at) < 3;
      out.push(close ? out[k - 1] + 1 : 0);
    });
    return out;
  }, [markers]);
  const margin = { top: 6 + (Math.max(0, ...rows) + 1) * (fontSize + 2), right: RIGHT, bottom: 0, left: 0 };
  return (
    <PlotBox
      label={`Latency histogram: ${bins.length} bins from ${shortMs(bins[0].loMs)} to ${shortMs(bins[bins.length - 1].hiMs)}`}
    >
      {({ width, height }) => {
        const band = (width - yWidth - RIGHT) / Math.max(1, bins.length);
        // Labels about 5 em apart, on whole bins.
        const every = Math.max(1, Math.ceil((fontSize * 5) / Math.max(1, band)));
        return (
          <BarChart
            width={width}
            height={height}
            data={data}
            margin={margin}
            barCategoryGap={1}
            accessibilityLayer={false}
          >
            <CartesianGrid {...GRID} vertical={false} />
            <XAxis
              dataKey="i"
              type="category"
              interval={every - 1}
              tickFormatter={(i: number) => bins[i]?.label ?? ''}
              height={24}
              {...axis}
            />
            <YAxis
              width={yWidth}
              ticks={ticks}
              domain={[0, ticks[ticks.length - 1] || 1]}
              tickFormatter={fmtCount}
              allowDecimals={false}
              {...axis}
            />
            <Tooltip
              {...NO_ANIMATION}
              cursor={{ fill: 'var(--chart-grid)' }}
              content={({ active, label }) => {
                const b = active ? bins[Number(label)] : undefined;
                return b ? (
                  <TipBox
                    title={`${shortMs(b.loMs)} – ${shortMs(b.hiMs)}`}
                    rows={[{ label: 'Requests', value: fmtCount(b.count), color: 'var(--chart-blue)' }]}
                  />
                ) : null;
              }}
            />
            <Bar
              className="chart-bar"
              dataKey="count"
              fill="var(--chart-blue)"
              fillOpacity={0.85}
              radius={[3, 3, 0, 0]}
              minPointSize={0}
              {...NO_ANIMATION}
            />
            {markers.map((m, k) => (
              <ReferenceLine
                key={m.key}
                className="chart-marker"
                x={m.at}
                stroke={m.color}
                strokeWidth={2}
                strokeDasharray="6 4"
                label={{
                  value: m.key,
                  position: 'top',
                  offset: 4 + rows[k] * (fontSize + 2),
                  fill: 'var(--chart-text)',
                  fontSize,
                  fontWeight: 600,
                }}
              />
            ))}
          </BarChart>
        );
      }}
    </PlotBox>
  );
});
