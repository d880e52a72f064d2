import { describe, expect, it } from 'vitest';
import type { Result } from '../../../src/engine/result';
import { lcuOfHour } from '../../../src/engine/kinds/loadBalancer/runtime';
import { conserved, NO_COLD_START, run, scenario } from '../helpers';

const m = (r: Result, id: string) => r.nodes[id].metrics as Record<string, number>;
const lat = (r: Result, id: string) => r.nodes[id].metrics.latencyMs as { mean: number; max: number };
const usage = (r: Result, name: RegExp) => r.nodes.alb.cost.items.find((i) => name.test(i.name))!;

const fixedServer = (params: Record<string, unknown> = {}) => ({
  kind: 'server',
  params: {
    instanceType: 't3.micro',
    instances: { min: 1, max: 1 },
    duration: { dist: 'constant', meanMs: 100 },
    ...params,
  },
});

describe('load balancer: a pass-through', () => {
  it("adds its overhead to the target's latency", () => {
    const r = run(
      scenario(
        [
          { id: 'clients', kind: 'producer', params: { traffic: { shape: 'constant', ratePerSecond: 2 } } },
          { id: 'alb', kind: 'loadBalancer', params: { overheadMs: 2 } },
          { id: 'srv', ...fixedServer() },
        ],
        [
          { source: 'clients', target: 'alb' },
          { source: 'alb', target: 'srv' },
        ],
        { durationSeconds: 600 },
      ),
    );
    expect(m(r, 'alb').requests).toBe(1200);
    expect(m(r, 'alb').ok).toBe(1200);
    expect(lat(r, 'srv').mean).toBeCloseTo(100, 6);
    expect(lat(r, 'alb').mean).toBeCloseTo(102, 6);
    expect(r.totals.latencyMs.mean).toBeCloseTo(102, 6);
    conserved(r);
  });

  const twoTargets = (
    algorithm: string,
    filters: [string[] | null, string[] | null],
    types = [
      { name: 'a', weight: 1 },
      { name: 'b', weight: 3 },
    ],
  ) =>
    run(
      scenario(
        [
          {
            id: 'clients',
            kind: 'producer',
            params: { traffic: { shape: 'poisson', ratePerSecond: 20 }, eventTypes: types },
          },
          { id: 'alb', kind: 'loadBalancer', params: { algorithm } },
          { id: 's1', ...fixedServer({ duration: { dist: 'exponential', meanMs: 50 } }) },
          { id: 's2', ...fixedServer({ duration: { dist: 'exponential', meanMs: 50 } }) },
        ],
        [
          { source: 'clients', target: 'alb' },
          { source: 'alb', target: 's1', params: filters[0] ? { filter: { type: filters[0] } } : {} },
          { source: 'alb', target: 's2', params: filters[1] ? { filter: { type: filters[1] } } : {} },
        ],
        { durationSeconds: 2000 },
      ),
    );

  it('round robin alternates between target nodes', () => {
    const r = twoTargets('roundRobin', [null, null]);
    expect(Math.abs(m(r, 's1').requests - m(r, 's2').requests)).toBeLessThanOrEqual(1);
    conserved(r);
  });

  it('least outstanding requests splits identical targets evenly', () => {
    const r = twoTargets('leastOutstandingRequests', [null, null]);
    const share = m(r, 's1').requests / m(r, 'alb').requests;
    expect(share).toBeGreaterThan(0.48);
    expect(share).toBeLessThan(0.52);
    conserved(r);
  });

  it('a filter is a listener rule: each event type goes to its own target', () => {
    const r = twoTargets('leastOutstandingRequests', [['a'], ['b']]);
    // Type a has weight 1 of 4.
    const share = m(r, 's1').requests / m(r, 'alb').requests;
    expect(share).toBeGreaterThan(0.24);
    expect(share).toBeLessThan(0.26);
    expect(m(r, 's1').requests + m(r, 's2').requests).toBe(m(r, 'alb').requests);
    conserved(r);
  });

  it('a request no rule matches is answered 503 by the ALB itself', () => {
    const r = twoTargets(
      'roundRobin',
      [['a'], ['a']],
      [
        { name: 'a', weight: 1 },
        { name: 'c', weight: 1 },
      ],
    );
    expect(m(r, 'alb').throttled).toBeGreaterThan(0);
    expect(m(r, 'alb').throttled).toBe(m(r, 'alb').requests - m(r, 's1').requests - m(r, 's2').requests);
    expect(r.totals.failed).toBe(m(r, 'alb').throttled);
    conserved(r);
  });

  it("passes a function target's answer on", () => {
    const r = run(
      scenario(
        [
          { id: 'clients', kind: 'producer', params: { traffic: { shape: 'constant', ratePerSecond: 5 } } },
          { id: 'alb', kind: 'loadBalancer', params: { overheadMs: 0 } },
          {
            id: 'fn',
            kind: 'function',
            params: { duration: { dist: 'constant', meanMs: 40 }, coldStart: NO_COLD_START },
          },
        ],
        [
          { source: 'clients', target: 'alb' },
          { source: 'alb', target: 'fn' },
        ],
        { durationSeconds: 600 },
      ),
    );
    expect(m(r, 'alb').ok).toBe(3000);
    expect(lat(r, 'alb').mean).toBeCloseTo(40, 6);
    conserved(r);
  });
});

