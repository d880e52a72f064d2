import { describe, expect, it } from 'vitest';
import type { Result } from '../../../src/engine/result';
import { billedLifeSeconds } from '../../../src/engine/kinds/server/fleet';
import { fitWarning, smallestFittingInstance } from '../../../src/engine/kinds/server/instance-types';
import { serverCatalog } from '../../../src/engine/kinds/server/catalog';
import { serverParams } from '../../../src/engine/kinds/server/schema';
import { conserved, erlangC, run, scenario } from '../helpers';

/** clients → ALB (no overhead) → server, plus optional extra nodes and edges. */
const farm = (
  server: Record<string, unknown>,
  traffic: Record<string, unknown>,
  settings: Record<string, unknown> = {},
  extra: {
    nodes?: { id: string; kind: string; params?: Record<string, unknown> }[];
    edges?: { source: string; target: string; params?: Record<string, unknown> }[];
  } = {},
) =>
  scenario(
    [
      { id: 'clients', kind: 'producer', params: { traffic } },
      { id: 'alb', kind: 'loadBalancer', params: { overheadMs: 0 } },
      { id: 'srv', kind: 'server', params: server },
      ...(extra.nodes ?? []),
    ],
    [{ source: 'clients', target: 'alb' }, { source: 'alb', target: 'srv' }, ...(extra.edges ?? [])],
    settings,
  );

const m = (r: Result, id = 'srv') => r.nodes[id].metrics as Record<string, number>;
const lat = (r: Result, id = 'srv') =>
  r.nodes[id].metrics.latencyMs as { mean: number; p95: number; max: number };

const NO_LIMITS = { queueLimit: 1_000_000, requestTimeoutMs: 3_600_000 };

