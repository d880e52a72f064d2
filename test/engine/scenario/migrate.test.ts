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

  it('reads a scenario without a version as v1, and says so in a warning', () => {
    expect(migrate({ nodes: [{ id: 'q', kind: 'queue' }] })).toMatchObject({ version: 1 });
    const r = validateScenario({ nodes: [{ id: 'q', kind: 'queue' }] });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.warnings[0]).toMatch(/^version is missing: the document was read as version 1/);
    // Also a scenario with only its format or its edges (an empty one).
    expect(validateScenario({ format: 'serverless-sim.scenario' }).ok).toBe(true);
    const withVersion = validateScenario({ version: 1, nodes: [] });
    expect(withVersion.ok && withVersion.warnings.some((w) => w.startsWith('version'))).toBe(false);
  });

  it('a document with no scenario field at all is not a scenario file, whatever else it has', () => {
    for (const doc of [{ name: 'x' }, {}, { version: '1.0.0' }, { hello: 1 }])
      expect(errorsOf(doc)).toEqual([expect.stringMatching(/^this is not a scenario file: /)]);
  });

  it('refuses a future version with a clear message', () => {
    expect(() => migrate({ version: 2, nodes: [] })).toThrow(MigrationError);
    expect(errorsOf({ version: 2, nodes: [] })).toEqual([
      'version: 2 — this scenario is version 2, saved by a newer Serverless Simulator; this one reads versions up to 1. Update the app or the CLI to open it.',
    ]);
  });

  it('refuses what is not an object as not a scenario file', () => {
    expect(errorsOf('hello')).toEqual([
      expect.stringMatching(/^this is not a scenario file: it holds text; /),
    ]);
    expect(errorsOf(null)).toEqual([expect.stringMatching(/^this is not a scenario file: it holds null; /)]);
    expect(errorsOf([])).toEqual([expect.stringMatching(/^this is not a scenario file: it holds a list; /)]);
    expect(() => migrate([])).toThrow(MigrationError);
  });

  it("a nonsense version is the schema's to report", () => {
    expect(errorsOf({ version: '1', nodes: [] })).toEqual(['version: "1" — must be 1']);
  });
});
