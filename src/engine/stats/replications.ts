import { keyedRecord } from '../own-keys';
import type { Summary } from '../kinds/vocabulary';
import type { Result } from '../result';
import { interval, type Interval } from './interval';

/**
 * Replications: one seed is one sample. The same scenario run with N derived seeds gives N
 * independent samples of every figure, and their spread gives each a confidence interval.
 * Replication 0 uses the scenario's own seed, so one replication is exactly the plain run.
 */

export const MAX_REPLICATIONS = 100;
/** What the run panel offers. */
export const REPLICATION_CHOICES = [1, 5, 10, 30] as const;

/** A summary (mean, p50, …) with an interval for each of its figures. */
export type SummaryInterval = Record<keyof Summary, Interval>;

export interface ReplicationStats {
  /** How many replications; their seeds, in order (the first is the scenario's). */
  count: number;
  seeds: number[];
  confidence: number;
  totals: {
    requests: Interval;
    completed: Interval;
    failed: Interval;
    deadLettered: Interval;
    dropped: Interval;
    inFlight: Interval;
    costUsd: Interval;
    monthlyCostUsd: Interval;
    latencyMs: SummaryInterval;
    /** (failed + dropped + dead-lettered) ÷ requests. */
    errorRate: Interval;
    /** Cold starts ÷ invocations over every function node (absent without functions). */
    coldStartRate?: Interval;
  };
  /** Per node: every numeric metric and summary, and the node's cost for the run. */
  nodes: Record<string, { metrics: Record<string, Interval | SummaryInterval>; costUsd: Interval }>;
  /** Per series (same keys as result.series): the band mean ± half-width, bucket by bucket. */
  seriesBands?: Record<string, { lo: number[]; hi: number[] }>;
  /** Replications that stopped early (their figures are partial). */
  incomplete: number;
  /**
   * Each replication's headline figures, in seed order: two designs run with the same
   * seeds can be compared replication by replication (a paired difference).
   */
  samples: { monthlyCostUsd: number[]; latencyP95Ms: number[]; errorRate: number[] };
}

