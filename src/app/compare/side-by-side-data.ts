import { KINDS } from '../../engine/kinds/registry';
import { metricNum, metricOf, type SeriesName } from '../../engine/kinds/names';
import type { Result } from '../../engine/result';
import { fmtCount } from '../results/format';

/**
 * What the side-by-side view reads off each scenario's result: the figures of the table and
 * the time series it overlays (one line per scenario).
 */
export interface Figures {
  monthlyCostUsd: number;
  runCostUsd: number;
  requests: number;
  p50: number;
  p95: number;
  p99: number;
  /** (failed + dead-lettered) ÷ requests, and dropped ÷ requests. */
  failed: number;
  dropped: number;
  /** Functions only: cold starts ÷ invocations. */
  coldStartRatio: number | null;
  /** Servers and containers only: mean utilisation, weighted by their mean instances. */
  utilisation: number | null;
  /**
   * With replications: the figures above are means over the runs, and these the half-widths
   * of their 95 % intervals.
   */
  half: Partial<
    Record<'monthlyCostUsd' | 'runCostUsd' | 'p50' | 'p95' | 'p99' | 'failed' | 'coldStartRatio', number>
  >;
  /** Runs behind the figures (1 without replications). */
  runs: number;
}

export function figuresOf(r: Result): Figures {
  const t = r.totals;
  const n = Math.max(1, t.requests);
  let cold = 0;
  let invocations = 0;
  let fns = 0;
  let utilSum = 0;
  let utilWeight = 0;
  for (const node of Object.values(r.nodes)) {
    const m = node.metrics;
    if (node.kind === 'function') {
      fns++;
      cold += metricNum('function', m, 'coldStarts');
      invocations += metricNum('function', m, 'invocations');
    }
    const fleet = node.kind === 'server' || node.kind === 'container' ? node.kind : null;
    const utilization = fleet && metricOf(fleet, m, 'meanUtilization');
    if (fleet && typeof utilization === 'number') {
      const instances = metricNum(fleet, m, 'meanInstances');
      const w = instances > 0 ? instances : 1;
      utilSum += utilization * w;
      utilWeight += w;
    }
  }
  const f: Figures = {
    monthlyCostUsd: t.monthlyCostUsd,
    runCostUsd: t.costUsd,
    requests: t.requests,
    p50: t.latencyMs.p50,
    p95: t.latencyMs.p95,
    p99: t.latencyMs.p99,
    failed: (t.failed + t.deadLettered) / n,
    dropped: t.dropped / n,
    coldStartRatio: fns > 0 ? (invocations > 0 ? cold / invocations : 0) : null,
    utilisation: utilWeight > 0 ? utilSum / utilWeight : null,
    half: {},
    runs: 1,
  };
  const reps = r.replications;
  if (!reps || reps.count < 2) return f;
  // The headline figures as means over the runs, each with its interval.
  const rt = reps.totals;
  f.runs = reps.count;
  f.monthlyCostUsd = rt.monthlyCostUsd.mean;
  f.half.monthlyCostUsd = rt.monthlyCostUsd.halfWidth;
  f.runCostUsd = rt.costUsd.mean;
  f.half.runCostUsd = rt.costUsd.halfWidth;
  f.requests = rt.requests.mean;
  for (const k of ['p50', 'p95', 'p99'] as const) {
    f[k] = rt.latencyMs[k].mean;
    f.half[k] = rt.latencyMs[k].halfWidth;
  }
  if (rt.coldStartRate && f.coldStartRatio !== null) {
    f.coldStartRatio = rt.coldStartRate.mean;
    f.half.coldStartRatio = rt.coldStartRate.halfWidth;
  }
  return f;
}

const SHAPE_WORDS: Record<string, string> = {
  poisson: 'random arrivals',
  constant: 'steady',
  diurnal: 'a daily cycle',
  spike: 'with a spike',
  ramp: 'ramping',
  trace: 'a replayed trace',
};

