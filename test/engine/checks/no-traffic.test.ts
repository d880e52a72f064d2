import { describe, expect, it } from 'vitest';
import { doc, findings, fixed, only } from './helpers';

const chain = [
  { id: 'b', kind: 'bucket', label: 'Uploads' },
  { id: 't', kind: 'topic', label: 'New files' },
  { id: 'q', kind: 'queue', label: 'Work queue' },
  { id: 'f', kind: 'function', label: 'Worker' },
];
const wires = [
  { source: 'b', target: 't' },
  { source: 't', target: 'q' },
  { source: 'q', target: 'f' },
];

describe('no-traffic: nothing reaches a node', () => {
  it('S3 → SNS → SQS → Lambda with no producer: one warning at the bucket, naming all four by label', () => {
    const f = only(doc(chain, wires), 'no-traffic');
    expect(f.severity).toBe('warning');
    expect(f.nodeIds).toEqual(['b', 't', 'q', 'f']);
    expect(f.message).toBe(
      'Nothing writes to Uploads, so it and what it feeds (New files, Work queue and Worker) stay idle in a run: 0 requests, while fixed costs still count. Add a producer that writes to Uploads, or connect it to something that does.',
    );
  });

  it('with a producer writing to the bucket there is nothing to say', () => {
    const d = doc([{ id: 'p', kind: 'producer' }, ...chain], [{ source: 'p', target: 'b' }, ...wires]);
    expect(findings(d, 'no-traffic')).toEqual([]);
  });

  it('the fix adds a producer writing to the bucket, and the warning goes', () => {
    const d = doc(chain, wires);
    const after = fixed(d, only(d, 'no-traffic'));
    const added = after.nodes.find((n) => n.kind === 'producer')!;
    expect(added.label).toBe('Producer');
    expect(after.edges).toContainEqual({ id: `${added.id}-to-b`, source: added.id, target: 'b', params: {} });
    expect(findings(after, 'no-traffic')).toEqual([]);
  });

  it('a function nothing invokes gets no fix (a producer cannot call a function directly)', () => {
    const f = only(doc([{ id: 'f', kind: 'function', label: 'Lonely' }]), 'no-traffic');
    expect(f.message).toMatch(/^Nothing invokes Lonely, so it stays idle in a run/);
    expect(f.fix).toBeUndefined();
  });

  it('a schedule is a way in too, and a ring nothing enters is named as such', () => {
    const fed = doc(
      [
        { id: 's', kind: 'schedule' },
        { id: 'f', kind: 'function' },
      ],
      [{ source: 's', target: 'f' }],
    );
    expect(findings(fed, 'no-traffic')).toEqual([]);
    const ring = doc(
      [
        { id: 'a', kind: 'function', label: 'A' },
        { id: 't', kind: 'topic', label: 'T' },
      ],
      [
        { source: 'a', target: 't' },
        { source: 't', target: 'a' },
      ],
    );
    expect(only(ring, 'no-traffic').message).toMatch(/^Nothing sends work into A and T from outside/);
  });
});
