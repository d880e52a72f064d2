import { useMemo, useState, type PointerEvent } from 'react';
import { fmtValue, type SweepReport } from '../../engine/compare/sweep';
import { ChartCard, type LegendItem } from '../results/ChartCard';
import { axisWidth, useChartFontSize } from '../results/chart-theme';
import { fmtMs, fmtPercent, fmtUsd } from '../results/format';
import { ChartFrame, XAxisLabels, YGrid, niceTicks, type Tip } from '../results/svg-chart';
import {
  crossoverMarks,
  fmtAxisValue,
  fmtCostTick,
  logDomain,
  logTicks,
  makeScale,
} from './sweep-chart-geometry';

export type SweepMetric = 'cost' | 'p95';

interface SweepChartProps {
  report: SweepReport;
  metric: SweepMetric;
  /** A colour per curve (report.curves order). */
  colors: readonly string[];
  /** Log x axis (the sweep's spacing). */
  logX: boolean;
  /** Log value axis (costs span decades: $0.50 to $20,000). */
  logY: boolean;
  fileName: string;
}

/** At most this many crossover labels get a row above the plot; the list under the chart has them all. */
const MAX_LABEL_ROWS = 8;
const FAILED_SHARE = 0.01;

/**
 * A metric of each scenario against the swept parameter, one line per scenario; on the cost
 * chart every crossover is marked where the curves meet and labelled in words above the plot.
 */
export function SweepChart({ report, metric, colors, logX, logY, fileName }: SweepChartProps) {
  const fontSize = useChartFontSize();
  const labelled = metric === 'cost' ? Math.min(report.crossovers.length, MAX_LABEL_ROWS) : 0;
  const legend: LegendItem[] = report.curves.map((c, i) => ({ label: c.name, color: colors[i] }));
  const unit = report.unit ? ` (${report.unit})` : '';
  const failed = report.curves.some((c) => c.points.some((p) => p.failedFraction > FAILED_SHARE));
  const title = metric === 'cost' ? 'Monthly cost' : 'Latency p95';
  const caption =
    (metric === 'cost'
      ? `USD per 30-day month against ${shortParam(report.param)}${unit}`
      : `end to end, against ${shortParam(report.param)}${unit}`) +
    (failed ? ' · ringed points: more than 1 % of requests failed' : '');
  return (
    <ChartCard
      title={title}
      caption={caption}
      legend={legend}
      fileName={fileName}
      className="chart-card-wide compare-sweep-chart"
      height={`calc(${metric === 'cost' ? 20 : 15}em + ${labelled * 1.5}em)`}
      resetKey={report}
    >
      <SweepPlot
        report={report}
        metric={metric}
        colors={colors}
        logX={logX}
        logY={logY}
        fontSize={fontSize}
        labelled={labelled}
      />
    </ChartCard>
  );
}

/** "nodes[id=clients].params.traffic.ratePerSecond" → "clients.traffic.ratePerSecond". */
export function shortParam(param: string): string {
  const m = /^nodes\[id=([^\]]+)\]\.params\.(.*)$/.exec(param);
  return m ? `${m[1]}.${m[2]}` : param;
}

const MARGIN = { top: 10, right: 20, bottom: 26 };

