import { describe, expect, it } from 'vitest';
import { applyFix } from '../../src/engine/checks';
import { validateScenario } from '../../src/engine/scenario/validate';
import { problemFinding } from '../../src/app/checks/problem-finding';
import { checked } from '../../src/app/checks/validation';
import { emptyScenario, type ScenarioDoc } from '../../src/app/store/scenario-doc';

const withRate = (rateSeconds: number): ScenarioDoc => ({
  ...emptyScenario('t'),
  nodes: [
    { id: 'tick', kind: 'schedule', label: 'Nightly', position: { x: 0, y: 0 }, params: { rateSeconds } },
    { id: 'job', kind: 'function', label: 'Report', position: { x: 300, y: 0 }, params: {} },
  ],
  edges: [{ id: 'e1', source: 'tick', target: 'job', params: {} }],
});

describe('a validation problem listed like a finding', () => {
  it('a schedule every 5 s: by label, with its source [EB-SCHED] and a fix to 60 s that validates', () => {
    const doc = withRate(5);
    const r = validateScenario(doc);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const f = problemFinding(r.errors[0], doc, 0);
    expect(f.message).toMatch(/^Nightly, rate seconds: 5 — must be 60–31,536,000 s/);
    expect(f.source).toEqual({
      tag: '[EB-SCHED]',
      url: 'https://docs.aws.amazon.com/scheduler/latest/APIReference/API_RetryPolicy.html',
    });
    expect(f.fix).toMatchObject({ type: 'setNodeParam', nodeId: 'tick', param: 'rateSeconds', value: 60 });
    expect(validateScenario(applyFix(doc, f.fix!)).ok).toBe(true);
  });

  it('a value in range but wrong in another way gets no fix', () => {
    const doc = withRate(60);
    doc.nodes[1].params = { memoryMB: 'lots' };
    const r = validateScenario(doc);
    if (r.ok) throw new Error('expected a problem');
    expect(problemFinding(r.errors[0], doc, 0).fix).toBeUndefined();
  });
});

describe('the checks are computed once per document', () => {
  it('the same document gives the same answer object; an edit gives a new one, with marks per node', () => {
    const doc = withRate(60);
    expect(checked(doc)).toBe(checked(doc));
    const lonely: ScenarioDoc = { ...doc, edges: [] };
    expect(checked(lonely)).not.toBe(checked(doc));
    // Without the edge nothing invokes Report: it is marked, the schedule is not.
    expect(checked(lonely).marks.get('job')?.severity).toBe('warning');
    expect(checked(lonely).marks.has('tick')).toBe(false);
    expect(checked(doc).marks.size).toBe(0);
  });
});
