import { describe, expect, it } from 'vitest';
import { NO_COLD_START, fnMetrics, run, scenario } from '../helpers';

/** One request through API → caller, which invokes `worker` asynchronously `perRequest` times. */
function asyncChain(
  worker: Record<string, unknown>,
  opts: { perRequest?: number; onFailure?: boolean; onSuccess?: boolean; seconds?: number } = {},
) {
  const nodes = [
    {
      id: 'clients',
      kind: 'producer',
      params: {
        traffic: {
          shape: 'trace',
          points: [
            [0, 0],
            [0.5, 0],
          ],
        },
      },
    },
    { id: 'api', kind: 'apiGateway' },
    {
      id: 'caller',
      kind: 'function',
      params: { duration: { dist: 'constant', meanMs: 10 }, coldStart: NO_COLD_START },
    },
    { id: 'worker', kind: 'function', params: { coldStart: NO_COLD_START, ...worker } },
  ];
  const edges = [
    { source: 'clients', target: 'api' },
    { source: 'api', target: 'caller' },
    { source: 'caller', target: 'worker', params: { mode: 'async', perRequest: opts.perRequest ?? 1 } },
  ];
  // A destination: a short function on the worker's onFailure or onSuccess edge.
  for (const [role, id, wanted] of [
    ['onFailure', 'failures', opts.onFailure],
    ['onSuccess', 'successes', opts.onSuccess],
  ] as const) {
    if (!wanted) continue;
    nodes.push({
      id,
      kind: 'function',
      params: { duration: { dist: 'constant', meanMs: 5 }, coldStart: NO_COLD_START },
    });
    edges.push({ source: 'worker', target: id, role } as never);
  }
  return scenario(nodes, edges, { durationSeconds: opts.seconds ?? 3600 });
}

/** Constant arrivals fall at (k + ½)/rate: at 0.001 req/s exactly one request, at t = 500 s, in a run shorter than 1,500 s. */
const ONE_AT_500 = { shape: 'constant', ratePerSecond: 0.001 };
const ONE = { shape: 'constant', ratePerSecond: 1 };

