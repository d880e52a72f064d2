import { describe, expect, it } from 'vitest';
import type { Result } from '../../../src/engine/result';
import { NO_COLD_START, erlangC, fnMetrics, run, scenario } from '../helpers';

type Node = { id: string; kind: string; params?: Record<string, unknown> };
type Edge = { source: string; target: string; role?: string; params?: Record<string, unknown> };

function qm(r: Result, id: string): Record<string, number> {
  return r.nodes[id].metrics as Record<string, number>;
}

function costLine(r: Result, id: string, name: string): number {
  const item = r.nodes[id].cost.items.find((i) => i.name.startsWith(name));
  if (!item) throw new Error(`no cost line "${name}" on ${id}`);
  return item.quantity;
}

function expectConserved(r: Result): void {
  const t = r.totals;
  expect(t.requests).toBe(t.completed + t.failed + t.deadLettered + t.dropped + t.inFlight);
}

const constMs = (ms: number) => ({ dist: 'constant', meanMs: ms });
/** Constant arrivals fall at (k + ½)/rate: at 0.001 req/s one message, at t = 500 s. */
const ONE_AT_500 = { shape: 'constant', ratePerSecond: 0.001 };

/** producer → queue → function, with an optional dead-letter queue. */
function pipeline(opts: {
  traffic: Record<string, unknown>;
  queue?: Record<string, unknown>;
  fn?: Record<string, unknown>;
  edge?: Record<string, unknown>;
  dlq?: boolean;
  seconds: number;
  settings?: Record<string, unknown>;
  payloadKB?: number;
  producer?: Record<string, unknown>;
}) {
  const nodes: Node[] = [
    {
      id: 'p',
      kind: 'producer',
      params: { traffic: opts.traffic, payloadKB: opts.payloadKB ?? 1, ...opts.producer },
    },
    { id: 'q', kind: 'queue', params: opts.queue ?? {} },
    { id: 'f', kind: 'function', params: { coldStart: NO_COLD_START, duration: constMs(100), ...opts.fn } },
  ];
  const edges: Edge[] = [
    { source: 'p', target: 'q' },
    { source: 'q', target: 'f', params: opts.edge ?? {} },
  ];
  if (opts.dlq) {
    const fifo = (opts.queue?.type ?? 'standard') === 'fifo';
    nodes.push({
      id: 'dlq',
      kind: 'queue',
      params: { type: fifo ? 'fifo' : 'standard', retentionSeconds: 1209600 },
    });
    edges.push({ source: 'q', target: 'dlq', role: 'dlq' });
  }
  return scenario(nodes, edges, { durationSeconds: opts.seconds, ...opts.settings });
}

