import type { Totals } from '../result';
import type { MetricName, NodeKind, SeriesName } from './registry';

/**
 * Names the app writes in its tables (badges at t, lesson counters, the side-by-side view),
 * typed from the kinds' catalogs (kinds/registry.ts): a metric or series a catalog does not
 * declare, or a kind that does not exist, does not compile.
 */
export type { MetricName, NodeKind, SeriesName };

/** A total of the run: "requests", "completed", … (the result's `totals`, without the latency Summary). */
export type TotalName = Exclude<keyof Totals, 'latencyMs'>;

/** Metric names that kind K declares, listed in a table: metricsOf('queue', ['sent']). */
export function metricsOf<K extends NodeKind>(
  _kind: K,
  names: readonly MetricName<K>[],
): readonly MetricName<K>[] {
  return names;
}

/** A node's metric by a name its kind declares, as the run gave it (undefined when it has none). */
export function metricOf<K extends NodeKind>(
  _kind: K,
  metrics: object | undefined,
  name: MetricName<K>,
): unknown {
  return (metrics as Record<string, unknown> | undefined)?.[name];
}

/** A node's metric by a name its kind declares, as a number (0 when the run has none). */
export function metricNum<K extends NodeKind>(
  _kind: K,
  metrics: object | undefined,
  name: MetricName<K>,
): number {
  return Number((metrics as Record<string, unknown> | undefined)?.[name] ?? 0);
}

/** The result's key of a node's series: `<nodeId>.<name>`, with a name its kind declares. */
export function seriesKey<K extends NodeKind>(_kind: K, id: string, name: SeriesName<K>): string {
  return `${id}.${name}`;
}
