import { describe, expect, it } from 'vitest';
import { doc, findings, fixed, only } from './helpers';

describe('visibility-timeout: under 6 × the function timeout + batch window [L-SQS23]', () => {
  const d = (visibility?: number, window = 0) =>
    doc(
      [
        {
          id: 'q',
          kind: 'queue',
          label: 'Orders',
          params: visibility === undefined ? {} : { visibilityTimeoutSeconds: visibility },
        },
        { id: 'f', kind: 'function', label: 'Worker', params: { timeoutMs: 10000 } },
      ],
      [{ source: 'q', target: 'f', params: window ? { batchWindowSeconds: window } : {} }],
    );

  it('30 s (the default) under 6 × 10 s = 60 s', () => {
    const f = only(d(), 'visibility-timeout');
    expect(f.message).toBe(
      "Orders hides a received message for 30 s, less than 6 × Worker's timeout (10 s) = 60 s: a message still being handled, or waiting out a throttle, becomes visible again and is handled twice.",
    );
    expect(f.fix).toMatchObject({
      type: 'setNodeParam',
      nodeId: 'q',
      param: 'visibilityTimeoutSeconds',
      value: 60,
    });
  });

  it('the batch window counts: 6 × 10 + 5 = 65 s, and the fix sets exactly that', () => {
    const f = only(d(60, 5), 'visibility-timeout');
    expect(f.message).toContain('+ the batch window 5 s = 65 s');
    expect(findings(fixed(d(60, 5), f), 'visibility-timeout')).toEqual([]);
    expect(fixed(d(60, 5), f).nodes[0].params.visibilityTimeoutSeconds).toBe(65);
  });

  it('60 s is enough', () => {
    expect(findings(d(60), 'visibility-timeout')).toEqual([]);
  });
});
