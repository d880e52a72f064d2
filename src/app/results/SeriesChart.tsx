import { useMemo, useState, type PointerEvent } from 'react';
import type { Result } from '../../engine/result';
import { ChartCard, type LegendItem } from './ChartCard';
import { axisWidth, metricColor, useChartFontSize } from './chart-theme';
import { ChartFrame, niceTicks, timeTicks, XAxisLabels, YGrid, type Tip } from './svg-chart';
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
  const rows = useMemo(() => withBands(result, spec), [result, spec]);
  const banded = result.replications?.seriesBands !== undefined;
  const peak = useMemo(() => rawPeak(result, spec), [result, spec]);
  const span = result.simulatedSeconds;
  const showLimit = limit != null && peak >= limit.value * LIMIT_IN_VIEW;
  const legend: LegendItem[] = spec.lines.map((l, i) => ({
    label: l.label,
    color: metricColor(l.metric, i),
  }));
  if (showLimit)
    legend.push({
      label: `Limit: ${fmtCount(limit.value)} (${limit.label})`,
      color: 'var(--chart-limit)',
      dashed: true,
    });
  const caption =
    (limit && !showLimit
      ? `${spec.caption} · peak ${fmtCount(peak)} of ${fmtCount(limit.value)} (${limit.label})`
      : spec.caption) + (banded ? ` · band: 95 % interval over ${result.replications!.count} runs` : '');

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
    <ChartCard
      title={spec.title}
      caption={caption}
      legend={legend.length > 1 || showLimit ? legend : []}
      resetKey={result}
      fileName={fileName}
    >
      <SeriesPlot
        rows={rows}
        spec={spec}
        span={span}
        limit={showLimit ? limit.value : null}
        fontSize={fontSize}
      />
    </ChartCard>
  );
}

const MARGIN = { top: 10, right: 16, bottom: 24 };