describe('SQS queue: visibility timeout and redrive', () => {
  it('a message an always-failing consumer never deletes is received maxReceiveCount times, a visibility timeout apart, then dead-lettered', () => {
    const doc = pipeline({
      traffic: ONE_AT_500,
      queue: { visibilityTimeoutSeconds: 60, maxReceiveCount: 3 },
      fn: { errorRate: 1 },
      dlq: true,
      seconds: 1000,
    });
    const r = run(doc, { traceSampleRate: 1 });
    expect(r.totals.requests).toBe(1);
    expect(r.totals.deadLettered).toBe(1);
    const q = qm(r, 'q');
    expect(q.received).toBe(3);
    expect(q.returned).toBe(3);
    expect(q.deleted).toBe(0);
    expect(q.deadLettered).toBe(1);
    expect(fnMetrics(r, 'f').invocations).toBe(3);
    expect(fnMetrics(r, 'f').errors).toBe(3);
    const hops = r.traces[0].hops;
    const tries = hops.filter((h) => h.node === 'f');
    expect(tries.map((h) => h.startMs)).toEqual([500_000, 560_000, 620_000]);
    expect(tries.map((h) => h.outcome)).toEqual(['error', 'error', 'error']);
    // After the third failure it comes back at 620 + 60 s and goes to the DLQ instead.
    const dl = hops.find((h) => h.outcome === 'deadLettered');
    expect(dl?.startMs).toBe(680_000);
    expect(qm(r, 'dlq').sent).toBe(1);
    // The DLQ keeps the first send time [SQS-DLQ]: at the end it is 1000 − 500 s old.
    expect(qm(r, 'dlq').maxAgeSeconds).toBeCloseTo(500, 6);
    expect(q.maxAgeSeconds).toBeCloseTo(180, 6);
    // The redrive is no SendMessage of the DLQ's.
    expect(costLine(r, 'dlq', 'SendMessage')).toBe(0);
    expectConserved(r);
  });

  it('every message of a stream goes to the DLQ after exactly maxReceiveCount receives', () => {
    const doc = pipeline({
      traffic: { shape: 'constant', ratePerSecond: 2 },
      queue: { visibilityTimeoutSeconds: 30, maxReceiveCount: 4 },
      fn: { errorRate: 1 },
      edge: { batchSize: 5, batchWindowSeconds: 1 },
      dlq: true,
      seconds: 300,
    });
    // Arrivals stop at 100 s: every message has had its 4 tries and come back a fourth time
    // (about 4 × 30 s after its first receive) by 300 s.
    doc.nodes[0].params.traffic = {
      shape: 'trace',
      points: [
        [0, 2],
        [100, 2],
        [100.001, 0],
      ],
    };
    const r = run(doc);
    const q = qm(r, 'q');
    const n = r.totals.requests;
    expect(n).toBeGreaterThan(150);
    expect(q.sent).toBe(n);
    expect(q.received).toBe(4 * n);
    expect(q.deadLettered).toBe(n);
    expect(qm(r, 'dlq').sent).toBe(n);
    expect(r.totals.deadLettered).toBe(n);
    expect(q.inFlight).toBe(0);
    expectConserved(r);
  });

  it('a delivery delay holds each message back before its first receive', () => {
    const doc = pipeline({ traffic: ONE_AT_500, queue: { deliveryDelaySeconds: 45 }, seconds: 1000 });
    const r = run(doc, { traceSampleRate: 1 });
    const f = r.traces[0].hops.find((h) => h.node === 'f');
    expect(f?.startMs).toBe(545_000);
    expect(r.totals.completed).toBe(1);
    expectConserved(r);
  });

  it('a throttled batch comes back after the visibility timeout, its receive count raised', () => {
    // Reserved concurrency 1 and 200 messages at once: most batches are throttled at first.
    const doc = pipeline({
      traffic: {
        shape: 'trace',
        points: [
          [0, 200],
          [1, 200],
          [1.001, 0],
        ],
      },
      queue: { visibilityTimeoutSeconds: 20, maxReceiveCount: 1000 },
      fn: { reservedConcurrency: 1, duration: constMs(50) },
      edge: { batchSize: 10 },
      seconds: 600,
    });
    const r = run(doc);
    const q = qm(r, 'q');
    expect(q.throttledBatches).toBeGreaterThan(0);
    expect(q.deleted).toBe(r.totals.requests);
    expect(q.received).toBeGreaterThan(q.deleted);
    expect(q.received - q.deleted).toBe(q.returned);
    // Only one batch ever runs at a time.
    expect(q.pollers).toBe(1);
    expect(fnMetrics(r, 'f').throttles).toBe(q.throttledBatches);
    expectConserved(r);
  });
});

