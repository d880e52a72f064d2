import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseTemplateText } from '../../../src/engine/sam/parse';
import { CORPUS_DIR, corpusFiles, importCorpusFile, shortRun } from './corpus';

/**
 * The README's table of the corpus import: `npm run sam-corpus-table` prints it,
 * `npm run sam-corpus-table -- --write` replaces it in README.md between its markers.
 */
const files = corpusFiles();
if (files.length === 0) {
  console.error(`no corpus at ${CORPUS_DIR}`);
  process.exit(2);
}

let runnable = 0;
let noEntry = 0;
const refused: string[] = [];
const mapped = new Map<string, number>();
const notMapped = new Map<string, { count: number; reasons: Set<string> }>();

for (const file of files) {
  const r = importCorpusFile(file);
  if (!r.ok) {
    refused.push(`${file}: ${r.reason}`);
    continue;
  }
  const res = shortRun(r.doc);
  const t = res.totals;
  const conserved = t.requests === t.completed + t.failed + t.deadLettered + t.dropped + t.inFlight;
  if (!res.incomplete && conserved && t.requests > 0) runnable++;
  else noEntry++;
  const parsed = parseTemplateText(readFileSync(join(CORPUS_DIR, file), 'utf8'));
  const resources =
    (parsed.ok ? (parsed.doc as { Resources: Record<string, { Type: string }> }).Resources : {}) ?? {};
  for (const [id, res2] of Object.entries(resources)) {
    const type = res2.Type;
    const nm = r.report.notMapped.find((n) => n.logicalId === id);
    const isMapped =
      !nm &&
      (r.report.nodes.some((n) => n.from.some((f) => f.startsWith(`${id} (`))) ||
        r.report.edges.some((e) => e.from.startsWith(`${id} `)) ||
        r.report.folded.some((f) => f.logicalId === id));
    if (isMapped) mapped.set(type, (mapped.get(type) ?? 0) + 1);
    else {
      const entry = notMapped.get(type) ?? { count: 0, reasons: new Set<string>() };
      entry.count++;
      entry.reasons.add(nm?.reason ?? 'read, but its links could not be drawn (see "Not wired")');
      notMapped.set(type, entry);
    }
  }
}

const lines: string[] = [];
lines.push(
  `Of the ${files.length} templates, **${runnable}** import to a scenario that validates and runs with traffic (requests conserved, no guard), ` +
    `**${noEntry}** import to a valid scenario with nothing to drive it (no entry point the simulator models: WebSocket APIs, API destinations, functions with no trigger whose queues, tables and buckets only their own SDK calls write to), ` +
    `and **${refused.length}** cannot be read.`,
);
lines.push('', '| resource type | mapped | not mapped | why not |', '|---|---:|---:|---|');
const types = [...new Set([...mapped.keys(), ...notMapped.keys()])].sort(
  (a, b) =>
    (mapped.get(b) ?? 0) +
      (notMapped.get(b)?.count ?? 0) -
      ((mapped.get(a) ?? 0) + (notMapped.get(a)?.count ?? 0)) || a.localeCompare(b),
);
for (const t of types) {
  const nm = notMapped.get(t);
  lines.push(
    `| ${t} | ${mapped.get(t) ?? 0} | ${nm?.count ?? 0} | ${nm ? [...nm.reasons].join('; ') : ''} |`,
  );
}
if (refused.length) lines.push('', 'Refused:', ...refused.map((r) => `- ${r}`));
const table = lines.join('\n');

if (process.argv.includes('--write')) {
  const readme = resolve(import.meta.dirname, '../../../README.md');
  const text = readFileSync(readme, 'utf8');
  const start = '<!-- sam-corpus-table:start -->';
  const end = '<!-- sam-corpus-table:end -->';
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a < 0 || b < 0) {
    console.error(`README.md has no ${start} … ${end} markers`);
    process.exit(2);
  }
  writeFileSync(readme, `${text.slice(0, a + start.length)}\n${table}\n${text.slice(b)}`);
  console.log('README.md updated');
} else console.log(table);
