import type { ReactNode } from 'react';
import { useElementSize, type Size } from '../chart-scales';

/**
 * recharts used lightly, the same way on every chart (issue 13's measurements): no
 * animation on any series or tooltip, no dots, fixed axis widths computed from the tick
 * labels, the legend in HTML outside the chart, and the chart given its pixel size (so no
 * ResponsiveContainer measures it again on every render).
 */
export const NO_ANIMATION = { isAnimationActive: false } as const;

export function axisStyle(fontSize: number) {
  return {
    stroke: 'var(--chart-axis)',
    tick: { fill: 'var(--chart-text)', fontSize },
    tickLine: { stroke: 'var(--chart-axis)' },
  } as const;
}

export const GRID = { stroke: 'var(--chart-grid)' } as const;

/** The box a chart fills: children draw once its size is known, at that size. */
export function PlotBox({
  label,
  children,
  overlay,
}: {
  label: string;
  children(size: Size): ReactNode;
  /** Drawn over the chart (the replay cursor): HTML, so it moves without redrawing the chart. */
  overlay?(size: Size): ReactNode;
}) {
  const [ref, size] = useElementSize<HTMLDivElement>();
  const ready = size.width > 0 && size.height > 0;
  return (
    <div className="chart-frame" ref={ref} role="img" aria-label={label}>
      {ready ? children(size) : null}
      {ready && overlay ? overlay(size) : null}
    </div>
  );
}

export interface TipRow {
  label: string;
  value: string;
  color?: string;
}

/** The hover box, as HTML in the app's style (recharts' Tooltip `content`). */
export function TipBox({ title, rows }: { title: string; rows: TipRow[] }) {
  if (rows.length === 0) return null;
  return (
    <div className="chart-tooltip chart-tooltip-static" role="presentation">
      <div className="chart-tooltip-title">{title}</div>
      {rows.map((r) => (
        <div key={r.label} className="chart-tooltip-row">
          {r.color ? (
            <span className="chart-tooltip-swatch" style={{ background: r.color }} aria-hidden="true" />
          ) : null}
          <span>{r.label}</span>
          <strong>{r.value}</strong>
        </div>
      ))}
    </div>
  );
}
