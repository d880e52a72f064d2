import { describe, expect, it } from 'vitest';
import { NO_COLD_START, run, scenario } from '../helpers';

/**
 * The default sampling rule at constant 10 requests/s for 600 s: each second the first request
 * (the reservoir) and 5 % of the other 9, so 600 × (1 + 9 × 0.05) = 870 traces expected. The
 * 5 % part is binomial over 5,400 requests: standard deviation √(5,400 × 0.05 × 0.95) = 16.0;
 * the tests allow 5 of them.
 */
const EXPECTED = 600 * (1 + 9 * 0.05);
const TOLERANCE = 5 * Math.sqrt(5400 * 0.05 * 0.95);

const fnParams = { duration: { dist: 'constant', meanMs: 20 }, coldStart: NO_COLD_START };

function apiToFunction(
  apiTraced: boolean,
  fnTraced: boolean,
  settings: Record<string, unknown> = {},
  apiExtra: Record<string, unknown> = {},
  ratePerSecond = 10,
) {
  return scenario(
    [
      { id: 'clients', kind: 'producer', params: { traffic: { shape: 'constant', ratePerSecond } } },
      { id: 'api', kind: 'apiGateway', params: { flavor: 'http', xrayTracing: apiTraced, ...apiExtra } },
      { id: 'fn', kind: 'function', params: { ...fnParams, xrayTracing: fnTraced } },
    ],
    [
      { source: 'clients', target: 'api' },
      { source: 'api', target: 'fn' },
    ],
    { durationSeconds: 600, ...settings },
  );
}

const traces = (r: ReturnType<typeof run>, node: string) =>
  r.nodes[node].cost.items.find((i) => i.name === 'X-Ray traces recorded');

