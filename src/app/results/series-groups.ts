import type { ChartGroup, SeriesInfo } from '../../engine/kinds/catalog-types';
import { KINDS, type SeriesName } from '../../engine/kinds/registry';
import type { Result } from '../../engine/result';

/**
 * Which charts a node gets, built from whatever series the engine recorded for it: series are
 * grouped the way an operator reads them (traffic, capacity against its limit, trouble) by
 * the chart group their kind's catalog gives them; a series without one gets its own chart.
 */
export type ValueFormat = 'perSecond' | 'count' | 'seconds' | 'percent';

export interface ChartLine {
  /** Key in result.series, e.g. "orders.concurrency". */
  key: string;
  /** The series' name without the node id (a per-shard series keeps its `shard<i>.` prefix). */
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

const GROUPS: Record<ChartGroup, { title: string; caption: string; format: ValueFormat }> = {
  traffic: { title: 'Requests', caption: 'per second', format: 'perSecond' },
  capacity: { title: 'Concurrency', caption: 'executions at once, against the limit', format: 'count' },
  coldStarts: { title: 'Cold starts', caption: 'per second', format: 'perSecond' },
  trouble: { title: 'Throttles, errors and retries', caption: 'per second', format: 'perSecond' },
  depth: { title: 'Queue depth', caption: 'messages waiting', format: 'count' },
  age: { title: 'Age', caption: 'seconds behind', format: 'seconds' },
  utilization: { title: 'Utilization', caption: 'share of capacity in use', format: 'percent' },
};
const GROUP_ORDER = Object.keys(GROUPS) as ChartGroup[];

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
  const declared: Readonly<Record<string, SeriesInfo>> = KINDS[result.nodes[nodeId]?.kind]?.series ?? {};
  const grouped = new Map<ChartGroup, ChartLine[]>();
  const loose: ChartSpec[] = [];
  for (const { key, metric } of lines) {
    const info = Object.hasOwn(declared, metric) ? declared[metric] : undefined;
    if (!info?.chart) {
      const shard = shardSeries(declared, metric);
      const label = info?.label ?? (shard ? `${shard.info.label}, shard ${shard.shard}` : humanize(metric));
      const merge = (info ?? shard?.info)?.sampling === 'max' ? 'max' : 'mean';
      loose.push({
        id: metric,
        title: label,
        caption: '',
        format: 'count',
        lines: [{ key, metric, label, merge }],
      });
      continue;
    }
    const list = grouped.get(info.chart) ?? [];
    list.push({ key, metric, label: info.label, merge: info.sampling === 'max' ? 'max' : 'mean' });
    grouped.set(info.chart, list);
  }
  const known = GROUP_ORDER.filter((g) => grouped.has(g)).map((g) => {
    const members = grouped.get(g)!;
    const spec: ChartSpec = { id: g, ...GROUPS[g], lines: members };
    // Servers and containers have instances but no concurrency: the chart is then about instances.
    if (g === 'capacity' && !members.some((l) => l.metric === ('concurrency' satisfies SeriesName))) {
      return { ...spec, title: 'Instances', caption: 'running' };
    }
    if (g === 'age' && members.every((l) => l.metric === ('iteratorAgeSeconds' satisfies SeriesName)))
      return { ...spec, title: 'Iterator age' };
    if (g === 'age') return { ...spec, title: 'Age of the oldest message' };
    return spec;
  });
  return [...known, ...loose];
}

/** "shard2.iteratorAgeSeconds" of a series declared per shard: its declaration and the shard. */
function shardSeries(
  declared: Readonly<Record<string, SeriesInfo>>,
  metric: string,
): { info: SeriesInfo; shard: number } | undefined {
  const m = /^shard(\d+)\.(.+)$/.exec(metric);
  const info = m && Object.hasOwn(declared, m[2]) ? declared[m[2]] : undefined;
  return m && info?.perShard ? { info, shard: Number(m[1]) } : undefined;
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
