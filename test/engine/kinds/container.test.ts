import { describe, expect, it } from 'vitest';
import type { Result } from '../../../src/engine/result';
import { conserved, erlangC, run, scenario } from '../helpers';

const service = (
  container: Record<string, unknown>,
  traffic: Record<string, unknown>,
  settings: Record<string, unknown> = {},
) =>
  scenario(
    [
      { id: 'clients', kind: 'producer', params: { traffic } },
      { id: 'alb', kind: 'loadBalancer', params: { overheadMs: 0 } },
      { id: 'svc', kind: 'container', params: container },
    ],
    [
      { source: 'clients', target: 'alb' },
      { source: 'alb', target: 'svc' },
    ],
    settings,
  );

const m = (r: Result, id = 'svc') => r.nodes[id].metrics as Record<string, number>;
const item = (r: Result, name: RegExp) => r.nodes.svc.cost.items.find((i) => name.test(i.name))!;

// Fargate x86: $0.04048 per vCPU-hour, $0.004445 per GB-hour [FG-VANTAGE].
const VCPU_HOUR = 0.04048;
const GB_HOUR = 0.004445;

describe('container (Fargate): billing per task-second with the one-minute minimum', () => {
  // A service scaled to zero; one request arrives at 500 s (constant traffic, 1 per 1,000 s).
  // The 540 s evaluation sees the arrival and starts a task: launched (billed) at 540 + 30 =
  // 570 s, serving after startupSeconds = 15 at 585 s.
  const zeroToOne = (requestTimeoutMs: number) =>
    run(
      service(
        {
          vcpu: 1,
          memoryGB: 2,
          tasks: { min: 0, max: 1 },
          startupSeconds: 15,
          concurrencyPerTask: 1,
          autoscaling: { scaleOutDelaySeconds: 30, cooldownSeconds: 0 },
          duration: { dist: 'constant', meanMs: 1000 },
          requestTimeoutMs,
        },
        { shape: 'constant', ratePerSecond: 0.001 },
        { durationSeconds: 1000 },
      ),
    );

  it('a task that ran 30 s is billed 60 s', () => {
    // Timeout 10 s: the request gives up at 510 s (504). At 600 s the last minute had no work,
    // so the task stops after 30 s of life.
    const r = zeroToOne(10_000);
    expect(m(r).requests).toBe(1);
    expect(m(r).timeouts).toBe(1);
    expect(r.totals.failed).toBe(1);
    expect(item(r, /^vCPU/).quantity).toBe(60);
    expect(item(r, /^memory/).quantity).toBe(120);
    expect(r.nodes.svc.cost.totalUsd).toBeCloseTo((60 / 3600) * VCPU_HOUR + (120 / 3600) * GB_HOUR, 12);
    expect(m(r).maxInstances).toBe(1);
    conserved(r);
  });

  it('a task that ran 90 s is billed 90 s, not rounded to minutes', () => {
    // Timeout 120 s: the task serves the request 585–586 s (86 s after it arrived); the 600 s
    // evaluation sees that second of work and keeps the task; 660 s sees none and stops it:
    // 570 → 660 s.
    const r = zeroToOne(120_000);
    expect(m(r).timeouts).toBe(0);
    expect(r.totals.completed).toBe(1);
    expect(m(r).latencyMs).toMatchObject({ max: 86_000 });
    expect(item(r, /^vCPU/).quantity).toBe(90);
    expect(item(r, /^memory/).quantity).toBe(180);
    conserved(r);
  });

  it('arm64 tasks bill on the Graviton meters at $0.03238 per vCPU-hour and $0.00356 per GB-hour', () => {
    const r = run(
      service(
        { vcpu: 2, memoryGB: 4, architecture: 'arm64', tasks: { min: 3, max: 3 } },
        { shape: 'constant', ratePerSecond: 1 },
        { durationSeconds: 3600 },
      ),
    );
    expect(item(r, /^vCPU/).quantity).toBe(3 * 2 * 3600);
    expect(item(r, /^memory/).quantity).toBe(3 * 4 * 3600);
    expect(r.nodes.svc.cost.totalUsd).toBeCloseTo(3 * (2 * 0.03238 + 4 * 0.00356), 9);
  });
});

