import type { Result } from '../../engine/result';

/**
 * Which charts a node gets, built from whatever series the engine recorded for it: the
 * known metrics are grouped the way an operator reads them (traffic, capacity against its
 * limit, trouble), and any series this file does not know yet still gets a chart of its own.
 */
export type ValueFormat = 'perSecond' | 'count' | 'seconds' | 'percent';

export interface ChartLine {
  /** Key in result.series, e.g. "orders.concurrency". */
  key: string;
  metric: string;
  label: string;
  /**
   * How buckets merge when the chart shows fewer points than the series has: rates and
   * time-averaged levels average exactly; ages keep the worst value, which is what matters.
   */
  merge: 'mean' | 'max';
}

export interface ChartSpec {
  id: string;
  title: string;
  /** What the y axis counts, shown under the title. */
  caption: string;
  format: ValueFormat;
  lines: ChartLine[];
}

interface MetricInfo {
  group: string;
  label: string;
  merge?: 'max';
}

const METRICS: Record<string, MetricInfo> = {
  requests: { group: 'traffic', label: 'Requests' },
  ticks: { group: 'traffic', label: 'Scheduled runs' },
  concurrency: { group: 'capacity', label: 'Concurrent executions' },
  instances: { group: 'capacity', label: 'Instances' },
  coldStarts: { group: 'coldStarts', label: 'Cold starts' },
  throttles: { group: 'trouble', label: 'Throttles' },
  throttled: { group: 'trouble', label: 'Throttled (429)' },
  errors: { group: 'trouble', label: 'Errors' },
  timeouts: { group: 'trouble', label: 'Timeouts' },
  retries: { group: 'trouble', label: 'Retries' },
  depth: { group: 'depth', label: 'Messages waiting' },
  ageSeconds: { group: 'age', label: 'Oldest message', merge: 'max' },
  iteratorAgeSeconds: { group: 'age', label: 'Iterator age', merge: 'max' },
  utilization: { group: 'utilization', label: 'CPU utilization' },
};

const GROUPS: Record<string, { title: string; caption: string; format: ValueFormat }> = {
  traffic: { title: 'Requests', caption: 'per second', format: 'perSecond' },
  capacity: { title: 'Concurrency', caption: 'executions at once, against the limit', format: 'count' },
  coldStarts: { title: 'Cold starts', caption: 'per second', format: 'perSecond' },
  trouble: { title: 'Throttles, errors and retries', caption: 'per second', format: 'perSecond' },
  depth: { title: 'Queue depth', caption: 'messages waiting', format: 'count' },
  age: { title: 'Age', caption: 'seconds behind', format: 'seconds' },
  utilization: { title: 'Utilization', caption: 'share of capacity in use', format: 'percent' },
};
const GROUP_ORDER = Object.keys(GROUPS);

/** The node ids that have at least one series, in the result's node order. */
export function nodesWithSeries(result: Result): string[] {
  const keys = seriesKeys(result);
  return Object.keys(result.nodes).filter((id) => keys.some((k) => k.startsWith(`${id}.`)));
}

export function seriesKeys(result: Result): string[] {
  const s = result.series;
  if (!s) return [];
  return Object.keys(s).filter((k) => k !== 't' && Array.isArray(s[k]));
}

export function chartsForNode(result: Result, nodeId: string): ChartSpec[] {
  const prefix = `${nodeId}.`;
  const lines = seriesKeys(result)
    .filter((k) => k.startsWith(prefix))
    .map((key) => ({ key, metric: key.slice(prefix.length) }));
  const grouped = new Map<string, ChartLine[]>();
  const loose: ChartSpec[] = [];
  for (const { key, metric } of lines) {
    const info = METRICS[metric];
    if (!info) {
      loose.push({
        id: metric,
        title: humanize(metric),
        caption: '',
        format: 'count',
        lines: [{ key, metric, label: humanize(metric), merge: 'mean' }],
      });
      continue;
    }
    const list = grouped.get(info.group) ?? [];
    list.push({ key, metric, label: info.label, merge: info.merge ?? 'mean' });
    grouped.set(info.group, list);
  }
  const known = GROUP_ORDER.filter((g) => grouped.has(g)).map((g) => {
    const members = grouped.get(g)!;
    const spec: ChartSpec = { id: g, ...GROUPS[g], lines: members };
    // Servers and containers have instances but no concurrency: the chart is then about instances.
    if (g === 'capacity' && !members.some((l) => l.metric === 'concurrency')) {
      return { ...spec, title: 'Instances', caption: 'running' };
    }
    if (g === 'age' && members.every((l) => l.metric === 'iteratorAgeSeconds'))
      return { ...spec, title: 'Iterator age' };
    if (g === 'age') return { ...spec, title: 'Age of the oldest message' };
    return spec;
  });
  return [...known, ...loose];
}

/** "iteratorAgeSeconds" -> "Iterator age seconds". */
export function humanize(name: string): string {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * A chart reads best with a few hundred points: 2,000 buckets of a Poisson arrival count are
 * mostly noise at screen size. Rows merge runs of buckets down to about this many; the
 * exports keep every bucket.
 */
export const CHART_POINTS = 300;

/** Rows for the charts: one object per (merged) time bucket, keyed by series key. */
export function chartRows(
  result: Result,
  lines: readonly Pick<ChartLine, 'key' | 'merge'>[],
  maxPoints = CHART_POINTS,
): Record<string, number>[] {
  const s = result.series;
  if (!s) return [];
  const t = s.t;
  const step = Math.max(1, Math.ceil(t.length / maxPoints));
  const rows: Record<string, number>[] = [];
  for (let i = 0; i < t.length; i += step) {
    const end = Math.min(t.length, i + step);
    const row: Record<string, number> = { t: t[i] };
    for (const { key, merge } of lines) {
      const v = s[key] as number[];
      let acc = merge === 'max' ? -Infinity : 0;
      for (let j = i; j < end; j++) acc = merge === 'max' ? Math.max(acc, v[j]) : acc + v[j];
      row[key] = merge === 'max' ? acc : acc / (end - i);
    }
    rows.push(row);
  }
  return rows;
}