describe('SQS event source mapping: scaling', () => {
  /** 20,000 messages in the first second, a consumer that takes 200 s per batch. */
  function backlog(seconds: number, edge: Record<string, unknown> = {}) {
    return pipeline({
      traffic: {
        shape: 'trace',
        points: [
          [0, 20000],
          [1, 20000],
          [1.001, 0],
        ],
      },
      queue: { visibilityTimeoutSeconds: 3600 },
      fn: { duration: constMs(200_000), timeoutMs: 300_000 },
      edge,
      seconds,
      settings: { accountConcurrency: 3000 },
    });
  }

  it('starts with 5 concurrent batches and adds 300 per minute while messages wait', () => {
    const one = run(backlog(60));
    const two = run(backlog(120));
    // 5 + 300 per minute (one every 200 ms once the backlog forms, just after t = 0).
    expect(qm(one, 'q').pollers).toBeGreaterThanOrEqual(303);
    expect(qm(one, 'q').pollers).toBeLessThanOrEqual(305);
    expect(qm(two, 'q').pollers).toBeGreaterThanOrEqual(603);
    expect(qm(two, 'q').pollers).toBeLessThanOrEqual(605);
    expect(fnMetrics(two, 'f').maxConcurrency).toBe(qm(two, 'q').pollers);
    expectConserved(two);
  });

  it('maximumConcurrency caps the mapping', () => {
    const r = run(backlog(120, { maximumConcurrency: 40 }));
    expect(qm(r, 'q').pollers).toBe(40);
    expect(fnMetrics(r, 'f').maxConcurrency).toBe(40);
  });

  it("the effective visibility timeout covers window + function timeout + 30 s when the queue's is shorter [L-SQS23]", () => {
    const r = run(
      pipeline({
        traffic: ONE_AT_500,
        queue: { visibilityTimeoutSeconds: 30 },
        fn: { timeoutMs: 60_000 },
        edge: { batchWindowSeconds: 5 },
        seconds: 600,
      }),
    );
    expect(qm(r, 'q').visibilityTimeoutSeconds).toBe(95);
  });
});

describe('SQS queue: queueing', () => {
  it("Little's law holds for the depth, and the wait matches M/M/2 (maximumConcurrency 2, batch 1)", () => {
    const lambda = 16;
    const meanS = 0.09;
    const r = run(
      pipeline({
        traffic: { shape: 'poisson', ratePerSecond: lambda },
        fn: { duration: { dist: 'exponential', meanMs: meanS * 1000 }, timeoutMs: 30_000 },
        edge: { batchSize: 1, maximumConcurrency: 2 },
        seconds: 7200,
      }),
    );
    const q = qm(r, 'q');
    const rate = q.received / 7200;
    // Little: L = λ W on the sample path.
    expect(q.meanDepth).toBeGreaterThan(0.5);
    expect(Math.abs(q.meanDepth - rate * q.meanWaitSeconds) / q.meanDepth).toBeLessThan(0.02);
    // M/M/2: Wq = C(2, a) / (cμ − λ).
    const mu = 1 / meanS;
    const wq = erlangC(2, lambda / mu) / (2 * mu - lambda);
    expect(Math.abs(q.meanWaitSeconds - wq) / wq).toBeLessThan(0.1);
    expect(Math.abs(q.meanDepth - lambda * wq) / (lambda * wq)).toBeLessThan(0.1);
    expect(q.pollers).toBe(2);
    expectConserved(r);
  });

  it('with a batch window, batches fill to batchSize under load: invocations ≈ messages / 10', () => {
    const r = run(
      pipeline({
        traffic: { shape: 'poisson', ratePerSecond: 200 },
        edge: { batchSize: 10, batchWindowSeconds: 1 },
        seconds: 600,
      }),
    );
    const q = qm(r, 'q');
    const inv = fnMetrics(r, 'f').invocations;
    expect(Math.abs(inv - q.received / 10) / (q.received / 10)).toBeLessThan(0.01);
    expect(q.batches).toBe(inv);
    expectConserved(r);
  });

  it('at low rates a batch holds the first message plus what arrives in the window: 1 + λW', () => {
    const r = run(
      pipeline({
        traffic: { shape: 'poisson', ratePerSecond: 2 },
        edge: { batchSize: 10, batchWindowSeconds: 1 },
        seconds: 3600,
      }),
    );
    const q = qm(r, 'q');
    expect(q.received / q.batches).toBeGreaterThan(2.9);
    expect(q.received / q.batches).toBeLessThan(3.1);
  });
});

