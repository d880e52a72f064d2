import { describe, expect, it } from 'vitest';
import { doc, findings, only } from './helpers';

describe('rule-targets: at most 5 targets per EventBridge rule [EB-TARGETS]', () => {
  const bus = (n: number) => {
    const targets = Array.from({ length: n }, (_, i) => ({
      id: `q${i}`,
      kind: 'queue',
      label: `Queue ${i}`,
    }));
    return doc(
      [{ id: 'bus', kind: 'eventBus', label: 'Orders bus' }, ...targets],
      targets.map((t) => ({ source: 'bus', target: t.id })),
    );
  };

  it('6 targets of one rule: an error naming the one over', () => {
    const f = only(bus(6), 'rule-targets');
    expect(f.severity).toBe('error');
    expect(f.message).toBe(
      'Orders bus sends every event to 6 targets, but an EventBridge rule has at most 5: Queue 5 would need another rule. Match fewer event types per rule, or fan out through an SNS topic.',
    );
    expect(f.edgeIds).toEqual(['e6']);
  });

  it('5 targets are allowed', () => {
    expect(findings(bus(5), 'rule-targets')).toEqual([]);
  });
});
