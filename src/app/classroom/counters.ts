import { KINDS } from '../../engine/kinds/registry';
import { type MetricName, type NodeKind, type SeriesName, type TotalName } from '../../engine/kinds/names';
import type { Result } from '../../engine/result';
import {
  DEFAULT_RECORD_LIMIT,
  REC_ENV_BUSY,
  recordCapText,
  recordingColumns,
} from '../../engine/sim/recorder';
import { exactAt, nodeFiguresAt, totalAt } from './at-time';
import { cumulativeAt, seriesAt } from './internals';
import type { ReplayData } from './replay-data';

/**
 * The lesson's big counters at simulated time t. A counter that has a time series counts up
 * as the replay plays (rates summed to t, levels read at t); one without (most totals) shows
 * the run's final value and says so.
 */
export interface CounterValue {
  path: string;
  label: string;
  value: number;
  /** The value is the whole run's, not the value at t. */
  atEnd: boolean;
  /** Scaled up from sampled requests (not every request was traced). */
  approx?: boolean;
  /**
   * In an open replay: the count is not known at t (the engine counts it for the whole run
   * only), so no value is shown; this says why. `value` is then NaN.
   */
  notAtT?: string;
}

/** Why a counter or badge has no value during a replay (its tooltip). */
export const NOT_AT_T = `Not counted at t: the replay has no record of it up to t (its recording stopped at its cap of ${recordCapText(DEFAULT_RECORD_LIMIT)} of changes a part, which no shipped template reaches, or the engine counts it for the whole run only). The whole run’s figure returns when the replay closes.`;

/** Labels of totals and metrics (names the catalogs declare: a stale one does not compile). */
export const LABELS: Partial<Record<TotalName | MetricName, string>> = {
  requests: 'Requests',
  completed: 'Completed',
  failed: 'Failed',
  deadLettered: 'Dead-lettered',
  dropped: 'Dropped',
  inFlight: 'In flight',
  costUsd: 'Cost (USD)',
  monthlyCostUsd: 'Per month (USD)',
  invocations: 'Invocations',
  coldStarts: 'Cold starts',
  throttles: 'Throttles',
  errors: 'Errors',
  timeouts: 'Timeouts',
  retries: 'Retries',
  maxConcurrency: 'Max concurrency',
  meanConcurrency: 'Mean concurrency',
};

/**
 * Metric → the series of the same node that counts it. Whether it is summed to t (a rate) or
 * read at t (a level) is the series' sampling in its kind's catalog.
 */
export const SERIES_OF: Partial<Record<MetricName, SeriesName>> = {
  invocations: 'requests',
  requests: 'requests',
  coldStarts: 'coldStarts',
  throttles: 'throttles',
  errors: 'errors',
  throttled: 'throttled',
  published: 'published',
  putEvents: 'putEvents',
  puts: 'puts',
  writes: 'writes',
  ticks: 'ticks',
  meanConcurrency: 'concurrency',
  maxConcurrency: 'concurrency',
};

/** A rate is summed up to t; a level (or maximum) is read at t. */
function samplingOf(kind: string | undefined, series: SeriesName): 'rate' | 'level' | undefined {
  if (kind === undefined || !Object.hasOwn(KINDS, kind)) return undefined;
  const declared = KINDS[kind as keyof typeof KINDS].series;
  if (!Object.hasOwn(declared, series)) return undefined;
  return declared[series].sampling === 'rate' ? 'rate' : 'level';
}

