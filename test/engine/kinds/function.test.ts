import { describe, expect, it } from 'vitest';
import { NO_COLD_START, erlangB, fnMetrics, run, scenario } from '../helpers';

const api = (
  fn: Record<string, unknown>,
  traffic: Record<string, unknown>,
  settings: Record<string, unknown> = {},
  apiParams: Record<string, unknown> = {},
) =>
  scenario(
    [
      { id: 'clients', kind: 'producer', params: { traffic } },
      { id: 'api', kind: 'apiGateway', params: { flavor: 'http', ...apiParams } },
      { id: 'fn', kind: 'function', params: fn },
    ],
    [
      { source: 'clients', target: 'api' },
      { source: 'api', target: 'fn' },
    ],
    settings,
  );

describe('Lambda function: closed forms', () => {
  it("mean concurrency obeys Little's law (L = λW)", () => {
    const lambda = 50;
    const meanMs = 200;
    const r = run(
      api(
        { duration: { dist: 'exponential', meanMs }, coldStart: NO_COLD_START, timeoutMs: 900000 },
        { shape: 'poisson', ratePerSecond: lambda },
        { durationSeconds: 4000 },
      ),
    );
    const m = fnMetrics(r, 'fn');
    const expected = lambda * (meanMs / 1000);
    // ~200k arrivals: the time-average concurrency is within ~2 % of λW.
    expect(m.meanConcurrency).toBeGreaterThan(expected * 0.97);
    expect(m.meanConcurrency).toBeLessThan(expected * 1.03);
    expect(m.throttles).toBe(0);
    expect(m.meanInstances).toBeGreaterThanOrEqual(m.meanConcurrency);
  });

  it('throttled fraction with reserved concurrency c matches Erlang B', () => {
    const c = 10;
    const lambda = 80;
    const meanMs = 100; // offered load a = λ·E[S] = 8
    const r = run(
      api(
        {
          reservedConcurrency: c,
          duration: { dist: 'exponential', meanMs },
          coldStart: NO_COLD_START,
          timeoutMs: 900000,
        },
        { shape: 'poisson', ratePerSecond: lambda },
        { durationSeconds: 2500 },
      ),
    );
    const m = fnMetrics(r, 'fn');
    const attempts = m.invocations + m.throttles;
    const blocked = m.throttles / attempts;
    const expected = erlangB(c, (lambda * meanMs) / 1000); // 0.1217
    expect(expected).toBeCloseTo(0.1217, 3);
    expect(Math.abs(blocked - expected)).toBeLessThan(0.01);
    expect(m.maxConcurrency).toBe(c);
    // API Gateway answers a throttled invoke with 500 (counted as errors, backendThrottled).
    const a = r.nodes.api.metrics as Record<string, number>;
    expect(a.backendThrottled).toBe(m.throttles);
    expect(r.totals.failed).toBe(m.throttles);
  });
});

