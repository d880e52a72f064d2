import { writeFileSync } from 'node:fs';
import { exportSam } from '../engine/sam/export';
import { oneFileCommand } from './args';

const USAGE = `usage: npm run export-sam -- <scenario.json> [--out template.yaml]

  Writes the scenario as an AWS SAM template: the nodes as resources, the wiring as SAM events
  or explicit resources, and what a template cannot hold (producers, durations, error rates,
  labels, positions) under Metadata.ServerlessSim, so that importing it gives the scenario back.
  --out FILE  write the template to FILE instead of standard output`;

/** Exit codes: 0 written, 2 bad input (usage, unreadable file, invalid scenario). */
export function main(argv: string[]): number {
  const input = oneFileCommand(argv, USAGE, 'scenario');
  if (typeof input === 'number') return input;
  const { file, out } = input;
  let doc: unknown;
  try {
    doc = JSON.parse(input.text);
  } catch (e) {
    console.error(`${file}: not valid JSON (${(e as Error).message})`);
    return 2;
  }
  const r = exportSam(doc);
  if (!r.ok) {
    console.error(`${file}: cannot be exported:`);
    for (const e of r.errors) console.error(`  ${e}`);
    return 2;
  }
  for (const p of r.problems) console.error(`warning: ${p}`);
  if (out) {
    writeFileSync(out, r.yaml);
    console.error(`Template written to ${out}.`);
  } else process.stdout.write(r.yaml);
  return 0;
}
