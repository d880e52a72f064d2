import type { Summary } from '../kinds/types';
import { ONE_VCPU_MB } from '../kinds/function/account';
import type { Result } from '../result';
import { validateScenario } from '../scenario/validate';
import { formatPath, parsePath, setParam } from '../compare/param-path';
import type { SweepRun } from '../compare/sweep';
import { interval, type Interval } from '../stats/interval';

/**
 * Power tuning, as AWS Lambda Power Tuning does it with real invocations, here with the
 * model: the same scenario with one function's memory set to each size, run with
 * replications; cost per invocation and duration against memory, and three picks.
 * CPU share grows with memory up to one vCPU at 1,769 MB [L-Q23]; above it a single-threaded
 * handler gains nothing, so the curve's knee is there.
 */

/** Lambda's memory range [L-Q23]: 128 MB to 10,240 MB, whole MB. */
export const MIN_MEMORY_MB = 128;
export const MAX_MEMORY_MB = 10_240;

/** The sizes tried unless the user adds more: powers of two, one vCPU (1,769 MB) and the maximum. */
export const DEFAULT_MEMORY_SIZES = [128, 256, 512, 1024, ONE_VCPU_MB, 2048, 4096, 8192, MAX_MEMORY_MB];

export class TuningError extends Error {}

export interface TuningPlan {
  nodeId: string;
  label: string;
  memorySizes: number[];
  /** One run per size (the scenario with that memory), for replicatedTasks(). */
  runs: SweepRun[];
}

/** The sizes to try: the defaults plus `extra` (whole MB in range), sorted, no repeats. */
export function memorySizes(extra: readonly number[] = []): number[] {
  for (const m of extra)
    if (!Number.isInteger(m) || m < MIN_MEMORY_MB || m > MAX_MEMORY_MB)
      throw new TuningError(
        `memory sizes must be whole MB from ${MIN_MEMORY_MB} to ${MAX_MEMORY_MB.toLocaleString('en-US')} (got ${m})`,
      );
  return [...new Set([...DEFAULT_MEMORY_SIZES, ...extra])].sort((a, b) => a - b);
}

/** Lists the runs of a tuning of function `nodeId`. Throws TuningError on a bad node or size. */
export function planTuning(doc: unknown, nodeId: string, extra: readonly number[] = []): TuningPlan {
  const nodes = (doc as { nodes?: { id?: unknown; kind?: unknown; label?: unknown }[] } | null)?.nodes;
  const node = Array.isArray(nodes) ? nodes.find((n) => n?.id === nodeId) : undefined;
  if (!node) throw new TuningError(`there is no node with id "${nodeId}"`);
  if (node.kind !== 'function')
    throw new TuningError(
      `"${nodeId}" is a ${String(node.kind)}, not a function: only functions have a memory size`,
    );
  const v = validateScenario(doc);
  if (!v.ok)
    throw new TuningError(`the scenario is not valid: ${v.errors[0]?.message ?? 'see the problems list'}`);
  const path = parsePath(`${nodeId}.memoryMB`);
  const sizes = memorySizes(extra);
  return {
    nodeId,
    label: typeof node.label === 'string' && node.label ? node.label : nodeId,
    memorySizes: sizes,
    runs: sizes.map((memoryMB) => ({ scenario: 0, value: memoryMB, doc: setParam(doc, path, memoryMB) })),
  };
}

export const tuningParam = (nodeId: string) => formatPath(parsePath(`${nodeId}.memoryMB`));

/** One memory size: means and 95 % intervals over its replications. */
export interface TuningPoint {
  memoryMB: number;
  /** The function's whole bill for the run ÷ its billed invocations. */
  costPerInvocationUsd: Interval;
  durationMs: { mean: Interval; p50: Interval; p95: Interval };
  invocations: number;
  /** Errors and timeouts ÷ invocations (a size that times out is not a real choice). */
  errorRate: Interval;
}