describe('Lambda function: keep-alive and cold starts', () => {
  const every = (seconds: number, keepAliveSeconds: number) =>
    run(
      api(
        { keepAliveSeconds, duration: { dist: 'constant', meanMs: 50 } },
        { shape: 'constant', ratePerSecond: 1 / seconds },
        { durationSeconds: 3 * 3600 },
      ),
    );

  it('arrivals closer than the keep-alive: one cold start in all', () => {
    const m = fnMetrics(every(300, 600), 'fn');
    expect(m.invocations).toBeGreaterThan(30);
    expect(m.coldStarts).toBe(1);
  });

  it('arrivals further apart than the keep-alive: every request is cold', () => {
    const m = fnMetrics(every(900, 600), 'fn');
    expect(m.invocations).toBeGreaterThan(10);
    expect(m.coldStarts).toBe(m.invocations);
    // Each environment lives 50 ms + INIT, then idles 600 s of every 900 s.
    expect(m.meanInstances).toBeGreaterThan(600 / 900 - 0.05);
    expect(m.meanInstances).toBeLessThan(600 / 900 + 0.05);
  });

  it('memory changes the speed of the CPU-bound part (1 vCPU at 1,769 MB)', () => {
    const meanMs = (memoryMB: number) => {
      const r = run(
        api(
          {
            memoryMB,
            cpuBoundFraction: 0.5,
            duration: { dist: 'constant', meanMs: 1000 },
            coldStart: NO_COLD_START,
            timeoutMs: 60000,
          },
          { shape: 'constant', ratePerSecond: 1 },
          { durationSeconds: 60 },
        ),
      );
      return (r.nodes.fn.metrics.durationMs as { mean: number }).mean;
    };
    // 0.5 s of I/O + 0.5 s of CPU × 1,769/memory, never faster than one vCPU.
    expect(meanMs(1769)).toBeCloseTo(1000, 6);
    expect(meanMs(442)).toBeCloseTo(500 + (500 * 1769) / 442, 6);
    expect(meanMs(3538)).toBeCloseTo(1000, 6);
  });

  it('a timeout ends the invocation at timeoutMs and is billed to it', () => {
    const r = run(
      api(
        {
          timeoutMs: 500,
          duration: { dist: 'constant', meanMs: 2000 },
          coldStart: NO_COLD_START,
          memoryMB: 1024,
        },
        { shape: 'constant', ratePerSecond: 1 },
        { durationSeconds: 100 },
      ),
    );
    const m = fnMetrics(r, 'fn');
    expect(m.timeouts).toBe(m.invocations);
    expect(m.billedGbSeconds).toBeCloseTo(m.invocations * 0.5, 6);
    expect(r.totals.failed).toBe(r.totals.requests - r.totals.inFlight);
  });

  it('provisioned environments are never cold', () => {
    // Evenly spaced requests, each done before the next: one environment is always enough,
    // so with provisioned concurrency not one may start cold (without it, the first few do).
    const m = fnMetrics(
      run(
        api(
          { provisionedConcurrency: 5, duration: { dist: 'constant', meanMs: 50 } },
          { shape: 'constant', ratePerSecond: 10 },
          { durationSeconds: 600 },
        ),
      ),
      'fn',
    );
    expect(m.invocations).toBeGreaterThan(5000);
    expect(m.coldStarts).toBe(0);
    expect(m.meanInstances).toBeCloseTo(5, 6);
    const without = fnMetrics(
      run(
        api(
          { duration: { dist: 'constant', meanMs: 50 } },
          { shape: 'constant', ratePerSecond: 10 },
          { durationSeconds: 600 },
        ),
      ),
      'fn',
    );
    expect(without.coldStarts).toBeGreaterThanOrEqual(1);
  });

  it('scaling rate: at most 1,000 new environments per 10 s per function', () => {
    const r = run(
      api(
        { duration: { dist: 'constant', meanMs: 20000 }, timeoutMs: 60000, coldStart: NO_COLD_START },
        { shape: 'constant', ratePerSecond: 400 },
        { durationSeconds: 10, accountConcurrency: 20000 },
        { throttle: { ratePerSecond: 100000, burst: 100000 } },
      ),
    );
    const m = fnMetrics(r, 'fn');
    // 4,000 requests in 10 s, none finishing: 1,000 at once then 100 per second refill.
    expect(m.coldStarts).toBeGreaterThanOrEqual(1000 + 100 * 7);
    expect(m.coldStarts).toBeLessThanOrEqual(1000 + 100 * 10 + 1);
    expect(m.invocations).toBe(m.coldStarts);
  });
});

describe('API Gateway', () => {
  it('token bucket: accepts burst + rate × time, throttles the rest with 429', () => {
    const r = run(
      api(
        { duration: { dist: 'constant', meanMs: 10 } },
        { shape: 'constant', ratePerSecond: 200 },
        { durationSeconds: 10 },
        { throttle: { ratePerSecond: 100, burst: 50 } },
      ),
    );
    const a = r.nodes.api.metrics as Record<string, number>;
    expect(a.requests).toBeGreaterThanOrEqual(1999);
    expect(a.requests).toBeLessThanOrEqual(2001);
    const accepted = a.requests - a.throttled;
    expect(accepted).toBeGreaterThanOrEqual(50 + 100 * 10 - 2);
    expect(accepted).toBeLessThanOrEqual(50 + 100 * 10 + 1);
  });

  it('integration timeout gives 504 at the timeout, the function keeps running', () => {
    const r = run(
      api(
        { duration: { dist: 'constant', meanMs: 40000 }, timeoutMs: 60000, coldStart: NO_COLD_START },
        { shape: 'constant', ratePerSecond: 1 },
        { durationSeconds: 100 },
        { flavor: 'rest', overheadMs: 0 },
      ),
    );
    const a = r.nodes.api.metrics as Record<string, number> & { latencyMs: { max: number } };
    expect(a.timeouts).toBeGreaterThan(50);
    expect(a.latencyMs.max).toBe(29000);
    expect(fnMetrics(r, 'fn').timeouts).toBe(0);
  });

  it('function errors come back as 502 and fail the request', () => {
    const r = run(
      api(
        { errorRate: 1, duration: { dist: 'constant', meanMs: 10 } },
        { shape: 'constant', ratePerSecond: 5 },
        { durationSeconds: 20 },
      ),
    );
    const a = r.nodes.api.metrics as Record<string, number>;
    expect(a.errors).toBe(a.requests);
    expect(r.totals.failed).toBe(r.totals.requests);
  });
});