describe('container: a sync callee like the server', () => {
  it('M/M/c with c = tasks × concurrencyPerTask: mean wait matches Erlang C', () => {
    // 3 tasks × 1 slot, μ = 5/s (200 ms), λ = 12/s: a = 2.4, ρ = 0.8.
    const r = run(
      service(
        {
          tasks: { min: 3, max: 3 },
          concurrencyPerTask: 1,
          duration: { dist: 'exponential', meanMs: 200 },
          queueLimit: 1_000_000,
          requestTimeoutMs: 3_600_000,
        },
        { shape: 'poisson', ratePerSecond: 12 },
        { durationSeconds: 20000, warmupSeconds: 500 },
      ),
    );
    const wqMs = (erlangC(3, 2.4) / (3 * 5 - 12)) * 1000; // 215.7 ms
    const waitMs = (m(r).latencyMs as unknown as { mean: number }).mean - 200;
    expect(waitMs).toBeGreaterThan(wqMs * 0.92);
    expect(waitMs).toBeLessThan(wqMs * 1.08);
    expect(m(r).meanUtilization).toBeGreaterThan(0.78);
    expect(m(r).meanUtilization).toBeLessThan(0.82);
    conserved(r);
  });

  it('scale-out waits for the alarm delay, then startupSeconds before the task serves', () => {
    const r = run(
      service(
        {
          tasks: { min: 1, max: 4 },
          concurrencyPerTask: 10,
          startupSeconds: 45,
          autoscaling: { targetUtilization: 0.5, scaleOutDelaySeconds: 60, cooldownSeconds: 3600 },
          duration: { dist: 'constant', meanMs: 100 },
        },
        // 80/s × 100 ms = 8 busy slots from 300 s on: desired ceil(8 / 5) = 2 at the 360 s evaluation.
        { shape: 'spike', ratePerSecond: 1, peakRatePerSecond: 80, atSeconds: 300, lengthSeconds: 3000 },
        { durationSeconds: 900 },
      ),
      { series: true },
    );
    const s = r.series!;
    const inst = s['svc.instances'] as number[];
    const util = s['svc.utilization'] as number[];
    const at = (a: number[], sec: number) => a[Math.floor(sec / s.bucketSeconds)];
    // Decided at 360 s, launched (billed) at 420 s, serving at 465 s.
    expect(at(inst, 415)).toBe(1);
    expect(at(inst, 425)).toBe(2);
    // Utilization counts serving tasks only: ~0.8 on one task until 465 s, ~0.4 on two after.
    expect(at(util, 450)).toBeGreaterThan(0.7);
    expect(at(util, 480)).toBeLessThan(0.5);
    expect(m(r).maxInstances).toBe(2);
    conserved(r);
  });
});

describe('container: a queue worker', () => {
  it('takes batches only while it has free slots: workerCapacity = tasks × concurrencyPerTask − busy', () => {
    const r = run(
      scenario(
        [
          { id: 'clients', kind: 'producer', params: { traffic: { shape: 'constant', ratePerSecond: 20 } } },
          { id: 'jobs', kind: 'queue' },
          {
            id: 'svc',
            kind: 'container',
            params: {
              tasks: { min: 2, max: 2 },
              concurrencyPerTask: 2,
              duration: { dist: 'constant', meanMs: 500 },
            },
          },
        ],
        [
          { source: 'clients', target: 'jobs' },
          { source: 'jobs', target: 'svc', params: { batchSize: 1 } },
        ],
        { durationSeconds: 600 },
      ),
    );
    // 4 slots × 2 batches/s each = 8 batches/s < 20 messages/s: the worker is the bottleneck,
    // never over-committed (no wait in its own queue, nothing rejected).
    expect(m(r).maxQueue).toBe(0);
    expect(m(r).rejected).toBe(0);
    expect(m(r).meanUtilization).toBeGreaterThan(0.95);
    expect(m(r).requests).toBeGreaterThan(8 * 600 * 0.97);
    expect(m(r).requests).toBeLessThanOrEqual(8 * 600);
    conserved(r);
  });
});
