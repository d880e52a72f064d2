import { memo, useMemo } from 'react';
import {
  CartesianGrid,
  ComposedChart,
  ErrorBar,
  Line,
  ReferenceDot,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { TuningReport } from '../../engine/tuning/power-tuning';
import { ChartCard, type LegendItem } from '../results/ChartCard';
import { fmtMs } from '../results/format';

/** Cost per invocation is a few millionths of a dollar: per million invocations reads better. */
const PER = 1e6;

export const TUNING_COLORS = {
  cost: 'var(--chart-blue)',
  mean: 'var(--chart-orange)',
  p50: 'var(--chart-teal)',
  p95: 'var(--chart-purple)',
  pick: 'var(--chart-text)',
};

interface Row {
  mb: number;
  label: string;
  cost: number;
  costErr: number;
  mean: number;
  meanErr: number;
  p50: number;
  p95: number;
}

export function fmtMB(mb: number): string {
  return mb >= 1024 && mb % 1024 === 0 ? `${mb / 1024} GB` : `${mb.toLocaleString('en-US')} MB`;
}

export function fmtPerMillion(usd: number): string {
  return `$${usd < 10 ? usd.toFixed(2) : usd.toLocaleString('en-US', { maximumFractionDigits: 0 })}`;
}

/** The picks at each memory size, as one label ("fastest · balanced") so that labels never overlap. */
export function pickLabels(report: TuningReport): Map<number, string> {
  const out = new Map<number, string[]>();
  for (const [name, mb] of [
    ['cheapest', report.cheapest],
    ['fastest', report.fastest],
    ['balanced', report.balanced],
  ] as const)
    out.set(mb, [...(out.get(mb) ?? []), name]);
  return new Map([...out].map(([mb, names]) => [mb, names.join(' · ')]));
}

/**
 * Cost per invocation (left axis) and duration (right axis: mean with its interval, p50, p95)
 * against memory on a log axis, the picks marked. recharts, used lightly: no animation, no
 * dots, fixed axis widths, the legend in HTML, mounted in its turn by ChartCard.
 */
export const TuningChart = memo(function TuningChart({
  report,
  fileName,
}: {
  report: TuningReport;
  fileName: string;
}) {
  const rows = useMemo<Row[]>(
    () =>
      report.points.map((p) => ({
        mb: p.memoryMB,
        label: fmtMB(p.memoryMB),
        cost: p.costPerInvocationUsd.mean * PER,
        costErr: p.costPerInvocationUsd.halfWidth * PER,
        mean: p.durationMs.mean.mean,
        meanErr: p.durationMs.mean.halfWidth,
        p50: p.durationMs.p50.mean,
        p95: p.durationMs.p95.mean,
      })),
    [report],
  );
  const picks = useMemo(() => pickLabels(report), [report]);
  const legend: LegendItem[] = [
    { label: 'Cost per 1M invocations (left)', color: TUNING_COLORS.cost },
    { label: 'Duration mean (right)', color: TUNING_COLORS.mean },
    { label: 'Duration p50', color: TUNING_COLORS.p50, dashed: true },
    { label: 'Duration p95', color: TUNING_COLORS.p95, dashed: true },
  ];
  const reps = report.replications;
  return (
    <ChartCard
      title={`Power tuning: ${report.label}`}
      caption={`against memory${reps > 1 ? ` · whiskers: 95 % interval over ${reps} runs` : ''}`}
      legend={legend}
      fileName={fileName}
      className="chart-card-wide tuning-chart"
      height="22rem"
      resetKey={report}
    >
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={rows} margin={{ top: 28, right: 8, bottom: 8, left: 8 }}>
          <CartesianGrid stroke="var(--chart-grid)" vertical={false} />
          {/* One slot per size, as Power Tuning draws it: 1,769 MB and 2 GB sit too close on a
              true log axis for their labels to be read. */}
          <XAxis
            dataKey="label"
            type="category"
            stroke="var(--chart-axis)"
            tick={{ fill: 'var(--chart-text)' }}
            interval={0}
            height={32}
            padding={{ left: 16, right: 16 }}
          />
          <YAxis
            yAxisId="cost"
            width={72}
            tickFormatter={fmtPerMillion}
            stroke="var(--chart-axis)"
            tick={{ fill: 'var(--chart-text)' }}
            domain={[0, 'auto']}
          />
          <YAxis
            yAxisId="ms"
            orientation="right"
            width={72}
            tickFormatter={fmtMs}
            stroke="var(--chart-axis)"
            tick={{ fill: 'var(--chart-text)' }}
            domain={[0, 'auto']}
          />
          <Tooltip
            isAnimationActive={false}
            labelFormatter={(label) => String(label)}
            formatter={(v, name) =>
              name === 'cost'
                ? [fmtPerMillion(Number(v)), 'per 1M invocations']
                : [fmtMs(Number(v)), String(name)]
            }
          />
          <Line
            yAxisId="cost"
            dataKey="cost"
            name="cost"
            stroke={TUNING_COLORS.cost}
            strokeWidth={2.5}
            dot={false}
            isAnimationActive={false}
          >
            <ErrorBar dataKey="costErr" width={6} stroke={TUNING_COLORS.cost} direction="y" />
          </Line>
          <Line
            yAxisId="ms"
            dataKey="mean"
            name="mean"
            stroke={TUNING_COLORS.mean}
            strokeWidth={2.5}
            dot={false}
            isAnimationActive={false}
          >
            <ErrorBar dataKey="meanErr" width={6} stroke={TUNING_COLORS.mean} direction="y" />
          </Line>
          <Line
            yAxisId="ms"
            dataKey="p50"
            name="p50"
            stroke={TUNING_COLORS.p50}
            strokeDasharray="6 4"
            dot={false}
            isAnimationActive={false}
          />
          <Line
            yAxisId="ms"
            dataKey="p95"
            name="p95"
            stroke={TUNING_COLORS.p95}
            strokeDasharray="2 3"
            dot={false}
            isAnimationActive={false}
          />
          {[...picks].map(([mb, label]) => {
            const index = rows.findIndex((r) => r.mb === mb);
            const row = rows[index];
            // Grows away from the nearer edge, so a pick at either end is never cut off.
            const anchor = index < rows.length / 2 ? 'start' : 'end';
            return (
              <ReferenceDot
                key={mb}
                yAxisId="cost"
                x={row.label}
                y={row.cost}
                r={6}
                fill="var(--results-surface)"
                stroke={TUNING_COLORS.pick}
                strokeWidth={2}
                label={{
                  value: label,
                  position: 'top',
                  offset: 12,
                  textAnchor: anchor,
                  fill: 'var(--chart-text)',
                  fontWeight: 600,
                }}
                className="tuning-pick"
              />
            );
          })}
        </ComposedChart>
      </ResponsiveContainer>
    </ChartCard>
  );
});
