import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'vite';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import template from '../../src/templates/api-function.json';
import { createEngineClient, type EngineClient } from '../../src/worker/engine-client';
import { spawnNodeWorker } from './node-host';

/**
 * The worker entries, bundled once for the file. Loaded through tsx, every thread transpiled the
 * whole engine again (about a CPU-second each, two in some tests), and on a loaded machine the
 * tests timed out; a bundled entry starts in a fraction of that. The bundle is the same source,
 * so the client, the node adapter, the host and the engine API are the ones under test.
 */
let bundleDir = '';
const ENTRIES = {
  engine: 'engine-worker-entry.ts',
  crashing: 'crashing-worker-entry.ts',
  wedged: 'wedged-worker-entry.ts',
} as const;
const entry = (name: keyof typeof ENTRIES) => pathToFileURL(join(bundleDir, `${name}.mjs`));

beforeAll(async () => {
  bundleDir = mkdtempSync(join(tmpdir(), 'sim-worker-bundle-'));
  await build({
    configFile: false,
    publicDir: false,
    logLevel: 'warn',
    ssr: { noExternal: true },
    build: {
      ssr: true,
      outDir: bundleDir,
      emptyOutDir: true,
      minify: false,
      rollupOptions: {
        input: Object.fromEntries(
          Object.entries(ENTRIES).map(([k, f]) => [k, new URL(`./${f}`, import.meta.url).pathname]),
        ),
        output: { format: 'es', entryFileNames: '[name].mjs', chunkFileNames: '[name].mjs' },
      },
    },
  });
}, 60_000); // bundling the engine: a couple of CPU-seconds, many more on a loaded machine
afterAll(() => rmSync(bundleDir, { recursive: true, force: true }));

describe('engine client ↔ worker_threads worker (comlink node adapter)', () => {
  let client: EngineClient | null = null;
  afterEach(() => client?.dispose());

  it('runs the default template in a real worker, with progress and the series transferred back', async () => {
    client = createEngineClient(() => spawnNodeWorker(entry('engine')));
    const progress: number[] = [];
    const outcome = await client.run(template, { series: true }, (f) => progress.push(f));
    expect(outcome.status).toBe('done');
    if (outcome.status !== 'done') return;
    expect(outcome.result.totals.requests).toBeGreaterThan(0);
    const series = outcome.result.series!;
    expect((series['handler.requests'] as number[]).length).toBe(series.t.length);
    expect(series.t.length).toBeGreaterThan(0);
    expect(progress.at(-1)).toBe(1);
  });

  it('returns validation issues as data across the boundary', async () => {
    client = createEngineClient(() => spawnNodeWorker(entry('engine')));
    const outcome = await client.run(
      { format: 'serverless-sim.scenario', version: 1, nodes: [{ id: 'x', kind: 'nope' }], edges: [] },
      {},
    );
    expect(outcome.status).toBe('error');
    if (outcome.status !== 'error' || outcome.error.kind !== 'invalid')
      throw new Error(JSON.stringify(outcome));
    expect(outcome.error.issues.some((i) => i.nodeId === 'x' || i.path.startsWith('nodes[0]'))).toBe(true);
  });

  it('cancels a long run in the worker and gets the partial result', async () => {
    client = createEngineClient(() => spawnNodeWorker(entry('engine')));
    const c = client;
    let asked = false;
    const outcome = await c.run(template, { durationSeconds: 30 * 86_400 }, () => {
      if (!asked) {
        asked = true;
        c.cancel();
      }
    });
    expect(outcome.status).toBe('cancelled');
    if (outcome.status === 'cancelled') expect(outcome.result?.incomplete?.reason).toBe('cancelled');
  });

  it('reports a worker that dies as a crash, then starts a fresh worker for the next run', async () => {
    const spawned: string[] = [];
    client = createEngineClient(() => {
      const name = spawned.length === 0 ? 'crashing' : 'engine';
      spawned.push(name);
      return spawnNodeWorker(entry(name));
    });
    const crashed = await client.run(template, {});
    expect(crashed.status).toBe('error');
    if (crashed.status === 'error') {
      expect(crashed.error.kind).toBe('crash');
      expect(crashed.error.message).toMatch(/worker blew up/);
    }
    const next = await client.run(template, { durationSeconds: 10 });
    expect(next.status).toBe('done');
    expect(spawned).toEqual(['crashing', 'engine']);
  });

  it('terminates a worker that does not answer a cancel, and the next run still works', async () => {
    const spawned: string[] = [];
    client = createEngineClient(
      () => {
        const name = spawned.length === 0 ? 'wedged' : 'engine';
        spawned.push(name);
        return spawnNodeWorker(entry(name));
      },
      { cancelGraceMs: 50 },
    );
    const wedged = client.run(template, {});
    client.cancel();
    expect(await wedged).toEqual({ status: 'cancelled', result: null });
    const next = await client.run(template, { durationSeconds: 10 });
    expect(next.status).toBe('done');
    expect(spawned.length).toBe(2);
  });
});

describe('engine client: one run at a time', () => {
  it('settles a run superseded by a new one as cancelled, and runs the new one', async () => {
    const client = createEngineClient(() => spawnNodeWorker(entry('engine')));
    try {
      const first = client.run(template, { durationSeconds: 30 * 86_400 });
      const second = client.run(template, { durationSeconds: 10 });
      expect(await first).toEqual({ status: 'cancelled', result: null });
      const outcome = await second;
      expect(outcome.status).toBe('done');
      if (outcome.status === 'done') expect(outcome.result.simulatedSeconds).toBe(10);
    } finally {
      client.dispose();
    }
  });
});
