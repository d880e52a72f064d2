import { memo, useMemo } from 'react';
import { Bar, BarChart, CartesianGrid, Cell, ErrorBar, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartCard } from '../results/ChartCard';
import { axisWidth, useChartFontSize } from '../results/chart-theme';
import { niceTicks } from '../results/chart-scales';
import { fmtMs, fmtUsd } from '../results/format';
import { axisStyle, GRID, NO_ANIMATION, PlotBox, TipBox } from '../results/plots/frame';
import type { Figures } from './side-by-side-data';
import type { Column } from './side-columns';

const METRICS = {
  cost: {
    title: 'Cost per month',
    yTitle: 'USD per month',
    value: (f: Figures) => f.monthlyCostUsd,
    half: (f: Figures) => f.half.monthlyCostUsd ?? 0,
    fmt: fmtUsd,
  },
  p95: {
    title: 'Latency p95',
    yTitle: 'milliseconds',
    value: (f: Figures) => f.p95,
    half: (f: Figures) => f.half.p95 ?? 0,
    fmt: fmtMs,
  },
} as const;

interface BarRow {
  name: string;
  value: number;
  err: [number, number] | undefined;
  color: string;
}

/** One bar per design, in its colour, with a whisker for its 95 % interval when there are replications. */
export function CompareBars({
  columns,
  figures,
  metric,
}: {
  columns: Column[];
  figures: (Figures | null)[];
  metric: keyof typeof METRICS;
}) {
  const fontSize = useChartFontSize();
  const m = METRICS[metric];
  const rows = useMemo(
    () =>
      columns.flatMap((c, i): BarRow[] => {
        const f = figures[i];
        if (!f) return [];
        const h = m.half(f);
        return [{ name: c.entry.name, value: m.value(f), err: h > 0 ? [h, h] : undefined, color: c.color }];
      }),
    [columns, figures, m],
  );
  if (rows.length === 0) return null;
  const runs = figures.find((f) => f)?.runs ?? 1;
  return (
    <ChartCard
      title={m.title}
      caption={runs > 1 ? `mean of ${runs} runs, whiskers: 95 % interval` : 'one run each'}
      fileName={`compare-bars-${metric}`}
      className="compare-bar-chart"
      resetKey={rows}
    >
      <BarsPlot rows={rows} fmt={m.fmt} yTitle={m.yTitle} title={m.title} fontSize={fontSize} />
    </ChartCard>
  );
}

const MARGIN = { top: 10, right: 16, bottom: 0, left: 0 };

const BarsPlot = memo(function BarsPlot({
  rows,
  fmt,
  yTitle,
  title,
  fontSize,
}: {
  rows: BarRow[];
  fmt: (x: number) => string;
  yTitle: string;
  title: string;
  fontSize: number;
}) {
  const ticks = useMemo(() => niceTicks(Math.max(...rows.map((r) => r.value + (r.err?.[1] ?? 0)))), [rows]);
  const yWidth = axisWidth(ticks.map(fmt), fontSize) + fontSize + 8;
  const axis = axisStyle(fontSize);
  return (
    <PlotBox label={`${title}: ${rows.map((r) => `${r.name} ${fmt(r.value)}`).join(', ')}`}>
      {({ width, height }) => (
        <BarChart width={width} height={height} data={rows} margin={MARGIN} accessibilityLayer={false}>
          <CartesianGrid {...GRID} vertical={false} />
          <XAxis dataKey="name" type="category" interval={0} height={24} {...axis} />
          <YAxis
            width={yWidth}
            ticks={ticks}
            domain={[0, ticks[ticks.length - 1] || 1]}
            tickFormatter={fmt}
            label={{
              value: yTitle,
              angle: -90,
              position: 'insideLeft',
              style: { textAnchor: 'middle' },
              fill: 'var(--chart-text)',
              fontSize,
            }}
            {...axis}
          />
          <Tooltip
            {...NO_ANIMATION}
            cursor={{ fill: 'var(--chart-grid)' }}
            content={({ active, payload }) => {
              const r = active ? (payload?.[0]?.payload as BarRow | undefined) : undefined;
              return r ? (
                <TipBox
                  title={r.name}
                  rows={[
                    {
                      label: title,
                      value: `${fmt(r.value)}${r.err ? ` ± ${fmt(r.err[1])}` : ''}`,
                      color: r.color,
                    },
                  ]}
                />
              ) : null;
            }}
          />
          <Bar className="chart-bar" dataKey="value" {...NO_ANIMATION}>
            {rows.map((r) => (
              <Cell key={r.name} fill={r.color} />
            ))}
            <ErrorBar
              dataKey="err"
              width={10}
              stroke="var(--chart-text)"
              strokeWidth={1.5}
              direction="y"
              {...NO_ANIMATION}
            />
          </Bar>
        </BarChart>
      )}
    </PlotBox>
  );
});