describe('SQS event source mapping: partial batch failures', () => {
  function partial(rbif: boolean) {
    return run(
      pipeline({
        traffic: { shape: 'constant', ratePerSecond: 50 },
        queue: { visibilityTimeoutSeconds: 30, maxReceiveCount: 1000 },
        fn: { errorRate: 0.1 },
        edge: { batchSize: 10, batchWindowSeconds: 1, reportBatchItemFailures: rbif },
        seconds: 1200,
      }),
    );
  }

  it('with reportBatchItemFailures only the failed items return; without it the whole batch does', () => {
    const on = partial(true);
    const off = partial(false);
    const a = qm(on, 'q');
    const b = qm(off, 'q');
    // Each item fails with p = 0.1: a batch of 10 with a failure returns 1/(1 − 0.9^10) ≈ 1.54 items.
    const expected = 1 / (1 - 0.9 ** 10);
    expect(Math.abs(a.returned / a.failedBatches - expected) / expected).toBeLessThan(0.05);
    expect(a.failedBatches / a.batches).toBeCloseTo(1 - 0.9 ** 10, 1);
    // Without it a failed batch returns all of its (10) messages.
    expect(b.returned / b.failedBatches).toBeGreaterThan(9.9);
    expect(b.failedBatches / b.batches).toBeCloseTo(0.1, 1);
    // The handler reported the failures, it did not throw.
    expect(fnMetrics(on, 'f').errors).toBe(0);
    expect(fnMetrics(off, 'f').errors).toBe(b.failedBatches);
    // Either way every message is received 1/(1 − 0.1) times on average.
    expect(a.received / a.deleted).toBeCloseTo(1 / 0.9, 1);
    expect(b.received / b.deleted).toBeCloseTo(1 / 0.9, 1);
    expectConserved(on);
    expectConserved(off);
  });
});

describe('SQS FIFO', () => {
  /** The processing order of messages: the start of each request's successful consumer hop, by send time. */
  function okOrder(r: Result): number[] {
    return [...r.traces]
      .sort((x, y) => x.startMs - y.startMs)
      .filter((tr) => tr.outcome === 'completed')
      .map((tr) => tr.hops.find((h) => h.node === 'f' && h.outcome === 'ok')!.startMs);
  }
  function inversions(xs: number[]): number {
    let n = 0;
    for (let i = 1; i < xs.length; i++) if (xs[i] < xs[i - 1]) n++;
    return n;
  }
  function oneGroup(type: 'fifo' | 'standard') {
    return run(
      pipeline({
        traffic: { shape: 'poisson', ratePerSecond: 1 },
        // Window 1 s + timeout 1 s fit in the 3 s visibility timeout, so it is not raised.
        queue: { type, visibilityTimeoutSeconds: 3, maxReceiveCount: 1000 },
        fn: { errorRate: 0.1, timeoutMs: 1000 },
        edge: { batchSize: 3, batchWindowSeconds: 1, reportBatchItemFailures: true },
        seconds: 600,
      }),
      { traceSampleRate: 1, maxTraces: 10_000 },
    );
  }

  it('keeps send order within a message group through failures and retries (a standard queue does not)', () => {
    const fifo = oneGroup('fifo');
    const std = oneGroup('standard');
    const f = okOrder(fifo);
    expect(f.length).toBeGreaterThan(500);
    expect(qm(fifo, 'q').returned).toBeGreaterThan(50);
    expect(inversions(f)).toBe(0);
    expect(inversions(okOrder(std))).toBeGreaterThan(10);
    // One group: one batch at a time.
    expect(qm(fifo, 'q').pollers).toBe(1);
    expectConserved(fifo);
    expectConserved(std);
  });

  it('runs at most one batch per message group at a time', () => {
    const r = run(
      pipeline({
        traffic: { shape: 'poisson', ratePerSecond: 100 },
        producer: { messageGroups: 4 },
        queue: { type: 'fifo' },
        fn: { duration: constMs(500) },
        edge: { batchSize: 10 },
        seconds: 300,
      }),
    );
    // Each group gets 25 messages/s and a batch of 10 takes 0.5 s: every group is always busy.
    expect(qm(r, 'q').pollers).toBe(4);
    expect(fnMetrics(r, 'f').maxConcurrency).toBe(4);
    expect(qm(r, 'q').maxDepth).toBeGreaterThan(1000);
    expectConserved(r);
  });

  it('a FIFO queue redrives to a FIFO DLQ and bills at the FIFO rate', () => {
    const r = run(
      pipeline({
        traffic: ONE_AT_500,
        queue: { type: 'fifo', visibilityTimeoutSeconds: 30, maxReceiveCount: 2 },
        fn: { errorRate: 1 },
        dlq: true,
        seconds: 1000,
      }),
    );
    expect(qm(r, 'q').received).toBe(2);
    expect(qm(r, 'dlq').sent).toBe(1);
    expect(r.nodes.q.cost.items[0].source).toContain('SQS-PRICE');
    expect(r.nodes.q.cost.items[0].unitUsd).toBeCloseTo(0.5e-6, 12);
    expectConserved(r);
  });
});

