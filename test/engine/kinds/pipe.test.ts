import { describe, expect, it } from 'vitest';
import { conserved, FAST, metrics, run, scenario, withoutWall } from '../helpers';

const PIPES_PER_REQUEST = 0.4 / 1e6;
const steady = (rate: number, types: string[], payloadKB = 1) => ({
  traffic: { shape: 'constant', ratePerSecond: rate },
  eventTypes: types.map((name) => ({ name, weight: 1 })),
  payloadKB,
});

/**
 * 1 "A" and 3 "B" events per second for 100 s (exactly 100 and 300, 100 KB each) into a queue
 * that a pipe reads in batches of 10 with a 5 s window; the pipe passes only A, enriches with
 * one function and hands the batch to another, which sends each event on to a queue.
 */
function orders(pipe: Record<string, unknown> = {}, more: { enrich?: Record<string, unknown> } = {}) {
  return scenario(
    [
      { id: 'a', kind: 'producer', params: steady(1, ['A'], 100) },
      { id: 'b', kind: 'producer', params: steady(3, ['B'], 100) },
      { id: 'q', kind: 'queue' },
      { id: 'p', kind: 'pipe', params: { filter: { type: ['A'] }, enrichment: 'enrich', ...pipe } },
      { id: 'enrich', kind: 'function', params: { ...FAST, ...more.enrich } },
      { id: 'work', kind: 'function', params: FAST },
      { id: 'out', kind: 'queue' },
      { id: 'sink', kind: 'function', params: FAST },
      { id: 'dlq', kind: 'queue' },
      { id: 'reader', kind: 'function', params: FAST },
    ],
    [
      { source: 'a', target: 'q' },
      { source: 'b', target: 'q' },
      { source: 'q', target: 'p', params: { batchSize: 10, batchWindowSeconds: 5 } },
      { source: 'p', target: 'enrich' },
      { source: 'p', target: 'work' },
      { source: 'work', target: 'out' },
      { source: 'out', target: 'sink' },
      { source: 'q', target: 'dlq', role: 'dlq' },
      { source: 'dlq', target: 'reader' },
    ],
    { durationSeconds: 100 },
  );
}