/** Areas over time, one per line, on a shared value axis; hover shows the values at a time. */
function SeriesPlot({
  rows,
  spec,
  span,
  limit,
  fontSize,
}: {
  rows: Record<string, number>[];
  spec: ChartSpec;
  span: number;
  limit: number | null;
  fontSize: number;
}) {
  const [tip, setTip] = useState<Tip | null>(null);
  const [hover, setHover] = useState<number | null>(null);
  let max = limit ?? 0;
  for (const r of rows) for (const l of spec.lines) max = Math.max(max, r[l.key], r[`${l.key}:hi`] ?? 0);
  const ticks = spec.format === 'percent' ? niceTicks(Math.max(max, 0.01)) : niceTicks(max);
  const top = ticks[ticks.length - 1] || 1;
  const fmtTick = (v: number) => tickValue(v, spec.format);
  const yWidth = axisWidth(ticks.map(fmtTick), fontSize);
  return (
    <ChartFrame label={`${spec.title}: ${spec.lines.map((l) => l.label).join(', ')} over time`} tip={tip}>
      {({ width, height }) => {
        const left = yWidth;
        const right = Math.max(left + 10, width - MARGIN.right);
        const bottom = Math.max(MARGIN.top + 10, height - MARGIN.bottom);
        const x = (t: number) => left + (span > 0 ? (t / span) * (right - left) : 0);
        const y = (v: number) => bottom - (v / top) * (bottom - MARGIN.top);
        const xTicks = timeTicks(span, Math.max(2, Math.floor((right - left) / (fontSize * 5.5))));
        const onMove = (e: PointerEvent<SVGRectElement>) => {
          if (rows.length === 0) return;
          const box = e.currentTarget.getBoundingClientRect();
          const px = e.clientX - box.left + left;
          const t = ((px - left) / (right - left)) * span;
          const i = nearestRow(rows, t);
          const row = rows[i];
          setHover(i);
          setTip({
            x: x(row.t),
            y: e.clientY - box.top + MARGIN.top,
            title: `at ${fmtClock(row.t, span)}`,
            rows: spec.lines.map((l, j) => ({
              label: l.label,
              value: tooltipValue(row[l.key], spec.format),
              color: metricColor(l.metric, j),
            })),
          });
        };
        const leave = () => {
          setTip(null);
          setHover(null);
        };
        return (
          <>
            <YGrid ticks={ticks} y={y} left={left} right={right} format={fmtTick} fontSize={fontSize} />
            {spec.lines.map((l, j) => {
              const color = metricColor(l.metric, j);
              const d = linePath(rows, l.key, x, y);
              if (!d) return null;
              return (
                <g key={l.key} className="chart-series" data-key={l.key}>
                  {bandPath(rows, l.key, x, y) ? (
                    <path
                      className="chart-band"
                      d={bandPath(rows, l.key, x, y)}
                      fill={color}
                      fillOpacity={0.22}
                      stroke={color}
                      strokeOpacity={0.35}
                      strokeDasharray="3 3"
                    />
                  ) : null}
                  <path
                    className="chart-area"
                    d={`${d}L${x(rows[rows.length - 1].t).toFixed(1)},${bottom}L${x(rows[0].t).toFixed(1)},${bottom}Z`}
                    fill={color}
                    fillOpacity={0.14}
                    stroke="none"
                  />
                  <path
                    className="chart-area-line"
                    d={d}
                    fill="none"
                    stroke={color}
                    strokeWidth={2}
                    strokeLinejoin="round"
                  />
                </g>
              );
            })}
            {limit !== null ? (
              <line
                className="chart-limit"
                x1={left}
                x2={right}
                y1={y(limit)}
                y2={y(limit)}
                stroke="var(--chart-limit)"
                strokeDasharray="6 4"
                strokeWidth={2}
              />
            ) : null}
            <XAxisLabels
              items={xTicks.map((t) => ({ x: x(t), label: fmtClock(t, span) }))}
              y={bottom}
              left={left}
              right={right}
              fontSize={fontSize}
            />
            {hover !== null && rows[hover] ? (
              <g className="chart-hover" pointerEvents="none">
                <line
                  x1={x(rows[hover].t)}
                  x2={x(rows[hover].t)}
                  y1={MARGIN.top}
                  y2={bottom}
                  stroke="var(--chart-axis)"
                />
                {spec.lines.map((l, j) => (
                  <circle
                    key={l.key}
                    cx={x(rows[hover].t)}
                    cy={y(rows[hover][l.key])}
                    r={3.5}
                    fill={metricColor(l.metric, j)}
                    stroke="var(--results-surface)"
                  />
                ))}
              </g>
            ) : null}
            <rect
              x={left}
              y={MARGIN.top}
              width={right - left}
              height={bottom - MARGIN.top}
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

/**
 * The chart's rows plus, with replications, each line's interval band merged the same way
 * (keys "<series>:lo" and "<series>:hi").
 */
function withBands(result: Result, spec: ChartSpec): Record<string, number>[] {
  const rows = chartRows(result, spec.lines);
  const bands = result.replications?.seriesBands;
  if (!bands || !result.series) return rows;
  const series: Record<string, number[] | number> = {
    bucketSeconds: result.series.bucketSeconds,
    t: result.series.t,
  };
  const lines: { key: string; merge: 'mean' | 'max' }[] = [];
  for (const l of spec.lines) {
    const b = bands[l.key];
    if (!b) continue;
    series[`${l.key}:lo`] = b.lo;
    series[`${l.key}:hi`] = b.hi;
    lines.push({ key: `${l.key}:lo`, merge: l.merge }, { key: `${l.key}:hi`, merge: l.merge });
  }
  const bandRows = chartRows({ ...result, series: series as Result['series'] }, lines);
  return rows.map((r, i) => ({ ...bandRows[i], ...r }));
}

/** The closed band between a line's low and high bounds; empty without a band. */
function bandPath(
  rows: Record<string, number>[],
  key: string,
  x: (t: number) => number,
  y: (v: number) => number,
): string {
  if (rows.length === 0 || rows[0][`${key}:lo`] === undefined) return '';
  let d = '';
  for (let i = 0; i < rows.length; i++)
    d += `${i === 0 ? 'M' : 'L'}${x(rows[i].t).toFixed(1)},${y(Math.max(0, rows[i][`${key}:hi`])).toFixed(1)}`;
  for (let i = rows.length - 1; i >= 0; i--)
    d += `L${x(rows[i].t).toFixed(1)},${y(Math.max(0, rows[i][`${key}:lo`])).toFixed(1)}`;
  return `${d}Z`;
}

/** "M x,y L x,y …" through the rows; empty when there are none. */
function linePath(
  rows: Record<string, number>[],
  key: string,
  x: (t: number) => number,
  y: (v: number) => number,
): string {
  let d = '';
  for (let i = 0; i < rows.length; i++) {
    const v = rows[i][key];
    d += `${i === 0 ? 'M' : 'L'}${x(rows[i].t).toFixed(1)},${y(Number.isFinite(v) ? v : 0).toFixed(1)}`;
  }
  return d;
}

/** The row whose time is nearest `t` (rows are in time order). */
function nearestRow(rows: Record<string, number>[], t: number): number {
  let lo = 0;
  let hi = rows.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (rows[mid].t < t) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 && Math.abs(rows[lo - 1].t - t) < Math.abs(rows[lo].t - t) ? lo - 1 : lo;
}

/** The largest value of the chart's series, at full resolution (merged rows smooth peaks away). */
function rawPeak(result: Result, spec: ChartSpec): number {
  let m = 0;
  for (const l of spec.lines)
    for (const v of (result.series?.[l.key] as number[] | undefined) ?? []) if (v > m) m = v;
  return m;
}
