import { describe, expect, it } from 'vitest';
import { emptyScenario } from '../../src/app/store/scenario-doc';
import {
  MAX_VERSIONS,
  nextVersions,
  readVersions,
  VERSION_EVERY_MS,
} from '../../src/app/persistence/versions';

const doc = (name: string, nodes: number) => {
  const d = emptyScenario(name);
  return {
    ...d,
    nodes: Array.from({ length: nodes }, (_, i) => ({
      id: `n${i}`,
      kind: 'function' as const,
      label: `n${i}`,
      position: { x: 0, y: 0 },
      params: {},
    })),
  };
};

describe('version history of the autosaved work', () => {
  it('a minute of additions is one version; the next minute starts another', () => {
    let v = nextVersions([], doc('A', 1), 't1', 0);
    v = nextVersions(v, doc('A', 2), 't1', 10_000);
    v = nextVersions(v, doc('A', 3), 't1', 50_000);
    expect(v.map((x) => x.doc.nodes.length)).toEqual([3]);
    v = nextVersions(v, doc('A', 4), 't1', VERSION_EVERY_MS + 1);
    expect(v.map((x) => x.doc.nodes.length)).toEqual([3, 4]);
  });

  it('a delete, a lesson or an import (a new name) always keeps what was there before', () => {
    let v = nextVersions([], doc('Mine', 5), 't1', 0);
    v = nextVersions(v, doc('Mine', 4), 't1', 1000); // a delete
    v = nextVersions(v, doc('Lesson: cold starts', 3), 't1', 2000); // a lesson replaces it
    expect(v.map((x) => [x.doc.name, x.doc.nodes.length])).toEqual([
      ['Mine', 5],
      ['Mine', 4],
      ['Lesson: cold starts', 3],
    ]);
  });

  it("another tab's save never overwrites this tab's version", () => {
    let v = nextVersions([], doc('A', 2), 'tab-1', 0);
    v = nextVersions(v, doc('A', 3), 'tab-2', 1000);
    expect(v.map((x) => x.tab)).toEqual(['tab-1', 'tab-2']);
  });

  it('two tabs editing at once make one version each per minute, not one per save', () => {
    let v: ReturnType<typeof nextVersions> = [];
    for (let i = 1; i <= 6; i++) {
      v = nextVersions(v, doc('A', i), 'saving-tab', i * 1000);
      v = nextVersions(v, doc('A', i + 10), 'other-tab', i * 1000 + 500, true);
    }
    expect(v.map((x) => [x.tab, x.doc.nodes.length, x.savedAt, x.fromTabNotSaving ?? false])).toEqual([
      ['saving-tab', 6, 1000, false],
      ['other-tab', 16, 1500, true],
    ]);
  });

  it('a tab that stops saving starts a version of its own, marked, and it is read back', () => {
    let v = nextVersions([], doc('A', 2), 't1', 0);
    v = nextVersions(v, doc('A', 3), 't1', 1000, true);
    expect(v.map((x) => x.fromTabNotSaving ?? false)).toEqual([false, true]);
    expect(readVersions(JSON.parse(JSON.stringify(v)))).toEqual(v);
    expect(readVersions([{ ...v[1], fromTabNotSaving: 'yes' }])).toEqual([]);
  });

  it(`keeps the last ${MAX_VERSIONS}`, () => {
    let v = nextVersions([], doc('v0', 1), 't', 0);
    for (let i = 1; i < 30; i++) v = nextVersions(v, doc(`v${i}`, 1), 't', i);
    expect(v).toHaveLength(MAX_VERSIONS);
    expect(v[0].doc.name).toBe('v10');
    expect(v[MAX_VERSIONS - 1].doc.name).toBe('v29');
  });

  it('reads back only well-formed versions', () => {
    const good = nextVersions([], doc('A', 1), 't', 0)[0];
    expect(readVersions([good, null, { savedAt: 'x' }, { savedAt: 1, tab: 't', doc: null }])).toEqual([good]);
    expect(readVersions('nonsense')).toEqual([]);
  });
});
