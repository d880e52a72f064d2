import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../../src/engine/scenario/validate';
import { simulate } from '../../../src/engine/simulate';
import { scenario } from '../helpers';

/**
 * Series are keyed "<node id>.<metric>" and some metrics hold a dot ("shard0.iteratorAgeSeconds"),
 * so a stream "s.shard0" would record "s.shard0.iteratorAgeSeconds", the very key stream "s"
 * records for its shard 0: one series would overwrite the other. Validation refuses an id that
 * begins with another node's id and a dot; other dotted ids keep their own series.
 */
const streams = (streamIds: string[]) =>
  scenario(
    [
      { id: 'p', kind: 'producer', params: { traffic: { shape: 'constant', ratePerSecond: 5 } } },
      ...streamIds.flatMap((id, i) => [
        { id, kind: 'stream' },
        { id: `fn${i}`, kind: 'function', params: { duration: { dist: 'constant', meanMs: 5 } } },
      ]),
    ],
    streamIds.flatMap((id, i) => [
      { source: 'p', target: id },
      { source: id, target: `fn${i}` },
    ]),
    { durationSeconds: 60 },
  );

describe('node ids with dots', () => {
  it("an id made of another node's id and a dot is refused, naming both and the fix", () => {
    const r = validateScenario(streams(['s', 's.shard0']));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0].path).toBe('nodes[3].id');
    expect(r.errors[0].message).toMatch(/^node id "s\.shard0" begins with the id of node "s" and a dot/);
    expect(r.errors[0].message).toMatch(/rename it without the dot \(e\.g\. "s-shard0"\)/);
  });

  it('a deeper prefix is found too, and an id starting with a dot is not taken for a prefix', () => {
    const r = validateScenario(streams(['a.b', 'a.b.c.d']));
    expect(!r.ok && r.errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/^node id "a\.b\.c\.d" begins with the id of node "a\.b"/),
    ]);
    expect(validateScenario(streams(['.x', '.x2'])).ok).toBe(true);
  });

  it("dotted ids that are not one another's prefix run, each node keeping its own series", () => {
    const ids = ['orders.in', 'orders.in2', 'billing.v1.in'];
    const r = simulate(streams(ids), { series: true });
    const keys = Object.keys(r.series!).filter((k) => k !== 't' && k !== 'bucketSeconds');
    const owners = (k: string) => Object.keys(r.nodes).filter((id) => k.startsWith(`${id}.`));
    // Every key belongs to exactly one node, and each stream has its shard poller's series.
    for (const k of keys) expect(owners(k)).toHaveLength(1);
    for (const id of ids) {
      expect(keys).toContain(`${id}.iteratorAgeSeconds`);
      expect(keys).toContain(`${id}.shard0.iteratorAgeSeconds`);
    }
  });
});