describe('SQS queue: retention', () => {
  for (const type of ['standard', 'fifo'] as const) {
    it(`${type}: with no consumer, messages older than the retention are dropped`, () => {
      // 10 messages/s at (k + ½)/10 s for 300 s; retention 60 s.
      const r = run(
        scenario(
          [
            { id: 'p', kind: 'producer', params: { traffic: { shape: 'constant', ratePerSecond: 10 } } },
            { id: 'q', kind: 'queue', params: { type, retentionSeconds: 60 } },
          ],
          [{ source: 'p', target: 'q' }],
          { durationSeconds: 300 },
        ),
      );
      const q = qm(r, 'q');
      expect(q.sent).toBe(3000);
      expect(q.expired).toBe(2400);
      expect(r.totals.dropped).toBe(2400);
      expect(r.totals.inFlight).toBe(600);
      expect(q.maxDepth).toBeGreaterThanOrEqual(600);
      expect(q.maxDepth).toBeLessThanOrEqual(601);
      // The depth ramps to 600 over the first minute, then holds: (300·60 + 600·240) / 300.
      expect(q.meanDepth).toBeCloseTo(540, 0);
      expect(q.maxAgeSeconds).toBeCloseTo(60, 3);
      expectConserved(r);
    });
  }

  it('with no consumer and no retention reached, messages just accumulate (in flight)', () => {
    const r = run(
      scenario(
        [
          { id: 'p', kind: 'producer', params: { traffic: { shape: 'constant', ratePerSecond: 5 } } },
          { id: 'q', kind: 'queue' },
        ],
        [{ source: 'p', target: 'q' }],
        { durationSeconds: 100 },
      ),
    );
    expect(r.totals.inFlight).toBe(500);
    expect(qm(r, 'q').maxDepth).toBe(500);
    expectConserved(r);
  });
});

