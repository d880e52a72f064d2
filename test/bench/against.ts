/**
 * The engine as checked out against an older commit's engine, in the same sitting:
 *
 *   node --import tsx test/bench/against.ts <git ref> [runs=2] [cases=api,sqs,sns,kinesis,eventbridge,ec2]
 *
 * The older commit's src/ is unpacked (git archive) into a temporary folder beside this
 * folder's case.ts, workloads.ts and reference.ts, so both engines run the same workloads and
 * the same reference. Each case runs in a fresh process (case.ts: warm-up, reference, measured
 * run), the two engines alternating, so a busy moment on a shared machine falls on both
 * sides. Prints requests per CPU-second and the fraction of the reference, as ranges over the
 * runs (and the change between the medians). Figures only: a workload the older engine's schema refuses is reported as failed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const [ref, runsArg, casesArg] = process.argv.slice(2);
if (!ref) {
  console.error('usage: against.ts <git ref> [runs] [cases, comma-separated]');
  process.exit(2);
}
const runs = Number(runsArg ?? 2);
const cases = (casesArg ?? 'api,sqs,sns,kinesis,eventbridge,ec2').split(',');
const SECONDS: Record<string, number> = { api: 3600 };

const commit = execFileSync('git', ['rev-parse', '--short', ref], { cwd: root, encoding: 'utf8' }).trim();
const old = mkdtempSync(join(tmpdir(), `bench-${commit}-`));
execFileSync('sh', ['-c', `git archive ${commit} src tsconfig.json package.json | tar -x -C "${old}"`], {
  cwd: root,
});
for (const f of ['case.ts', 'workloads.ts', 'reference.ts'])
  cpSync(join(root, 'test/bench', f), join(old, 'test/bench', f));
symlinkSync(join(root, 'node_modules'), join(old, 'node_modules'));

interface Figure {
  kReqPerCpuS: number;
  ofRef: number;
}
function once(tree: string, name: string): Figure | string {
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'test/bench/case.ts', name, String(SECONDS[name] ?? 1800)],
    { cwd: tree, encoding: 'utf8' },
  );
  if (r.status !== 0) return (r.stderr || r.stdout).trim().split('\n').slice(-3).join(' ');
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Figure;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
};

const range = (xs: number[], digits: number) => {
  const lo = Math.min(...xs).toFixed(digits);
  const hi = Math.max(...xs).toFixed(digits);
  return lo === hi ? lo : `${lo}–${hi}`;
};

try {
  console.log(
    `this tree against ${commit}, ${runs} run(s) each, alternated; k requests per CPU-second (of ref)`,
  );
  for (const name of cases) {
    const mine: Figure[] = [];
    const theirs: Figure[] = [];
    let failed = '';
    for (let i = 0; i < runs && !failed; i++) {
      const a = once(old, name);
      const b = once(root, name);
      if (typeof a === 'string') failed = `${commit}: ${a}`;
      else if (typeof b === 'string') failed = b;
      else {
        theirs.push(a);
        mine.push(b);
      }
    }
    if (failed) {
      console.log(`${name.padEnd(12)} failed: ${failed}`);
      continue;
    }
    const k = (f: Figure[]) => f.map((x) => x.kReqPerCpuS);
    const q = (f: Figure[]) => f.map((x) => x.ofRef);
    const gain = Math.min(...k(mine)) / Math.max(...k(theirs)) - 1;
    const gainHi = Math.max(...k(mine)) / Math.min(...k(theirs)) - 1;
    const gainMid = median(k(mine)) / median(k(theirs)) - 1;
    console.log(
      `${name.padEnd(12)} ${commit}: ${range(k(theirs), 0)} (${range(q(theirs), 2)})   now: ${range(k(mine), 0)} (${range(q(mine), 2)})   change ${(gain * 100).toFixed(0)} to ${(gainHi * 100).toFixed(0)} % (medians ${gainMid >= 0 ? '+' : ''}${(gainMid * 100).toFixed(0)} %)`,
    );
  }
} finally {
  rmSync(old, { recursive: true, force: true });
}