describe('server: queueing closed forms', () => {
  it('M/M/c: mean wait matches Erlang C (c = instances × concurrencyPerInstance)', () => {
    // 2 instances × 2 slots = 4 servers, μ = 10/s (100 ms exponential), λ = 32/s: a = 3.2, ρ = 0.8.
    const lambda = 32;
    const mu = 10;
    const c = 4;
    const r = run(
      farm(
        {
          instances: { min: 2, max: 2 },
          concurrencyPerInstance: 2,
          duration: { dist: 'exponential', meanMs: 100 },
          ...NO_LIMITS,
        },
        { shape: 'poisson', ratePerSecond: lambda },
        { durationSeconds: 8000, warmupSeconds: 200 },
      ),
    );
    const wq = erlangC(c, lambda / mu) / (c * mu - lambda); // seconds
    expect(erlangC(c, 3.2)).toBeCloseTo(0.5965, 3);
    const waitMs = lat(r).mean - 100;
    // ~250k requests at ρ = 0.8: the sample mean wait is within a few % of 74.6 ms.
    expect(waitMs).toBeGreaterThan(wq * 1000 * 0.93);
    expect(waitMs).toBeLessThan(wq * 1000 * 1.07);
    expect(m(r).meanUtilization).toBeGreaterThan(0.79);
    expect(m(r).meanUtilization).toBeLessThan(0.81);
    expect(m(r).meanInstances).toBe(2);
    expect(m(r).maxInstances).toBe(2);
    expect(m(r).rejected).toBe(0);
    // The ALB adds nothing here: its latency is the server's.
    expect(lat(r, 'alb').mean).toBeCloseTo(lat(r).mean, 6);
    conserved(r);
  });

  it('M/M/1: mean time in system is 1/(μ − λ)', () => {
    const r = run(
      farm(
        {
          instances: { min: 1, max: 1 },
          concurrencyPerInstance: 1,
          duration: { dist: 'exponential', meanMs: 100 },
          ...NO_LIMITS,
        },
        { shape: 'poisson', ratePerSecond: 7 },
        { durationSeconds: 20000 },
      ),
    );
    const expectedMs = 1000 / (10 - 7); // 333.3 ms
    expect(lat(r).mean).toBeGreaterThan(expectedMs * 0.95);
    expect(lat(r).mean).toBeLessThan(expectedMs * 1.05);
    expect(m(r).meanUtilization).toBeGreaterThan(0.69);
    expect(m(r).meanUtilization).toBeLessThan(0.71);
    conserved(r);
  });

  it('M/M/1/K: the queue limit rejects (503) the blocking fraction (1−ρ)ρ^K / (1−ρ^(K+1))', () => {
    // One slot plus 4 places to wait: K = 5, ρ = 0.9.
    const r = run(
      farm(
        {
          instances: { min: 1, max: 1 },
          concurrencyPerInstance: 1,
          duration: { dist: 'exponential', meanMs: 100 },
          queueLimit: 4,
          requestTimeoutMs: 3_600_000,
        },
        { shape: 'poisson', ratePerSecond: 9 },
        { durationSeconds: 20000 },
      ),
    );
    const rho = 0.9;
    const K = 5;
    const expected = ((1 - rho) * rho ** K) / (1 - rho ** (K + 1)); // 0.1260
    const blocked = m(r).rejected / m(r).requests;
    expect(Math.abs(blocked - expected)).toBeLessThan(0.006);
    expect(m(r).maxQueue).toBe(4);
    // A 503 is a failed request; the ALB reports it as throttled by the target.
    expect(r.totals.failed).toBe(m(r).rejected);
    expect((r.nodes.alb.metrics as Record<string, number>).throttled).toBe(m(r).rejected);
    conserved(r);
  });

  it('a request not answered within requestTimeoutMs gets 504 at the timeout', () => {
    const r = run(
      farm(
        { duration: { dist: 'constant', meanMs: 1500 }, requestTimeoutMs: 1000 },
        { shape: 'constant', ratePerSecond: 0.1 },
        { durationSeconds: 600 },
      ),
    );
    expect(m(r).requests).toBe(60);
    expect(m(r).timeouts).toBe(60);
    expect(lat(r).max).toBeCloseTo(1000, 6);
    expect(r.totals.failed).toBe(60);
    conserved(r);
  });

  it('waiting requests past their deadline time out in the queue, one timer for the queue', () => {
    // One slot busy 10 s per request, arrivals every 2 s, timeout 5 s: every other arrival
    // waits; those that cannot start within 5 s get 504 at arrival + 5 s.
    const r = run(
      farm(
        {
          instances: { min: 1, max: 1 },
          concurrencyPerInstance: 1,
          duration: { dist: 'constant', meanMs: 10000 },
          requestTimeoutMs: 5000,
          queueLimit: 100,
        },
        { shape: 'constant', ratePerSecond: 0.5 },
        { durationSeconds: 600 },
      ),
    );
    const x = m(r);
    expect(x.requests).toBe(300);
    // Each request served holds the slot 10 s and comes back as 504 (10 s > 5 s); during it 5 arrivals wait and expire.
    expect(x.timeouts).toBeGreaterThan(290);
    expect(lat(r).max).toBeCloseTo(5000, 6);
    expect(x.maxQueue).toBeLessThanOrEqual(3);
    conserved(r);
  });
});

