import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/engine/simulate';

const dir = resolve(import.meta.dirname, '../../src/templates');
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

/** Every template runs as shipped: valid, conserving requests, within the guards. */
describe('templates', () => {
  it('there are templates', () => expect(files.length).toBeGreaterThan(0));
  for (const file of files) {
    it(`${file} runs to the end and conserves requests`, () => {
      const doc = JSON.parse(readFileSync(join(dir, file), 'utf8'));
      expect(typeof doc.notes === 'string' && doc.notes.length > 40, 'has notes saying what to notice').toBe(
        true,
      );
      const r = simulate(doc, { maxEvents: 50_000_000, maxWallMs: 60_000 });
      expect(r.incomplete).toBeUndefined();
      const t = r.totals;
      expect(t.requests).toBeGreaterThan(0);
      expect(t.requests).toBe(t.completed + t.failed + t.deadLettered + t.dropped + t.inFlight);
      expect(t.costUsd).toBeGreaterThan(0);
    }, 60_000);
  }
});
