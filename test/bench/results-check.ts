/**
 * Results must not move when only the engine's speed changes. This script runs every shipped
 * template (with its own seed and two more) plus the bench workloads, with series and traces
 * on, and either saves the results or compares them with a saved set, ignoring wall time:
 *
 *   node --import tsx test/bench/results-check.ts save scratch/results-before
 *   node --import tsx test/bench/results-check.ts check scratch/results-before
 *
 * Not a test on purpose: when a model fix changes results, the saved set is simply taken
 * again before the next speed change; no stored digest has to follow the model.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { simulate } from '../../src/engine/simulate';
import { MESSAGING_WORKLOADS, apiFunctionScenario } from './workloads';

const [mode, dirArg, only] = process.argv.slice(2);
if ((mode !== 'save' && mode !== 'check') || !dirArg) {
  console.error('usage: results-check.ts save|check <dir> [name filter]');
  process.exit(2);
}
const dir = resolve(dirArg);
const templatesDir = resolve(import.meta.dirname, '../../src/templates');

interface Case {
  name: string;
  doc: unknown;
  seed?: number;
}
const cases: Case[] = [];
for (const f of readdirSync(templatesDir)
  .filter((f) => f.endsWith('.json'))
  .sort()) {
  const raw = JSON.parse(readFileSync(join(templatesDir, f), 'utf8'));
  const doc = raw.scenario ?? raw;
  const base = f.replace(/\.json$/, '');
  cases.push({ name: base, doc });
  for (const seed of [2, 3]) cases.push({ name: `${base}.seed${seed}`, doc, seed });
}
cases.push({ name: 'bench.api-function', doc: apiFunctionScenario(1000, 120) });
for (const w of MESSAGING_WORKLOADS)
  cases.push({ name: `bench.${w.label.replace(/[^a-z0-9]+/gi, '-')}`, doc: w.make(500, 120) });

function strip(r: ReturnType<typeof simulate>): unknown {
  return { ...r, engine: { events: r.engine.events } };
}

/** Paths (a.b[3].c) where two JSON values differ, at most `limit`. */
function diff(a: unknown, b: unknown, path: string, out: string[], limit = 12): void {
  if (out.length >= limit) return;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    if (a !== b) out.push(`${path}: ${JSON.stringify(a)} → ${JSON.stringify(b)}`);
    return;
  }
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys)
    diff((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`, out, limit);
}

/** Whether `before` equals result r with every hop's parent, via and sync left out. */
function sameWithoutLinks(before: string, r: unknown): boolean {
  const copy = JSON.parse(JSON.stringify(r)) as { traces: { hops: Record<string, unknown>[] }[] };
  for (const tr of copy.traces)
    for (const h of tr.hops) {
      delete h.parent;
      delete h.via;
      delete h.sync;
    }
  return JSON.stringify(copy) === before;
}

mkdirSync(dir, { recursive: true });
let failed = 0;
let ran = 0;
const t0 = performance.now();
for (const c of cases) {
  if (only && !c.name.includes(only)) continue;
  ran++;
  const r = strip(simulate(c.doc, { seed: c.seed, series: true, traceSampleRate: 0.01, maxTraces: 50 }));
  const file = join(dir, `${c.name}.json`);
  const text = JSON.stringify(r);
  if (mode === 'save') {
    writeFileSync(file, text);
    continue;
  }
  if (!existsSync(file)) {
    console.log(`? ${c.name}: nothing saved`);
    failed++;
    continue;
  }
  const before = readFileSync(file, 'utf8');
  if (before === text) continue;
  // A set saved before hops recorded their edges and parents: compare the rest of each hop.
  if (!before.includes('"via":') && sameWithoutLinks(before, r)) continue;
  failed++;
  const lines: string[] = [];
  diff(JSON.parse(before), JSON.parse(text), '', lines);
  console.log(`✗ ${c.name}\n    ${lines.join('\n    ')}`);
}
const secs = ((performance.now() - t0) / 1000).toFixed(1);
if (mode === 'save') console.log(`saved ${ran} results to ${dir} (${secs} s)`);
else {
  console.log(`${ran - failed} of ${ran} results identical (${secs} s)`);
  process.exitCode = failed ? 1 : 0;
}