describe('load balancer: bill', () => {
  it('ALB-hours for the whole run plus LCU-hours on the highest dimension', () => {
    // 2 h at 10 requests/s of 1 KB, 100 ms each: new connections 10/s ÷ 25 = 0.4 LCU;
    // active connections 1 ÷ 3,000; bytes 36,000 KB/h ≈ 0.034 GB/h. 0.4 LCU × 2 h = 0.8 LCU-hours.
    const r = run(
      scenario(
        [
          {
            id: 'clients',
            kind: 'producer',
            params: { traffic: { shape: 'constant', ratePerSecond: 10 }, payloadKB: 1 },
          },
          { id: 'alb', kind: 'loadBalancer' },
          { id: 'srv', ...fixedServer() },
        ],
        [
          { source: 'clients', target: 'alb' },
          { source: 'alb', target: 'srv' },
        ],
        { durationSeconds: 7200 },
      ),
    );
    expect(usage(r, /^load balancer hours/).quantity).toBe(2);
    expect(usage(r, /^LCU-hours/).quantity).toBeCloseTo(0.8, 9);
    expect(r.nodes.alb.cost.totalUsd).toBeCloseTo(2 * 0.0225 + 0.8 * 0.008, 9);
    // A month of an idle-ish ALB: 720 h × $0.0225 = $16.20 plus the LCUs.
    expect(r.nodes.alb.cost.monthlyUsd).toBeCloseTo(720 * 0.0225 + 0.4 * 720 * 0.008, 6);
    conserved(r);
  });

  it('processed bytes win for large payloads, at 0.4 GB/h per LCU for Lambda targets', () => {
    // 1 request/s of 1,024 KB = 3,600 MB/h = 3.515625 GB/h; ÷ 0.4 = 8.789 LCU (connections: 0.04).
    const r = run(
      scenario(
        [
          {
            id: 'clients',
            kind: 'producer',
            params: { traffic: { shape: 'constant', ratePerSecond: 1 }, payloadKB: 1024 },
          },
          { id: 'alb', kind: 'loadBalancer' },
          {
            id: 'fn',
            kind: 'function',
            params: { duration: { dist: 'constant', meanMs: 40 }, coldStart: NO_COLD_START },
          },
        ],
        [
          { source: 'clients', target: 'alb' },
          { source: 'alb', target: 'fn' },
        ],
        { durationSeconds: 3600 },
      ),
    );
    expect(usage(r, /^LCU-hours/).quantity).toBeCloseTo(3600 / 1024 / 0.4, 9);
  });

  it('lcuOfHour: the highest of the three dimensions', () => {
    const hour = 3_600_000;
    expect(lcuOfHour(90_000, 0, 0, hour)).toBeCloseTo(1, 12); // 25 new connections/s
    expect(lcuOfHour(0, 3000 * hour, 0, hour)).toBeCloseTo(1, 12); // 3,000 active
    expect(lcuOfHour(0, 0, 2, hour)).toBeCloseTo(2, 12); // 2 GB in the hour
    expect(lcuOfHour(45_000, 6000 * hour, 0.1, hour)).toBeCloseTo(2, 12);
    // Half an hour: rates double.
    expect(lcuOfHour(45_000, 0, 0, hour / 2)).toBeCloseTo(1, 12);
  });
});
