import { describe, expect, it } from 'vitest';
import { doc, findings, fixed, only } from './helpers';

describe('no-failure-path: a consumer that fails with nowhere for failures to go', () => {
  it('async: an S3-invoked function failing 10 % with no on-failure destination; the fix adds one', () => {
    const d = doc(
      [
        { id: 'p', kind: 'producer' },
        { id: 'b', kind: 'bucket', label: 'Uploads' },
        { id: 'f', kind: 'function', label: 'Thumbs', params: { errorRate: 0.1 } },
      ],
      [
        { source: 'p', target: 'b' },
        { source: 'b', target: 'f' },
      ],
    );
    const f = only(d, 'no-failure-path');
    expect(f.message).toBe(
      'Thumbs fails 10 % of its events, and when an event invoked by Uploads still fails after its 2 retries, Lambda drops it: nothing keeps it for a second look. Give Thumbs an on-failure destination.',
    );
    const after = fixed(d, f);
    const q = after.nodes.find((n) => n.kind === 'queue')!;
    expect(q.label).toBe('Thumbs failures');
    expect(after.edges).toContainEqual({
      id: `f-to-${q.id}`,
      source: 'f',
      target: q.id,
      role: 'onFailure',
      params: {},
    });
    expect(findings(after, 'no-failure-path')).toEqual([]);
    // The new queue catches failures, so it is not "a queue nothing reads".
    expect(findings(after, 'unread-queue')).toEqual([]);
  });

  it('SQS: the fix gives the source queue a dead-letter queue of its own type', () => {
    const d = doc(
      [
        { id: 'q', kind: 'queue', label: 'Orders', params: { type: 'fifo' } },
        { id: 'f', kind: 'function', label: 'Worker', params: { errorRate: 0.0001 } },
      ],
      [{ source: 'q', target: 'f' }],
    );
    const f = only(d, 'no-failure-path');
    expect(f.message).toMatch(
      /^Worker fails 0.01 % of its batches, and Orders has no dead-letter queue.*after 4 days/,
    );
    const after = fixed(d, f);
    const dlq = after.nodes.find((n) => n.label === 'Orders DLQ')!;
    expect(dlq.params).toEqual({ type: 'fifo' });
    expect(after.edges).toContainEqual(expect.objectContaining({ source: 'q', target: dlq.id, role: 'dlq' }));
    expect(findings(after, 'no-failure-path')).toEqual([]);
    // With ReportBatchItemFailures the error rate is each message's, and the sentence says so.
    const items = doc(d.nodes, [{ source: 'q', target: 'f', params: { reportBatchItemFailures: true } }]);
    expect(only(items, 'no-failure-path').message).toMatch(
      /^Worker fails 0.01 % of its messages, and Orders/,
    );
  });

  it('stream: unbounded retries are named, with no one-click fix (two settings and a destination)', () => {
    const d = doc(
      [
        { id: 's', kind: 'stream', label: 'Clicks' },
        { id: 'f', kind: 'function', label: 'Count', params: { errorRate: 0.01 } },
      ],
      [{ source: 's', target: 'f' }],
    );
    const f = only(d, 'no-failure-path');
    // A stream consumer's error rate marks records (poison records), not batches.
    expect(f.message).toMatch(
      /^Count fails on 1 % of the records from Clicks, and a batch holding one is retried/,
    );
    expect(f.message).toContain('retried until its records expire');
    expect(f.fix).toBeUndefined();
    const bounded = doc(
      [...d.nodes, { id: 'dq', kind: 'queue' }],
      [
        { source: 's', target: 'f', params: { maximumRetryAttempts: 2 } },
        { source: 's', target: 'dq', role: 'onFailure' },
      ],
    );
    expect(findings(bounded, 'no-failure-path')).toEqual([]);
  });

  it('a function that never fails needs no failure path', () => {
    const d = doc(
      [
        { id: 'q', kind: 'queue' },
        { id: 'f', kind: 'function' },
      ],
      [{ source: 'q', target: 'f' }],
    );
    expect(findings(d, 'no-failure-path')).toEqual([]);
  });
});
