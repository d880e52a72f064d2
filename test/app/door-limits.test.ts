import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../../src/app/persistence/file-io';
import { LIMITS } from '../../src/engine/scenario/limits';
import { validateScenario } from '../../src/engine/scenario/validate';

const doc = (extra: Record<string, unknown> = {}) => ({
  format: 'serverless-sim.scenario',
  version: 1,
  name: 'door',
  settings: {},
  nodes: [{ id: 'fn', kind: 'function' }],
  edges: [],
  ...extra,
});

function errors(d: unknown): string[] {
  const r = validateScenario(d);
  return r.ok ? [] : r.errors.map((e) => `${e.path}: ${e.message}`);
}

describe('limits at the door', () => {
  it('a 10 MB file is refused by its size, before it is parsed', () => {
    // Not JSON at all: had it been parsed, the message would say so.
    const r = parseScenarioText(`{${' '.repeat(10_000_000)}`);
    expect(r).toEqual({
      ok: false,
      errors: [
        'The document is 10.0 MB; scenarios of at most 5.0 MB are accepted (10,000 nodes, 50,000 edges).',
      ],
    });
  });

  it('node and edge counts', () => {
    const nodes = Array.from({ length: LIMITS.nodes + 1 }, (_, i) => ({ id: `n${i}`, kind: 'topic' }));
    expect(errors(doc({ nodes }))).toEqual(['nodes: has 10,001 nodes; at most 10,000 are allowed']);
    const edges = Array.from({ length: LIMITS.edges + 1 }, () => ({}));
    expect(errors(doc({ edges }))).toEqual(['edges: has 50,001 edges; at most 50,000 are allowed']);
  });

  it('string lengths, in any field, keys included', () => {
    expect(errors(doc({ notes: 'x'.repeat(LIMITS.stringChars + 1) }))).toEqual([
      'notes: is 20,001 characters long; at most 20,000 are allowed',
    ]);
    const params = { ['k'.repeat(LIMITS.stringChars + 1)]: 1 };
    expect(errors(doc({ nodes: [{ id: 'fn', kind: 'function', params }] }))).toEqual([
      'nodes[0].params: has a key 20,001 characters long; at most 20,000 are allowed',
    ]);
  });

  it('nesting depth, without recursion however deep', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const e = errors(doc({ nodes: [{ id: 'fn', kind: 'function', params: { x: deep } }] }));
    expect(e).toHaveLength(1);
    expect(e[0]).toMatch(/is nested 32 levels deep; at most 32 levels are allowed$/);
  });

  it('lists inside nodes: series and trace points', () => {
    const points = Array.from({ length: LIMITS.listItems + 1 }, (_, i) => [i, 1]);
    expect(
      errors(
        doc({ nodes: [{ id: 'p', kind: 'producer', params: { traffic: { shape: 'trace', points } } }] }),
      ),
    ).toEqual(['nodes[0].params.traffic.points: has 10,001 items; at most 10,000 are allowed']);
  });

  it('a document at the limits is still validated in full', () => {
    const points = Array.from({ length: LIMITS.listItems }, (_, i) => [i, 1]);
    const r = validateScenario(
      doc({ nodes: [{ id: 'p', kind: 'producer', params: { traffic: { shape: 'trace', points } } }] }),
    );
    expect(r.ok).toBe(true);
  });
});

describe('a file over the limit is refused by its size, before it is read', () => {
  it('a 10 MB scenario file: refused with the size message, its text never read, the diagram untouched', async () => {
    const { useFileImport } = await import('../../src/app/persistence/file-import');
    const { useScenarioStore } = await import('../../src/app/store/scenario');
    const before = useScenarioStore.getState().doc;
    const file = new File([new Uint8Array(10_000_000).fill(32)], 'huge.json', { type: 'application/json' });
    let read = false;
    file.text = () => {
      read = true;
      return Promise.resolve('');
    };
    await useFileImport.getState().open(file);
    expect(read).toBe(false);
    expect(useFileImport.getState().failed).toEqual({
      file: 'huge.json',
      errors: [
        'The document is 10.0 MB; scenarios of at most 5.0 MB are accepted (10,000 nodes, 50,000 edges).',
      ],
    });
    expect(useScenarioStore.getState().doc).toBe(before);
  });
});
