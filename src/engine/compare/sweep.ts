import type { Result } from '../result';
import type { SimulateOptions } from '../simulate';
import { validateScenario } from '../scenario/validate';
import { interval, type Interval } from '../stats/interval';
import { replicationSeed, seedOf } from '../stats/replications';
import { verb } from './words';
import { ParamPathError, formatPath, parsePath, setParam, unitOfPath, type PathPart } from './param-path';

/**
 * Sweeps: the same parameter (usually the clients' rate) over a range, in several scenarios
 * (a monolith, tiers, containers, functions), to see where their monthly costs cross.
 *
 * Everything here is pure planning and reducing; running is the caller's business, so the
 * app can spread the runs over a pool of workers:
 *
 *   const plan = planSweep(spec);                       // runs: (scenario, value, doc)
 *   const outcomes = await runAnywhere(plan.runs);      // outcomeOf(simulate(run.doc))
 *   let report = reduceSweep(plan, outcomes);           // curves + crossovers (interpolated)
 *   for (let i = 0; i < rounds; i++) {                  // optional: bisection by re-running
 *     const runs = planRefinement(plan, report.crossovers);
 *     if (runs.length === 0) break;
 *     report = applyRefinement(plan, report, runs, await runAnywhere(runs));
 *   }
 *
 * runSweep() is that loop over any executor; sweep() runs it in this thread.
 */
export interface SweepSpec {
  /** Scenario documents (as files hold them). */
  scenarios: unknown[];
  /** Short names for labels; default: each scenario's name. */
  names?: string[];
  /** e.g. "clients.traffic.ratePerSecond" or "nodes[id=clients].params.traffic.ratePerSecond". */
  param: string;
  from: number;
  to: number;
  /** Points, ends included (at least 2). */
  steps: number;
  /** Geometric spacing (and interpolation in log space). */
  log?: boolean;
}

export interface SweepRun {
  /** Index into spec.scenarios. */
  scenario: number;
  value: number;
  /** The scenario with the parameter set: what to simulate. */
  doc: unknown;
}

/** What a sweep keeps of one run. */
export interface PointOutcome {
  monthlyCostUsd: number;
  /** End-to-end p95 latency of the run. */
  p95Ms: number;
  requests: number;
  /** (failed + dropped + dead-lettered) ÷ requests. */
  failedFraction: number;
  /** The run stopped early (a guard): its numbers are partial. */
  incomplete?: boolean;
  /**
   * With replications: the figures above are means over them, and these their 95 %
   * intervals; `costSamples` keeps each replication's monthly cost (replication i of every
   * point shares its seed, so differences and crossings can be taken replication by replication).
   */
  replications?: {
    n: number;
    monthlyCostUsd: Interval;
    p95Ms: Interval;
    failedFraction: Interval;
    costSamples: number[];
  };
}

export interface SweepPoint extends PointOutcome {
  value: number;
}

export interface SweepCurve {
  scenario: number;
  name: string;
  points: SweepPoint[];
}

export interface Crossover {
  /** Scenario indices: `cheaperBelow` costs less below `value`, the other above. */
  a: number;
  b: number;
  cheaperBelow: number;
  cheaperAbove: number;
  /** Best estimate of where the costs are equal (linear interpolation inside the bracket). */
  value: number;
  /** The bracket: cost(a) − cost(b) changes sign between lo and hi. */
  lo: number;
  hi: number;
  diffLo: number;
  diffHi: number;
  /** Monthly cost of either at the crossing (interpolated). */
  monthlyCostUsd: number;
  /** Bisection rounds done (runs at midpoints). */
  refined: number;
  /** e.g. "functions cost less below 38 requests/s, monolith above" */
  label: string;
  /**
   * With replications: the crossing found in each replication on its own (nearest to
   * `value`), and their 95 % interval. `missing` replications did not cross in the range.
   */
  interval?: Interval & { missing: number };
}

export interface SweepPlan {
  spec: SweepSpec;
  names: string[];
  path: PathPart[];
  /** The path written out in full. */
  param: string;
  unit: string;
  values: number[];
  runs: SweepRun[];
  /** The parameter takes whole numbers only (batch size, shards, instances): values are rounded. */
  integral: boolean;
}

export interface SweepReport {
  param: string;
  unit: string;
  values: number[];
  curves: SweepCurve[];
  crossovers: Crossover[];
}

export class SweepError extends Error {}

export const MAX_STEPS = 1000;

