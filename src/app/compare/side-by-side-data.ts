import type { Result } from '../../engine/result';
import { CHART_POINTS } from '../results/series-groups';

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
    const m = node.metrics as Record<string, unknown>;
    if (node.kind === 'function') {
      fns++;
      cold += Number(m.coldStarts ?? 0);
      invocations += Number(m.invocations ?? 0);
    }
    if ((node.kind === 'server' || node.kind === 'container') && typeof m.meanUtilization === 'number') {
      const w = typeof m.meanInstances === 'number' && m.meanInstances > 0 ? m.meanInstances : 1;
      utilSum += m.meanUtilization * w;
      utilWeight += w;
    }
  }
  return {
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
  };
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

/** The series keys a metric sums over: producers' requests, every node's instances, every node's errors and throttles. */
function keysFor(r: Result, metric: OverlayMetric): string[] {
  const s = r.series;
  if (!s) return [];
  const keys = Object.keys(s).filter((k) => k !== 't' && Array.isArray(s[k]));
  const kindOf = (k: string) => r.nodes[k.slice(0, k.lastIndexOf('.'))]?.kind;
  const metricOf = (k: string) => k.slice(k.lastIndexOf('.') + 1);
  switch (metric) {
    case 'requests':
      return keys.filter((k) => kindOf(k) === 'producer' && metricOf(k) === 'requests');
    case 'instances':
      return keys.filter((k) => metricOf(k) === 'instances');
    case 'errors':
      return keys.filter((k) => ['errors', 'throttles', 'throttled', 'timeouts'].includes(metricOf(k)));
  }
}

/** One scenario's line: times and the summed metric, merged down to about CHART_POINTS points. */
export function overlayLine(
  r: Result,
  metric: OverlayMetric,
  maxPoints = CHART_POINTS,
): { t: number[]; v: number[] } | null {
  const s = r.series;
  const keys = keysFor(r, metric);
  if (!s || keys.length === 0) return null;
  const t = s.t;
  const step = Math.max(1, Math.ceil(t.length / maxPoints));
  const out = { t: [] as number[], v: [] as number[] };
  for (let i = 0; i < t.length; i += step) {
    const end = Math.min(t.length, i + step);
    let acc = 0;
    for (const k of keys) {
      const arr = s[k] as number[];
      for (let j = i; j < end; j++) acc += arr[j] ?? 0;
    }
    out.t.push(t[i]);
    out.v.push(acc / (end - i));
  }
  return out;
}
