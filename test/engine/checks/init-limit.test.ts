import { describe, expect, it } from 'vitest';
import { doc, findings, fixed, only } from './helpers';

const fn = (coldStart: Record<string, unknown>) =>
  doc([{ id: 'f', kind: 'function', label: 'Java app', params: { coldStart } }]);

describe('init-limit: cold starts whose tail passes the 10 s INIT limit [L-RTENV]', () => {
  it('a lognormal with p99 20 s is warned; the fix caps it at 10 s', () => {
    const d = fn({ dist: 'lognormal', meanMs: 3000, p99Ms: 20000 });
    const f = only(d, 'init-limit');
    expect(f.message).toMatch(/^Java app's cold starts reach 20 s at the 99th percentile/);
    const after = fixed(d, f);
    expect(after.nodes[0].params.coldStart).toEqual({
      dist: 'lognormal',
      meanMs: 3000,
      p99Ms: 20000,
      maxMs: 10000,
    });
    expect(findings(after, 'init-limit')).toEqual([]);
  });

  it('a normal of mean 8 s and sd 1 s: p99 = 8 + 2.326 × 1 = 10.33 s, over', () => {
    expect(only(fn({ dist: 'normal', meanMs: 8000, sdMs: 1000 }), 'init-limit').message).toContain(
      '10.326 s',
    );
  });

  it('p99 8 s, or no INIT set at all, is fine', () => {
    expect(findings(fn({ dist: 'lognormal', meanMs: 3000, p99Ms: 8000 }), 'init-limit')).toEqual([]);
    expect(findings(doc([{ id: 'f', kind: 'function' }]), 'init-limit')).toEqual([]);
  });
});