describe('SQS bills', () => {
  it('SendMessage bills each started 64 KB: 100 KB messages cost 2 requests each', () => {
    const r = run(
      scenario(
        [
          {
            id: 'p',
            kind: 'producer',
            params: { traffic: { shape: 'constant', ratePerSecond: 10 }, payloadKB: 100 },
          },
          { id: 'q', kind: 'queue' },
        ],
        [{ source: 'p', target: 'q' }],
        { durationSeconds: 100 },
      ),
    );
    expect(costLine(r, 'q', 'SendMessage')).toBe(2000);
    // 2,000 requests at $0.40 per million (first tier; a month at this rate stays in it).
    expect(r.nodes.q.cost.totalUsd).toBeCloseTo(2000 * 0.4e-6, 12);
  });

  it('a poller added for a burst retires after one empty long poll (20 s), not before', () => {
    // Six messages at once at 500 s, each run 10 s, batch 1: five pollers take five, the sixth
    // waits for the poller added 200 ms later. All six are idle again by 510.2 s; the one idle
    // longest retires at 530 s. A second six at T: before 530 s six pollers take them at once;
    // after it the sixth waits 200 ms again. Mean wait over the 12 = total wait / 12.
    const meanWait = (second: number) => {
      const nodes: Node[] = [
        { id: 'q', kind: 'queue' },
        {
          id: 'f',
          kind: 'function',
          params: { coldStart: NO_COLD_START, duration: constMs(10_000), timeoutMs: 60_000 },
        },
      ];
      const edges: Edge[] = [{ source: 'q', target: 'f', params: { batchSize: 1 } }];
      // A constant rate r sends its first message at 0.5/r s and its next at 1.5/r, after the run.
      for (const [wave, at] of [
        ['a', 500],
        ['b', second],
      ] as const)
        for (let k = 0; k < 6; k++) {
          const id = `${wave}${k}`;
          nodes.push({
            id,
            kind: 'producer',
            params: { traffic: { shape: 'constant', ratePerSecond: 0.5 / at } },
          });
          edges.push({ source: id, target: 'q' });
        }
      return qm(run(scenario(nodes, edges, { durationSeconds: 700 })), 'q').meanWaitSeconds;
    };
    expect(meanWait(529)).toBeCloseTo(0.2 / 12, 6);
    expect(meanWait(531)).toBeCloseTo(0.4 / 12, 6);
    expect(meanWait(560)).toBeCloseTo(0.4 / 12, 6);
  });

  it('idle pollers long-poll: 5 pollers × one empty receive per 20 s over an hour = 900 billed requests', () => {
    const r = run(
      scenario(
        [
          { id: 'q', kind: 'queue' },
          { id: 'f', kind: 'function' },
        ],
        [{ source: 'q', target: 'f' }],
        { durationSeconds: 3600 },
      ),
    );
    expect(qm(r, 'q').emptyReceives).toBe(900);
    expect(costLine(r, 'q', 'empty receives')).toBe(900);
    expect(r.nodes.q.cost.totalUsd).toBeCloseTo(900 * 0.4e-6, 12);
  });

  it('receives are billed 10 messages per call in 64 KB chunks, deletes 10 per DeleteMessageBatch', () => {
    // 100 messages of 10 KB at 10/s; a 5 s window fills each batch of 10 in a second.
    const doc = pipeline({
      traffic: {
        shape: 'trace',
        points: [
          [0, 10],
          [10, 10],
          [10.001, 0],
        ],
      },
      payloadKB: 10,
      edge: { batchSize: 10, batchWindowSeconds: 5 },
      seconds: 20,
    });
    doc.nodes[0].params.traffic = { shape: 'constant', ratePerSecond: 10 };
    doc.settings.durationSeconds = 10;
    const r = run(doc);
    const q = qm(r, 'q');
    expect(q.sent).toBe(100);
    expect(q.batches).toBe(10);
    expect(costLine(r, 'q', 'SendMessage')).toBe(100);
    // Each receive returns 10 × 10 KB = 100 KB: 2 chunks of 64 KB.
    expect(costLine(r, 'q', 'ReceiveMessage')).toBe(20);
    expect(costLine(r, 'q', 'DeleteMessageBatch')).toBe(q.deleted / 10);
    expectConserved(r);
  });
});

describe('SQS queue: a message handed straight to an idle poller', () => {
  it('is visible for no time: the depth peaks at 1 and averages 0, the wait is 0, each message its own batch', () => {
    // One message a second, each handled in 100 ms: a poller is always idle when the next
    // arrives, so every message is received the instant it is sent (the queue's hand-off).
    const r = run(pipeline({ traffic: { shape: 'constant', ratePerSecond: 1 }, seconds: 100 }));
    const q = qm(r, 'q');
    expect(q.sent).toBe(100);
    expect(q.received).toBe(100);
    expect(q.batches).toBe(100);
    expect(q.maxDepth).toBe(1);
    expect(q.meanDepth).toBe(0);
    expect(q.meanWaitSeconds).toBe(0);
    expect(q.maxAgeSeconds).toBeCloseTo(0.1, 9);
    // In flight for the 100 ms of each handler: 100 × 0.1 s over 100 s.
    expect(q.meanInFlight).toBeCloseTo(0.1, 9);
    expect(q.maxInFlight).toBe(1);
    expectConserved(r);
  });
});