describe('Lambda asynchronous invocation', () => {
  it('a failing event is retried twice, about 1 and 2 minutes apart, then dropped', () => {
    const doc = asyncChain({ errorRate: 1, duration: { dist: 'constant', meanMs: 100 } }, { seconds: 1400 });
    doc.nodes[0].params.traffic = ONE_AT_500;
    const r = run(doc, { traceSampleRate: 1 });
    expect(r.totals.requests).toBe(1);
    const w = fnMetrics(r, 'worker');
    expect(w.invocations).toBe(3);
    expect(w.retries).toBe(2);
    expect(w.errors).toBe(3);
    expect(r.totals.dropped).toBe(1);
    const hops = r.traces[0].hops.filter((h) => h.node === 'worker');
    expect(hops).toHaveLength(3);
    expect(hops[1].startMs - hops[0].endMs).toBeCloseTo(60_000, 6);
    expect(hops[2].startMs - hops[1].endMs).toBeCloseTo(120_000, 6);
  });

  it('after the retries the event goes to the on-failure destination (dead-lettered)', () => {
    const doc = asyncChain(
      { errorRate: 1, asyncRetries: 1, duration: { dist: 'constant', meanMs: 100 } },
      { onFailure: true, seconds: 1400 },
    );
    doc.nodes[0].params.traffic = ONE_AT_500;
    const r = run(doc);
    expect(r.totals.requests).toBe(1);
    expect(r.totals.deadLettered).toBe(1);
    expect(fnMetrics(r, 'worker').invocations).toBe(2);
    expect(fnMetrics(r, 'failures').invocations).toBe(1);
  });

  it('each successful event goes to the on-success destination, a failed one does not', () => {
    // 600 requests, 3 events each; a worker that fails a quarter of its runs, with no retries.
    const doc = asyncChain(
      { errorRate: 0.25, asyncRetries: 0, duration: { dist: 'constant', meanMs: 100 } },
      { perRequest: 3, onSuccess: true, seconds: 600 },
    );
    doc.nodes[0].params.traffic = ONE;
    const r = run(doc);
    const w = fnMetrics(r, 'worker');
    expect(w.invocations).toBe(1800);
    expect(w.errors).toBeGreaterThan(300);
    expect(fnMetrics(r, 'successes').invocations).toBe(w.invocations - w.errors);
  });

  it('throttled events back off 1, 2, 4, 8 s … until an environment is free', () => {
    // Two events at once, reserved concurrency 1, each run 10 s: the second is throttled at
    // t0 and retried at t0+1, +3, +7, +15 s (backoff doubling), starting on that last try.
    const doc = asyncChain(
      { reservedConcurrency: 1, duration: { dist: 'constant', meanMs: 10_000 }, timeoutMs: 60_000 },
      { perRequest: 2, seconds: 1400 },
    );
    doc.nodes[0].params.traffic = ONE_AT_500;
    const r = run(doc, { traceSampleRate: 1 });
    expect(r.totals.requests).toBe(1);
    const hops = r.traces[0].hops.filter((h) => h.node === 'worker').sort((a, b) => a.startMs - b.startMs);
    expect(hops).toHaveLength(2);
    expect(hops[1].startMs - hops[0].startMs).toBeCloseTo(15_000, 6);
    expect(hops[1].retry).toBe(4);
    expect(fnMetrics(r, 'worker').throttles).toBe(4);
    expect(r.totals.completed).toBe(r.totals.requests);
  });

  it('events older than maxEventAgeSeconds are dropped', () => {
    // Two events, one environment busy for 5 min: the second ages out after 60 s and is
    // dropped; the request ends as dropped (its worst path) once the first completes.
    const doc = asyncChain(
      {
        reservedConcurrency: 1,
        maxEventAgeSeconds: 60,
        duration: { dist: 'constant', meanMs: 300_000 },
        timeoutMs: 900_000,
      },
      { perRequest: 2, seconds: 1400 },
    );
    doc.nodes[0].params.traffic = ONE_AT_500;
    const r = run(doc);
    expect(r.totals.requests).toBe(1);
    expect(r.totals.dropped).toBe(1);
    expect(fnMetrics(r, 'worker').invocations).toBe(1);
  });

  it('reserved concurrency 0 sends async events straight to failure, without retries', () => {
    const doc = asyncChain({ reservedConcurrency: 0 }, { onFailure: true, seconds: 60 });
    doc.nodes[0].params.traffic = ONE;
    const r = run(doc);
    expect(fnMetrics(r, 'worker').invocations).toBe(0);
    expect(r.totals.deadLettered).toBe(r.totals.requests - r.totals.inFlight);
  });

  it('a synchronous callee keeps the caller busy and billed while it waits', () => {
    const doc = scenario(
      [
        { id: 'clients', kind: 'producer', params: { traffic: ONE } },
        { id: 'api', kind: 'apiGateway' },
        {
          id: 'caller',
          kind: 'function',
          params: { memoryMB: 1024, duration: { dist: 'constant', meanMs: 100 }, coldStart: NO_COLD_START },
        },
        {
          id: 'callee',
          kind: 'function',
          params: { memoryMB: 1024, duration: { dist: 'constant', meanMs: 400 }, coldStart: NO_COLD_START },
        },
      ],
      [
        { source: 'clients', target: 'api' },
        { source: 'api', target: 'caller' },
        { source: 'caller', target: 'callee', params: { mode: 'sync' } },
      ],
      { durationSeconds: 100 },
    );
    const r = run(doc);
    const caller = fnMetrics(r, 'caller');
    const n = caller.invocations;
    expect(n).toBeGreaterThan(90);
    // 100 ms of its own work + 400 ms waiting, at 1 GB.
    expect(caller.billedGbSeconds).toBeCloseTo(n * 0.5, 6);
    expect(caller.syncWaitGbSeconds).toBeCloseTo(n * 0.4, 6);
    const lat = (r.nodes.api.metrics as unknown as { latencyMs: { p50: number } }).latencyMs.p50;
    expect(lat).toBeGreaterThan(500);
    expect(lat).toBeLessThan(520);
  });

  it('a callee that times out waiting on its own callee answers its caller at its timeout', () => {
    // caller runs 10 ms then calls middle; middle runs 10 ms then calls slow (5 s). middle's
    // 1 s timeout covers its wait: it ends at 1,010 ms after the caller started, and so does
    // the caller's wait, although slow answers only at 5,020 ms.
    const fn = (meanMs: number, timeoutMs = 30_000) => ({
      memoryMB: 1024,
      duration: { dist: 'constant', meanMs },
      coldStart: NO_COLD_START,
      timeoutMs,
    });
    const doc = scenario(
      [
        { id: 'clients', kind: 'producer', params: { traffic: ONE } },
        { id: 'api', kind: 'apiGateway' },
        { id: 'caller', kind: 'function', params: fn(10) },
        { id: 'middle', kind: 'function', params: fn(10, 1000) },
        { id: 'slow', kind: 'function', params: fn(5000) },
      ],
      [
        { source: 'clients', target: 'api' },
        { source: 'api', target: 'caller' },
        { source: 'caller', target: 'middle', params: { mode: 'sync' } },
        { source: 'middle', target: 'slow', params: { mode: 'sync' } },
      ],
      { durationSeconds: 100 },
    );
    const r = run(doc);
    const caller = fnMetrics(r, 'caller');
    expect(caller.invocations).toBeGreaterThan(90);
    // Every one that ended timed out (the last few still wait on slow when the run ends).
    expect(fnMetrics(r, 'middle').timeouts).toBeGreaterThan(90);
    expect(fnMetrics(r, 'middle').errors).toBe(0);
    const mean = (id: string) =>
      (fnMetrics(r, id) as unknown as { durationMs: { mean: number } }).durationMs.mean;
    expect(mean('middle')).toBeCloseTo(1000, 6);
    expect(mean('caller')).toBeCloseTo(1010, 6);
  });
});

