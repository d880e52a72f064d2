import { describe, expect, it } from 'vitest';
import { doc, findings, fixed, only } from './helpers';

describe('poller-destination: a destination on a function fed by a poller', () => {
  const sqs = doc(
    [
      { id: 'q', kind: 'queue', label: 'Orders' },
      { id: 'f', kind: 'function', label: 'Worker', params: { errorRate: 0.1 } },
      { id: 'd', kind: 'queue', label: 'Failed orders' },
    ],
    [
      { source: 'q', target: 'f' },
      { id: 'dest', source: 'f', target: 'd', role: 'onFailure' },
    ],
  );

  it('SQS → function with an on-failure destination: says the DLQ belongs on the source queue', () => {
    const f = only(sqs, 'poller-destination');
    expect(f.message).toBe(
      "Worker's on-failure destination Failed orders will never receive anything: Lambda uses destinations only for asynchronous invocations, and Worker is fed by polling Orders. For an SQS trigger the dead-letter queue belongs on the source queue: give Orders a redrive policy to Failed orders.",
    );
    expect(f.source?.tag).toBe('[L-ASYNC] [L-SQS23] [SQS-DLQ]');
    expect(f.source?.url).toBe('https://docs.aws.amazon.com/lambda/latest/dg/invocation-async.html');
  });

  it('the fix makes the queue the redrive target of the source queue', () => {
    const after = fixed(sqs, only(sqs, 'poller-destination'));
    expect(after.edges.find((e) => e.id === 'dest')).toEqual({
      id: 'dest',
      source: 'q',
      target: 'd',
      role: 'dlq',
      params: {},
    });
    expect(findings(after, 'poller-destination')).toEqual([]);
    expect(findings(after, 'no-failure-path')).toEqual([]);
  });

  it('a stream-fed function: the fix moves the on-failure edge to the stream', () => {
    const d = doc(
      [
        { id: 's', kind: 'stream', label: 'Clicks' },
        { id: 'f', kind: 'function', label: 'Count' },
        { id: 'd', kind: 'queue', label: 'Bad batches' },
      ],
      [
        { source: 's', target: 'f' },
        { id: 'dest', source: 'f', target: 'd', role: 'onFailure' },
      ],
    );
    const f = only(d, 'poller-destination');
    expect(f.message).toContain('connect Clicks to Bad batches as on-failure');
    const after = fixed(d, f);
    expect(after.edges.find((e) => e.id === 'dest')).toMatchObject({
      source: 's',
      target: 'd',
      role: 'onFailure',
    });
    expect(findings(after, 'poller-destination')).toEqual([]);
  });

  it('an asynchronously invoked function may have destinations', () => {
    const d = doc(
      [
        { id: 't', kind: 'topic' },
        { id: 'f', kind: 'function' },
        { id: 'd', kind: 'queue' },
      ],
      [
        { source: 't', target: 'f' },
        { source: 'f', target: 'd', role: 'onFailure' },
      ],
    );
    expect(findings(d, 'poller-destination')).toEqual([]);
  });

  it('no fix when the source queue already has a dead-letter queue', () => {
    const d = doc(
      [
        { id: 'q', kind: 'queue' },
        { id: 'f', kind: 'function' },
        { id: 'd', kind: 'queue' },
        { id: 'd2', kind: 'queue' },
      ],
      [
        { source: 'q', target: 'f' },
        { source: 'q', target: 'd2', role: 'dlq' },
        { source: 'f', target: 'd', role: 'onFailure' },
      ],
    );
    expect(only(d, 'poller-destination').fix).toBeUndefined();
  });
});