/** Seed of replication i: the scenario's seed for 0, then a 32-bit mix of (seed, i). */
export function replicationSeed(seed: number, i: number): number {
  if (i === 0) return seed >>> 0;
  // murmur3's finaliser over seed and index: neighbouring seeds give unrelated streams.
  let h = (Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(i, 0x85ebca6b)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export function replicationSeeds(seed: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => replicationSeed(seed, i));
}

/** settings.replications of a scenario document as written (1 when absent or not a whole number ≥ 1). */
export function replicationsOf(doc: unknown): number {
  const s = (doc as { settings?: { replications?: unknown } } | null)?.settings;
  const n = s?.replications;
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 ? Math.min(n, MAX_REPLICATIONS) : 1;
}

/** settings.seed of a scenario document as written (the schema's default 1 otherwise). */
export function seedOf(doc: unknown): number {
  const s = (doc as { settings?: { seed?: unknown } } | null)?.settings;
  const n = s?.seed;
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : 1;
}

const SUMMARY_KEYS: (keyof Summary)[] = ['mean', 'p50', 'p95', 'p99', 'max'];

function isSummary(v: unknown): v is Summary {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && 'p95' in v;
}

function summaryInterval(list: Summary[]): SummaryInterval {
  const out = {} as SummaryInterval;
  for (const k of SUMMARY_KEYS) out[k] = interval(list.map((s) => s[k]));
  return out;
}

function errorRate(r: Result): number {
  const t = r.totals;
  return t.requests > 0 ? (t.failed + t.dropped + t.deadLettered) / t.requests : 0;
}

/** Cold starts per invocation over every function node; undefined when there is none. */
function coldStartRate(r: Result): number | undefined {
  let inv = 0;
  let cold = 0;
  let any = false;
  for (const n of Object.values(r.nodes)) {
    if (n.kind !== 'function') continue;
    any = true;
    inv += Number(n.metrics.invocations ?? 0);
    cold += Number(n.metrics.coldStarts ?? 0);
  }
  return any ? (inv > 0 ? cold / inv : 0) : undefined;
}

/**
 * The intervals of a set of replications (results of the same scenario with different
 * seeds, replication 0 first). Cheap enough for the page: one pass per figure, one per
 * series bucket.
 */
export function combineReplications(
  results: readonly Result[],
  opts: { bands?: boolean } = {},
): ReplicationStats {
  if (results.length === 0) throw new RangeError('no replications to combine');
  const totals = (f: (r: Result) => number) => interval(results.map(f));
  const cold = results.map(coldStartRate);
  const stats: ReplicationStats = {
    count: results.length,
    seeds: results.map((r) => r.seed),
    confidence: 0.95,
    totals: {
      requests: totals((r) => r.totals.requests),
      completed: totals((r) => r.totals.completed),
      failed: totals((r) => r.totals.failed),
      deadLettered: totals((r) => r.totals.deadLettered),
      dropped: totals((r) => r.totals.dropped),
      inFlight: totals((r) => r.totals.inFlight),
      costUsd: totals((r) => r.totals.costUsd),
      monthlyCostUsd: totals((r) => r.totals.monthlyCostUsd),
      latencyMs: summaryInterval(results.map((r) => r.totals.latencyMs)),
      errorRate: totals(errorRate),
    },
    nodes: keyedRecord(),
    incomplete: results.filter((r) => r.incomplete).length,
    samples: {
      monthlyCostUsd: results.map((r) => r.totals.monthlyCostUsd),
      latencyP95Ms: results.map((r) => r.totals.latencyMs.p95),
      errorRate: results.map(errorRate),
    },
  };
  if (cold.every((c) => c !== undefined)) stats.totals.coldStartRate = interval(cold as number[]);
  const first = results[0];
  for (const [id, node] of Object.entries(first.nodes)) {
    const metrics: Record<string, Interval | SummaryInterval> = {};
    for (const [key, v] of Object.entries(node.metrics)) {
      if (typeof v === 'number')
        metrics[key] = interval(results.map((r) => Number(r.nodes[id]?.metrics[key] ?? NaN)));
      else if (isSummary(v))
        metrics[key] = summaryInterval(
          results.map((r) => (r.nodes[id]?.metrics[key] as Summary | undefined) ?? v),
        );
    }
    stats.nodes[id] = { metrics, costUsd: interval(results.map((r) => r.nodes[id]?.cost.totalUsd ?? NaN)) };
  }
  if (opts.bands !== false && results.length > 1 && first.series) stats.seriesBands = bands(results);
  return stats;
}

function bands(results: readonly Result[]): Record<string, { lo: number[]; hi: number[] }> {
  const out = keyedRecord<{ lo: number[]; hi: number[] }>();
  const first = results[0].series!;
  const column = new Float64Array(results.length);
  for (const [key, v] of Object.entries(first)) {
    if (key === 't' || !Array.isArray(v)) continue;
    const all = results.map((r) => r.series?.[key]);
    if (all.some((s) => !Array.isArray(s) || s.length !== v.length)) continue;
    const lo = new Array<number>(v.length);
    const hi = new Array<number>(v.length);
    for (let b = 0; b < v.length; b++) {
      for (let i = 0; i < all.length; i++) column[i] = (all[i] as number[])[b];
      const iv = interval(column);
      lo[b] = iv.lo;
      hi[b] = iv.hi;
    }
    out[key] = { lo, hi };
  }
  return out;
}

/** Replication 0's result carrying the intervals of all of them (unchanged for one). */
export function withReplications(results: readonly Result[], opts: { bands?: boolean } = {}): Result {
  if (results.length === 1) return results[0];
  return { ...results[0], replications: combineReplications(results, opts) };
}
