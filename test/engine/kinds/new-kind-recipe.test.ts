import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The README's "Adding a node kind", followed literally on a copy of src/: one new folder
 * (test/fixtures/new-kind/cache: schema, catalog, runtime, create, icon) and one entry with its
 * import in each of the two registries, inserted as text. Nothing else is edited. A child
 * process (tsx) then validates and runs a scenario with the new kind and reads what the app
 * would: the palette's sections, the connection table, the replay's counts at t.
 */

const ROOT = resolve(import.meta.dirname, '../../..');
const FIXTURE = join(ROOT, 'test/fixtures/new-kind/cache');

/** Inserts `line` after the last line matching `after` (the recipe's "one line here"). */
function insertAfterLast(file: string, after: RegExp, line: string): void {
  const lines = readFileSync(file, 'utf8').split('\n');
  const i = lines.findLastIndex((l) => after.test(l));
  if (i < 0) throw new Error(`${file}: no line matches ${after}`);
  lines.splice(i + 1, 0, line);
  writeFileSync(file, lines.join('\n'));
}

const CHECK = `
import { simulate } from './src/engine/simulate';
import { validateScenario } from './src/engine/scenario/validate';
import { CONNECTIONS } from './src/engine/scenario/connections';
import { NODE_KINDS } from './src/engine/kinds/registry';
import { paletteSections } from './src/app/palette/palette-groups';
import { replayData } from './src/app/classroom/replay-data';
import { nodeFiguresAt } from './src/app/classroom/at-time';
import { classroomRunOptions } from './src/app/classroom/run-options';

const doc = {
  format: 'serverless-sim.scenario',
  version: 1,
  name: 'A function reads through a cache',
  settings: { durationSeconds: 60, seed: 7 },
  nodes: [
    { id: 'users', kind: 'producer', label: 'Users', position: { x: 0, y: 0 }, params: { traffic: { shape: 'poisson', ratePerSecond: 10 } } },
    { id: 'api', kind: 'apiGateway', label: 'API', position: { x: 100, y: 0 }, params: {} },
    { id: 'fn', kind: 'function', label: 'Handler', position: { x: 200, y: 0 }, params: {} },
    { id: 'cache', kind: 'cache', label: 'Cache', position: { x: 400, y: 0 }, params: { hitRatio: 0.75 } },
    { id: 'refills', kind: 'queue', label: 'Refills', position: { x: 600, y: 0 }, params: {} },
  ],
  edges: [
    { id: 'e0', source: 'users', target: 'api' },
    { id: 'e1', source: 'api', target: 'fn' },
    { id: 'e2', source: 'fn', target: 'cache' },
    { id: 'e3', source: 'cache', target: 'refills' },
  ],
};
const v = validateScenario(doc);
const result = simulate(doc, { ...classroomRunOptions(doc), series: true });
const data = replayData(result, doc);
const at = nodeFiguresAt(data, 'cache', 'cache', doc.settings.durationSeconds * 1000);
const refillRule = (k: string, a: string, b: string) =>
  CONNECTIONS.filter((r) => r.sources.includes(a as never) && r.targets.includes(b as never)).map((r) => r.meaning);
console.log(JSON.stringify({
  valid: v.ok,
  issues: v.ok ? [] : v.errors,
  kinds: NODE_KINDS,
  palette: paletteSections().map((s) => ({ id: s.id, kinds: s.kinds })),
  search: paletteSections('read-through').map((s) => s.kinds),
  fnToCache: refillRule('', 'function', 'cache'),
  cacheToQueue: refillRule('', 'cache', 'queue'),
  metrics: result.nodes.cache.metrics,
  queueSent: result.nodes.refills.metrics.sent,
  series: Object.keys(result.series ?? {}).filter((k) => k.startsWith('cache.')),
  bill: result.nodes.cache.cost.items,
  atEnd: at?.values ?? null,
}));
`;

