import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { importTemplate, type ImportResult } from '../../../src/engine/sam/import';
import { simulate } from '../../../src/engine/simulate';
import type { Result } from '../../../src/engine/result';

const ROOT = resolve(import.meta.dirname, '../../..');
/**
 * The shared corpus, read in place (never copied into the repo): ../shared from the project
 * (a git worktree one level deeper, as /work/wt/<name>, finds it at ../../shared).
 */
export const CORPUS_DIR =
  [
    resolve(ROOT, '../shared/corpus/serverless-patterns'),
    resolve(ROOT, '../../shared/corpus/serverless-patterns'),
  ].find((d) => existsSync(d)) ?? resolve(ROOT, '../shared/corpus/serverless-patterns');

export function corpusFiles(): string[] {
  if (!existsSync(CORPUS_DIR)) return [];
  return readdirSync(CORPUS_DIR)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort();
}

export function importCorpusFile(file: string): ImportResult {
  return importTemplate(readFileSync(join(CORPUS_DIR, file), 'utf8'), file);
}

/** A short run of an imported scenario: long enough for the placeholder traffic to flow. */
export function shortRun(doc: unknown): Result {
  const d = doc as { settings: Record<string, unknown> };
  return simulate(
    { ...d, settings: { ...d.settings, durationSeconds: 60 } },
    { maxEvents: 5_000_000, maxWallMs: 20_000 },
  );
}