describe('server: target-tracking autoscaling', () => {
  // Base 10 requests/s × 100 ms = 1 busy slot; from 600 s to 1200 s, 200/s = 20 busy slots.
  const step = () =>
    run(
      farm(
        {
          instances: { min: 1, max: 10 },
          autoscaling: { targetUtilization: 0.6, scaleOutDelaySeconds: 120, cooldownSeconds: 900 },
          concurrencyPerInstance: 10,
          duration: { dist: 'constant', meanMs: 100 },
        },
        { shape: 'spike', ratePerSecond: 10, peakRatePerSecond: 200, atSeconds: 600, lengthSeconds: 600 },
        { durationSeconds: 2400 },
      ),
      { series: true },
    );

  it('scales out after the delay and in after the cooldown, evaluating once a minute', () => {
    const r = step();
    const s = r.series!;
    const inst = s['srv.instances'] as number[];
    const at = (sec: number) => inst[Math.floor(sec / s.bucketSeconds)];
    // 660 s: the first full minute of the spike saturates the one instance (10 busy of 10):
    // desired = ceil(10 / (10 × 0.6)) = 2. The delay is 120 s, of which the last 60 s are
    // the boot (billed): launched at 720, serving at 780.
    expect(at(700)).toBe(1);
    expect(at(730)).toBe(2);
    // 840 s: two instances serve 20 busy slots: desired ceil(20 / 6) = 4, launched at 900.
    expect(at(890)).toBe(2);
    expect(at(910)).toBe(4);
    // The spike ends at 1200 s; scale-in waits for the cooldown: 840 + 900 = 1740 s.
    expect(at(1730)).toBe(4);
    expect(at(1750)).toBe(1);
    expect(m(r).maxInstances).toBe(4);
    // Overloaded until the new instances serve: the queue fills and rejects.
    expect(m(r).maxQueue).toBe(100);
    expect(m(r).rejected).toBeGreaterThan(0);
    expect(r.totals.failed).toBe(m(r).rejected);
    // Time-weighted: 1 × 720 + 2 × 180 + 4 × 840 + 1 × 660 = 5,100 instance-seconds over 2,400 s.
    expect(m(r).meanInstances).toBeCloseTo(5100 / 2400, 3);
    // Every instance-second is billed, busy or idle: 5,100 × $0.096/h (m5.large).
    expect(r.nodes.srv.cost.items[0].quantity).toBeCloseTo(5100, 6);
    expect(r.nodes.srv.cost.totalUsd).toBeCloseTo((5100 / 3600) * 0.096, 9);
    const u = s['srv.utilization'] as number[];
    expect(u[Math.floor(1000 / s.bucketSeconds)]).toBeCloseTo(20 / 40, 1);
    expect((s['srv.queue'] as number[]).length).toBe(inst.length);
    expect(Math.max(...(s['srv.requests'] as number[]))).toBeGreaterThan(150);
    conserved(r);
  });

  it('fixed fleets (min = max) schedule no evaluation events', () => {
    const fixed = run(
      farm(
        { instances: { min: 3, max: 3 }, duration: { dist: 'constant', meanMs: 10 } },
        { shape: 'constant', ratePerSecond: 1 },
        { durationSeconds: 3600 },
      ),
    );
    // 3,600 arrivals, each one ALB pass and one server completion: no per-minute ticks.
    expect(fixed.engine.events).toBe(3600 * 2);
    expect(m(fixed).meanInstances).toBe(3);
  });
});

describe('server: bills', () => {
  it('one m5.large for 30 days = 720 h × $0.096 = $69.12', () => {
    const r = run(
      farm(
        {
          instanceType: 'm5.large',
          instances: { min: 1, max: 1 },
          duration: { dist: 'constant', meanMs: 50 },
        },
        { shape: 'constant', ratePerSecond: 0.001 },
        { durationSeconds: 30 * 86400 },
      ),
    );
    expect(r.nodes.srv.cost.items[0].quantity).toBe(30 * 86400);
    expect(r.nodes.srv.cost.totalUsd).toBeCloseTo(720 * 0.096, 9);
    expect(r.nodes.srv.cost.monthlyUsd).toBeCloseTo(69.12, 9);
    conserved(r);
  });

  it('an instance launched and stopped inside the window is billed per second, at least 60 s', () => {
    expect(billedLifeSeconds(1000, 21_000, 0, false)).toBe(60);
    expect(billedLifeSeconds(1000, 91_400, 0, false)).toBe(91);
    // Up at the end of the run, or started before the window: the window's part, unrounded.
    expect(billedLifeSeconds(1000, 21_000, 0, true)).toBe(20);
    expect(billedLifeSeconds(0, 100_000, 50_000, false)).toBe(50);
    expect(billedLifeSeconds(0, 40_000, 50_000, false)).toBe(0);
  });

  it('after the warm-up only the measured window is billed; maxInstances sees a fleet that never changed', () => {
    const r = run(
      farm(
        { instanceType: 't3.micro', instances: { min: 2, max: 2 } },
        { shape: 'constant', ratePerSecond: 1 },
        { durationSeconds: 3600, warmupSeconds: 600 },
      ),
    );
    expect(r.nodes.srv.cost.items[0].quantity).toBeCloseTo(2 * 3000, 6);
    expect(m(r).maxInstances).toBe(2);
    expect(m(r).requests).toBe(3000);
  });
});

