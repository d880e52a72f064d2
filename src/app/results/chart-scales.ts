import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * What every chart needs before recharts draws it: its box's size (a ResizeObserver, so
 * axis widths and tick counts are fixed numbers, not measured by the library on each
 * render) and round ticks. Small and in the main bundle; recharts itself loads lazily.
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
