import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/engine/simulate';
import { validateScenario } from '../../../src/engine/scenario/validate';
import { doc } from './helpers';

describe("result.warnings are the checks' warnings, as sentences", () => {
  const d = doc(
    [
      { id: 'p', kind: 'producer', params: { traffic: { shape: 'constant', ratePerSecond: 1 } } },
      { id: 'q', kind: 'queue', label: 'Orders' },
      { id: 'f', kind: 'function', label: 'Worker', params: { timeoutMs: 10000 } },
    ],
    [
      { source: 'p', target: 'q' },
      { source: 'q', target: 'f' },
    ],
    { durationSeconds: 10 },
  );

  it('validation and the run give the same sentences, in check order', () => {
    const v = validateScenario(d);
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    expect(v.findings.map((f) => f.check)).toEqual(['visibility-timeout']);
    expect(v.warnings).toEqual([v.findings[0].message]);
    expect(simulate(d).warnings).toEqual(v.warnings);
  });
});