function SweepPlot({
  report,
  metric,
  colors,
  logX,
  logY,
  fontSize,
  labelled,
}: Omit<SweepChartProps, 'fileName'> & { fontSize: number; labelled: number }) {
  const [tip, setTip] = useState<Tip | null>(null);
  const [hover, setHover] = useState<number | null>(null);
  const get =
    metric === 'cost'
      ? (p: { monthlyCostUsd: number }) => p.monthlyCostUsd
      : (p: { p95Ms: number }) => p.p95Ms;
  const fmtTip = metric === 'cost' ? fmtUsd : fmtMs;
  const values = useMemo(
    () => [...new Set(report.curves.flatMap((c) => c.points.map((p) => p.value)))].sort((a, b) => a - b),
    [report],
  );
  const all = report.curves.flatMap((c) => c.points.map(get));
  const useLogY = logY && all.some((v) => v > 0);
  const linearTicks = niceTicks(Math.max(0, ...all));
  const yDomain: [number, number] = useLogY ? logDomain(all) : [0, linearTicks[linearTicks.length - 1] || 1];
  const yTicks = useLogY ? logTicks(yDomain[0], yDomain[1]) : linearTicks;
  const fmtTick = metric === 'cost' ? fmtCostTick : fmtMs;
  const yWidth = axisWidth(yTicks.map(fmtTick), fontSize);
  const x0 = report.values[0];
  const x1 = report.values[report.values.length - 1];
  const rowHeight = fontSize * 1.5;
  const bandTop = MARGIN.top;
  const plotTop = MARGIN.top + labelled * rowHeight + (labelled > 0 ? 6 : 0);
  const label = `${metric === 'cost' ? 'Monthly cost' : 'p95 latency'} against ${shortParam(report.param)}: ${report.curves.map((c) => c.name).join(', ')}${
    metric === 'cost' && report.crossovers.length
      ? `; ${report.crossovers.map((c) => c.label).join('; ')}`
      : ''
  }`;

  return (
    <ChartFrame label={label} tip={tip}>
      {({ width, height }) => {
        const left = yWidth;
        const right = Math.max(left + 10, width - MARGIN.right);
        const bottom = Math.max(plotTop + 10, height - MARGIN.bottom);
        const x = makeScale(x0, x1, left, right, logX);
        const y = makeScale(yDomain[0], yDomain[1], bottom, plotTop, useLogY);
        const xTicks = logX ? logTicks(x0, x1) : niceLinearTicks(x0, x1);
        const marks = crossoverMarks(
          report.crossovers,
          report.curves,
          report.unit,
          x,
          (v) => (metric === 'cost' ? y(v) : NaN),
          { left, right, bandTop, rowHeight },
        );
        // Past the band's rows, a mark keeps its line and ring; the list above the chart names it.
        const labelledSet = new Set(marks.filter((m) => m.labelY < plotTop).map((m) => m.n));
        const onMove = (e: PointerEvent<SVGRectElement>) => {
          const box = e.currentTarget.getBoundingClientRect();
          const px = e.clientX - box.left + left;
          let best = 0;
          for (let i = 1; i < values.length; i++)
            if (Math.abs(x(values[i]) - px) < Math.abs(x(values[best]) - px)) best = i;
          const v = values[best];
          setHover(best);
          setTip({
            x: x(v),
            y: e.clientY - box.top + plotTop,
            title: `at ${fmtValue(v)}${report.unit ? ` ${report.unit}` : ''}`,
            rows: report.curves.flatMap((c, i) => {
              const p = c.points.find((q) => q.value === v);
              if (!p) return [];
              const note =
                p.failedFraction > FAILED_SHARE
                  ? ` (${fmtPercent(p.failedFraction)} failed)`
                  : p.incomplete
                    ? ' (incomplete)'
                    : '';
              return [{ label: c.name, value: `${fmtTip(get(p))}${note}`, color: colors[i] }];
            }),
          });
        };
        const leave = () => {
          setTip(null);
          setHover(null);
        };
        return (
          <>
            <g className="chart-y-axis-band">
              <YGrid ticks={yTicks} y={y} left={left} right={right} format={fmtTick} fontSize={fontSize} />
            </g>
            {report.curves.map((c, i) => {
              const pts = c.points.filter((p) => Number.isFinite(get(p)));
              if (pts.length === 0) return null;
              const d = pts
                .map((p, k) => `${k === 0 ? 'M' : 'L'}${x(p.value).toFixed(1)},${y(get(p)).toFixed(1)}`)
                .join('');
              return (
                <g key={c.name} className="sweep-curve" data-scenario={c.name}>
                  <path d={d} fill="none" stroke={colors[i]} strokeWidth={2.5} strokeLinejoin="round" />
                  {pts.map((p) => (
                    <circle
                      key={p.value}
                      className={
                        p.failedFraction > FAILED_SHARE ? 'sweep-point sweep-point-failed' : 'sweep-point'
                      }
                      cx={x(p.value)}
                      cy={y(get(p))}
                      r={p.failedFraction > FAILED_SHARE ? 5 : 3}
                      fill={p.failedFraction > FAILED_SHARE ? 'var(--results-surface)' : colors[i]}
                      stroke={p.failedFraction > FAILED_SHARE ? 'var(--chart-red)' : 'var(--results-surface)'}
                      strokeWidth={p.failedFraction > FAILED_SHARE ? 2 : 1}
                    />
                  ))}
                </g>
              );
            })}
            {marks.map((m) => (
              <g key={m.n} className="crossover-mark" data-crossover={m.n}>
                <line
                  x1={m.x}
                  x2={m.x}
                  y1={labelledSet.has(m.n) ? m.labelY + fontSize * 0.3 : plotTop}
                  y2={bottom}
                  stroke="var(--chart-text)"
                  strokeDasharray="4 4"
                  strokeWidth={1.5}
                />
                {metric === 'cost' ? (
                  <circle cx={m.x} cy={m.y} r={6} fill="none" stroke="var(--chart-text)" strokeWidth={2} />
                ) : null}
                {labelledSet.has(m.n) ? (
                  <text
                    className="crossover-label"
                    x={m.labelX}
                    y={m.labelY}
                    textAnchor={m.anchor}
                    fill="var(--results-text)"
                    fontSize={fontSize}
                    fontWeight={600}
                  >
                    {m.text}
                  </text>
                ) : null}
              </g>
            ))}
            <XAxisLabels
              items={xTicks.map((t) => ({ x: x(t), label: fmtAxisValue(t) }))}
              y={bottom}
              left={left}
              right={right}
              fontSize={fontSize}
            />
            {hover !== null && values[hover] !== undefined ? (
              <line
                className="chart-hover"
                pointerEvents="none"
                x1={x(values[hover])}
                x2={x(values[hover])}
                y1={plotTop}
                y2={bottom}
                stroke="var(--chart-axis)"
              />
            ) : null}
            <rect
              x={left}
              y={plotTop}
              width={right - left}
              height={bottom - plotTop}
              fill="transparent"
              onPointerMove={onMove}
              onPointerLeave={leave}
            />
          </>
        );
      }}
    </ChartFrame>
  );
}

function niceLinearTicks(lo: number, hi: number): number[] {
  const span = hi - lo;
  const t = niceTicks(span, 6);
  const step = t[1] - t[0] || 1;
  const start = Math.ceil(lo / step) * step;
  const out: number[] = [];
  for (let v = start; v <= hi + step * 1e-9; v += step) out.push(+v.toPrecision(12));
  return out;
}