/** The swept values, ends included: evenly spaced, or geometrically with log. */
export function sweepValues(from: number, to: number, steps: number, log = false): number[] {
  if (!Number.isFinite(from) || !Number.isFinite(to)) throw new SweepError('from and to must be numbers');
  if (!Number.isInteger(steps) || steps < 2 || steps > MAX_STEPS)
    throw new SweepError(`steps must be a whole number from 2 to ${MAX_STEPS}`);
  if (!(to > from)) throw new SweepError(`to (${to}) must be greater than from (${from})`);
  if (log && !(from > 0)) throw new SweepError(`a log sweep needs from > 0 (got ${from})`);
  const out: number[] = [];
  for (let i = 0; i < steps; i++) {
    const f = i / (steps - 1);
    out.push(i === steps - 1 ? to : log ? from * Math.pow(to / from, f) : from + (to - from) * f);
  }
  return out;
}

/** Lists every run of the sweep: each scenario at each value. Throws SweepError on bad input. */
export function planSweep(spec: SweepSpec): SweepPlan {
  if (!Array.isArray(spec.scenarios) || spec.scenarios.length < 1)
    throw new SweepError('give at least one scenario');
  let path: PathPart[];
  try {
    path = parsePath(spec.param);
  } catch (e) {
    throw new SweepError((e as Error).message);
  }
  const names = spec.scenarios.map((doc, i) => spec.names?.[i] ?? scenarioName(doc, i));
  // A fractional value inside the range tells whether the parameter takes whole numbers only.
  const probe = Math.floor((spec.from + spec.to) / 2) + 0.5;
  const integral = spec.scenarios.some((doc, i) => wantsWholeNumber(withParam(doc, path, probe, names[i])));
  let values = sweepValues(spec.from, spec.to, spec.steps, spec.log);
  if (integral) values = [...new Set(values.map((v) => Math.round(v)))];
  const runs: SweepRun[] = [];
  spec.scenarios.forEach((doc, scenario) => {
    for (const value of values)
      runs.push({ scenario, value, doc: withParam(doc, path, value, names[scenario]) });
  });
  return { spec, names, path, param: formatPath(path), unit: unitOfPath(path), values, runs, integral };
}

function withParam(doc: unknown, path: PathPart[], value: number, name: string): unknown {
  try {
    return setParam(doc, path, value);
  } catch (e) {
    if (e instanceof ParamPathError) throw new SweepError(`${name}: ${e.message}`);
    throw e;
  }
}

/** Whether validation refuses a fractional value for the swept parameter (a whole-number param). */
function wantsWholeNumber(doc: unknown): boolean {
  const v = validateScenario(doc);
  return !v.ok && v.errors.some((e) => e.message.includes('whole number'));
}

function scenarioName(doc: unknown, i: number): string {
  const n = doc !== null && typeof doc === 'object' ? (doc as { name?: unknown }).name : undefined;
  return typeof n === 'string' && n.trim() !== '' ? n : `scenario ${i + 1}`;
}

/** What a sweep keeps of a run's result. */
export function outcomeOf(r: Result): PointOutcome {
  const t = r.totals;
  const bad = t.failed + t.dropped + t.deadLettered;
  const o: PointOutcome = {
    monthlyCostUsd: t.monthlyCostUsd,
    p95Ms: t.latencyMs.p95,
    requests: t.requests,
    failedFraction: t.requests > 0 ? bad / t.requests : 0,
  };
  if (r.incomplete) o.incomplete = true;
  return o;
}

/** What a sweep keeps of one point run several times (replication 0 first): means and intervals. */
export function outcomeOfReplications(results: readonly Result[]): PointOutcome {
  if (results.length === 1) return outcomeOf(results[0]);
  const each = results.map(outcomeOf);
  const cost = interval(each.map((o) => o.monthlyCostUsd));
  const p95 = interval(each.map((o) => o.p95Ms));
  const failed = interval(each.map((o) => o.failedFraction));
  const o: PointOutcome = {
    monthlyCostUsd: cost.mean,
    p95Ms: p95.mean,
    requests: each.reduce((a, x) => a + x.requests, 0) / each.length,
    failedFraction: failed.mean,
    replications: {
      n: each.length,
      monthlyCostUsd: cost,
      p95Ms: p95,
      failedFraction: failed,
      costSamples: each.map((x) => x.monthlyCostUsd),
    },
  };
  if (each.some((x) => x.incomplete)) o.incomplete = true;
  return o;
}

