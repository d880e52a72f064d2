import { describe, expect, it } from 'vitest';
import { compareCosts, compareLatencies, msPair, usdPair } from '../../../src/engine/compare/significance';
import { isPlural, verb } from '../../../src/engine/compare/words';

describe('is a cost difference significant?', () => {
  it('names the cheaper design and the 95 % interval of the paired difference (hand computation)', () => {
    // Paired differences b − a = 10, 9, 11, 12, 8: mean 10, s² = (0 + 1 + 1 + 4 + 4) / 4 = 2.5,
    // s = 1.58114, t(0.975, 4) = 2.776445, half-width = 2.776445 × 1.58114 / √5 = 1.963243.
    const c = compareCosts(
      { name: 'monolith', monthlyCostUsd: [110, 111, 109, 113, 107] },
      { name: 'functions', monthlyCostUsd: [100, 102, 98, 101, 99] },
    );
    expect(c.cheaper).toBe('functions');
    expect(c.dearer).toBe('monolith');
    expect(c.difference.mean).toBeCloseTo(10, 12);
    expect(c.difference.halfWidth).toBeCloseTo(1.963243, 5);
    expect(c.difference.lo).toBeCloseTo(8.036757, 5);
    expect(c.significant).toBe(true);
    expect(c.sentence).toBe('functions cost less than monolith by $10 ± $2 a month');
  });

  it('says there is no significant difference when the interval includes 0', () => {
    // Differences a − b = 1, −2, 3, −1, 0: mean 0.2, s² = (0.64 + 4.84 + 7.84 + 1.44 + 0.04) / 4 = 3.7,
    // half-width = 2.776445 × 1.923538 / 2.236068 = 2.388388: the interval −2.19 … 2.59 includes 0.
    const c = compareCosts(
      { name: 'monolith', monthlyCostUsd: [31, 28, 33, 29, 30] },
      { name: 'server', monthlyCostUsd: [30, 30, 30, 30, 30] },
      'at 20 requests/s',
    );
    expect(c.cheaper).toBe('server');
    expect(c.difference.mean).toBeCloseTo(0.2, 12);
    expect(c.difference.halfWidth).toBeCloseTo(2.388388, 5);
    expect(c.significant).toBe(false);
    expect(c.sentence).toBe(
      'no significant difference at 20 requests/s between server and monolith ($0 ± $2 a month over 5 runs: the 95 % interval includes 0)',
    );
  });

  it('with one run each there is no interval, and it says so', () => {
    const c = compareCosts({ name: 'a', monthlyCostUsd: [5] }, { name: 'b', monthlyCostUsd: [7.5] });
    expect(c.significant).toBe(false);
    expect(c.sentence).toMatch(/^a costs less than b by \$3 a month in one run each; run 2 or more/);
  });

  it('names the design that answers faster at p95, with the interval of the paired difference', () => {
    // Paired differences server − functions = 40, 44, 36, 42, 38: mean 40, s² = (0 + 16 + 16 + 4 + 4) / 4 = 10,
    // s = 3.162278, half-width = 2.776445 × 3.162278 / √5 = 3.926487.
    const c = compareLatencies(
      { name: 'functions', latencyP95Ms: [100, 101, 99, 100, 100] },
      { name: 'server', latencyP95Ms: [140, 145, 135, 142, 138] },
    );
    expect(c.faster).toBe('functions');
    expect(c.slower).toBe('server');
    expect(c.difference.mean).toBeCloseTo(40, 12);
    expect(c.difference.halfWidth).toBeCloseTo(3.926487, 5);
    expect(c.significant).toBe(true);
    expect(c.sentence).toBe('functions answer faster than server by 40 ± 4 ms at p95');
  });

  it('says when p95 latencies do not really differ, and with one run that it cannot tell', () => {
    // Differences a − b = 2, −3, 1, 0, −1: mean −0.2, so a is faster by 0.2; s² = (4.84 + 7.84 + 1.44 + 0.04 + 0.64) / 4 = 3.7,
    // half-width 2.388388: the interval includes 0.
    const c = compareLatencies(
      { name: 'monolith', latencyP95Ms: [52, 47, 51, 50, 49] },
      { name: 'tiers', latencyP95Ms: [50, 50, 50, 50, 50] },
      'at 20 requests/s',
    );
    expect(c.faster).toBe('monolith');
    expect(c.significant).toBe(false);
    expect(c.sentence).toBe(
      'no significant difference in p95 latency at 20 requests/s between monolith and tiers (0 ± 2 ms at p95 over 5 runs: the 95 % interval includes 0)',
    );
    const one = compareLatencies({ name: 'a', latencyP95Ms: [80] }, { name: 'b', latencyP95Ms: [50] });
    expect(one.faster).toBe('b');
    expect(one.sentence).toMatch(/^b answers faster than a by 30 ms at p95 in one run each; run 2 or more/);
  });

  it('rounds a latency pair alike', () => {
    expect(msPair(40, 3.93)).toBe('40 ± 4 ms');
    expect(msPair(0.2, 2.39)).toBe('0 ± 2 ms');
    expect(msPair(3.25, 0.31)).toBe('3.3 ± 0.3 ms');
    expect(msPair(1234, 0)).toBe('1,234 ± 0 ms');
  });

  it('rounds the pair alike, cents for small sums', () => {
    expect(usdPair(12.34, 3.1)).toBe('$12 ± $3');
    expect(usdPair(0.4321, 0.0512)).toBe('$0.43 ± $0.05');
    expect(usdPair(1234.5, 56)).toBe('$1,235 ± $56');
    // A half-width far under the difference (runs that barely vary): cents, not $30.8664 ± $0.0000.
    expect(usdPair(30.8664, 0.00001)).toBe('$30.87 ± $0.00');
    expect(usdPair(19.368, 0)).toBe('$19.37 ± $0.00');
  });

  it('agrees the verb with the name', () => {
    expect(isPlural('functions')).toBe(true);
    expect(isPlural('three tiers')).toBe(true);
    expect(isPlural('monolith')).toBe(false);
    expect(isPlural('glass')).toBe(false);
    expect(verb('containers', 'cost')).toBe('cost');
    expect(verb('tiered', 'cost')).toBe('costs');
    // A service's acronym names one thing: "eks is not viable", "EKS costs".
    expect(isPlural('eks')).toBe(false);
    expect(isPlural('EKS')).toBe(false);
    expect(isPlural('on ECS')).toBe(false);
    expect(verb('eks', 'cost')).toBe('costs');
    expect(isPlural('status')).toBe(false);
    expect(isPlural('lambdas')).toBe(true);
  });
});
