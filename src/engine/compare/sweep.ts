import type { Result } from '../result';
import { simulate, type SimulateOptions } from '../simulate';
import { validateScenario } from '../scenario/validate';
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
 * sweep() does all of it in this thread; sweepWith() takes an async executor.
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
  /** e.g. "functions costs less below 38 requests/s, monolith above" */
  label: string;
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
      const byValue = new Map(curves[j].points.map((p) => [p.value, p]));
      const pairs = curves[i].points
        .filter((p) => byValue.has(p.value))
        .map((p) => [p, byValue.get(p.value)!] as const);
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
            out.push(makeCrossover(curves, i, j, a0.value, a1.value, dPrev, d, cost, 0, opts));
          }
        }
        prev = k;
      }
    }
  }
  return out.sort((x, y) => x.value - y.value);
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
  const label = `${curves[cheaperBelow].name} costs less below ${fmtValue(value)}${unit}, ${curves[cheaperAbove].name} above`;
  return { a, b, cheaperBelow, cheaperAbove, value, lo, hi, diffLo, diffHi, monthlyCostUsd, refined, label };
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
  /** Passed to simulate() for every run (durationSeconds, seed, maxEvents, …). */
  simulate?: SimulateOptions;
  /** Called after each batch of runs: done so far, total known so far. */
  onProgress?: (done: number, total: number) => void;
}

export const DEFAULT_REFINE_ROUNDS = 6;

/** Runs one sweep point in this thread. */
export function runPoint(run: SweepRun, options: SimulateOptions = {}): PointOutcome {
  return outcomeOf(simulate(run.doc, options));
}

/** The whole sweep in this thread: the grid, then bisection of every crossover. */
export function sweep(spec: SweepSpec, opts: SweepOptions = {}): SweepReport {
  const plan = planSweep(spec);
  const exec = (runs: SweepRun[]) => runs.map((r) => runPoint(r, opts.simulate));
  let done = 0;
  const outcomes = exec(plan.runs);
  done += plan.runs.length;
  opts.onProgress?.(done, done);
  let report = reduceSweep(plan, outcomes);
  for (let round = 0; round < (opts.refineRounds ?? DEFAULT_REFINE_ROUNDS); round++) {
    const runs = planRefinement(plan, report.crossovers);
    if (runs.length === 0) break;
    report = applyRefinement(plan, report, runs, exec(runs));
    done += runs.length;
    opts.onProgress?.(done, done);
  }
  return report;
}

/** The same with an asynchronous executor (a worker pool): it gets each batch of runs at once. */
export async function sweepWith(
  spec: SweepSpec,
  execute: (runs: SweepRun[]) => Promise<PointOutcome[]>,
  opts: Omit<SweepOptions, 'simulate'> = {},
): Promise<SweepReport> {
  const plan = planSweep(spec);
  let done = 0;
  const outcomes = await execute(plan.runs);
  done += plan.runs.length;
  opts.onProgress?.(done, done);
  let report = reduceSweep(plan, outcomes);
  for (let round = 0; round < (opts.refineRounds ?? DEFAULT_REFINE_ROUNDS); round++) {
    const runs = planRefinement(plan, report.crossovers);
    if (runs.length === 0) break;
    report = applyRefinement(plan, report, runs, await execute(runs));
    done += runs.length;
    opts.onProgress?.(done, done);
  }
  return report;
}
