import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename } from 'node:path';
import {
  DEFAULT_REFINE_ROUNDS,
  SweepError,
  fmtValue,
  groupReplications,
  planSweep,
  replicatedTasks,
  runSweep,
  type PointOutcome,
  type SweepPlan,
  type SweepReport,
  type SweepRun,
} from '../engine/compare/sweep';
import { simulate, type SimulateOptions } from '../engine/simulate';
import { ScenarioError, formatIssue, validateScenario } from '../engine/scenario/validate';
import { MAX_REPLICATIONS } from '../engine/stats/replications';
import { createEngineClient } from '../worker/engine-client';
import { PoolRunError, createEnginePool, runResults } from '../worker/pool';
import { UsageError, numberArg, parseArgs } from './args';
import { spawnNodeWorker } from './node-host';

const USAGE = `usage: npm run sweep -- <a.json> <b.json> [more.json ...] --param PATH --from X --to Y [--steps N] [--log] [--json]

  --param PATH        the parameter to vary, e.g. clients.traffic.ratePerSecond
                      (node id, then the path inside its params) or the full form
                      nodes[id=clients].params.traffic.ratePerSecond; settings.* works too
  --from X --to Y     the range, ends included
  --steps N           points in the range (default 5, at least 2)
  --log               space the points geometrically (and interpolate in log space)
  --json              print the curves and crossovers as JSON
  --refine N          bisection rounds per crossover, each re-running both scenarios at
                      the midpoint (default ${DEFAULT_REFINE_ROUNDS}; 0 = interpolation only)
  --duration SECONDS  simulate each run this long instead of the scenario's duration
  --seed N            run every point with this seed instead of each scenario's
  --replications N    run every point N times with derived seeds (the same N seeds at every
                      point): costs, p95 and crossovers then come with 95 % intervals
  --jobs N            worker threads (default: one fewer than the cores; 1 = in this thread);
                      Ctrl+C stops them and prints what was swept so far

Prints each scenario's monthly cost and p95 latency at every point, then where the cost
curves cross ("functions cost less below 38 requests/s, monolith above").`;

export interface SweepCommandIO {
  out: (text: string) => void;
  err: (text: string) => void;
}

const consoleIO: SweepCommandIO = { out: (t) => console.log(t), err: (t) => console.error(t) };

