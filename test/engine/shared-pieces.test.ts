import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The engine's shared building blocks stay single: one ring deque (sim/ring-deque.ts), one
 * table of call-status names (kinds/catalog-types.ts STATUS_NAMES), one age tracker
 * (metrics/oldest-age.ts), and no re-entrancy guards (answers go through the event queue).
 * Each check reads the source as text, so a second copy written by hand is caught by name.
 */
const ROOT = join(import.meta.dirname, '../..');
const ENGINE = join(ROOT, 'src/engine');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

const files = sources(ENGINE).map((f) => ({ path: relative(ROOT, f), text: readFileSync(f, 'utf8') }));

/** Lines of engine files other than `except` matching `re`, as "path: line". */
function hits(re: RegExp, except: string): string[] {
  return files
    .filter((f) => f.path !== except)
    .flatMap((f) =>
      f.text
        .split('\n')
        .filter((l) => re.test(l))
        .map((l) => `${f.path}: ${l.trim()}`),
    );
}

describe('shared building blocks are written once', () => {
  it('the engine has files to read (the walk itself works)', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files.map((f) => f.path)).toContain('src/engine/sim/ring-deque.ts');
  });

  it('no ring buffer outside sim/ring-deque.ts: no index wrapped with a power-of-two mask', () => {
    // `(head + i) & (buf.length - 1)` or `& mask` is how a ring is written by hand.
    expect(
      hits(/&\s*\(\s*[\w.]*(length|capacity|cap)\s*-\s*1\s*\)|&\s*mask\b/, 'src/engine/sim/ring-deque.ts'),
    ).toEqual([]);
  });

  it('one table of call-status names: no other list of ok, error, timeout', () => {
    expect(
      hits(/['"]ok['"],\s*['"]error['"],\s*['"]timeout['"]/, 'src/engine/kinds/catalog-types.ts'),
    ).toEqual([]);
  });

  it('one age tracker: only metrics/oldest-age.ts defines one', () => {
    expect(hits(/class\s+\w*(Age|Oldest)\w*\b/, 'src/engine/metrics/oldest-age.ts')).toEqual([]);
    // Both kinds that report the age of their oldest waiting item use it.
    const users = files.filter((f) => /new OldestAge\(/.test(f.text)).map((f) => f.path);
    expect(users).toEqual(
      expect.arrayContaining([
        'src/engine/kinds/queue/runtime.ts',
        'src/engine/kinds/stream/shard-poller.ts',
      ]),
    );
  });

  it('no re-entrancy guards: none of the flags the queue and function runtimes used to carry', () => {
    expect(
      hits(/\b(callingBatch|refusedAtOnce|dispatching|redispatch|reentran\w*|re-entran\w*)\b/i, ''),
    ).toEqual([]);
  });
});