export interface TuningReport {
  nodeId: string;
  label: string;
  points: TuningPoint[];
  /** Memory sizes of the picks. */
  cheapest: number;
  fastest: number;
  /** Least (cost ÷ cheapest cost) + (mean duration ÷ fastest duration): near both bests at once. */
  balanced: number;
  replications: number;
}

/** A memory size's point from its replications' results. */
export function tuningPoint(memoryMB: number, results: readonly Result[], nodeId: string): TuningPoint {
  const per = results.map((r) => {
    const n = r.nodes[nodeId];
    if (!n) throw new TuningError(`the result has no node "${nodeId}"`);
    const m = n.metrics as Record<string, unknown>;
    const inv = Number(m.invocations ?? 0);
    // Invocations still running when the run ends are counted but not yet billed: divide the
    // bill by the billed requests, not by the invocations started.
    const billed = n.cost.items.find((i) => i.name === 'requests')?.quantity ?? inv;
    const d = m.durationMs as Summary;
    const bad = Number(m.errors ?? 0) + Number(m.timeouts ?? 0);
    return {
      cost: billed > 0 ? n.cost.totalUsd / billed : NaN,
      mean: d.mean,
      p50: d.p50,
      p95: d.p95,
      inv,
      err: inv > 0 ? bad / inv : 0,
    };
  });
  return {
    memoryMB,
    costPerInvocationUsd: interval(per.map((x) => x.cost)),
    durationMs: {
      mean: interval(per.map((x) => x.mean)),
      p50: interval(per.map((x) => x.p50)),
      p95: interval(per.map((x) => x.p95)),
    },
    invocations: per.reduce((a, x) => a + x.inv, 0) / per.length,
    errorRate: interval(per.map((x) => x.err)),
  };
}

/**
 * The report from the results of replicatedTasks(plan.runs, replications) (same order).
 * Sizes whose invocations fail more than 1 % (timeouts at small memory) are never picked.
 */
export function reduceTuning(
  plan: TuningPlan,
  results: readonly Result[],
  replications: number,
): TuningReport {
  if (results.length !== plan.runs.length * replications)
    throw new TuningError(`expected ${plan.runs.length * replications} results, got ${results.length}`);
  const points = plan.memorySizes.map((mb, i) =>
    tuningPoint(mb, results.slice(i * replications, (i + 1) * replications), plan.nodeId),
  );
  const viable = points.filter(
    (p) => p.errorRate.mean <= 0.01 && Number.isFinite(p.costPerInvocationUsd.mean),
  );
  const pool = viable.length > 0 ? viable : points;
  const cost = (p: TuningPoint) => p.costPerInvocationUsd.mean;
  const time = (p: TuningPoint) => p.durationMs.mean.mean;
  // Ties (a flat cost curve, a flat duration curve) go to the other figure, then to less memory.
  const best = (key: (p: TuningPoint) => number, then: (p: TuningPoint) => number) =>
    pool.reduce((a, b) => {
      const ka = key(a);
      const kb = key(b);
      if (Math.abs(ka - kb) > 1e-9 * Math.max(Math.abs(ka), Math.abs(kb))) return kb < ka ? b : a;
      const ta = then(a);
      const tb = then(b);
      if (Math.abs(ta - tb) > 1e-9 * Math.max(Math.abs(ta), Math.abs(tb))) return tb < ta ? b : a;
      return a.memoryMB <= b.memoryMB ? a : b;
    });
  const cheapest = best(cost, time);
  const fastest = best(time, cost);
  const c0 = cost(cheapest);
  const t0 = time(fastest);
  const score = (p: TuningPoint) => cost(p) / c0 + time(p) / t0;
  const balanced = best(score, cost);
  return {
    nodeId: plan.nodeId,
    label: plan.label,
    points,
    cheapest: cheapest.memoryMB,
    fastest: fastest.memoryMB,
    balanced: balanced.memoryMB,
    replications,
  };
}
