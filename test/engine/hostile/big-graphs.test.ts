import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../../src/engine/scenario/validate';
import { feedbackLoops, MAX_WARNINGS_PER_FAMILY } from '../../../src/engine/scenario/warnings';
import { scenario } from '../helpers';

const N = 10_000;

function chain(ring: boolean) {
  const ids = Array.from({ length: N }, (_, i) => `f${i}`);
  const edges = ids.slice(1).map((id, i) => ({ source: ids[i], target: id, params: { mode: 'async' } }));
  if (ring) edges.push({ source: ids[N - 1], target: ids[0], params: { mode: 'async' } });
  return scenario(
    ids.map((id) => ({ id, kind: 'function' })),
    edges,
  );
}

describe('graphs of 10,000 nodes', () => {
  it('a chain validates without overflowing the stack, and has no loop', () => {
    const r = validateScenario(chain(false));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.warnings.filter((w) => w.startsWith('Feedback loop'))).toEqual([]);
  });

  it('a ring is one loop through every node, its warning short', () => {
    const r = validateScenario(chain(true));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const loops = r.warnings.filter((w) => w.startsWith('Feedback loop'));
    expect(loops).toHaveLength(1);
    expect(loops[0]).toContain('f0 → f1 → f2');
    expect(loops[0]).toContain('(10,001 in all)');
    expect(loops[0].length).toBeLessThan(500);
  });

  it('the loop search finds the whole ring (iteratively) for 30,000 nodes', () => {
    const n = 30_000;
    const edges = Array.from({ length: n }, (_, i) => ({ source: `v${i}`, target: `v${(i + 1) % n}` }));
    const loops = feedbackLoops(edges);
    expect(loops).toHaveLength(1);
    expect(loops[0]).toHaveLength(n + 1);
    expect(loops[0][0]).toBe(loops[0][n]);
  });

  it('separate loops are found separately: two rings and a self-loop', () => {
    const loops = feedbackLoops([
      { source: 'a', target: 'b' },
      { source: 'b', target: 'a' },
      { source: 'b', target: 'c' },
      { source: 'c', target: 'd' },
      { source: 'd', target: 'e' },
      { source: 'e', target: 'c' },
      { source: 'x', target: 'x' },
    ]);
    expect(loops.map((l) => l.join(' ')).sort()).toEqual(['a b a', 'c d e c', 'x x']);
  });
});

describe('warnings stay bounded', () => {
  it('10,000 event types and a filter listing 10,000 others: few, short warnings', () => {
    const types = Array.from({ length: N }, (_, i) => ({ name: `T${i}` }));
    const doc = scenario(
      [
        { id: 'p', kind: 'producer', params: { eventTypes: types } },
        { id: 't', kind: 'topic' },
        { id: 'q', kind: 'queue' },
        { id: 'fn', kind: 'function' },
      ],
      [
        { source: 'p', target: 't' },
        { source: 't', target: 'q', params: { filter: { type: types.map((t) => `U${t.name}`) } } },
        { source: 'q', target: 'fn' },
      ],
    );
    const r = validateScenario(doc);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const typeWarnings = r.warnings.filter((w) => w.includes('which nothing sends'));
    expect(typeWarnings).toHaveLength(MAX_WARNINGS_PER_FAMILY);
    expect(r.warnings).toContain('…and 9,980 more like the one above');
    for (const w of r.warnings) expect(w.length).toBeLessThan(1000);
    expect(typeWarnings[0]).toContain('T7 and 9,992 more');
  });
});
