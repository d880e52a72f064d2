import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Result } from '../../src/engine/result';
import { simulate } from '../../src/engine/simulate';

/**
 * The templates of S3 → EventBridge, logs and traces on the bill, and ECS on EC2: every figure
 * their notes and lessons state, checked against a run of the template as shipped (or with the
 * change a "Try" suggests).
 */
type Doc = {
  settings: { warmupSeconds?: number };
  nodes: { id: string; params: Record<string, unknown> }[];
  notes: string;
  lesson: { steps: { answer: string }[] };
};
const load = (name: string): Doc =>
  JSON.parse(readFileSync(join(import.meta.dirname, '../../src/templates', `${name}.json`), 'utf8'));

const runs = new Map<string, Result>();
function runOf(name: string, variant = '', change: (d: Doc) => void = () => {}, series = false): Result {
  const key = `${name}:${variant}:${series}`;
  if (!runs.has(key)) {
    const d = load(name);
    change(d);
    runs.set(key, simulate(d, { series }));
  }
  return runs.get(key)!;
}
const m = (r: Result, id: string) => r.nodes[id].metrics as Record<string, number>;
const line = (r: Result, id: string, name: string) =>
  r.nodes[id].cost.items.find((i) => i.name.startsWith(name))!;
/** A run's dollars scaled to a 30-day month (the bill's own scaling). */
const monthly = (name: string, r: Result, usd: number) =>
  (usd / (r.simulatedSeconds - (load(name).settings.warmupSeconds ?? 0))) * 30 * 86400;
const param = (d: Doc, id: string) => d.nodes.find((n) => n.id === id)!.params;
const text = (name: string) =>
  `${load(name).notes}\n${load(name)
    .lesson.steps.map((s) => s.answer)
    .join('\n')}`;

describe('S3 events on the default bus (s3-eventbridge)', () => {
  const name = 's3-eventbridge';
  it("bills only the order service's events, about $5 a month; none of the bucket's", () => {
    const r = runOf(name);
    const events = line(r, 'bus', 'custom events');
    expect(m(r, 'photos').eventBridgeEvents).toBeGreaterThan(2000);
    expect(m(r, 'bus').putEvents).toBe(m(r, 'photos').eventBridgeEvents + m(r, 'orders').requests);
    expect(events.quantity).toBe(m(r, 'orders').requests);
    expect(r.nodes.bus.cost.totalUsd).toBeCloseTo(m(r, 'orders').requests * 1e-6, 12);
    expect(monthly(name, r, r.nodes.bus.cost.totalUsd)).toBeGreaterThan(4.5);
    expect(monthly(name, r, r.nodes.bus.cost.totalUsd)).toBeLessThan(5.5);
    expect(text(name)).toMatch(/about \$5 a month/);
  });

  it('each rule gets what its pattern matches; the audit queue gets every event', () => {
    const r = runOf(name);
    expect(m(r, 'thumbs').invocations).toBe(m(r, 'photos').eventBridgeEvents);
    expect(m(r, 'confirm').invocations).toBe(m(r, 'orders').requests);
    expect(m(r, 'audit').sent).toBe(m(r, 'bus').putEvents);
  });

  it('the Try: a custom bus is refused, naming the default bus', () => {
    const d = load(name);
    param(d, 'bus').busType = 'custom';
    expect(() => simulate(d)).toThrow(/S3 sends its events only to the account's default bus/);
  });
});

describe('What logs and traces cost (observability-costs)', () => {
  const name = 'observability-costs';
  it('the logs cost more than the function: about $120 a month ingested, under $40 for requests and compute', () => {
    const r = runOf(name);
    const logs = monthly(name, r, line(r, 'handler', 'CloudWatch Logs ingested').usd);
    const fn =
      monthly(name, r, line(r, 'handler', 'requests').usd) +
      monthly(name, r, line(r, 'handler', 'compute').usd);
    expect(logs).toBeGreaterThan(110);
    expect(logs).toBeLessThan(130);
    expect(fn).toBeLessThan(40);
    expect(fn).toBeGreaterThan(20);
  });

  it('logs kept forever: the month one year in, about $13', () => {
    const r = runOf(name);
    const stored = line(r, 'handler', 'CloudWatch Logs stored');
    expect(stored.name).toMatch(/never expire/);
    expect(monthly(name, r, stored.usd)).toBeGreaterThan(12);
    expect(monthly(name, r, stored.usd)).toBeLessThan(14);
  });

  it('X-Ray: about 3.5 traces a second, about $46 a month, billed once by the API', () => {
    const r = runOf(name);
    const traces = line(r, 'api', 'X-Ray traces recorded');
    const measured = r.simulatedSeconds - (load(name).settings.warmupSeconds ?? 0);
    expect(traces.quantity / measured).toBeGreaterThan(3.2);
    expect(traces.quantity / measured).toBeLessThan(3.8);
    expect(monthly(name, r, traces.usd)).toBeGreaterThan(42);
    expect(monthly(name, r, traces.usd)).toBeLessThan(50);
    expect(line(r, 'handler', 'X-Ray traces recorded').quantity).toBe(0);
  });

  it('the Try: 30 days of retention stores about $1; 352 bytes ingest about $21', () => {
    const kept = runOf(name, '30d', (d) => (param(d, 'handler').logRetentionDays = 30));
    const stored = monthly(name, kept, line(kept, 'handler', 'CloudWatch Logs stored').usd);
    expect(stored).toBeGreaterThan(0.8);
    expect(stored).toBeLessThan(1.3);
    const small = runOf(name, '352', (d) => (param(d, 'handler').logBytesPerInvocation = 352));
    const ingested = monthly(name, small, line(small, 'handler', 'CloudWatch Logs ingested').usd);
    expect(ingested).toBeGreaterThan(19);
    expect(ingested).toBeLessThan(23);
  });
});

describe('ECS on EC2: tasks packed on instances (ecs-on-ec2)', () => {
  const name = 'ecs-on-ec2';
  it('the 2 tasks of the start share one instance, before the spike at 10 minutes', () => {
    const r = runOf(name, '', () => {}, true);
    const s = r.series!;
    const before = s.t.map((t, i) => [t, i] as const).filter(([t]) => t > 120 && t < 600);
    expect(before.length).toBeGreaterThan(0);
    for (const [, i] of before) {
      expect((s['web.instances'] as number[])[i]).toBeCloseTo(2, 6);
      expect((s['web.hosts'] as number[])[i]).toBeCloseTo(1, 6);
    }
  });

  it('at the peak 6 tasks on 3 instances; about 5,500 requests refused while they start; about 23 % idle', () => {
    const r = runOf(name);
    const w = m(r, 'web');
    expect(w.maxInstances).toBe(6);
    expect(w.hostsMax).toBe(3);
    expect(w.rejected).toBeGreaterThan(4500);
    expect(w.rejected).toBeLessThan(6500);
    expect(m(r, 'alb').throttled).toBe(w.rejected);
    expect(w.idleCapacity).toBeGreaterThan(0.2);
    expect(w.idleCapacity).toBeLessThan(0.26);
    // Billed per instance-second, no ECS fee: the service's whole bill is its instances.
    expect(r.nodes.web.cost.items.map((i) => i.name)).toEqual([
      expect.stringMatching(/^m5\.large instance-seconds/),
    ]);
  });

  it('the Try: on Fargate no request waits for an instance', () => {
    const r = runOf(name, 'fargate', (d) => (param(d, 'web').launchType = 'fargate'));
    expect(m(r, 'web').rejected).toBeLessThan(m(runOf(name), 'web').rejected);
  });
});
