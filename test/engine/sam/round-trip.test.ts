import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'vitest';
import { corpusFiles, importCorpusFile } from './corpus';
import { expectRoundTrip } from './round-trip';

const templatesDir = resolve(import.meta.dirname, '../../../src/templates');

describe('SAM export → import gives the same scenario', () => {
  for (const file of readdirSync(templatesDir).filter((f) => f.endsWith('.json'))) {
    it(`shipped template ${file}`, () => {
      expectRoundTrip(JSON.parse(readFileSync(join(templatesDir, file), 'utf8')));
    });
  }
  for (const file of corpusFiles()) {
    it(`corpus template ${file}`, () => {
      const r = importCorpusFile(file);
      if (!r.ok) return;
      expectRoundTrip(r.doc);
    });
  }
});
