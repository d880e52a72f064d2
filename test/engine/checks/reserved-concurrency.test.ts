import { describe, expect, it } from 'vitest';
import { doc, findings, fixed, only } from './helpers';

describe('reserved-concurrency: 0 switches a function off [L-CONC]; under 5 with SQS [L-SQS-SCALE]', () => {
  const api = (reserved?: number) =>
    doc(
      [
        { id: 'a', kind: 'apiGateway' },
        {
          id: 'f',
          kind: 'function',
          label: 'Checkout',
          params: reserved === undefined ? {} : { reservedConcurrency: reserved },
        },
      ],
      [{ source: 'a', target: 'f' }],
    );

  it('0 is warned, and the fix removes the reservation', () => {
    const f = only(api(0), 'reserved-concurrency');
    expect(f.message).toMatch(/^Checkout has reserved concurrency 0, which switches it off/);
    const after = fixed(api(0), f);
    expect(after.nodes[1].params).toEqual({});
    expect(findings(after, 'reserved-concurrency')).toEqual([]);
  });

  it('2 behind an API is a choice; 2 behind an SQS poller is warned and the fix reserves 5', () => {
    expect(findings(api(2), 'reserved-concurrency')).toEqual([]);
    const sqs = doc(
      [
        { id: 'q', kind: 'queue', label: 'Jobs' },
        { id: 'f', kind: 'function', label: 'Worker', params: { reservedConcurrency: 2 } },
      ],
      [{ source: 'q', target: 'f' }],
    );
    const f = only(sqs, 'reserved-concurrency');
    expect(f.message).toContain('AWS advises at least 5 with an SQS trigger');
    const after = fixed(sqs, f);
    expect(after.nodes[1].params.reservedConcurrency).toBe(5);
    expect(findings(after, 'reserved-concurrency')).toEqual([]);
  });
});
