import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { main, shortNames } from '../../src/cli/sweep-command';
import { CROSSING, knownPair } from '../engine/compare/known-pair';

const root = resolve(import.meta.dirname, '../..');
const exec = promisify(execFile);

/** Two scenario files with a known crossing (28.3 requests/s): see known-pair.ts. */
function files(): { functions: string; server: string; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'sweep-'));
  const pair = knownPair();
  const functions = join(dir, 'compare-functions.json');
  const server = join(dir, 'compare-server.json');
  writeFileSync(functions, JSON.stringify(pair.functions));
  writeFileSync(server, JSON.stringify(pair.server));
  return { functions, server, dir };
}

async function inProcess(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const RANGE = ['--param', 'clients.traffic.ratePerSecond', '--from', '5', '--to', '50', '--steps', '4'];

describe('npm run sweep', () => {
  it('prints the table and the crossover point', async () => {
    const f = files();
    const r = await inProcess(f.functions, f.server, ...RANGE, '--jobs', '1');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0]).toBe(
      'Sweep of nodes[id=clients].params.traffic.ratePerSecond (requests/s) from 5 to 50, 4 points, 2 scenarios, in this thread',
    );
    expect(lines[3]).toMatch(/^requests\/s\s+functions\s+server$/);
    // Rows: the value, then "$cost  p95" per scenario. The server's cost moves only with the API's share.
    expect(lines[4]).toMatch(/^5\s+\$\d+\.\d\d {2}110 ms\s+\$4\d\.\d\d {2}110 ms$/);
    expect(lines.slice(4, 8).map((l) => l.split(/\s+/)[0])).toEqual(['5', '20', '35', '50']);
    expect(r.out).toContain('Crossovers (bisection, up to 6 rounds of re-runs at midpoints):');
    expect(r.out).toContain('  functions cost less below 28.3 requests/s, server above');
  }, 60_000);

  it('--json gives the curves and the crossovers', async () => {
    const f = files();
    const r = await inProcess(f.functions, f.server, ...RANGE, '--json', '--refine', '0', '--jobs', '1');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report.values).toEqual([5, 20, 35, 50]);
    expect(report.curves.map((c: { name: string }) => c.name)).toEqual(['functions', 'server']);
    expect(report.crossovers).toHaveLength(1);
    // Interpolation alone is exact for two straight lines (up to whole request counts).
    expect(report.crossovers[0].value).toBeCloseTo(CROSSING, 1);
    expect(report.crossovers[0].refined).toBe(0);
  }, 60_000);

  it('runs on worker threads (tsx, as npm run sweep does) with the same answer', async () => {
    const f = files();
    const { stdout } = await exec(
      join(root, 'node_modules/.bin/tsx'),
      [join(root, 'src/cli/sweep.ts'), f.functions, f.server, ...RANGE, '--jobs', '2'],
      { cwd: root },
    );
    expect(stdout).toContain('2 worker threads');
    expect(stdout).toContain('  functions cost less below 28.3 requests/s, server above');
  }, 120_000);

  it('--replications N: every cost ± its interval, and the crossover with its interval', async () => {
    const f = files();
    // Poisson clients, so the functions' bill differs from seed to seed.
    for (const file of [f.functions, f.server]) {
      const doc = JSON.parse(readFileSync(file, 'utf8'));
      doc.nodes[0].params.traffic.shape = 'poisson';
      writeFileSync(file, JSON.stringify(doc));
    }
    const r = await inProcess(
      f.functions,
      f.server,
      ...RANGE,
      '--jobs',
      '1',
      '--replications',
      '3',
      '--refine',
      '1',
    );
    expect(r.code).toBe(0);
    expect(r.out).toContain('3 replications per point');
    expect(r.out).toMatch(/^20\s+\$\d+\.\d\d ± \$\d+\.\d\d {2}110 ms ± 0 ms/m);
    expect(r.out).toMatch(
      /functions cost less below 2\d\.?\d* requests\/s, server above .*; 95 % interval 2\d\.?\d*–[23]\d/,
    );
  }, 120_000);

  it('Ctrl+C stops the worker threads and says so (exit 130)', async () => {
    const f = files();
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(root, 'src/cli/sweep.ts'),
        f.functions,
        f.server,
        ...RANGE.slice(0, 6),
        '--steps',
        '200',
        '--duration',
        '86400',
        '--jobs',
        '2',
      ],
      { cwd: root },
    );
    let err = '';
    child.stderr.on('data', (d) => (err += String(d)));
    // Interrupt once the sweep has started (each point takes far longer than the test).
    await new Promise<void>((r) => child.stderr.on('data', () => err.includes('Sweeping') && r()));
    child.kill('SIGINT');
    const code = await new Promise<number | null>((r) => child.on('close', r));
    expect(code).toBe(130);
    expect(err).toMatch(/Stopped/);
  }, 120_000);

  it('exit code 2 on bad input, with the reason', async () => {
    const f = files();
    const missing = await inProcess(f.functions, f.server, '--from', '1', '--to', '2');
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/^--param is required\n\nusage: npm run sweep/);
    expect((await inProcess(f.functions, ...RANGE)).err).toMatch(/^give at least two scenario files/);
    const path = await inProcess(
      f.functions,
      f.server,
      '--param',
      'clientz.traffic.ratePerSecond',
      '--from',
      '1',
      '--to',
      '2',
    );
    expect(path.code).toBe(2);
    expect(path.err).toBe('functions: nodes[id=clientz]: there is no node with id "clientz"');
    const range = await inProcess(
      f.functions,
      f.server,
      '--param',
      'clients.traffic.ratePerSecond',
      '--from',
      '-5',
      '--to',
      '2',
    );
    expect(range.code).toBe(2);
    expect(range.err).toContain('with nodes[id=clients].params.traffic.ratePerSecond = -5');
    const nofile = await inProcess(join(f.dir, 'nope.json'), f.server, ...RANGE);
    expect(nofile.code).toBe(2);
    expect(nofile.err).toMatch(/nope\.json: no such file$/);
    expect((await inProcess(f.functions, f.server, ...RANGE.slice(0, 6), '--steps', '1')).code).toBe(2);
  });

  it('labels are the file names without what they share', () => {
    expect(
      shortNames(['t/compare-monolith.json', 'u/compare-tiered.json', 'compare-functions.json']),
    ).toEqual(['monolith', 'tiered', 'functions']);
    expect(shortNames(['a.json', 'b.json'])).toEqual(['a', 'b']);
    expect(shortNames(['x-1.json', 'x-1.json'])).toEqual(['x-1', 'x-1']);
  });
});
