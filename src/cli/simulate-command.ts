import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { documentTooLarge } from '../engine/scenario/door';
import { LIMITS } from '../engine/scenario/limits';
import { Simulation, type SimulateOptions } from '../engine/simulate';
import type { Result } from '../engine/result';
import {
  MAX_REPLICATIONS,
  replicationSeeds,
  replicationsOf,
  seedOf,
  withReplications,
} from '../engine/stats/replications';
import { ScenarioError, formatIssue } from '../engine/scenario/validate';
import { UsageError, numberArg, parseArgs } from './args';
import { formatSummary } from './format-summary';
import { onStopSignal, yieldToEventLoop } from './guarded';

const USAGE = `usage: npm run simulate -- <scenario.json> [--seed N] [--duration SECONDS] [--replications N] [--json] [--series] [--out FILE]

  --seed N            run with this seed instead of the scenario's
  --duration SECONDS  simulate this long instead of the scenario's duration
  --replications N    run N times with seeds derived from the seed (default: the scenario's
                      settings.replications, else 1) and print every figure as mean ± 95 % CI
  --json              print the result in the v1 result format instead of a summary
  --series            include bucketed time series in the result
  --out FILE          write the output to FILE instead of standard output`;

/**
 * The signal handlers get a turn every few milliseconds: tsx, which runs this file, kills the
 * process outright if it does not see a relayed signal answered within 30 ms.
 */
const SLICE_EVENTS = 1 << 10;
const YIELD_EVERY_MS = 5;

/**
 * Exit codes: 0 ok, 2 bad input (usage, unreadable file, invalid scenario), 1 anything else
 * (a run stopped by a budget or a signal prints what it measured and exits 1).
 */
export async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs(argv, {
      flags: ['json', 'series', 'help'],
      values: ['seed', 'duration', 'out', 'replications'],
    });
    if (args.flags.has('help')) {
      console.log(USAGE);
      return 0;
    }
    if (args.positionals.length !== 1) throw new UsageError('give exactly one scenario file');
  } catch (e) {
    console.error(`${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const file = args.positionals[0];
  let doc: unknown;
  try {
    // Refused by size before it is parsed (and, when far too large, before it is read).
    const bytes = statSync(file).size;
    const text = bytes > 4 * LIMITS.documentChars ? undefined : readFileSync(file, 'utf8');
    const tooLarge = documentTooLarge(text?.length ?? bytes);
    if (tooLarge || text === undefined) {
      console.error(`${file}: ${tooLarge}`);
      return 2;
    }
    doc = JSON.parse(text);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    console.error(
      err.code === 'ENOENT' ? `${file}: no such file` : `${file}: not valid JSON (${err.message})`,
    );
    return 2;
  }
  try {
    const seed = numberArg(args, 'seed', { min: 0, max: 4294967295, int: true });
    const durationSeconds = numberArg(args, 'duration', { min: 1, max: 30 * 86400 });
    const replications = numberArg(args, 'replications', { min: 1, max: MAX_REPLICATIONS, int: true });
    const n = replications ?? replicationsOf(doc);
    const seeds = replicationSeeds(seed ?? seedOf(doc), n);
    const options: SimulateOptions = { durationSeconds, series: args.flags.has('series') };
    // Each replication is validated (a bad file fails before anything runs) and stepped with
    // pauses, so Ctrl-C or SIGTERM stops it and the runs so far are printed.
    const sims = seeds.map((s) => Simulation.create(doc, { ...options, seed: s }));
    console.error(`simulating ${file}${n > 1 ? ` (${n} replications)` : ''} …`);
    let stopped = false;
    let current: Simulation | undefined;
    const release = onStopSignal((signal) => {
      stopped = true;
      current?.cancel(`${signal} received`);
    });
    const results: Result[] = [];
    try {
      let yielded = performance.now();
      for (const sim of sims) {
        if (stopped) break;
        current = sim;
        while (!sim.step(SLICE_EVENTS)) {
          if (performance.now() - yielded < YIELD_EVERY_MS) continue;
          await yieldToEventLoop();
          yielded = performance.now();
        }
        results.push(sim.result());
      }
    } finally {
      release();
    }
    const result = withReplications(results);
    const text = args.flags.has('json') ? JSON.stringify(result, null, 2) : formatSummary(result);
    const out = args.values.get('out');
    if (out) writeFileSync(out, text + '\n');
    else console.log(text);
    return result.incomplete ? 1 : 0;
  } catch (e) {
    if (e instanceof ScenarioError) {
      console.error(`${file}: the scenario is not valid:`);
      for (const issue of e.issues) console.error(`  ${formatIssue(issue)}`);
      return 2;
    }
    if (e instanceof UsageError) {
      console.error(e.message);
      return 2;
    }
    throw e;
  }
}