describe('X-Ray traces on the bill', () => {
  it('the default rule records 1 request a second plus 5 % of the rest: about 870 in 10 minutes at 10/s', () => {
    const r = run(apiToFunction(true, false));
    const n = traces(r, 'api')!.quantity;
    expect(Math.abs(n - EXPECTED)).toBeLessThan(TOLERANCE);
    // The reservoir alone gives 600: never fewer.
    expect(n).toBeGreaterThanOrEqual(600);
    expect(traces(r, 'fn')).toBeUndefined();
  });

  it('at 1 request a second the reservoir takes every request: exactly 600 traces in 10 minutes', () => {
    // Constant traffic at 1/s puts one request in each second, and the rule's first request
    // each second is always traced: no random draw is made.
    const r = run(apiToFunction(true, false, {}, {}, 1));
    expect(traces(r, 'api')!.quantity).toBe(600);
    // At 2/s the second request of each second is traced 5 % of the time: 600 + Binomial(600, 0.05).
    const two = traces(run(apiToFunction(true, false, {}, {}, 2)), 'api')!.quantity;
    expect(two).toBeGreaterThan(600);
    expect(two).toBeLessThan(600 + 30 + 5 * Math.sqrt(600 * 0.05 * 0.95));
  });

  it('a trace is one request, not one per traced node: the function honours the API’s decision', () => {
    const both = run(apiToFunction(true, true));
    const apiOnly = run(apiToFunction(true, false));
    // The API decides for every request; the function records into the same traces.
    expect(traces(both, 'fn')!.quantity).toBe(0);
    expect(traces(both, 'api')!.quantity).toBe(traces(apiOnly, 'api')!.quantity);
  });

  it('a traced function behind an untraced API decides itself, at the same rule', () => {
    const r = run(apiToFunction(false, true));
    expect(traces(r, 'api')).toBeUndefined();
    expect(Math.abs(traces(r, 'fn')!.quantity - EXPECTED)).toBeLessThan(TOLERANCE);
  });

  it('two traced functions fed by one topic share each request’s trace', () => {
    const d = scenario(
      [
        { id: 'clients', kind: 'producer', params: { traffic: { shape: 'constant', ratePerSecond: 10 } } },
        { id: 'topic', kind: 'topic', params: {} },
        { id: 'a', kind: 'function', params: { ...fnParams, xrayTracing: true } },
        { id: 'b', kind: 'function', params: { ...fnParams, xrayTracing: true } },
      ],
      [
        { source: 'clients', target: 'topic' },
        { source: 'topic', target: 'a' },
        { source: 'topic', target: 'b' },
      ],
      { durationSeconds: 600 },
    );
    const r = run(d);
    const total = traces(r, 'a')!.quantity + traces(r, 'b')!.quantity;
    // 6,000 requests reach both functions; one trace per sampled request, not two.
    expect(Math.abs(total - EXPECTED)).toBeLessThan(TOLERANCE);
  });

  it('billed at $5 per million traces; the free 100,000 a month are taken off', () => {
    const r = run(apiToFunction(true, false));
    const n = traces(r, 'api')!.quantity;
    expect(traces(r, 'api')!.usd).toBeCloseTo(n * 5e-6, 15);
    const free = run(apiToFunction(true, false, { includeFreeTier: true }));
    // A month is 4,320 runs of 600 s: n × 4,320 traces, 100,000 of them free.
    const month = n * 4320;
    expect(traces(free, 'api')!.usd).toBeCloseTo(((month - 100_000) * 5e-6) / 4320, 12);
  });

  it('reads (scans and retrievals) are billed at $0.50 per million: recorded × reads per trace, 1,000,000 a month free', () => {
    const reads = (r: ReturnType<typeof run>) =>
      r.nodes.api.cost.items.find((i) => i.name === 'X-Ray traces retrieved or scanned');
    // The default: each trace read once.
    const one = run(apiToFunction(true, false));
    const n = traces(one, 'api')!.quantity;
    expect(reads(one)!.quantity).toBe(n);
    expect(reads(one)!.usd).toBeCloseTo(n * 0.5e-6, 15);
    // AWS's pricing example reads each trace about 5 times.
    const five = run(apiToFunction(true, false, {}, { xrayReadsPerTrace: 5 }));
    expect(traces(five, 'api')!.quantity).toBe(n);
    expect(reads(five)!.quantity).toBe(5 * n);
    expect(reads(five)!.usd).toBeCloseTo(5 * n * 0.5e-6, 15);
    // A month is 4,320 runs of 600 s: with 1,000 reads per trace the month's reads pass the
    // free million, and only what passes it is billed (pro-rated back to the run).
    const many = run(apiToFunction(true, false, { includeFreeTier: true }, { xrayReadsPerTrace: 1000 }));
    const month = n * 1000 * 4320;
    expect(reads(many)!.usd).toBeCloseTo(((month - 1_000_000) * 0.5e-6) / 4320, 10);
    // Below the free million nothing is billed: 870 × 4,320 ≈ 3.8 M recorded, read 0.2 times ≈ 0.75 M.
    const few = run(apiToFunction(true, false, { includeFreeTier: true }, { xrayReadsPerTrace: 0.2 }));
    expect(reads(few)!.usd).toBe(0);
    // No reads: a line of zero.
    const none = run(apiToFunction(true, false, {}, { xrayReadsPerTrace: 0 }));
    expect(reads(none)!.usd).toBe(0);
  });

  it('turning tracing on changes the bill and nothing else', () => {
    const off = run(apiToFunction(false, false));
    const on = run(apiToFunction(true, true));
    expect(on.totals.requests).toBe(off.totals.requests);
    expect(on.totals.latencyMs).toEqual(off.totals.latencyMs);
    expect(on.nodes.fn.metrics).toEqual(off.nodes.fn.metrics);
    expect(on.nodes.api.metrics).toEqual(off.nodes.api.metrics);
    expect(on.totals.costUsd).toBeGreaterThan(off.totals.costUsd);
  });

  it('a traced Step Functions workflow records the traces of the executions it starts', () => {
    const d = scenario(
      [
        { id: 'clients', kind: 'producer', params: { traffic: { shape: 'constant', ratePerSecond: 10 } } },
        { id: 'api', kind: 'apiGateway', params: { flavor: 'rest' } },
        {
          id: 'flow',
          kind: 'stateMachine',
          params: { workflowType: 'express', xrayTracing: true, steps: [{ name: 'Work', function: 'fn' }] },
        },
        { id: 'fn', kind: 'function', params: fnParams },
      ],
      [
        { source: 'clients', target: 'api' },
        { source: 'api', target: 'flow' },
        { source: 'flow', target: 'fn' },
      ],
      { durationSeconds: 600 },
    );
    const r = run(d);
    expect(Math.abs(traces(r, 'flow')!.quantity - EXPECTED)).toBeLessThan(TOLERANCE);
  });
});