/** One simulation for an executor: a scenario document and the options to run it with. */
export interface SweepTask {
  scenario: unknown;
  options: SimulateOptions;
}

/**
 * The simulations behind some sweep runs with `replications` each (replication i of every
 * run gets the same derived seed, so points are paired): tasks run by run, replication by
 * replication. `groupReplications` turns their results back into one outcome per run.
 */
export function replicatedTasks(
  runs: readonly SweepRun[],
  replications: number,
  options: SimulateOptions = {},
): SweepTask[] {
  const tasks: SweepTask[] = [];
  for (const run of runs) {
    const seed = options.seed ?? seedOf(run.doc);
    for (let i = 0; i < replications; i++)
      tasks.push({ scenario: run.doc, options: { ...options, seed: replicationSeed(seed, i) } });
  }
  return tasks;
}

export function groupReplications(results: readonly Result[], replications: number): PointOutcome[] {
  const out: PointOutcome[] = [];
  for (let i = 0; i < results.length; i += replications)
    out.push(outcomeOfReplications(results.slice(i, i + replications)));
  return out;
}

/** Curves from the outcomes of plan.runs (same order), and the crossovers between them. */
export function reduceSweep(plan: SweepPlan, outcomes: readonly PointOutcome[]): SweepReport {
  if (outcomes.length !== plan.runs.length)
    throw new SweepError(`expected ${plan.runs.length} outcomes, got ${outcomes.length}`);
  const curves: SweepCurve[] = plan.names.map((name, scenario) => ({ scenario, name, points: [] }));
  plan.runs.forEach((run, i) => curves[run.scenario].points.push({ value: run.value, ...outcomes[i] }));
  for (const c of curves) c.points.sort((x, y) => x.value - y.value);
  const report: SweepReport = {
    param: plan.param,
    unit: plan.unit,
    values: plan.values,
    curves,
    crossovers: [],
  };
  report.crossovers = findCrossovers(curves, { log: plan.spec.log, unit: plan.unit });
  return report;
}

/**
 * Where two scenarios' monthly cost curves cross: for each pair, each interval between
 * consecutive sweep points where cost(a) − cost(b) changes sign, the crossing by linear
 * interpolation (in log space for a log sweep). A difference of exactly 0 at a point counts
 * with the sign before it.
 */
export function findCrossovers(
  curves: readonly SweepCurve[],
  opts: { log?: boolean; unit?: string } = {},
): Crossover[] {
  const out: Crossover[] = [];
  for (let i = 0; i < curves.length; i++) {
    for (let j = i + 1; j < curves.length; j++) {
      // The values both were run at (refinement adds midpoints to some curves only).
      const pairs = pairedPoints(curves[i], curves[j]);
      let prev = -1;
      for (let k = 0; k < pairs.length; k++) {
        const d = pairs[k][0].monthlyCostUsd - pairs[k][1].monthlyCostUsd;
        if (d === 0) continue;
        if (prev >= 0) {
          const [a0, b0] = pairs[prev];
          const dPrev = a0.monthlyCostUsd - b0.monthlyCostUsd;
          if (Math.sign(dPrev) !== Math.sign(d)) {
            const a1 = pairs[k][0];
            const cost = a0.monthlyCostUsd + ((a1.monthlyCostUsd - a0.monthlyCostUsd) * dPrev) / (dPrev - d);
            const x = makeCrossover(curves, i, j, a0.value, a1.value, dPrev, d, cost, 0, opts);
            withInterval(x, pairs, opts.log);
            out.push(x);
          }
        }
        prev = k;
      }
    }
  }
  return out.sort((x, y) => x.value - y.value);
}

function pairedPoints(a: SweepCurve, b: SweepCurve): (readonly [SweepPoint, SweepPoint])[] {
  const byValue = new Map(b.points.map((p) => [p.value, p]));
  return a.points.filter((p) => byValue.has(p.value)).map((p) => [p, byValue.get(p.value)!] as const);
}

