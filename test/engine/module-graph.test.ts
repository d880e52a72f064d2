import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The module graph as the bundler sees it: static imports and re-exports only (`import type`
 * and `export type` vanish; dynamic `import()` and `new Worker(new URL(…))` start other
 * chunks). An import whose names are all `type` still counts: under verbatimModuleSyntax it
 * stays as `import {} from '…'`. An `import.meta.glob('…')` (the app gathers each kind's icon.ts so)
 * counts as static imports of every file its pattern matches.
 */

const ROOT = resolve(import.meta.dirname, '../..');
const SRC = join(ROOT, 'src');

const STATIC_IMPORT = /^\s*(?:import|export)\s+(?!type\s)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;
const GLOB_IMPORT = /import\.meta\.glob(?:<[^>]*>)?\(\s*['"]([^'"]+)['"]/g;
const TYPE_IMPORT = /^\s*(?:import|export)\s+type\s[^;]*?from\s+['"]([^'"]+)['"]/gm;

function resolveImport(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null; // a package
  const base = resolve(dirname(from), spec);
  for (const c of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')])
    if (existsSync(c) && /\.(ts|tsx)$/.test(c)) return c;
  return null;
}

/** The files a relative glob matches; `*` stands for any name within one path segment. */
function globFiles(from: string, pattern: string): string[] {
  let paths = [dirname(from)];
  for (const part of pattern.split('/')) {
    if (!part.includes('*')) {
      paths = paths.map((d) => resolve(d, part));
      continue;
    }
    const re = new RegExp(`^${part.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replaceAll('*', '[^/]*')}$`);
    paths = paths.flatMap((d) =>
      existsSync(d)
        ? readdirSync(d)
            .filter((name) => re.test(name))
            .map((name) => join(d, name))
        : [],
    );
  }
  return paths.filter((f) => existsSync(f) && /\.(ts|tsx)$/.test(f));
}

function importsOf(file: string, withTypes: boolean): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  GLOB_IMPORT.lastIndex = 0;
  for (let m = GLOB_IMPORT.exec(text); m; m = GLOB_IMPORT.exec(text)) out.push(...globFiles(file, m[1]));
  for (const re of withTypes ? [STATIC_IMPORT, TYPE_IMPORT] : [STATIC_IMPORT]) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const r = resolveImport(file, m[1]);
      if (r) out.push(r);
    }
  }
  return out;
}

/** Every source file reachable from `entry` through static imports. */
function reachable(entry: string, withTypes = false): Set<string> {
  const seen = new Set<string>([entry]);
  const stack = [entry];
  while (stack.length) {
    for (const next of importsOf(stack.pop()!, withTypes)) {
      if (seen.has(next)) continue;
      seen.add(next);
      stack.push(next);
    }
  }
  return seen;
}

const rel = (f: string) => relative(SRC, f).replaceAll('\\', '/');

/** Code that runs simulations: it belongs in the worker chunk, never in the app's main chunk. */
const RUNTIME = [
  /^engine\/simulate\.ts$/,
  /^engine\/kinds\/runtimes\.ts$/,
  /^engine\/kinds\/[^/]+\/(create|runtime)\.ts$/,
  /^engine\/sim\/(context|node-base|edges|requests)\.ts$/,
  /^engine\/kernel\/event-queue\.ts$/,
];

describe('the app bundle carries no engine runtime', () => {
  const main = [...reachable(join(SRC, 'main.tsx'))].map(rel);

  it('the main entry reaches the catalogs and validation', () => {
    // Guards the walk itself: were it broken, the next test would pass on an empty graph.
    expect(main).toContain('engine/kinds/registry.ts');
    expect(main).toContain('engine/kinds/function/catalog.ts');
    expect(main).toContain('engine/scenario/validate.ts');
    expect(main.length).toBeGreaterThan(100);
  });

  it("the main entry reaches each kind's picture through the icons' glob", () => {
    expect(main).toContain('engine/kinds/queue/icon.ts');
    expect(main).toContain('engine/kinds/loadBalancer/icon.ts');
  });

  it('no runtime module is statically reachable from src/main.tsx', () => {
    expect(main.filter((f) => RUNTIME.some((re) => re.test(f)))).toEqual([]);
  });

  it('the worker does reach every kind runtime (so the patterns above name real files)', () => {
    const worker = [...reachable(join(SRC, 'worker/engine.worker.ts'))].map(rel);
    expect(worker).toContain('engine/kinds/runtimes.ts');
    expect(worker).toContain('engine/kinds/queue/runtime.ts');
    expect(worker).toContain('engine/sim/context.ts');
  });

  it('neither the worker nor the CLI reaches an icon.ts (Node cannot load an SVG)', () => {
    const cliDir = join(SRC, 'cli');
    const entries = [
      join(SRC, 'worker/engine.worker.ts'),
      ...readdirSync(cliDir)
        .filter((f) => f.endsWith('.ts'))
        .map((f) => join(cliDir, f)),
    ];
    for (const entry of entries) {
      const icons = [...reachable(entry)].map(rel).filter((f) => /\/icon\.ts$/.test(f));
      expect(icons, rel(entry)).toEqual([]);
    }
  });
});

describe('kinds vocabulary and the runtime contract', () => {
  /** The cycle through `file`, if following imports (types too) from it comes back to it. */
  function cycleThrough(file: string): string[] | null {
    const path: string[] = [];
    const onPath = new Set<string>();
    const done = new Set<string>();
    const visit = (f: string): boolean => {
      path.push(f);
      onPath.add(f);
      for (const next of importsOf(f, true)) {
        if (next === file) return true;
        if (done.has(next) || onPath.has(next)) continue;
        if (visit(next)) return true;
      }
      path.pop();
      onPath.delete(f);
      done.add(f);
      return false;
    };
    return visit(file) ? path.map(rel) : null;
  }

  it.each([
    'engine/kinds/vocabulary.ts',
    'engine/kinds/types.ts',
    'engine/kinds/registry.ts',
    'engine/sim/node-runtime.ts',
    'engine/sim/context.ts',
    'engine/sim/edges.ts',
    'engine/sim/requests.ts',
    'engine/metrics/histogram.ts',
  ])('%s is in no import circle', (file) => {
    expect(cycleThrough(join(SRC, file))).toBeNull();
  });
});
