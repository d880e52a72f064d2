import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { importTemplate } from '../engine/sam/import';
import { formatReport } from '../engine/sam/report';
import { UsageError, parseArgs } from './args';

const USAGE = `usage: npm run import -- <template.yaml|template.json> [--out scenario.json]

  Reads an AWS SAM or CloudFormation template and prints what became which node, what was not
  mapped and why, and what was assumed (set the producers' traffic before you trust the bill).
  --out FILE  write the scenario to FILE (the report goes to standard output); without it the
              scenario JSON goes to standard output and the report to standard error`;

/** Exit codes: 0 imported, 2 bad input (usage, unreadable file, not a template). */
export function main(argv: string[]): number {
  let args;
  try {
    args = parseArgs(argv, { flags: ['help'], values: ['out'] });
    if (args.flags.has('help')) {
      console.log(USAGE);
      return 0;
    }
    if (args.positionals.length !== 1) throw new UsageError('give exactly one template file');
  } catch (e) {
    console.error(`${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const file = args.positionals[0];
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    console.error(
      err.code === 'ENOENT' ? `${file}: no such file` : `${file}: cannot be read (${err.message})`,
    );
    return 2;
  }
  const r = importTemplate(text, basename(file));
  if (!r.ok) {
    console.error(`${file}${r.line ? `:${r.line}` : ''}: cannot be imported: ${r.reason}`);
    return 2;
  }
  const json = `${JSON.stringify(r.doc, null, 2)}\n`;
  const report = formatReport(r.report);
  const out = args.values.get('out');
  if (out) {
    writeFileSync(out, json);
    console.log(`${report}\n\nScenario written to ${out}.`);
  } else {
    console.error(report);
    process.stdout.write(json);
  }
  return 0;
}