describe('EventBridge pipe from a queue', () => {
  it('filters by type, batches as the source polls, enriches and calls its target once per batch', () => {
    const r = run(orders());
    const p = metrics(r, 'p');
    // 4 messages a second fill a batch of 10 in 2.5 s, before the 5 s window ends: 400 / 10.
    expect(p.read).toBe(400);
    expect(p.batches).toBe(40);
    expect(metrics(r, 'q').batches).toBe(40);
    expect(p.filteredOut).toBe(300);
    expect(p.delivered).toBe(100);
    expect(p.failed).toBe(0);
    // Every batch of 10 holds 2 or 3 A events, so each calls the enrichment and the target.
    expect(p.enrichmentCalls).toBe(40);
    expect(metrics(r, 'enrich').invocations).toBe(40);
    expect(metrics(r, 'work').invocations).toBe(40);
    // The target's own sends follow per event that passed, not per event read.
    expect(metrics(r, 'out').sent).toBe(100);
    // Enrichment then target, 10 ms each.
    expect((r.nodes.p.metrics.batchMs as { mean: number }).mean).toBeCloseTo(20, 9);
    conserved(r);
  });

  it('bills the events that pass the filter, each 100 KB event as two 64 KB requests', () => {
    const r = run(orders());
    expect(metrics(r, 'p').billedRequests).toBe(200);
    expect(r.nodes.p.cost.totalUsd).toBeCloseTo(200 * PIPES_PER_REQUEST, 12);
    const line = r.nodes.p.cost.items.find((i) => i.name.startsWith('Pipes'));
    expect(line?.quantity).toBe(200);
  });

  it('without a filter every event passes and is billed', () => {
    const r = run(orders({ filter: undefined }));
    const p = metrics(r, 'p');
    expect(p.filteredOut).toBe(0);
    expect(p.delivered).toBe(400);
    expect(p.billedRequests).toBe(800);
    expect(metrics(r, 'out').sent).toBe(400);
  });

  it('a share filter passes about that share, and judges an event the same when it is billed and when it goes on', () => {
    const r = run(
      scenario(
        [
          { id: 'src', kind: 'producer', params: steady(20, ['A']) },
          { id: 'q', kind: 'queue' },
          { id: 'p', kind: 'pipe', params: { filterShare: 0.3 } },
          { id: 'out', kind: 'queue' },
          { id: 'sink', kind: 'function', params: FAST },
        ],
        [
          { source: 'src', target: 'q' },
          { source: 'q', target: 'p' },
          { source: 'p', target: 'out' },
          { source: 'out', target: 'sink' },
        ],
        { durationSeconds: 100 },
      ),
    );
    const p = metrics(r, 'p');
    expect(p.read).toBe(2000);
    // Binomial(2000, 0.3): mean 600, sd 20.5; ± 5 sd.
    expect(p.delivered).toBeGreaterThan(600 - 103);
    expect(p.delivered).toBeLessThan(600 + 103);
    expect(p.filteredOut + p.delivered).toBe(2000);
    // 1 KB events: one request each, billed as they pass the filter before the batch runs.
    expect(p.billedRequests).toBe(p.delivered);
    expect(metrics(r, 'out').sent).toBe(p.delivered);
    conserved(r);
  });

  it('a failing enrichment fails the batch: the queue retries it and then redrives it to its DLQ', () => {
    const r = run(orders({ filter: undefined }, { enrich: { errorRate: 1 } }), { durationSeconds: 600 });
    const p = metrics(r, 'p');
    const q = metrics(r, 'q');
    expect(p.delivered).toBe(0);
    expect(metrics(r, 'work').invocations).toBe(0);
    expect(p.failedBatches).toBe(p.batches);
    expect(p.failed).toBe(p.read);
    expect(p.read).toBe(q.received);
    expect(q.returned).toBe(q.received);
    // A message is received at once, then every 30 s (the visibility timeout) until its 6th
    // receive moves it to the DLQ 150 s after it was sent: those sent in the first 450 s.
    expect(q.deadLettered).toBe(4 * 450);
    expect(metrics(r, 'dlq').sent).toBe(4 * 450);
    // Each of those was read 5 times; the 600 sent later 1 to 5 times.
    expect(p.read).toBeGreaterThanOrEqual(5 * 1800 + 600);
    expect(p.read).toBeLessThanOrEqual(5 * 1800 + 5 * 600);
    // Every attempt's events entered the pipe, so every attempt is billed.
    expect(p.billedRequests).toBe(2 * p.read);
    conserved(r);
  });

  it('the same scenario and seed give the same result', () => {
    expect(withoutWall(run(orders({ filterShare: 0.5 })))).toBe(
      withoutWall(run(orders({ filterShare: 0.5 }))),
    );
  });
});

/** 4 records a second for 100 s into a one-shard stream (or a table's stream) that a pipe reads. */
function fromStream(
  source: 'stream' | 'table',
  edge: Record<string, unknown>,
  work: Record<string, unknown> = {},
  pipe: Record<string, unknown> = {},
) {
  return scenario(
    [
      { id: 'app', kind: 'producer', params: steady(4, ['A']) },
      { id: 's', kind: source, params: source === 'table' ? { streamEnabled: true } : { shards: 1 } },
      { id: 'p', kind: 'pipe', params: pipe },
      { id: 'work', kind: 'function', params: { ...FAST, ...work } },
      { id: 'failures', kind: 'queue' },
      { id: 'reader', kind: 'function', params: FAST },
    ],
    [
      { source: 'app', target: 's' },
      { source: 's', target: 'p', params: edge },
      { source: 'p', target: 'work' },
      { source: 's', target: 'failures', role: 'onFailure' },
      { source: 'failures', target: 'reader' },
    ],
    { durationSeconds: 100 },
  );
}

