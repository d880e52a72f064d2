import { useSyncExternalStore } from 'react';

/**
 * Chart colours are CSS variables (results.css sets them per theme), so a theme switch
 * recolours the charts without re-rendering them. Metrics keep their colour on every chart:
 * errors are always the same red, cold starts always the same amber.
 */
const METRIC_COLOR: Record<string, string> = {
  requests: 'var(--chart-blue)',
  concurrency: 'var(--chart-blue)',
  instances: 'var(--chart-teal)',
  coldStarts: 'var(--chart-amber)',
  throttles: 'var(--chart-orange)',
  throttled: 'var(--chart-orange)',
  errors: 'var(--chart-red)',
  timeouts: 'var(--chart-brown)',
  retries: 'var(--chart-purple)',
  depth: 'var(--chart-blue)',
  ageSeconds: 'var(--chart-amber)',
  iteratorAgeSeconds: 'var(--chart-amber)',
  utilization: 'var(--chart-green)',
};

/** A categorical palette for things without a fixed meaning (nodes, bill items). */
export const PALETTE = [
  'var(--chart-blue)',
  'var(--chart-orange)',
  'var(--chart-teal)',
  'var(--chart-red)',
  'var(--chart-green)',
  'var(--chart-purple)',
  'var(--chart-amber)',
  'var(--chart-pink)',
  'var(--chart-brown)',
  'var(--chart-grey)',
];

export function metricColor(metric: string, fallbackIndex: number): string {
  return METRIC_COLOR[metric] ?? PALETTE[fallbackIndex % PALETTE.length];
}

/**
 * Chart text follows the body's font size, which the shell enlarges on classroom screens, so
 * axis labels grow with the rest: SVG text takes pixel sizes here, not em.
 */
export function useChartFontSize(): number {
  return useSyncExternalStore(subscribeBodyFont, cachedBodyFontPx, () => 13);
}

/**
 * Read once and again only when something that may change it happens: getSnapshot runs on
 * every render of every chart, and getComputedStyle there forced a style recalculation of
 * the whole page each time (while a chart mounts, the page is dirty).
 */
let cached: number | null = null;
function cachedBodyFontPx(): number {
  cached ??= bodyFontPx();
  return cached;
}

function bodyFontPx(): number {
  if (typeof document === 'undefined' || !document.body) return 13;
  const px = parseFloat(getComputedStyle(document.body).fontSize);
  return Number.isFinite(px) && px > 0 ? Math.round(px * 0.8) : 13;
}

function subscribeBodyFont(onChange: () => void): () => void {
  if (typeof MutationObserver === 'undefined') return () => undefined;
  // The large-type switch changes a class, an attribute or a style on <html> or <body>.
  const changed = () => {
    cached = null;
    onChange();
  };
  const observer = new MutationObserver(changed);
  const opts = {
    attributes: true,
    attributeFilter: ['class', 'style', 'data-theme', 'data-large-type', 'data-font-scale'],
  };
  observer.observe(document.documentElement, opts);
  if (document.body) observer.observe(document.body, opts);
  window.addEventListener('resize', changed);
  return () => {
    observer.disconnect();
    window.removeEventListener('resize', changed);
  };
}

/**
 * The width a y axis needs for labels like these, estimated from their length rather than
 * measured in the DOM: measuring forces a layout of the whole page while a chart mounts.
 */
export function axisWidth(labels: readonly string[], fontSize: number): number {
  const longest = labels.reduce((m, l) => Math.max(m, l.length), 1);
  // ~0.6 em per character of a proportional sans-serif's digits, plus the tick mark and a gap.
  return Math.ceil(longest * fontSize * 0.62 + 14);
}
