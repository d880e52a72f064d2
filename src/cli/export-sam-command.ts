import { readFileSync, writeFileSync } from 'node:fs';
import { exportSam } from '../engine/sam/export';
import { UsageError, parseArgs } from './args';

const USAGE = `usage: npm run export-sam -- <scenario.json> [--out template.yaml]

  Writes the scenario as an AWS SAM template: the nodes as resources, the wiring as SAM events
  or explicit resources, and what a template cannot hold (producers, durations, error rates,
  labels, positions) under Metadata.ServerlessSim, so that importing it gives the scenario back.
  --out FILE  write the template to FILE instead of standard output`;

/** Exit codes: 0 written, 2 bad input (usage, unreadable file, invalid scenario). */
export function main(argv: string[]): number {
  let args;
  try {
    args = parseArgs(argv, { flags: ['help'], values: ['out'] });
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
  const r = exportSam(doc);
  if (!r.ok) {
    console.error(`${file}: cannot be exported:`);
    for (const e of r.errors) console.error(`  ${e}`);
    return 2;
  }
  for (const p of r.problems) console.error(`warning: ${p}`);
  const out = args.values.get('out');
  if (out) {
    writeFileSync(out, r.yaml);
    console.error(`Template written to ${out}.`);
  } else process.stdout.write(r.yaml);
  return 0;
}