describe('EventBridge pipe from a stream', () => {
  it("reads one record per batch by default (Pipes' batch size 1 for streams)", () => {
    const r = run(fromStream('stream', {}));
    const p = metrics(r, 'p');
    expect(p.batches).toBe(p.read);
    expect(metrics(r, 'work').invocations).toBe(p.batches);
    expect(p.read).toBeGreaterThanOrEqual(396);
    conserved(r);
  });

  it('with batches of 100, a Kinesis shard polled once a second gives one batch a second', () => {
    const r = run(fromStream('stream', { batchSize: 100 }));
    const p = metrics(r, 'p');
    expect(p.batches).toBe(100);
    expect(p.read).toBe(400);
    expect(metrics(r, 'work').invocations).toBe(100);
  });

  it('a DynamoDB stream is polled 4 times a second: 4 records a second make 400 batches of one', () => {
    const r = run(fromStream('table', { batchSize: 100 }));
    expect(metrics(r, 'p').batches).toBe(400);
    expect(metrics(r, 'p').read).toBe(400);
  });

  it("a failing target is retried by the source's retry policy, then reported to its on-failure destination", () => {
    const r = run(fromStream('stream', { maximumRetryAttempts: 2 }, { errorRate: 0.1 }));
    const s = metrics(r, 's');
    const p = metrics(r, 'p');
    // The target's error rate marks records as poison (the pipe passes it on to the poller):
    // each poison record fails its batch of one 3 times (1 + 2 retries), then is given up.
    expect(s.poisonRecords).toBeGreaterThan(20);
    expect(s.deadLettered).toBe(s.poisonRecords);
    expect(p.failedBatches).toBe(3 * s.poisonRecords);
    expect(p.failed).toBe(3 * s.poisonRecords);
    expect(metrics(r, 'failures').sent).toBe(s.poisonRecords);
    expect(p.delivered).toBe(s.recordsOut);
    conserved(r);
  });
});

describe('EventBridge pipe targets', () => {
  function toTarget(kind: string, params: Record<string, unknown> = {}) {
    return scenario(
      [
        { id: 'src', kind: 'producer', params: steady(4, ['A', 'B']) },
        { id: 'q', kind: 'queue' },
        { id: 'p', kind: 'pipe', params: { filter: { type: ['A'] } } },
        { id: 't', kind, params },
        { id: 'after', kind: 'queue' },
        { id: 'sink', kind: 'function', params: FAST },
        { id: 'step', kind: 'function', params: FAST },
      ],
      [
        { source: 'src', target: 'q' },
        { source: 'q', target: 'p', params: { batchSize: 10, batchWindowSeconds: 5 } },
        { source: 'p', target: 't' },
        ...(kind === 'stateMachine'
          ? [{ source: 't', target: 'step' }]
          : kind === 'queue'
            ? [{ source: 't', target: 'sink' }]
            : [
                { source: 't', target: 'after' },
                { source: 'after', target: 'sink' },
              ]),
      ],
      { durationSeconds: 100 },
    );
  }

  it('a bus target gets each event that passed, billed as a custom event', () => {
    const r = run(toTarget('eventBus'));
    const p = metrics(r, 'p');
    expect(metrics(r, 't').putEvents).toBe(p.delivered);
    expect(metrics(r, 'after').sent).toBe(p.delivered);
    expect(p.delivered + p.filteredOut).toBe(400);
    conserved(r);
  });

  it('a queue target gets each event that passed', () => {
    const r = run(toTarget('queue'));
    expect(metrics(r, 't').sent).toBe(metrics(r, 'p').delivered);
    conserved(r);
  });

  it('an Express state machine target runs once per batch, with the batch as its input', () => {
    const r = run(toTarget('stateMachine', { workflowType: 'express' }));
    const p = metrics(r, 'p');
    const executions = metrics(r, 't').executions;
    // 400 events in batches of 10; a batch without an A event (1 in 1,024) would call nothing.
    expect(p.batches).toBe(40);
    expect(executions).toBeLessThanOrEqual(40);
    expect(executions).toBeGreaterThanOrEqual(38);
    // The default workflow's one task calls its function once per execution.
    expect(metrics(r, 'step').invocations).toBe(executions);
    conserved(r);
  });
});
