import { memo, useMemo } from 'react';
import { Area, CartesianGrid, ComposedChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { axisWidth } from '../chart-theme';
import { niceTicks, timeTicks } from '../chart-scales';
import { fmtClock } from '../format';
import type { ValueFormat } from '../series-groups';
import { tickValue, tooltipValue } from '../value-format';
import { axisStyle, GRID, NO_ANIMATION, PlotBox, TipBox } from './frame';
import { ReplayCursor } from './ReplayCursor';

export interface SeriesLine {
  key: string;
  label: string;
  color: string;
}

export interface SeriesPlotProps {
  /** Downsampled rows: t, each line's key, and with a band `<key>:lo` / `<key>:hi`. */
  rows: Record<string, number>[];
  lines: SeriesLine[];
  format: ValueFormat;
  /** Simulated seconds: the x axis runs 0 … span. */
  span: number;
  /** A dashed limit line (concurrency against its limit). */
  limit: number | null;
  banded: boolean;
  fontSize: number;
  label: string;
  /** Draw the replay's cursor (results charts; the compare overlays have no replay). */
  cursor?: boolean;
}

export const SERIES_MARGIN = { top: 10, right: 16, bottom: 0, left: 0 };
export const X_AXIS_HEIGHT = 24;

/** Areas over time, one per line, on a shared value axis; with replications a band per line. */
export const SeriesPlot = memo(function SeriesPlot(props: SeriesPlotProps) {
  const { rows, lines, format, span, limit, banded, fontSize, label, cursor } = props;
  const yTicks = useMemo(() => {
    let max = limit ?? 0;
    for (const r of rows)
      for (const l of lines) max = Math.max(max, r[l.key], banded ? (r[`${l.key}:hi`] ?? 0) : 0);
    return format === 'percent' ? niceTicks(Math.max(max, 0.01)) : niceTicks(max);
  }, [rows, lines, limit, banded, format]);
  const fmtTick = (v: number) => tickValue(v, format);
  const yWidth = axisWidth(yTicks.map(fmtTick), fontSize) + 4;
  const axis = axisStyle(fontSize);
  return (
    <PlotBox
      label={label}
      overlay={
        cursor
          ? ({ width, height }) => (
              <ReplayCursor
                span={span}
                left={SERIES_MARGIN.left + yWidth}
                right={width - SERIES_MARGIN.right}
                top={SERIES_MARGIN.top}
                bottom={height - SERIES_MARGIN.bottom - X_AXIS_HEIGHT}
              />
            )
          : undefined
      }
    >
      {({ width, height }) => (
        <ComposedChart
          width={width}
          height={height}
          data={rows}
          margin={SERIES_MARGIN}
          accessibilityLayer={false}
        >
          <CartesianGrid {...GRID} vertical={false} />
          <XAxis
            dataKey="t"
            type="number"
            domain={[0, span]}
            allowDataOverflow
            ticks={timeTicks(span, Math.max(2, Math.floor((width - yWidth) / (fontSize * 5.5))))}
            tickFormatter={(t: number) => fmtClock(t, span)}
            height={X_AXIS_HEIGHT}
            {...axis}
          />
          <YAxis
            width={yWidth}
            domain={[0, yTicks[yTicks.length - 1] || 1]}
            ticks={yTicks}
            tickFormatter={fmtTick}
            allowDataOverflow
            {...axis}
          />
          <Tooltip
            {...NO_ANIMATION}
            content={({ active, payload, label: t }) =>
              active && payload?.length ? (
                <TipBox
                  title={`at ${fmtClock(Number(t), span)}`}
                  rows={lines.map((l) => ({
                    label: l.label,
                    value: tooltipValue(Number(payload[0].payload?.[l.key] ?? 0), format),
                    color: l.color,
                  }))}
                />
              ) : null
            }
          />
          {banded
            ? lines.map((l) => (
                <Area
                  key={`${l.key}:band`}
                  className="chart-band"
                  type="linear"
                  dataKey={(r: Record<string, number>) => [
                    Math.max(0, r[`${l.key}:lo`] ?? 0),
                    Math.max(0, r[`${l.key}:hi`] ?? 0),
                  ]}
                  stroke={l.color}
                  strokeOpacity={0.35}
                  strokeDasharray="3 3"
                  fill={l.color}
                  fillOpacity={0.22}
                  dot={false}
                  activeDot={false}
                  tooltipType="none"
                  {...NO_ANIMATION}
                />
              ))
            : null}
          {lines.map((l) => (
            <Area
              key={l.key}
              className="chart-series"
              type="linear"
              dataKey={l.key}
              name={l.label}
              stroke={l.color}
              strokeWidth={2}
              fill={l.color}
              fillOpacity={0.14}
              dot={false}
              activeDot={{ r: 3.5, stroke: 'var(--results-surface)' }}
              {...NO_ANIMATION}
            />
          ))}
          {limit !== null ? (
            <ReferenceLine
              className="chart-limit"
              y={limit}
              stroke="var(--chart-limit)"
              strokeDasharray="6 4"
              strokeWidth={2}
            />
          ) : null}
        </ComposedChart>
      )}
    </PlotBox>
  );
});
