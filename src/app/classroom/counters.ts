import { KINDS } from '../../engine/kinds/registry';
import {
  seriesKey,
  type MetricName,
  type NodeKind,
  type SeriesName,
  type TotalName,
} from '../../engine/kinds/names';
import type { Result } from '../../engine/result';
import { REC_ENV_BUSY } from '../../engine/sim/recorder';
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
}

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
      // Entries: the producers' and schedules' own series, summed to t.
      let sum = 0;
      let found = false;
      for (const [id, n] of Object.entries(result.nodes)) {
        const key =
          n.kind === 'producer'
            ? seriesKey('producer', id, 'requests')
            : n.kind === 'schedule'
              ? seriesKey('schedule', id, 'ticks')
              : null;
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
  let n = 0;
  for (let i = 0; i < rec.t.length && rec.t[i] <= tMs; i++) {
    if (rec.node[i] === node && rec.code[i] === REC_ENV_BUSY && (metric === 'invocations' || rec.v[i] > 0))
      n++;
  }
  return n;
}

/**
 * A counter at t in an open replay: the same counts the badges use (traced requests, the
 * recording) where they exist, so the big counters and the badges agree; else counterAt.
 */
export function counterAtT(data: ReplayData, path: string, tMs: number): CounterValue {
  const labelOf = (id: string) => data.labels.get(id) ?? id;
  const base = counterAt(data.result, path, tMs, labelOf);
  const parts = path.split('.');
  if (parts[0] === 'totals') {
    const v = totalAt(data, parts[1], tMs);
    return v === undefined ? base : { ...base, value: v, atEnd: false, approx: !exactAt(data) };
  }
  const kind = data.kinds.get(parts[1]);
  // The replay's kinds are the validated scenario's.
  const f = kind ? nodeFiguresAt(data, parts[1], kind as NodeKind, tMs) : null;
  const v = f?.values[parts[3]];
  return v === undefined ? base : { ...base, value: v, atEnd: false, approx: !f!.exact };
}
