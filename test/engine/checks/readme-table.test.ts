import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECKS } from '../../../src/engine/checks';

/** The README's table of learner checks lists every check there is, and no other. */
describe("the README's learner checks", () => {
  it('name every check in CHECKS, and only those', () => {
    const readme = readFileSync(resolve(import.meta.dirname, '../../../README.md'), 'utf8');
    const section = readme.slice(
      readme.indexOf('### Learner checks'),
      readme.indexOf('## How the bill is computed'),
    );
    const named = [...section.matchAll(/^\| ([a-z0-9, -]+) \|/gm)]
      .flatMap((m) => m[1].split(','))
      .map((s) => s.trim())
      .filter((s) => s && s !== 'check');
    expect(named.sort()).toEqual(CHECKS.map((c) => c.name).sort());
  });
});