/**
 * The traffic a scenario's producers send, in words: "Clients: 20 requests/s, random
 * arrivals". Several producers are joined with "; ".
 */
export function trafficText(doc: unknown): string {
  const nodes = (
    doc as { nodes?: { kind?: unknown; label?: unknown; id?: unknown; params?: unknown }[] } | null
  )?.nodes;
  if (!Array.isArray(nodes)) return '';
  const parts: string[] = [];
  for (const n of nodes) {
    if (n?.kind !== 'producer') continue;
    const parsed = KINDS.producer.params.safeParse(n.params ?? {});
    if (!parsed.success) continue;
    const t = (
      parsed.data as {
        traffic: {
          shape: string;
          ratePerSecond: number;
          peakRatePerSecond?: number;
          points?: [number, number][];
        };
      }
    ).traffic;
    const r = fmtCount(t.ratePerSecond);
    const peak = fmtCount(t.peakRatePerSecond ?? t.ratePerSecond);
    const rate =
      t.shape === 'diurnal'
        ? `${r}–${peak} requests/s`
        : t.shape === 'spike' || t.shape === 'ramp'
          ? `${r} → ${peak} requests/s`
          : t.shape === 'trace'
            ? `up to ${fmtCount(Math.max(0, ...(t.points ?? []).map((q) => q[1])))} requests/s`
            : `${r} requests/s`;
    const name = typeof n.label === 'string' && n.label ? n.label : String(n.id);
    parts.push(`${name}: ${rate}, ${SHAPE_WORDS[t.shape] ?? t.shape}`);
  }
  return parts.join('; ');
}

export type OverlayMetric = 'requests' | 'instances' | 'errors';

export interface OverlaySpec {
  id: OverlayMetric;
  title: string;
  caption: string;
  format: 'perSecond' | 'count';
}

export const OVERLAYS: OverlaySpec[] = [
  {
    id: 'requests',
    title: 'Requests over time',
    caption: 'per second, from the producers',
    format: 'perSecond',
  },
  {
    id: 'instances',
    title: 'Instances over time',
    caption: 'servers, tasks and function environments running',
    format: 'count',
  },
  {
    id: 'errors',
    title: 'Errors and throttles over time',
    caption: 'per second, all nodes',
    format: 'perSecond',
  },
];

/**
 * Series of trouble, whichever kind records them (names the catalogs declare; a function's
 * timeouts are in its `errors` series, no kind records a `timeouts` series).
 */
export const TROUBLE_SERIES: readonly SeriesName[] = ['errors', 'throttles', 'throttled'];

/** The series keys a metric sums over: producers' requests, every node's instances, every node's errors and throttles. */
function keysFor(r: Result, metric: OverlayMetric): string[] {
  const s = r.series;
  if (!s) return [];
  const keys = Object.keys(s).filter((k) => k !== 't' && Array.isArray(s[k]));
  const kindOf = (k: string) => r.nodes[k.slice(0, k.lastIndexOf('.'))]?.kind;
  const nameOf = (k: string) => k.slice(k.lastIndexOf('.') + 1);
  switch (metric) {
    case 'requests':
      return keys.filter(
        (k) => kindOf(k) === 'producer' && nameOf(k) === ('requests' satisfies SeriesName<'producer'>),
      );
    case 'instances':
      return keys.filter((k) => nameOf(k) === ('instances' satisfies SeriesName));
    case 'errors':
      return keys.filter((k) => (TROUBLE_SERIES as readonly string[]).includes(nameOf(k)));
  }
}

/** One scenario's line at full resolution: times and the metric summed over its series (the chart downsamples). */
export function overlayLine(r: Result, metric: OverlayMetric): { t: number[]; v: number[] } | null {
  const s = r.series;
  const keys = keysFor(r, metric);
  if (!s || keys.length === 0) return null;
  const t = s.t;
  const v = new Array<number>(t.length).fill(0);
  for (const k of keys) {
    const arr = s[k] as number[];
    for (let j = 0; j < t.length; j++) v[j] += arr[j] ?? 0;
  }
  return { t, v };
}