export function counterAt(
  result: Result,
  path: string,
  tMs: number,
  labelOf: (id: string) => string = (id) => id,
): CounterValue {
  const parts = path.split('.');
  const tS = tMs / 1000;
  if (parts[0] === 'totals') {
    const name = parts[1] as TotalName;
    const final = Number((result.totals as unknown as Record<string, unknown>)[name] ?? 0);
    if (name === 'requests' && result.series) {
      // Entries: each source's own series of its count (a producer's requests, a schedule's
      // ticks), summed to t.
      let sum = 0;
      let found = false;
      for (const [id, n] of Object.entries(result.nodes)) {
        const source = Object.hasOwn(KINDS, n.kind) ? KINDS[n.kind as NodeKind] : undefined;
        const count = source?.traits.source ? source.serviceMap.count[0] : undefined;
        const key = count !== undefined && Object.hasOwn(source!.series, count) ? `${id}.${count}` : null;
        const v = key ? cumulativeAt(result.series, key, tS) : undefined;
        if (v !== undefined) {
          sum += v;
          found = true;
        }
      }
      if (found) return { path, label: LABELS.requests ?? name, value: Math.round(sum), atEnd: false };
    }
    return { path, label: LABELS[name] ?? name, value: final, atEnd: true };
  }
  const id = parts[1];
  const metric = parts[3] as MetricName;
  const node = result.nodes[id];
  const final = Number((node?.metrics as Record<string, unknown> | undefined)?.[metric] ?? 0);
  const label = `${labelOf(id)}: ${(LABELS[metric] ?? metric).toLowerCase()}`;
  const exact = recordedCount(result, id, metric, tMs);
  if (exact !== undefined) return { path, label, value: exact, atEnd: false };
  const series = SERIES_OF[metric];
  const sampling = series && samplingOf(node?.kind, series);
  if (series && sampling && result.series) {
    const key = `${id}.${series}`;
    const v = sampling === 'rate' ? cumulativeAt(result.series, key, tS) : seriesAt(result.series, key, tS);
    if (v !== undefined) {
      return sampling === 'rate'
        ? { path, label, value: Math.round(v), atEnd: false }
        : { path, label: `${labelOf(id)}: ${series} now`, value: v, atEnd: false };
    }
  }
  return { path, label, value: final, atEnd: true };
}

/**
 * A function's invocations and cold starts up to t, counted from the recording when the run
 * has one that reaches t: exact, where a bucketed series can only interpolate within a bucket.
 */
function recordedCount(result: Result, id: string, metric: MetricName, tMs: number): number | undefined {
  const rec = result.recording;
  if (!rec || (metric !== 'invocations' && metric !== 'coldStarts')) return undefined;
  if (rec.truncatedAtMs !== undefined && rec.truncatedAtMs < tMs) return undefined;
  const node = rec.nodes.findIndex((n) => n.id === id);
  if (node < 0) return undefined;
  const rc = recordingColumns(rec);
  let n = 0;
  for (let i = 0; i < rc.t.length && rc.t[i] <= tMs; i++) {
    if (rc.node[i] === node && rc.code[i] === REC_ENV_BUSY && (metric === 'invocations' || rc.v[i] > 0)) n++;
  }
  return n;
}

/**
 * A counter at t in an open replay: the same counts the badges use (the recording, traced
 * requests) so the big counters and the badges agree, and nothing else: a count with no record
 * up to t has no value (`notAtT`), never the whole run's figure or a series' interpolation
 * beside values at t.
 */
export function counterAtT(data: ReplayData, path: string, tMs: number): CounterValue {
  const parts = path.split('.');
  if (parts[0] === 'totals') {
    const name = parts[1];
    const label = LABELS[name as TotalName] ?? name;
    const v = totalAt(data, name, tMs);
    return v === undefined
      ? { path, label, value: NaN, atEnd: false, notAtT: NOT_AT_T }
      : { path, label, value: v, atEnd: false, approx: !exactAt(data) };
  }
  const id = parts[1];
  const metric = parts[3];
  const kind = data.kinds.get(id);
  const declared =
    kind && Object.hasOwn(KINDS, kind)
      ? (KINDS[kind as NodeKind].metrics as Record<string, { label?: string }>)
      : {};
  const named = LABELS[metric as MetricName] ?? declared[metric]?.label ?? metric;
  const label = `${data.labels.get(id) ?? id}: ${named.toLowerCase()}`;
  // The replay's kinds are the validated scenario's.
  const f = kind ? nodeFiguresAt(data, id, kind as NodeKind, tMs) : null;
  const v = f?.values[metric];
  return v === undefined
    ? { path, label, value: NaN, atEnd: false, notAtT: NOT_AT_T }
    : { path, label, value: v, atEnd: false, approx: f!.approx.has(metric) };
}

/** A counter's figure as text: "≈ " when estimated, "—" when not counted at t. */
export function counterText(v: CounterValue): string {
  if (v.notAtT) return '—';
  return `${v.approx ? '≈ ' : ''}${v.value.toLocaleString('en-US', { maximumFractionDigits: v.value < 10 ? 2 : 0 })}`;
}
