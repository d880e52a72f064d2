import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';

/**
 * The few pieces the results charts are drawn with: plain SVG sized by a ResizeObserver,
 * nice ticks, and an HTML tooltip. A general chart library (recharts) cost 100–400 ms of
 * main-thread time per chart to mount on this app's charts, which showed as a frozen page
 * when a run ended; these draw the same charts in a few milliseconds.
 */

export interface Size {
  width: number;
  height: number;
}

/** The element's content size, kept up to date; 0×0 until the first observation. */
export function useElementSize<T extends HTMLElement>(): [(el: T | null) => void, Size] {
  const [size, setSize] = useState<Size>({ width: 0, height: 0 });
  const observer = useRef<ResizeObserver | null>(null);
  const ref = useCallback((el: T | null) => {
    observer.current?.disconnect();
    observer.current = null;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver((entries) => {
      const box = entries[entries.length - 1]?.contentRect;
      if (!box) return;
      const next = { width: Math.floor(box.width), height: Math.floor(box.height) };
      setSize((prev) => (prev.width === next.width && prev.height === next.height ? prev : next));
    });
    ro.observe(el);
    observer.current = ro;
  }, []);
  useEffect(() => () => observer.current?.disconnect(), []);
  return [ref, size];
}

/** Ticks from 0 to a round top at or above `max`: about `count` of them, steps of 1, 2, 2.5 or 5 × 10^n. */
export function niceTicks(max: number, count = 5): number[] {
  if (!(max > 0) || !Number.isFinite(max)) return [0, 1];
  const raw = max / Math.max(1, count - 1);
  const p = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * p).find((s) => s >= raw) ?? 10 * p;
  const n = Math.ceil(max / step - 1e-9);
  return Array.from({ length: n + 1 }, (_, i) => +(i * step).toPrecision(12));
}

/** Ticks whose values are whole numbers (counts of requests): steps of at least 1. */
export function niceIntTicks(max: number, count = 5): number[] {
  const t = niceTicks(Math.max(max, 1), count);
  if (t[1] >= 1) return t;
  return Array.from({ length: Math.ceil(max) + 1 }, (_, i) => i);
}

/** Time-axis ticks in seconds: a human step (10 s, 1 min, 15 min, 1 h, 1 d…), at most `maxTicks`. */
export function timeTicks(span: number, maxTicks: number): number[] {
  const steps = [
    1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800, 432000,
    864000, 2592000,
  ];
  const step = steps.find((s) => span / s <= Math.max(1, maxTicks)) ?? span;
  const out: number[] = [];
  for (let t = 0; t <= span + 1e-9; t += step) out.push(t);
  return out;
}

export interface TipRow {
  label: string;
  value: string;
  color?: string;
}

export interface Tip {
  /** Pixel position inside the plot's box, where the pointer is. */
  x: number;
  y: number;
  title: string;
  rows: TipRow[];
}

/** The hover box: HTML over the SVG, flipped to the pointer's left near the right edge. */
export function ChartTooltip({ tip, width }: { tip: Tip | null; width: number }) {
  if (!tip) return null;
  const flip = tip.x > width * 0.6;
  return (
    <div
      className="chart-tooltip"
      role="presentation"
      style={{
        left: flip ? undefined : tip.x + 12,
        right: flip ? width - tip.x + 12 : undefined,
        top: Math.max(0, tip.y - 12),
      }}
    >
      <div className="chart-tooltip-title">{tip.title}</div>
      {tip.rows.map((r) => (
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

/** The SVG box every chart draws in, with its tooltip; children draw once the size is known. */
export function ChartFrame({
  label,
  children,
  tip,
}: {
  label: string;
  children(size: Size): ReactNode;
  tip?: Tip | null;
}) {
  const [ref, size] = useElementSize<HTMLDivElement>();
  return (
    <div className="chart-frame" ref={ref}>
      {size.width > 0 && size.height > 0 ? (
        <svg
          className="chart-svg"
          width={size.width}
          height={size.height}
          viewBox={`0 0 ${size.width} ${size.height}`}
          role="img"
          aria-label={label}
        >
          {children(size)}
        </svg>
      ) : null}
      <ChartTooltip tip={tip ?? null} width={size.width} />
    </div>
  );
}

/** Horizontal grid lines and the y axis labels of a value axis on the left. */
export function YGrid({
  ticks,
  y,
  left,
  right,
  format,
  fontSize,
}: {
  ticks: number[];
  y(v: number): number;
  left: number;
  right: number;
  format(v: number): string;
  fontSize: number;
}) {
  return (
    <g className="chart-y-axis">
      {ticks.map((t) => (
        <g key={t}>
          <line x1={left} x2={right} y1={y(t)} y2={y(t)} stroke="var(--chart-grid)" />
          <text
            x={left - 6}
            y={y(t)}
            dy="0.32em"
            textAnchor="end"
            fill="var(--chart-text)"
            fontSize={fontSize}
          >
            {format(t)}
          </text>
        </g>
      ))}
    </g>
  );
}

/** The x axis line with labels under it at the given pixel positions. */
export function XAxisLabels({
  items,
  y,
  left,
  right,
  fontSize,
}: {
  items: { x: number; label: string }[];
  y: number;
  left: number;
  right: number;
  fontSize: number;
}) {
  return (
    <g className="chart-x-axis">
      <line x1={left} x2={right} y1={y} y2={y} stroke="var(--chart-axis)" />
      {items.map((it, i) => (
        <g key={`${i}-${it.label}`}>
          <line x1={it.x} x2={it.x} y1={y} y2={y + 4} stroke="var(--chart-axis)" />
          <text
            x={it.x}
            y={y + 6}
            dy="0.8em"
            textAnchor={it.x - left < 12 ? 'start' : right - it.x < 12 ? 'end' : 'middle'}
            fill="var(--chart-text)"
            fontSize={fontSize}
          >
            {it.label}
          </text>
        </g>
      ))}
    </g>
  );
}