/** Exit codes: 0 ok, 2 bad input (usage, unreadable file, invalid scenario or path), 1 a run stopped early. */
export async function main(argv: string[], io: SweepCommandIO = consoleIO): Promise<number> {
  let args;
  try {
    args = parseArgs(argv, {
      flags: ['json', 'log', 'help'],
      values: ['param', 'from', 'to', 'steps', 'refine', 'duration', 'seed', 'jobs', 'replications'],
    });
    if (args.flags.has('help')) {
      io.out(USAGE);
      return 0;
    }
    if (args.positionals.length < 2) throw new UsageError('give at least two scenario files to compare');
    for (const need of ['param', 'from', 'to'])
      if (!args.values.has(need)) throw new UsageError(`--${need} is required`);
  } catch (e) {
    io.err(`${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }

  const files = args.positionals;
  const docs: unknown[] = [];
  for (const file of files) {
    try {
      docs.push(JSON.parse(readFileSync(file, 'utf8')));
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      io.err(err.code === 'ENOENT' ? `${file}: no such file` : `${file}: not valid JSON (${err.message})`);
      return 2;
    }
  }

  let plan: SweepPlan;
  let options: SimulateOptions;
  let refine: number;
  let jobs: number;
  let replications: number;
  try {
    const from = numberArg(args, 'from', { min: -1e12, max: 1e12 })!;
    const to = numberArg(args, 'to', { min: -1e12, max: 1e12 })!;
    const steps = numberArg(args, 'steps', { min: 2, max: 1000, int: true }) ?? 5;
    refine = numberArg(args, 'refine', { min: 0, max: 50, int: true }) ?? DEFAULT_REFINE_ROUNDS;
    const seed = numberArg(args, 'seed', { min: 0, max: 4294967295, int: true });
    const durationSeconds = numberArg(args, 'duration', { min: 1, max: 30 * 86400 });
    jobs =
      numberArg(args, 'jobs', { min: 1, max: 256, int: true }) ?? Math.max(1, availableParallelism() - 1);
    replications = numberArg(args, 'replications', { min: 1, max: MAX_REPLICATIONS, int: true }) ?? 1;
    options = { seed, durationSeconds, series: false };
    plan = planSweep({
      scenarios: docs,
      names: shortNames(files),
      param: args.values.get('param')!,
      from,
      to,
      steps,
      log: args.flags.has('log'),
    });
    // Every scenario valid as given, and at both ends of the range (a value may be out of its range).
    const ends = new Set([plan.values[0], plan.values[plan.values.length - 1]]);
    const checks = [...docs.map((doc, i) => ({ doc, file: files[i], what: '' }))];
    for (const run of plan.runs)
      if (ends.has(run.value))
        checks.push({ doc: run.doc, file: files[run.scenario], what: ` with ${plan.param} = ${run.value}` });
    for (const c of checks) {
      const v = validateScenario(c.doc);
      if (v.ok) continue;
      io.err(`${c.file}: the scenario is not valid${c.what}:`);
      for (const issue of v.errors) io.err(`  ${formatIssue(issue)}`);
      return 2;
    }
  } catch (e) {
    if (e instanceof UsageError || e instanceof SweepError) {
      io.err(e.message);
      return 2;
    }
    throw e;
  }

  const pool =
    jobs > 1
      ? createEnginePool(
          () => createEngineClient(() => spawnNodeWorker()),
          Math.min(jobs, plan.runs.length * replications),
        )
      : null;
  let stopped = false;
  const onSigint = (): void => {
    stopped = true;
    pool?.cancel();
  };
  process.once('SIGINT', onSigint);
  if (pool)
    io.err(
      `Sweeping ${plan.runs.length * replications} runs on ${pool.size} worker threads (Ctrl+C stops and prints what is done)…`,
    );
  const execute = async (runs: SweepRun[]): Promise<PointOutcome[] | null> => {
    const tasks = replicatedTasks(runs, replications, options);
    const results = pool ? await runResults(pool, tasks) : tasks.map((t) => simulate(t.scenario, t.options));
    return results && !stopped ? groupReplications(results, replications) : null;
  };
  let last: SweepReport | null = null;
  try {
    const report = await runSweep(plan, execute, { refineRounds: refine, onReport: (r) => (last = r) });
    const shown = report ?? last;
    if (!shown) {
      io.err('Stopped before the first points were swept.');
      return 130;
    }
    const incomplete = shown.curves.some((c) => c.points.some((p) => p.incomplete));
    io.out(
      args.flags.has('json')
        ? JSON.stringify(shown, null, 2)
        : formatSweep(shown, plan, { refine, jobs: pool ? pool.size : 1, replications }),
    );
    if (stopped) {
      io.err('Stopped (Ctrl+C): the report above holds what was swept so far.');
      return 130;
    }
    return incomplete ? 1 : 0;
  } catch (e) {
    if (e instanceof ScenarioError) {
      io.err(`a sweep run is not valid: ${e.message}`);
      return 2;
    }
    if (e instanceof PoolRunError) {
      io.err(
        e.failure.kind === 'invalid'
          ? `a sweep run is not valid: ${e.message}`
          : `a sweep run failed: ${e.message}`,
      );
      return e.failure.kind === 'invalid' ? 2 : 1;
    }
    throw e;
  } finally {
    process.off('SIGINT', onSigint);
    pool?.dispose();
  }
}

/**
 * Labels from file names, without what they all share: compare-monolith.json and
 * compare-functions.json become "monolith" and "functions".
 */
export function shortNames(files: string[]): string[] {
  const names = files.map((f) => basename(f).replace(/\.json$/i, ''));
  if (names.length < 2) return names;
  let prefix = names[0];
  for (const n of names) while (!n.startsWith(prefix)) prefix = prefix.slice(0, -1);
  const cut = Math.max(prefix.lastIndexOf('-'), prefix.lastIndexOf('_'), prefix.lastIndexOf('.')) + 1;
  const stripped = names.map((n) => n.slice(cut));
  return stripped.every((n) => n.length > 0) && new Set(stripped).size === stripped.length ? stripped : names;
}

/** The table (one row per value, cost and p95 per scenario) and the crossovers, in words. */
export function formatSweep(
  report: SweepReport,
  plan: SweepPlan,
  o: { refine: number; jobs: number; replications?: number },
): string {
  const lines: string[] = [];
  const unit = report.unit ? ` (${report.unit})` : '';
  lines.push(
    `Sweep of ${report.param}${unit} from ${fmtValue(report.values[0])} to ${fmtValue(report.values.at(-1)!)}` +
      `, ${report.values.length} points${plan.spec.log ? ' (log)' : ''}, ${report.curves.length} scenarios, ${o.jobs === 1 ? 'in this thread' : `${o.jobs} worker threads`}`,
  );
  const reps = o.replications ?? 1;
  if (reps > 1)
    lines.push(
      `${reps} replications per point (the same derived seeds at every point): figures are means, ± the 95 % interval (Student's t)`,
    );
  lines.push(
    'Monthly cost (USD per 30-day month at that rate) and end-to-end p95 latency; * = more than 1 % of requests failed',
  );
  lines.push('');
  const head = [report.unit || 'value', ...report.curves.map((c) => c.name)];
  const rows: string[][] = [];
  for (const v of report.values) {
    const row = [fmtValue(v)];
    for (const c of report.curves) {
      const p = c.points.find((x) => x.value === v);
      row.push(
        p
          ? `${money(p.monthlyCostUsd)}${p.replications ? ` ± ${money(p.replications.monthlyCostUsd.halfWidth)}` : ''}  ${latency(p.p95Ms)}${p.replications ? ` ± ${latency(p.replications.p95Ms.halfWidth)}` : ''}${p.failedFraction > 0.01 ? '*' : ''}${p.incomplete ? ' (incomplete)' : ''}`
          : '—',
      );
    }
    rows.push(row);
  }
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const fmtRow = (r: string[]) =>
    r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('   ');
  lines.push(fmtRow(head));
  for (const r of rows) lines.push(fmtRow(r));
  lines.push('');
  if (report.crossovers.length === 0) {
    const cheapest = cheapestThroughout(report);
    lines.push(
      cheapest
        ? `No crossovers in this range: ${cheapest} costs least throughout.`
        : 'No crossovers in this range.',
    );
  } else {
    lines.push(
      `Crossovers${o.refine > 0 ? ` (bisection, up to ${o.refine} rounds of re-runs at midpoints)` : ' (linear interpolation)'}:`,
    );
    for (const c of report.crossovers) {
      const iv = c.interval
        ? `; 95 % interval ${fmtValue(c.interval.lo)}–${fmtValue(c.interval.hi)}${c.interval.missing ? ` (${c.interval.missing} replication${c.interval.missing === 1 ? '' : 's'} did not cross)` : ''}`
        : '';
      lines.push(
        `  ${c.label}  (≈ ${money(c.monthlyCostUsd)}/month there; bracket ${fmtValue(c.lo)}–${fmtValue(c.hi)}${iv})`,
      );
    }
  }
  return lines.join('\n');
}

function cheapestThroughout(r: SweepReport): string | undefined {
  const first = r.curves.reduce((best, c) =>
    c.points[0].monthlyCostUsd < best.points[0].monthlyCostUsd ? c : best,
  );
  return first.name;
}

function money(x: number): string {
  return `$${x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

function latency(ms: number): string {
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}
