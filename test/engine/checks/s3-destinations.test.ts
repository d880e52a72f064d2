import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/engine/simulate';
import { doc, findings, only } from './helpers';

describe('s3-destinations: one destination per S3 event type [S3-FILTER]', () => {
  const nodes = [
    { id: 'p', kind: 'producer' },
    { id: 'b', kind: 'bucket', label: 'Uploads' },
    { id: 'f', kind: 'function', label: 'Thumbs' },
    { id: 'g', kind: 'function', label: 'Index' },
  ];

  it("a second destination is an error in people's words (no EventBridge, no edge ids), and blocks a run", () => {
    const d = doc(nodes, [
      { source: 'p', target: 'b' },
      { source: 'b', target: 'f' },
      { source: 'b', target: 'g' },
    ]);
    const f = only(d, 's3-destinations');
    expect(f.severity).toBe('error');
    expect(f.message).toBe(
      'Uploads already sends its new-object notifications to Thumbs, and S3 sends each kind of event to one place only, so it cannot also notify Index. To reach both, let Uploads notify an SNS topic and subscribe Thumbs and Index to that topic.',
    );
    expect(f.message).not.toMatch(/EventBridge|edges\[|"e\d"/);
    expect(() => simulate(d)).toThrow(/Uploads already sends/);
  });

  it('one destination is fine', () => {
    const d = doc(nodes.slice(0, 3), [
      { source: 'p', target: 'b' },
      { source: 'b', target: 'f' },
    ]);
    expect(findings(d, 's3-destinations')).toEqual([]);
  });
});