describe('server: sends after each handled request', () => {
  it('perRequest puts per OK request, none for a 503', () => {
    const r = run(
      farm(
        {
          instances: { min: 1, max: 1 },
          concurrencyPerInstance: 1,
          duration: { dist: 'constant', meanMs: 100 },
          queueLimit: 0,
        },
        { shape: 'poisson', ratePerSecond: 5 },
        { durationSeconds: 2000 },
        {
          nodes: [{ id: 'files', kind: 'bucket' }],
          edges: [{ source: 'srv', target: 'files', params: { perRequest: 2 } }],
        },
      ),
    );
    // Answered OK: all but the 503s and the one still in service at the end.
    const ok = m(r).requests - m(r).rejected - r.totals.inFlight;
    expect(m(r).rejected).toBeGreaterThan(0);
    expect((r.nodes.files.metrics as Record<string, number>).puts).toBe(2 * ok);
    conserved(r);
  });
});

describe('server: the monolith lesson', () => {
  // The seed notes: A and B need 1 GB each, C 4 GB; B needs 10 GB of disk, A 5 GB, C 2 GB.
  const seed = [
    { name: 'A', vcpu: 0.25, memoryGB: 1, storageGB: 5 },
    { name: 'B', vcpu: 0.25, memoryGB: 1, storageGB: 10 },
    { name: 'C', vcpu: 2, memoryGB: 4, storageGB: 2 },
  ];

  it('smallestFittingInstance: the cheapest type meeting the largest need of each kind at once', () => {
    // ≥ 2 vCPU, ≥ 4 GB (C's memory), ≥ 10 GB disk (B's): t3.medium at $0.0416/h beats c5.large at $0.085/h.
    expect(smallestFittingInstance(seed)).toBe('t3.medium');
    // Without C, 1 GB is enough: t3.micro.
    expect(smallestFittingInstance(seed.slice(0, 2))).toBe('t3.micro');
    // 6 GB: m7g.large ($0.0816/h) is cheaper than m5.large ($0.096/h).
    expect(smallestFittingInstance([{ vcpu: 1, memoryGB: 6 }])).toBe('m7g.large');
    expect(smallestFittingInstance([{ vcpu: 3, memoryGB: 1 }])).toBe('m5.xlarge');
    expect(smallestFittingInstance([{ vcpu: 1, memoryGB: 32 }])).toBeUndefined();
    expect(smallestFittingInstance([])).toBe('t3.micro');
  });

  it('fitWarning names the need and the cheapest type that fits', () => {
    expect(fitWarning('t3.small', seed)).toBe(
      "one instance must hold every component's largest need at once (2 vCPU, 4 GB memory and 10 GB disk), but t3.small has 2 vCPU and 2 GB; the cheapest that fits is t3.medium (2 vCPU, 4 GB, 0.0416 USD/h)",
    );
    expect(fitWarning('c5.large', seed)).toBeNull();
    expect(fitWarning('m5.xlarge', [{ vcpu: 8, memoryGB: 1 }])).toMatch(
      /no listed instance type is big enough: split the monolith into tiers$/,
    );
  });

  it('the summary shows the fit, and a run too small for its components warns once', () => {
    const small = serverParams.parse({ instanceType: 't3.small', components: seed });
    expect(serverCatalog.summary(small)).toBe(
      't3.small × 1–4 · 10 at once · 3 components: too small, needs t3.medium (2 vCPU / 4 GB)',
    );
    expect(serverCatalog.summary(serverParams.parse({ instanceType: 'c5.large', components: seed }))).toBe(
      'c5.large × 1–4 · 10 at once · 3 components, smallest fit t3.medium',
    );
    const r = run(
      farm(
        { instanceType: 't3.small', components: seed },
        { shape: 'constant', ratePerSecond: 1 },
        { durationSeconds: 60 },
      ),
    );
    // Said once, though validation and the server's runtime both notice it.
    const node = r.nodes.srv;
    expect(r.warnings.filter((w) => w.endsWith(fitWarning('t3.small', seed)!))).toEqual([
      `${node.label}: ${fitWarning('t3.small', seed)}`,
    ]);
  });
});

