import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/engine/simulate';
import { replicationSeeds } from '../../src/engine/stats/replications';

const root = resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

/** Runs the CLI exactly as `npm run simulate -- …` does (tsx, no build step). */
async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(
      join(root, 'node_modules/.bin/tsx'),
      [join(root, 'src/cli/simulate.ts'), ...args],
      { cwd: root },
    );
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

const template = join(root, 'src/templates/api-function.json');

describe('npm run simulate', () => {
  it('prints a readable summary with totals, per-node metrics and the bill', async () => {
    const r = await cli(template, '--duration', '120');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Requests [\d,]+: completed [\d,]+, failed 0/);
    expect(r.stdout).toContain('Handle command [handler, function]');
    expect(r.stdout).toMatch(/coldStarts \d+/);
    expect(r.stdout).toMatch(/\$ requests: [\d,]+ requests × \$0\.20 per million/);
  }, 60_000);

  it('--json prints exactly the v1 result format, and --seed makes runs repeat', async () => {
    const a = JSON.parse((await cli(template, '--json', '--seed', '3', '--duration', '60')).stdout);
    const b = JSON.parse((await cli(template, '--json', '--seed', '3', '--duration', '60')).stdout);
    expect(a.format).toBe('serverless-sim.result');
    expect(a.version).toBe(1);
    expect(a.seed).toBe(3);
    expect(a.simulatedSeconds).toBe(60);
    const t = a.totals;
    expect(t.requests).toBe(t.completed + t.failed + t.deadLettered + t.dropped + t.inFlight);
    expect(a.nodes.handler.metrics).toHaveProperty('billedGbSeconds');
    expect(a.series).toBeUndefined();
    a.engine.wallMs = b.engine.wallMs = 0;
    expect(a).toEqual(b);
  }, 60_000);

  it('--series and --out write the series to a file', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'sim-cli-')), 'r.json');
    const r = await cli(template, '--json', '--series', '--duration', '60', '--out', out);
    expect(r.code).toBe(0);
    const result = JSON.parse(readFileSync(out, 'utf8'));
    expect(result.series.t.length).toBeGreaterThan(10);
    expect(result.series['handler.concurrency'].length).toBe(result.series.t.length);
  }, 60_000);

  it('an invalid scenario exits 2 with one readable error per line, naming field and fix', async () => {
    const doc = JSON.parse(readFileSync(template, 'utf8'));
    doc.nodes[2].params.memoryMB = 64;
    doc.edges.push({ id: 'bad', source: 'handler', target: 'clients' });
    const file = join(mkdtempSync(join(tmpdir(), 'sim-cli-')), 'bad.json');
    writeFileSync(file, JSON.stringify(doc));
    const r = await cli(file);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('nodes[2].params.memoryMB');
    expect(r.stderr).toContain('128–10,240 MB');
    expect(r.stderr).toMatch(/edges\[2\].*cannot hand work to a producer/);
    expect(r.stdout).toBe('');
  }, 60_000);

  it('unreadable input and bad options exit 2 with a clear message', async () => {
    expect((await cli('nope.json')).stderr).toContain('no such file');
    const notJson = join(mkdtempSync(join(tmpdir(), 'sim-cli-')), 'x.json');
    writeFileSync(notJson, '{ not json');
    const r = await cli(notJson);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('not valid JSON');
    const s = await cli(template, '--seed', 'abc');
    expect(s.code).toBe(2);
    expect(s.stderr).toContain('--seed must be a whole number');
  }, 60_000);

  it('--replications N prints every headline figure as mean ± 95 % interval, from derived seeds', async () => {
    const r = await cli(template, '--replications', '5', '--duration', '60', '--seed', '2');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('5 replications (seeds 2, ');
    expect(r.stdout).toMatch(/Latency {2}mean [\d.]+ ms ± [\d.]+ ms · p50/);
    expect(r.stdout).toMatch(/per 30-day month/);
    expect(r.stdout).toMatch(/cold starts [\d.]+ %( ± [\d.]+ %)? of invocations/);
    const j = JSON.parse(
      (await cli(template, '--replications', '5', '--duration', '60', '--seed', '2', '--json')).stdout,
    );
    expect(j.replications.count).toBe(5);
    const seeds = replicationSeeds(2, 5);
    expect(j.replications.seeds).toEqual(seeds);
    const costs = seeds.map(
      (seed) =>
        simulate(JSON.parse(readFileSync(template, 'utf8')), { seed, durationSeconds: 60 }).totals
          .monthlyCostUsd,
    );
    const mean = costs.reduce((a, b) => a + b) / 5;
    const sd = Math.sqrt(costs.reduce((a, c) => a + (c - mean) ** 2, 0) / 4);
    expect(j.replications.totals.monthlyCostUsd.mean).toBeCloseTo(mean, 9);
    // t(0.975, 4) = 2.77645 (tables).
    expect(j.replications.totals.monthlyCostUsd.halfWidth).toBeCloseTo((2.77645 * sd) / Math.sqrt(5), 3);
    // The rest of the result is replication 0's: the plain run with the given seed.
    expect(j.seed).toBe(2);
    const bad = await cli(template, '--replications', '0');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--replications must be a whole number from 1 to 100');
  }, 120_000);
});
