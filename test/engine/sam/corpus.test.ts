import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTemplateText } from '../../../src/engine/sam/parse';
import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../../src/engine/scenario/validate';
import { CORPUS_DIR, corpusFiles, importCorpusFile, shortRun } from './corpus';

const files = corpusFiles();

/**
 * Every template of the corpus imports without an exception: either a scenario that
 * validates and runs (conserving requests, within the guards), or a refusal that names the
 * line or the reason.
 */
describe.skipIf(files.length === 0)('SAM corpus import', () => {
  it('has the 80 templates', () => expect(files.length).toBe(80));
  for (const file of files) {
    it(file, () => {
      const r = importCorpusFile(file);
      if (!r.ok) {
        expect(r.reason.length).toBeGreaterThan(10);
        return;
      }
      const v = validateScenario(r.doc);
      expect(v.ok, v.ok ? '' : JSON.stringify(v.errors)).toBe(true);
      // Every resource is accounted for: a node, an edge, folded into one, or listed as not mapped / not wired.
      const text = JSON.stringify(r.report);
      for (const id of Object.keys(resourcesOf(file))) expect(text, `${id} is in the report`).toContain(id);
      const res = shortRun(r.doc);
      expect(res.incomplete).toBeUndefined();
      const t = res.totals;
      expect(t.requests).toBe(t.completed + t.failed + t.deadLettered + t.dropped + t.inFlight);
      if (r.report.trafficToSet.length > 0) expect(t.requests).toBeGreaterThan(0);
    });
  }
});

describe.skipIf(files.length > 0)('SAM corpus import (skipped)', () => {
  it(`needs the corpus at ${CORPUS_DIR}`, () => {
    console.warn(`SAM corpus not found at ${CORPUS_DIR}: corpus tests skipped`);
  });
});

function resourcesOf(file: string): Record<string, unknown> {
  const p = parseTemplateText(readFileSync(join(CORPUS_DIR, file), 'utf8'));
  return p.ok ? ((p.doc as { Resources: Record<string, unknown> }).Resources ?? {}) : {};
}