function makeCrossover(
  curves: readonly SweepCurve[],
  a: number,
  b: number,
  lo: number,
  hi: number,
  diffLo: number,
  diffHi: number,
  monthlyCostUsd: number,
  refined: number,
  opts: { log?: boolean; unit?: string },
): Crossover {
  const f = diffLo / (diffLo - diffHi);
  const value = opts.log ? Math.exp(Math.log(lo) + (Math.log(hi) - Math.log(lo)) * f) : lo + (hi - lo) * f;
  // cost(a) − cost(b) < 0 below the crossing: a is the cheaper one there.
  const cheaperBelow = diffLo < 0 ? a : b;
  const cheaperAbove = cheaperBelow === a ? b : a;
  const unit = opts.unit ? ` ${opts.unit}` : '';
  const label = `${curves[cheaperBelow].name} ${verb(curves[cheaperBelow].name, 'cost')} less below ${fmtValue(value)}${unit}, ${curves[cheaperAbove].name} above`;
  return { a, b, cheaperBelow, cheaperAbove, value, lo, hi, diffLo, diffHi, monthlyCostUsd, refined, label };
}

/**
 * A crossover's interval over replications: each replication's own cost curves (paired by
 * seed) cross somewhere; the crossing nearest to the mean curves' one is that replication's
 * sample, and the samples give the interval.
 */
function withInterval(
  x: Crossover,
  pairs: readonly (readonly [SweepPoint, SweepPoint])[],
  log: boolean | undefined,
): void {
  const n = pairs[0]?.[0].replications?.n ?? 0;
  if (n < 2 || pairs.some(([p, q]) => p.replications?.n !== n || q.replications?.n !== n)) return;
  const samples: number[] = [];
  for (let r = 0; r < n; r++) {
    let best = NaN;
    let prev = -1;
    for (let k = 0; k < pairs.length; k++) {
      const d = pairs[k][0].replications!.costSamples[r] - pairs[k][1].replications!.costSamples[r];
      if (d === 0) continue;
      if (prev >= 0) {
        const dPrev =
          pairs[prev][0].replications!.costSamples[r] - pairs[prev][1].replications!.costSamples[r];
        if (Math.sign(dPrev) !== Math.sign(d)) {
          const lo = pairs[prev][0].value;
          const hi = pairs[k][0].value;
          const f = dPrev / (dPrev - d);
          const v = log ? Math.exp(Math.log(lo) + (Math.log(hi) - Math.log(lo)) * f) : lo + (hi - lo) * f;
          if (Number.isNaN(best) || Math.abs(v - x.value) < Math.abs(best - x.value)) best = v;
        }
      }
      prev = k;
    }
    if (!Number.isNaN(best)) samples.push(best);
  }
  if (samples.length >= 2) x.interval = { ...interval(samples), missing: n - samples.length };
}

/** Three significant digits, no exponent for everyday numbers: 38.2, 0.125, 1,250. */
export function fmtValue(x: number): string {
  if (x === 0 || !Number.isFinite(x)) return String(x);
  const digits = Math.max(0, 2 - Math.floor(Math.log10(Math.abs(x))));
  const r = Number(x.toFixed(Math.min(digits, 6)));
  return r.toLocaleString('en-US', { maximumFractionDigits: 6 });
}

/** The midpoint of a crossover's bracket (geometric for a log sweep). */
/** Where to re-run inside a crossover's bracket (rounded for whole-number parameters). */
function planMidpoint(plan: SweepPlan, c: Crossover): number {
  const mid = midpoint(c, plan.spec.log);
  return plan.integral ? Math.round(mid) : mid;
}

function midpoint(c: Crossover, log: boolean | undefined): number {
  return log ? Math.sqrt(c.lo * c.hi) : (c.lo + c.hi) / 2;
}

/**
 * One bisection round: the runs that would narrow each crossover's bracket (both of its
 * scenarios at the midpoint). Crossovers already narrower than `minWidth` (relative to the
 * value) are left alone.
 */
export function planRefinement(
  plan: SweepPlan,
  crossovers: readonly Crossover[],
  minWidth = 1e-3,
): SweepRun[] {
  const runs: SweepRun[] = [];
  const seen = new Set<string>();
  for (const c of crossovers) {
    if (c.hi - c.lo <= minWidth * Math.abs(c.value)) continue;
    const mid = planMidpoint(plan, c);
    if (mid <= c.lo || mid >= c.hi) continue; // whole numbers: the bracket cannot narrow further
    for (const s of [c.a, c.b]) {
      const key = `${s}@${mid}`;
      if (seen.has(key)) continue;
      seen.add(key);
      runs.push({
        scenario: s,
        value: mid,
        doc: withParam(plan.spec.scenarios[s], plan.path, mid, plan.names[s]),
      });
    }
  }
  return runs;
}

/**
 * Narrows each crossover's bracket with the outcomes of planRefinement's runs (same order):
 * the half where the cost difference still changes sign is kept. The midpoint runs are also
 * added to the curves.
 */