describe('server: request time by event type (a monolith serving several kinds of request)', () => {
  it('durationByType applies to its types, duration to the others', () => {
    const r = run(
      scenario(
        [
          {
            id: 'clients',
            kind: 'producer',
            params: {
              traffic: { shape: 'poisson', ratePerSecond: 10 },
              eventTypes: [
                { name: 'light', weight: 3 },
                { name: 'heavy', weight: 1 },
              ],
            },
          },
          { id: 'alb', kind: 'loadBalancer', params: { overheadMs: 0 } },
          {
            id: 'srv',
            kind: 'server',
            params: {
              concurrencyPerInstance: 100,
              duration: { dist: 'constant', meanMs: 20 },
              durationByType: [{ type: 'heavy', duration: { dist: 'constant', meanMs: 820 } }],
            },
          },
        ],
        [
          { source: 'clients', target: 'alb' },
          { source: 'alb', target: 'srv' },
        ],
        { durationSeconds: 4000 },
      ),
    );
    // No waiting (100 slots): mean = ¾ × 20 + ¼ × 820 = 220 ms, up to the sampling of the mix.
    expect(lat(r).mean).toBeGreaterThan(210);
    expect(lat(r).mean).toBeLessThan(230);
    expect(lat(r).max).toBeCloseTo(820, 6);
    expect(m(r).meanUtilization * 100).toBeCloseTo(10 * 0.22, 0);
    conserved(r);
  });
});

describe('server: scaling churn', () => {
  it('scale-in drains busy instances while a new scale-out launches; every request is accounted for', () => {
    // Long requests (mean 20 s) and traffic swinging every 5 minutes, no cooldown: instances
    // retired while busy keep draining when the next scale-out comes.
    const r = run(
      farm(
        {
          instances: { min: 1, max: 5 },
          autoscaling: { targetUtilization: 0.5, scaleOutDelaySeconds: 60, cooldownSeconds: 0 },
          concurrencyPerInstance: 10,
          duration: { dist: 'lognormal', meanMs: 20000, p99Ms: 120000 },
          queueLimit: 50,
          requestTimeoutMs: 90000,
        },
        { shape: 'diurnal', ratePerSecond: 0.2, peakRatePerSecond: 4, periodSeconds: 300 },
        { durationSeconds: 7200 },
      ),
      { series: true },
    );
    const inst = r.series!['srv.instances'] as number[];
    expect(Math.max(...inst)).toBeGreaterThan(2);
    // Draining instances still run (and bill) beside up to max active ones: here 6 at times.
    expect(m(r).maxInstances).toBeGreaterThan(5);
    expect(m(r).maxInstances).toBeLessThanOrEqual(10);
    expect(m(r).timeouts + m(r).rejected).toBeGreaterThan(0);
    expect(r.totals.failed).toBe(m(r).timeouts + m(r).rejected);
    conserved(r);
  });
});
