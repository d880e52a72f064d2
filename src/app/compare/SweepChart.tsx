import { memo, useMemo } from 'react';
import {
  CartesianGrid,
  ComposedChart,
  ErrorBar,
  Line,
  ReferenceArea,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { type SweepCurve, type SweepPoint, type SweepReport } from '../../engine/compare/sweep';
import { ChartCard, type LegendItem } from '../results/ChartCard';
import { axisWidth, useChartFontSize } from '../results/chart-theme';
import { niceTicks } from '../results/chart-scales';
import { fmtMs, fmtPercent, fmtUsd } from '../results/format';
import { axisStyle, GRID, NO_ANIMATION, PlotBox, TipBox } from '../results/plots/frame';
import { FAIL_COLOR } from './compare-colors';
import {
  crossoverMarks,
  fmtAxisValue,
  fmtCostTick,
  logDomain,
  logTicks,
  makeScale,
} from './sweep-chart-geometry';
import { notViable, valueWithUnit } from './sweep-words';

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
  /** The x axis's title: "Clients: requests per second". */
  xTitle: string;
  fileName: string;
}

/** At most this many crossover labels get a row above the plot; the list under the chart has them all. */
const MAX_LABEL_ROWS = 8;

const METRICS = {
  cost: {
    title: 'Monthly cost',
    yTitle: 'USD per month',
    get: (p: SweepPoint) => p.monthlyCostUsd,
    half: (p: SweepPoint) => p.replications?.monthlyCostUsd.halfWidth ?? 0,
    tick: fmtCostTick,
    tip: fmtUsd,
  },
  p95: {
    title: 'Latency p95',
    yTitle: 'p95 latency, end to end',
    get: (p: SweepPoint) => p.p95Ms,
    half: (p: SweepPoint) => p.replications?.p95Ms.halfWidth ?? 0,
    tick: fmtMs,
    tip: fmtMs,
  },
} as const;

/**
 * A metric of each design against the swept parameter, one line per design, with whiskers
 * (95 % intervals) on the points when there are replications. Points where a design fails
 * more than 1 % of requests are hollow and marked in the failure colour, and the segments
 * into them dashed. On the cost chart each crossover is a dashed line with its interval
 * shaded and a numbered label in a row of its own above the plot.
 */
