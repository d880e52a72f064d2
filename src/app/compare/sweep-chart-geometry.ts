import { fmtValue, type Crossover, type SweepCurve } from '../../engine/compare/sweep';
import { verb } from '../../engine/compare/words';
import { fmtCount } from '../results/format';

/**
 * The pure parts of the sweep charts: scales (linear or log), log ticks, and where each
 * crossover's label goes. Kept apart from the SVG so the component tests can check them
 * without a layout engine.
 */
export interface Scale {
  (v: number): number;
  domain: [number, number];
  log: boolean;
}

/** Maps [d0, d1] onto [r0, r1]; on a log scale values at or below 0 go to the low end. */
export function makeScale(d0: number, d1: number, r0: number, r1: number, log: boolean): Scale {
  const t = log ? (v: number) => Math.log10(Math.max(v, d0)) : (v: number) => v;
  const a = t(d0);
  const b = t(d1);
  const span = b - a || 1;
  const f = ((v: number) => r0 + ((t(v) - a) / span) * (r1 - r0)) as Scale;
  f.domain = [d0, d1];
  f.log = log;
  return f;
}

/** Powers of ten from below `lo` to above `hi` (and 2 and 5 times them when there are few). */
export function logTicks(lo: number, hi: number): number[] {
  if (!(lo > 0) || !(hi >= lo)) return [];
  const e0 = Math.floor(Math.log10(lo) + 1e-9);
  const e1 = Math.ceil(Math.log10(hi) - 1e-9);
  const decades = e1 - e0;
  const mults = decades <= 2 ? [1, 2, 5] : [1];
  const out: number[] = [];
  for (let e = e0; e <= e1; e++) for (const m of mults) out.push(+(m * Math.pow(10, e)).toPrecision(6));
  const inside = out.filter((v) => v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9));
  // Too few decades inside the range: at least the ends.
  return inside.length >= 2 ? inside : [lo, hi];
}

/** The log domain of the values: whole decades around them, so the ticks sit at the ends. */
export function logDomain(values: readonly number[]): [number, number] {
  const pos = values.filter((v) => v > 0 && Number.isFinite(v));
  if (pos.length === 0) return [1, 10];
  const lo = Math.pow(10, Math.floor(Math.log10(Math.min(...pos)) + 1e-9));
  let hi = Math.pow(10, Math.ceil(Math.log10(Math.max(...pos)) - 1e-9));
  if (hi <= lo) hi = lo * 10;
  return [lo, hi];
}

/** The axis labels of a swept value: 0.01, 0.1, 1, 10, 1,000 (with its unit in the caption). */
export function fmtAxisValue(v: number): string {
  return Math.abs(v) >= 1000 ? fmtCount(v) : fmtValue(v);
}

/** Cost axis labels: "$0.1", "$10", "$1,000", "$10k". */
export function fmtCostTick(v: number): string {
  if (v === 0) return '$0';
  if (Math.abs(v) >= 10_000) return `$${fmtCount(v / 1000)}k`;
  if (Math.abs(v) >= 1) return `$${fmtCount(v)}`;
  return `$${+v.toPrecision(2)}`;
}

/** The words on the chart for a crossover: "functions cost less than monolith below 4.26 requests/s". */
export function crossoverText(c: Crossover, curves: readonly SweepCurve[], unit: string): string {
  const below = curves[c.cheaperBelow]?.name ?? `scenario ${c.cheaperBelow + 1}`;
  const above = curves[c.cheaperAbove]?.name ?? `scenario ${c.cheaperAbove + 1}`;
  return `${below} ${verb(below, 'cost')} less than ${above} below ${fmtValue(c.value)}${unit ? ` ${unit}` : ''}`;
}

export interface CrossoverMark {
  /** 1-based, as in the list under the chart. */
  n: number;
  x: number;
  /** Where the curves meet (the dot). */
  y: number;
  /** The label's text and baseline; anchored at its start or end so it stays inside the plot. */
  text: string;
  labelY: number;
  anchor: 'start' | 'end';
  labelX: number;
}

/**
 * Each crossover gets a row of its own in a band above the plot (so labels never overlap each
 * other or the curves), a dashed line down to where the curves meet and a ring there. Labels
 * right of the middle read leftwards from their line.
 */
export function crossoverMarks(
  crossovers: readonly Crossover[],
  curves: readonly SweepCurve[],
  unit: string,
  x: (v: number) => number,
  y: (usd: number) => number,
  plot: { left: number; right: number; bandTop: number; rowHeight: number },
): CrossoverMark[] {
  const mid = (plot.left + plot.right) / 2;
  const marks = crossovers.map((c, i) => {
    const cx = x(c.value);
    const anchor: 'start' | 'end' = cx > mid ? 'end' : 'start';
    return {
      n: i + 1,
      x: cx,
      y: y(c.monthlyCostUsd),
      text: `${i + 1}. ${crossoverText(c, curves, unit)}`,
      labelY: 0,
      anchor,
      labelX: anchor === 'start' ? cx + 5 : cx - 5,
    };
  });
  // Rows so that no mark's line runs through another's label: labels reading leftwards
  // (right half) rightmost first, then those reading rightwards leftmost first.
  const order = [
    ...marks.filter((m) => m.anchor === 'end').sort((a, b) => b.x - a.x),
    ...marks.filter((m) => m.anchor === 'start').sort((a, b) => a.x - b.x),
  ];
  order.forEach((m, row) => {
    m.labelY = plot.bandTop + (row + 1) * plot.rowHeight - plot.rowHeight * 0.3;
  });
  return marks;
}