export function applyRefinement(
  plan: SweepPlan,
  report: SweepReport,
  runs: readonly SweepRun[],
  outcomes: readonly PointOutcome[],
): SweepReport {
  if (outcomes.length !== runs.length)
    throw new SweepError(`expected ${runs.length} outcomes, got ${outcomes.length}`);
  const at = new Map<string, PointOutcome>();
  runs.forEach((r, i) => at.set(`${r.scenario}@${r.value}`, outcomes[i]));
  const opts = { log: plan.spec.log, unit: plan.unit };
  const curves = report.curves.map((c) => ({ ...c, points: [...c.points] }));
  runs.forEach((r, i) => curves[r.scenario].points.push({ value: r.value, ...outcomes[i] }));
  for (const c of curves) c.points.sort((x, y) => x.value - y.value);
  const crossovers = report.crossovers.map((c) => {
    const mid = planMidpoint(plan, c);
    const oa = at.get(`${c.a}@${mid}`);
    const ob = at.get(`${c.b}@${mid}`);
    if (!oa || !ob) return c;
    const d = oa.monthlyCostUsd - ob.monthlyCostUsd;
    const cost = oa.monthlyCostUsd;
    if (d === 0)
      return makeCrossover(curves, c.a, c.b, mid, mid, c.diffLo, c.diffHi, cost, c.refined + 1, opts);
    const keepLow = Math.sign(d) !== Math.sign(c.diffLo);
    const lo = keepLow ? c.lo : mid;
    const hi = keepLow ? mid : c.hi;
    const diffLo = keepLow ? c.diffLo : d;
    const diffHi = keepLow ? d : c.diffHi;
    const x = makeCrossover(curves, c.a, c.b, lo, hi, diffLo, diffHi, 0, c.refined + 1, opts);
    x.monthlyCostUsd = costAt(curves[c.a].points, x.value);
    withInterval(x, pairedPoints(curves[c.a], curves[c.b]), plan.spec.log);
    return x;
  });
  crossovers.sort((x, y) => x.value - y.value);
  return { ...report, curves, crossovers };
}

/** A curve's cost at v, interpolated between its nearest points. */
function costAt(points: readonly SweepPoint[], v: number): number {
  let k = 0;
  while (k < points.length - 2 && points[k + 1].value < v) k++;
  const p0 = points[k];
  const p1 = points[Math.min(k + 1, points.length - 1)];
  if (p1.value === p0.value) return p0.monthlyCostUsd;
  return (
    p0.monthlyCostUsd + ((p1.monthlyCostUsd - p0.monthlyCostUsd) * (v - p0.value)) / (p1.value - p0.value)
  );
}

export interface SweepOptions {
  /** Bisection rounds per crossover after the grid (each re-runs both scenarios at a midpoint). */
  refineRounds?: number;
  /** Called after each batch of runs: done so far, total known so far. */
  onProgress?: (done: number, total: number) => void;
  /** Hears every report: after the grid and after each refinement round. */
  onReport?: (report: SweepReport) => void;
  /** Hears a refinement round start (1-based) with its number of runs. */
  onRefine?: (round: number, runs: number) => void;
}

export const DEFAULT_REFINE_ROUNDS = 6;

/**
 * The sweep loop, whoever runs the simulations (this thread, a worker pool, the CLI's
 * threads): the grid, then bisection of every crossover. `execute` answers the outcomes of
 * a batch of runs in order, or null to stop (cancelled): the report so far is returned.
 */
export async function runSweep(
  plan: SweepPlan,
  execute: (runs: SweepRun[]) => Promise<PointOutcome[] | null>,
  opts: SweepOptions = {},
): Promise<SweepReport | null> {
  let done = 0;
  const grid = await execute(plan.runs);
  if (!grid) return null;
  done += plan.runs.length;
  opts.onProgress?.(done, done);
  let report = reduceSweep(plan, grid);
  opts.onReport?.(report);
  const rounds = Math.max(0, opts.refineRounds ?? DEFAULT_REFINE_ROUNDS);
  for (let round = 1; round <= rounds; round++) {
    const runs = planRefinement(plan, report.crossovers);
    if (runs.length === 0) break;
    opts.onRefine?.(round, runs.length);
    const more = await execute(runs);
    if (!more) return report;
    report = applyRefinement(plan, report, runs, more);
    done += runs.length;
    opts.onProgress?.(done, done);
    opts.onReport?.(report);
  }
  return report;
}
