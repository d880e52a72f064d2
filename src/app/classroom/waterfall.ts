import type { Replay } from './replay';

/**
 * A trace as a waterfall: one row per hop, in order of start, indented under the hop that
 * waited for it (a synchronous call). Positions are fractions of the trace's span, so the
 * component only scales them to its width.
 */
export interface WaterfallRow {
  node: string;
  label: string;
  depth: number;
  startMs: number;
  durationMs: number;
  /** Left edge and width of the bar, as fractions 0..1 of the trace's span. */
  x: number;
  w: number;
  cold: boolean;
  /** The cold start's INIT part (ms) when it is known, else undefined (the bar says "cold"). */
  initMs?: number;
  initW?: number;
  /** Time spent waiting before this hop began (in a queue, for a retry, for a notification). */
  waitMs: number;
  waitX: number;
  waitW: number;
  retry: number;
  outcome: string;
  ok: boolean;
}

export interface Waterfall {
  traceId: number;
  startMs: number;
  totalMs: number;
  outcome: string;
  rows: WaterfallRow[];
  /** Ticks along the time axis, ms from the trace's start. */
  ticks: number[];
}

function niceStep(span: number, target = 5): number {
  const raw = span / target;
  const p = 10 ** Math.floor(Math.log10(raw || 1));
  for (const m of [1, 2, 5, 10]) if (m * p >= raw) return m * p;
  return 10 * p;
}

export function layoutWaterfall(
  replay: Replay,
  trace: number,
  labelOf: (node: string) => string,
  initOf: (node: string, startMs: number) => number | undefined = () => undefined,
): Waterfall {
  const tr = replay.traces[trace];
  const [a, b] = replay.visitsOf[trace] ?? [0, 0];
  const visits = replay.visits.slice(a, b);
  const start = tr.startMs;
  const end = Math.max(tr.endMs, ...visits.map((v) => v.endMs));
  const total = Math.max(end - start, 1e-6);
  const depth: number[] = [];
  const rows = visits.map((v, i) => {
    const d = v.parent >= 0 ? (v.sync ? depth[v.parent] + 1 : depth[v.parent]) : 0;
    depth[i] = d;
    const p = v.parent >= 0 ? visits[v.parent] : null;
    const readyAt = p ? (v.sync ? p.startMs : p.endMs) : start;
    const waitMs = Math.max(0, v.startMs - readyAt);
    const row: WaterfallRow = {
      node: v.node,
      label: labelOf(v.node),
      depth: d,
      startMs: v.startMs - start,
      durationMs: v.endMs - v.startMs,
      x: (v.startMs - start) / total,
      w: (v.endMs - v.startMs) / total,
      cold: v.cold,
      waitMs,
      waitX: (readyAt - start) / total,
      waitW: waitMs / total,
      retry: v.retry,
      outcome: v.outcome,
      ok: v.ok,
    };
    if (v.cold) {
      const init = initOf(v.node, v.startMs);
      if (init !== undefined) {
        row.initMs = init;
        row.initW = Math.min(init, v.endMs - v.startMs) / total;
      }
    }
    return row;
  });
  const step = niceStep(total);
  const ticks: number[] = [];
  for (let x = 0; x <= total + 1e-9; x += step) ticks.push(x);
  return { traceId: tr.id, startMs: start, totalMs: total, outcome: tr.outcome, rows, ticks };
}

/**
 * The axis ticks that fit a track `widthPx` wide with at least `minGapPx` between neighbours:
 * every k-th tick, k as small as that allows (a narrow panel shows 0 and 400 ms rather than
 * four labels running together). Unmeasured (width 0): every tick.
 */
export function ticksThatFit(
  ticks: readonly number[],
  totalMs: number,
  widthPx: number,
  minGapPx: number,
): number[] {
  if (ticks.length < 2 || widthPx <= 0 || totalMs <= 0) return [...ticks];
  const gapPx = ((ticks[1] - ticks[0]) / totalMs) * widthPx;
  const k = Math.max(1, Math.ceil(minGapPx / gapPx));
  return ticks.filter((_, i) => i % k === 0);
}
