import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { importTemplate } from '../engine/sam/import';
import { MAX_TEMPLATE_BYTES } from '../engine/sam/parse';
import { formatReport } from '../engine/sam/report';
import { oneFileCommand } from './args';

const USAGE = `usage: npm run import -- <template.yaml|template.json> [--out scenario.json]

  Reads an AWS SAM or CloudFormation template and prints what became which node, what was not
  mapped and why, and what was assumed (set the producers' traffic before you trust the bill).
  --out FILE  write the scenario to FILE (the report goes to standard output); without it the
              scenario JSON goes to standard output and the report to standard error`;

/** Exit codes: 0 imported, 2 bad input (usage, unreadable file, not a template). */
export function main(argv: string[]): number {
  const input = oneFileCommand(argv, USAGE, 'template');
  if (typeof input === 'number') return input;
  const { file, text, out } = input;
  const r = importTemplate(text, basename(file), (rel) => readBeside(file, rel));
  if (!r.ok) {
    console.error(`${file}${r.line ? `:${r.line}` : ''}: cannot be imported: ${r.reason}`);
    return 2;
  }
  const json = `${JSON.stringify(r.doc, null, 2)}\n`;
  const report = formatReport(r.report);
  if (out) {
    writeFileSync(out, json);
    console.log(`${report}\n\nScenario written to ${out}.`);
  } else {
    console.error(report);
    process.stdout.write(json);
  }
  return 0;
}

/** A file a template names by a relative path (a state machine's DefinitionUri), if it is there. */
function readBeside(template: string, rel: string): string | undefined {
  const path = resolve(dirname(template), rel);
  try {
    if (statSync(path).size > MAX_TEMPLATE_BYTES) return undefined;
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