export function SweepChart({ report, metric, colors, logX, logY, xTitle, fileName }: SweepChartProps) {
  const fontSize = useChartFontSize();
  const m = METRICS[metric];
  const labelled = metric === 'cost' ? Math.min(report.crossovers.length, MAX_LABEL_ROWS) : 0;
  const failed = report.curves.some((c) => c.points.some(notViable));
  const reps = report.curves[0]?.points[0]?.replications?.n ?? 1;
  const legend: LegendItem[] = report.curves.map((c, i) => ({ label: c.name, color: colors[i] }));
  if (failed)
    legend.push({ label: 'not viable: over 1 % of requests failed', color: FAIL_COLOR, dashed: true });
  const caption =
    (metric === 'cost' ? 'USD per 30-day month' : 'end to end') +
    (reps > 1 ? ` · mean of ${reps} runs, whiskers: 95 % interval` : '') +
    (metric === 'cost' && report.crossovers.some((c) => c.interval) ? ' · shaded: crossover’s interval' : '');
  return (
    <ChartCard
      title={m.title}
      caption={caption}
      legend={legend}
      fileName={fileName}
      className="chart-card-wide compare-sweep-chart"
      height={`calc(${metric === 'cost' ? 21 : 16}em + ${labelled * 1.5}em)`}
      resetKey={report}
    >
      <SweepPlot
        report={report}
        metric={metric}
        colors={colors}
        logX={logX}
        logY={logY}
        xTitle={xTitle}
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

const MARGIN = { top: 10, right: 24, bottom: 6, left: 0 };

interface Mark {
  x: number;
  y: number;
  err?: [number, number];
  bad: boolean;
}

/** A curve's pieces: its points, the solid line through viable ones, the dashed line into failing ones. */
function pieces(
  curve: SweepCurve,
  get: (p: SweepPoint) => number,
  half: (p: SweepPoint) => number,
  yLo: number,
  logY: boolean,
) {
  const pts = curve.points.filter((p) => Number.isFinite(get(p)) && (!logY || get(p) > 0));
  const marks: Mark[] = pts.map((p) => {
    const y = get(p);
    const h = half(p);
    return {
      x: p.value,
      y,
      bad: notViable(p),
      // On a log axis the whisker stops above the axis's floor.
      err: h > 0 ? [logY ? Math.min(h, y - yLo * 1.0001) : h, h] : undefined,
    };
  });
  const solid = marks.map((k) => ({ x: k.x, y: k.bad ? null : k.y }));
  const dashed = marks.map((k, i) => ({
    x: k.x,
    y: k.bad || marks[i - 1]?.bad || marks[i + 1]?.bad ? k.y : null,
  }));
  return { marks, solid, dashed, anyBad: marks.some((k) => k.bad) };
}

const SweepPlot = memo(function SweepPlot({
  report,
  metric,
  colors,
  logX,
  logY,
  xTitle,
  fontSize,
  labelled,
}: Omit<SweepChartProps, 'fileName'> & { fontSize: number; labelled: number }) {
  const m = METRICS[metric];
  const all = useMemo(() => report.curves.flatMap((c) => c.points.map(m.get)), [report, m]);
  const useLogY = logY && all.some((v) => v > 0);
  const { yDomain, yTicks } = useMemo(() => {
    const hi = Math.max(
      0,
      ...report.curves.flatMap((c) => c.points.map((p) => m.get(p) + m.half(p))).filter(Number.isFinite),
    );
    const linear = niceTicks(hi);
    const domain: [number, number] = useLogY ? logDomain(all) : [0, linear[linear.length - 1] || 1];
    return { yDomain: domain, yTicks: useLogY ? logTicks(domain[0], domain[1]) : linear };
  }, [report, m, all, useLogY]);
  const x0 = report.values[0];
  const x1 = report.values[report.values.length - 1];
  const xTicks = logX ? logTicks(x0, x1) : undefined;
  const curves = useMemo(
    () => report.curves.map((c) => pieces(c, m.get, m.half, yDomain[0], useLogY)),
    [report, m, yDomain, useLogY],
  );
  // One row per swept value for the tooltip: each design's figure there, when it was run there.
  const rows = useMemo(() => {
    const values = [...new Set(report.curves.flatMap((c) => c.points.map((p) => p.value)))].sort(
      (a, b) => a - b,
    );
    return values.map((v) => {
      const row: Record<string, number> = { x: v };
      curves.forEach((c, i) => {
        const k = c.marks.find((q) => q.x === v);
        if (k) row[`c${i}`] = k.y;
      });
      return row;
    });
  }, [report, curves]);
  const yWidth = axisWidth(yTicks.map(m.tick), fontSize) + fontSize + 8;
  const rowHeight = fontSize * 1.5;
  const top = MARGIN.top + labelled * rowHeight + (labelled > 0 ? 6 : 0);
  const axis = axisStyle(fontSize);
  const unit = report.unit;
  const label = `${m.title} against ${xTitle}: ${report.curves.map((c) => c.name).join(', ')}${
    metric === 'cost' && report.crossovers.length
      ? `; ${report.crossovers.map((c) => c.label).join('; ')}`
      : ''
  }`;

  return (
    <PlotBox label={label}>
      {({ width, height }) => {
        const left = MARGIN.left + yWidth;
        const right = width - MARGIN.right;
        const marks = crossoverMarks(
          report.crossovers,
          report.curves,
          unit,
          makeScale(x0, x1, left, right, logX),
          () => NaN,
          { left, right, bandTop: MARGIN.top, rowHeight },
        );
        return (
          <ComposedChart
            width={width}
            height={height}
            data={rows}
            margin={{ ...MARGIN, top }}
            accessibilityLayer={false}
          >
            <CartesianGrid {...GRID} vertical={false} />
            <XAxis
              dataKey="x"
              type="number"
              scale={logX ? 'log' : 'linear'}
              domain={[x0, x1]}
              ticks={xTicks}
              allowDataOverflow
              tickFormatter={fmtAxisValue}
              height={24 + fontSize + 8}
              label={{
                value: xTitle,
                position: 'insideBottom',
                offset: 0,
                fill: 'var(--chart-text)',
                fontSize,
              }}
              {...axis}
            />
            <YAxis
              type="number"
              scale={useLogY ? 'log' : 'linear'}
              domain={yDomain}
              ticks={yTicks}
              allowDataOverflow
              tickFormatter={m.tick}
              width={yWidth}
              label={{
                value: m.yTitle,
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
              content={({ active, payload }) => {
                const row = active
                  ? (payload?.[0]?.payload as Record<string, number> | undefined)
                  : undefined;
                if (!row) return null;
                return (
                  <TipBox
                    title={`at ${valueWithUnit(row.x, unit)}`}
                    rows={report.curves.flatMap((c, i) => {
                      const p = c.points.find((q) => q.value === row.x);
                      if (!p) return [];
                      const h = m.half(p);
                      const note = notViable(p)
                        ? ` (${fmtPercent(p.failedFraction)} failed)`
                        : p.incomplete
                          ? ' (incomplete)'
                          : '';
                      return [
                        {
                          label: c.name,
                          value: `${m.tip(m.get(p))}${h > 0 ? ` ± ${m.tip(h)}` : ''}${note}`,
                          color: colors[i],
                        },
                      ];
                    })}
                  />
                );
              }}
            />
            {metric === 'cost'
              ? report.crossovers.map((c, i) =>
                  c.interval ? (
                    <ReferenceArea
                      key={`area-${i}`}
                      className="crossover-interval"
                      x1={Math.max(x0, c.interval.lo)}
                      x2={Math.min(x1, c.interval.hi)}
                      fill="var(--chart-text)"
                      fillOpacity={0.1}
                      stroke="none"
                      ifOverflow="hidden"
                    />
                  ) : null,
                )
              : null}
            {curves.map((c, i) =>
              c.anyBad ? (
                <Line
                  key={`dashed-${i}`}
                  className="sweep-curve-dashed"
                  data={c.dashed}
                  dataKey="y"
                  stroke={colors[i]}
                  strokeWidth={2}
                  strokeDasharray="5 5"
                  dot={false}
                  activeDot={false}
                  tooltipType="none"
                  {...NO_ANIMATION}
                />
              ) : null,
            )}
            {curves.map((c, i) => (
              <Line
                key={`solid-${i}`}
                className="sweep-curve"
                data={c.solid}
                dataKey="y"
                name={report.curves[i].name}
                stroke={colors[i]}
                strokeWidth={2.5}
                dot={false}
                activeDot={false}
                tooltipType="none"
                {...NO_ANIMATION}
              />
            ))}
            {curves.map((c, i) => (
              // The points: a dot per run (a sweep has tens, not thousands), hollow in the
              // failure colour where the design is not viable, with its whisker.
              <Line
                key={`points-${i}`}
                className="sweep-points"
                data={c.marks}
                dataKey="y"
                stroke="none"
                dot={(props: { cx?: number; cy?: number; index?: number }) => {
                  const k = c.marks[props.index ?? 0];
                  if (props.cx === undefined || props.cy === undefined || !k) return <g key={props.index} />;
                  return k.bad ? (
                    <circle
                      key={props.index}
                      className="sweep-point sweep-point-failed"
                      cx={props.cx}
                      cy={props.cy}
                      r={5.5}
                      fill="var(--results-surface)"
                      stroke={FAIL_COLOR}
                      strokeWidth={2.5}
                    />
                  ) : (
                    <circle
                      key={props.index}
                      className="sweep-point"
                      cx={props.cx}
                      cy={props.cy}
                      r={3.5}
                      fill={colors[i]}
                      stroke="var(--results-surface)"
                      strokeWidth={1}
                    />
                  );
                }}
                activeDot={false}
                tooltipType="none"
                {...NO_ANIMATION}
              >
                {c.marks.some((k) => k.err) ? (
                  <ErrorBar
                    dataKey="err"
                    width={6}
                    stroke={colors[i]}
                    strokeWidth={1.5}
                    direction="y"
                    {...NO_ANIMATION}
                  />
                ) : null}
              </Line>
            ))}
            {marks.map((mk, k) => {
              const labelledHere = k < labelled && metric === 'cost';
              return (
                <ReferenceLine
                  key={`x-${mk.n}`}
                  className="crossover-mark"
                  x={report.crossovers[k].value}
                  stroke="var(--chart-text)"
                  strokeDasharray="4 4"
                  strokeWidth={1.5}
                  label={
                    labelledHere
                      ? (props: { viewBox?: { x?: number } }) => (
                          <text
                            className="crossover-label"
                            data-crossover={mk.n}
                            x={(props.viewBox?.x ?? mk.x) + (mk.anchor === 'start' ? 5 : -5)}
                            y={mk.labelY}
                            textAnchor={mk.anchor}
                            fill="var(--results-text)"
                            fontSize={fontSize}
                            fontWeight={600}
                          >
                            {mk.text}
                          </text>
                        )
                      : undefined
                  }
                />
              );
            })}
          </ComposedChart>
        );
      }}
    </PlotBox>
  );
});
