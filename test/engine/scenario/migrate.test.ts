import { describe, expect, it } from 'vitest';
import { migrate, MigrationError } from '../../../src/engine/scenario/migrate';
import { validateScenario } from '../../../src/engine/scenario/validate';
import { errorsOf } from './build';

describe('migrate', () => {
  it('returns a v1 document unchanged (as a copy)', () => {
    const v1 = { format: 'serverless-sim.scenario', version: 1, name: 'x', nodes: [], edges: [] };
    const out = migrate(v1);
    expect(out).toEqual(v1);
    expect(out).not.toBe(v1);
  });

  it('reads a document without a version but with nodes as v1', () => {
    expect(migrate({ nodes: [{ id: 'q', kind: 'queue' }] })).toMatchObject({ version: 1 });
    expect(validateScenario({ nodes: [{ id: 'q', kind: 'queue' }] }).ok).toBe(true);
  });

  it('leaves a document with neither to the schema, which says what is missing', () => {
    expect(errorsOf({ name: 'x' })).toEqual(['version: must be 1']);
  });

  it('refuses a future version with a clear message', () => {
    expect(() => migrate({ version: 2, nodes: [] })).toThrow(MigrationError);
    expect(errorsOf({ version: 2, nodes: [] })).toEqual([
      'version: 2 — this scenario is version 2, saved by a newer Serverless Simulator; this one reads versions up to 1. Update the app or the CLI to open it.',
    ]);
  });

  it('refuses what is not an object', () => {
    expect(errorsOf('hello')).toEqual(['a scenario must be a JSON object']);
    expect(errorsOf(null)).toEqual(['a scenario must be a JSON object']);
    expect(errorsOf([])).toEqual(['a scenario must be a JSON object']);
  });

  it("a nonsense version is the schema's to report", () => {
    expect(errorsOf({ version: '1', nodes: [] })).toEqual(['version: "1" — must be 1']);
  });
});
