import { readFileSync, writeFileSync } from 'node:fs';
import { MAX_REPLICATIONS } from '../engine/stats/replications';
import { simulateReplicated } from '../engine/stats/run-replications';
import { ScenarioError, formatIssue } from '../engine/scenario/validate';
import { UsageError, numberArg, parseArgs } from './args';
import { formatSummary } from './format-summary';

const USAGE = `usage: npm run simulate -- <scenario.json> [--seed N] [--duration SECONDS] [--replications N] [--json] [--series] [--out FILE]

  --seed N            run with this seed instead of the scenario's
  --duration SECONDS  simulate this long instead of the scenario's duration
  --replications N    run N times with seeds derived from the seed (default: the scenario's
                      settings.replications, else 1) and print every figure as mean ± 95 % CI
  --json              print the result in the v1 result format instead of a summary
  --series            include bucketed time series in the result
  --out FILE          write the output to FILE instead of standard output`;

/** Exit codes: 0 ok, 2 bad input (usage, unreadable file, invalid scenario), 1 anything else. */
export function main(argv: string[]): number {
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
    doc = JSON.parse(readFileSync(file, 'utf8'));
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
    const result = simulateReplicated(doc, {
      seed,
      durationSeconds,
      replications,
      series: args.flags.has('series'),
    });
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