describe('billing of large asynchronous events [L-PRICE]', () => {
  /** A schedule ticking once a minute for 10 minutes (10 events) into a function, async. */
  function ticks(payloadKB: number, fn: Record<string, unknown> = {}) {
    return scenario(
      [
        { id: 'every-minute', kind: 'schedule', params: { rateSeconds: 60, payloadKB } },
        {
          id: 'job',
          kind: 'function',
          params: { duration: { dist: 'constant', meanMs: 10 }, coldStart: NO_COLD_START, ...fn },
        },
      ],
      [{ source: 'every-minute', target: 'job' }],
      { durationSeconds: 600 },
    );
  }
  const requests = (r: ReturnType<typeof run>) =>
    r.nodes.job.cost.items.find((i) => i.name === 'requests')!.quantity;

  it('bills a 1 MB event as 13 requests: 1 for the first 256 KB, then 1 per further 64 KB', () => {
    // 10 events × (1 + (1,024 − 256) / 64) = 10 × 13 = 130 requests.
    const r = run(ticks(1024));
    expect(fnMetrics(r, 'job').invocations).toBe(10);
    expect(requests(r)).toBe(130);
    // 257 KB: 1 + ceil(1 / 64) = 2 each; 256 KB: 1 each.
    expect(requests(run(ticks(257)))).toBe(20);
    expect(requests(run(ticks(256)))).toBe(10);
  });

  it('bills every attempt of a failing async event by its size', () => {
    // errorRate 1: 1 attempt + 2 retries (1 and 2 minutes later) for the events that fit in the
    // run; 320 KB = 1 + 1 = 2 requests per attempt.
    const r = run(ticks(320, { errorRate: 1 }));
    const m = fnMetrics(r, 'job');
    expect(requests(r)).toBe(2 * m.invocations);
    expect(m.invocations).toBeGreaterThan(10);
  });
});
