import { describe, expect, it } from 'vitest';
import { doc, findings, fixed, only } from './helpers';

describe('max-receive-count: under the recommended 5 [L-SQS23]', () => {
  const d = (n: number) =>
    doc(
      [
        { id: 'q', kind: 'queue', label: 'Orders', params: { maxReceiveCount: n } },
        { id: 'd', kind: 'queue', label: 'Orders DLQ' },
        { id: 'f', kind: 'function' },
      ],
      [
        { source: 'q', target: 'f' },
        { source: 'q', target: 'd', role: 'dlq' },
      ],
    );

  it('2 receives before the DLQ: warned, and the fix sets 5', () => {
    const f = only(d(2), 'max-receive-count');
    expect(f.message).toBe(
      'Orders moves a message to Orders DLQ after 2 receives, under the 5 AWS recommends: a consumer that is throttled or fails briefly will dead-letter good messages.',
    );
    expect(findings(fixed(d(2), f), 'max-receive-count')).toEqual([]);
  });

  it('5 is fine, and without a DLQ the count does nothing', () => {
    expect(findings(d(5), 'max-receive-count')).toEqual([]);
    const noDlq = doc(
      [
        { id: 'q', kind: 'queue', params: { maxReceiveCount: 1 } },
        { id: 'f', kind: 'function' },
      ],
      [{ source: 'q', target: 'f' }],
    );
    expect(findings(noDlq, 'max-receive-count')).toEqual([]);
  });
});