describe("the README's recipe for a new kind works on a copy of src/", () => {
  let dir = '';
  let out: {
    valid: boolean;
    issues: unknown[];
    kinds: string[];
    palette: { id: string; kinds: string[] }[];
    search: string[][];
    fnToCache: string[];
    cacheToQueue: string[];
    metrics: Record<string, number>;
    queueSent: number;
    series: string[];
    bill: { name: string; unit: string; quantity: number; usd: number; source: string }[];
    atEnd: Record<string, number> | null;
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sim-new-kind-'));
    cpSync(join(ROOT, 'src'), join(dir, 'src'), { recursive: true });
    cpSync(join(ROOT, 'tsconfig.json'), join(dir, 'tsconfig.json'));
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    // Step 1–4: the kind's folder.
    cpSync(FIXTURE, join(dir, 'src/engine/kinds/cache'), { recursive: true });
    // Step 5: an entry and its import in each registry.
    const registry = join(dir, 'src/engine/kinds/registry.ts');
    insertAfterLast(
      registry,
      /^import \{ \w+Catalog \} from '\.\/\w+\/catalog';$/,
      "import { cacheCatalog } from './cache/catalog';",
    );
    insertAfterLast(registry, /^ {2}\w+: \w+Catalog,$/, '  cache: cacheCatalog,');
    const runtimes = join(dir, 'src/engine/kinds/runtimes.ts');
    insertAfterLast(
      runtimes,
      /^import \{ create\w+ \} from '\.\/\w+\/create';$/,
      "import { createCache } from './cache/create';",
    );
    insertAfterLast(runtimes, /^ {2}\w+: create\w+,$/, '  cache: createCache,');
    writeFileSync(join(dir, 'check.ts'), CHECK);
    let stdout: string;
    try {
      stdout = execFileSync(process.execPath, ['--import', 'tsx', 'check.ts'], {
        cwd: dir,
        encoding: 'utf8',
        timeout: 120_000,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (e) {
      // The child's own words (a validation error, a stack in the copy), not the spawn's.
      // Stack lines left out: they name files of the copy, which vitest cannot map.
      const stderr = String((e as { stderr?: string }).stderr)
        .split('\n')
        .filter((l) => !/^\s+at /.test(l))
        .join('\n');
      throw new Error(`the check in the copy failed:\n${stderr.slice(0, 3000)}`);
    }
    out = JSON.parse(stdout.trim().split('\n').at(-1)!);
  }, 180_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('the copy differs from src/ only in the new folder and one entry plus its import in each registry', () => {
    // git diff --no-index exits 1 when the trees differ; its numstat lists each changed file.
    let numstat = '';
    try {
      execFileSync('git', ['diff', '--no-index', '--numstat', join(ROOT, 'src'), join(dir, 'src')], {
        encoding: 'utf8',
      });
    } catch (e) {
      numstat = (e as { stdout: string }).stdout;
    }
    const changed = numstat
      .trim()
      .split('\n')
      .map((l) => {
        const [added, removed, path] = l.split('\t');
        // "{/old => /new}/src/…" or "/dev/null => /new/src/…": the copy's side, from src/ on.
        const file = path
          .split(' => ')
          .at(-1)!
          .replace(/[{}]/g, '')
          .replace(/^.*?\/src\//, '');
        return { added: Number(added), removed: Number(removed), file };
      });
    const registries = changed.filter((c) => !c.file.startsWith('engine/kinds/cache/'));
    expect(registries).toEqual([
      { added: 2, removed: 0, file: 'engine/kinds/registry.ts' },
      { added: 2, removed: 0, file: 'engine/kinds/runtimes.ts' },
    ]);
    expect(
      changed
        .filter((c) => c.file.startsWith('engine/kinds/cache/'))
        .map((c) => c.file)
        .sort(),
    ).toEqual(
      ['catalog.ts', 'create.ts', 'icon.ts', 'runtime.ts', 'schema.ts'].map((f) => `engine/kinds/cache/${f}`),
    );
  });

  it('a scenario with the new kind validates and runs: its declared metrics and series come', () => {
    expect(out.issues).toEqual([]);
    expect(out.valid).toBe(true);
    expect(out.kinds).toContain('cache');
    // 10 requests/s for 60 s, each written to the cache once.
    expect(out.metrics.requests).toBeGreaterThan(450);
    expect(out.metrics.requests).toBeLessThan(750);
    expect(out.metrics.hits + out.metrics.misses).toBe(out.metrics.requests);
    // hitRatio 0.75: misses about a quarter (binomial, n ≈ 600: sd ≈ 11).
    expect(out.metrics.misses / out.metrics.requests).toBeGreaterThan(0.17);
    expect(out.metrics.misses / out.metrics.requests).toBeLessThan(0.33);
    expect(out.series).toEqual(['cache.requests']);
    // Each miss sends a refill along the cache's own connection rule.
    expect(out.queueSent).toBe(out.metrics.misses);
  });

  it('it is billed on its meter: one DynamoDB read unit per miss', () => {
    expect(out.bill.map((l) => [l.name, l.unit, l.quantity])).toEqual([
      ['table reads on a miss', 'RRU', out.metrics.misses],
    ]);
    expect(out.bill[0].source).toContain('DDB');
    // $0.125 per million read units [DDB-3P].
    expect(out.bill[0].usd).toBeCloseTo((out.metrics.misses * 0.125) / 1e6, 12);
  });

  it('the palette lists it under its group, and finds it by its description', () => {
    expect(out.palette.find((s) => s.id === 'storage')?.kinds).toContain('cache');
    expect(out.search).toEqual([['cache']]);
  });

  it('its connection rules are in the connection table: a writer may send to it (a sink), it sends to a queue', () => {
    expect(out.fnToCache).toEqual(['send']);
    expect(out.cacheToQueue).toEqual(['send']);
  });

  it("the app's bundler finds its picture in its folder (kind-icons.tsx's glob, loaded by Vite from the copy)", async () => {
    const server = await createServer({
      root: dir,
      configFile: false,
      logLevel: 'silent',
      server: { middlewareMode: true, hmr: false, watch: null },
      appType: 'custom',
      optimizeDeps: { noDiscovery: true, include: [] },
    });
    try {
      const icons = (await server.ssrLoadModule('/src/app/canvas/kind-icons.tsx')) as {
        PICTURES: Record<string, { src: string; category: string }>;
        categoryColour: (kind: string) => string;
        CATEGORY_COLOURS: Record<string, string>;
      };
      expect(Object.keys(icons.PICTURES)).toHaveLength(out.kinds.length);
      expect(icons.PICTURES.cache.category).toBe('database');
      expect(icons.PICTURES.cache.src).toMatch(/ElastiCache/);
      expect(icons.categoryColour('cache')).toBe(icons.CATEGORY_COLOURS.database);
    } finally {
      await server.close();
    }
  });

  it("the replay counts it at t from what its catalog declares (arrivals, hops that ended 'miss', hits recorded one by one)", () => {
    expect(out.atEnd).toEqual({
      requests: out.metrics.requests,
      hits: out.metrics.hits,
      misses: out.metrics.misses,
    });
    expect(out.metrics.hits).toBeGreaterThan(0);
  });
});
