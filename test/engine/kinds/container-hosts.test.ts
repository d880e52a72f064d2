import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Result } from '../../../src/engine/result';
import { SimContext } from '../../../src/engine/sim/context';
import { HOST_IDLE, HOST_LAUNCH, HostPool } from '../../../src/engine/kinds/container/host-pool';
import { conserved, run, scenario } from '../helpers';

// EC2 on-demand Linux [EC2-3P]: m5.large $0.096/h, m5.xlarge $0.192/h; EKS $0.10 per cluster-hour
// [EKS-PRICE] (AWS Containers blog, 2024: "$0.10 per cluster per hour").
const M5_LARGE_HOUR = 0.096;
const M5_XLARGE_HOUR = 0.192;
const EKS_HOUR = 0.1;

type Svc = { id: string; label?: string; params: Record<string, unknown> };

/** Clients → ALB → each service (the ALB round-robins; the test traffic is tiny unless given). */
const cluster = (services: Svc[], settings: Record<string, unknown>, ratePerSecond = 0.01) =>
  scenario(
    [
      { id: 'clients', kind: 'producer', params: { traffic: { shape: 'constant', ratePerSecond } } },
      { id: 'alb', kind: 'loadBalancer', params: { overheadMs: 0 } },
      ...services.map((s) => ({ id: s.id, label: s.label, kind: 'container', params: s.params })),
    ],
    [{ source: 'clients', target: 'alb' }, ...services.map((s) => ({ source: 'alb', target: s.id }))],
    settings,
  );

const m = (r: Result, id = 'svc') => r.nodes[id].metrics as Record<string, number>;
const items = (r: Result, id = 'svc') => r.nodes[id].cost.items;
const item = (r: Result, name: RegExp, id = 'svc') => items(r, id).find((i) => name.test(i.name));

const fixedTasks = (n: number, more: Record<string, unknown> = {}) => ({
  vcpu: 1,
  memoryGB: 2,
  tasks: { min: n, max: n },
  instanceType: 'm5.large',
  ...more,
});

describe('container on instances: tasks packed on EC2 instances', () => {
  it('5 tasks of 1 vCPU / 2 GB on m5.large (2 vCPU / 8 GB) need 3 instances, billed per instance-second', () => {
    // By vCPU two tasks fill an instance: 2 + 2 + 1 → 3 instances for the whole hour.
    const r = run(
      cluster([{ id: 'svc', params: fixedTasks(5, { launchType: 'ec2' }) }], { durationSeconds: 3600 }),
    );
    expect(m(r).hostsMax).toBe(3);
    expect(m(r).hostsMean).toBe(3);
    expect(m(r).tasksPerHost).toBeCloseTo(5 / 3, 6);
    // Reserved: 5 of 6 vCPU, 10 of 24 GB; the vCPU is what the tasks use most of → 1/6 idle.
    expect(m(r).idleCapacity).toBeCloseTo(1 / 6, 6);
    expect(item(r, /m5\.large instance-seconds/)!.quantity).toBe(3 * 3600);
    expect(item(r, /^vCPU|^memory/)).toBeUndefined();
    expect(r.nodes.svc.cost.totalUsd).toBeCloseTo(3 * M5_LARGE_HOUR, 9);
    conserved(r);
  });

  it('EKS: the same 3 nodes plus the cluster fee, $0.10 per hour', () => {
    const r = run(
      cluster([{ id: 'svc', params: fixedTasks(5, { launchType: 'eks' }) }], { durationSeconds: 3600 }),
    );
    expect(m(r).hostsMax).toBe(3);
    expect(item(r, /m5\.large instance-seconds/)!.quantity).toBe(3 * 3600);
    expect(item(r, /^EKS cluster default/)!.quantity).toBe(1);
    expect(r.nodes.svc.cost.totalUsd).toBeCloseTo(3 * M5_LARGE_HOUR + EKS_HOUR, 9);
  });

  it('the bill counts the measured window only: 20 of 30 minutes', () => {
    const r = run(
      cluster([{ id: 'svc', params: fixedTasks(5, { launchType: 'eks' }) }], {
        durationSeconds: 1800,
        warmupSeconds: 600,
      }),
    );
    expect(item(r, /instance-seconds/)!.quantity).toBe(3 * 1200);
    expect(item(r, /^EKS cluster/)!.quantity).toBeCloseTo(1200 / 3600, 12);
    expect(r.nodes.svc.cost.totalUsd).toBeCloseTo((1200 / 3600) * (3 * M5_LARGE_HOUR + EKS_HOUR), 9);
  });

  it('a larger instance type holds more tasks: 5 tasks on m5.xlarge (4 vCPU) need 2', () => {
    const r = run(
      cluster([{ id: 'svc', params: fixedTasks(5, { launchType: 'ec2', instanceType: 'm5.xlarge' }) }], {
        durationSeconds: 3600,
      }),
    );
    expect(m(r).hostsMax).toBe(2);
    expect(r.nodes.svc.cost.totalUsd).toBeCloseTo(2 * M5_XLARGE_HOUR, 9);
  });

  it('memory can be what fills an instance: 3 tasks of 0.25 vCPU / 3 GB on m5.large (8 GB) need 2', () => {
    const r = run(
      cluster(
        [
          {
            id: 'svc',
            params: {
              launchType: 'ec2',
              vcpu: 0.25,
              memoryGB: 3,
              tasks: { min: 3, max: 3 },
              instanceType: 'm5.large',
            },
          },
        ],
        { durationSeconds: 600 },
      ),
    );
    expect(m(r).hostsMax).toBe(2);
    // 9 of 16 GB reserved (0.75 of 4 vCPU): memory is the binding share → 7/16 idle.
    expect(m(r).idleCapacity).toBeCloseTo(7 / 16, 6);
  });

  it('services of one cluster share instances; another cluster name gets its own', () => {
    // 0.25 vCPU / 1 GB and 2 vCPU / 4 GB: together 2.25 vCPU and 5 GB, one m5.xlarge.
    const svcs = (renderCluster: string, launchType: string) => [
      {
        id: 'api',
        params: { launchType, vcpu: 0.25, memoryGB: 1, tasks: { min: 1, max: 1 }, instanceType: 'm5.xlarge' },
      },
      {
        id: 'render',
        params: {
          launchType,
          cluster: renderCluster,
          vcpu: 2,
          memoryGB: 4,
          tasks: { min: 1, max: 1 },
          instanceType: 'm5.xlarge',
        },
      },
    ];
    const shared = run(cluster(svcs('default', 'eks'), { durationSeconds: 3600 }));
    expect(m(shared, 'api').hostsMax).toBe(1);
    expect(m(shared, 'render').hostsMax).toBe(1);
    expect(m(shared, 'render').tasksPerHost).toBe(2);
    // The instances and the cluster fee are billed once, on the first service of the cluster.
    expect(shared.nodes.api.cost.totalUsd).toBeCloseTo(M5_XLARGE_HOUR + EKS_HOUR, 9);
    expect(shared.nodes.render.cost.totalUsd).toBe(0);

    const apart = run(cluster(svcs('render-cluster', 'eks'), { durationSeconds: 3600 }));
    expect(apart.nodes.api.cost.totalUsd).toBeCloseTo(M5_XLARGE_HOUR + EKS_HOUR, 9);
    expect(apart.nodes.render.cost.totalUsd).toBeCloseTo(M5_XLARGE_HOUR + EKS_HOUR, 9);

    // ECS on EC2 has no cluster fee.
    const ecs = run(cluster(svcs('default', 'ec2'), { durationSeconds: 3600 }));
    expect(ecs.nodes.api.cost.totalUsd).toBeCloseTo(M5_XLARGE_HOUR, 9);
    expect(ecs.nodes.render.cost.totalUsd).toBe(0);
  });

  it('a new instance starts when no running one has room; the task waits for it', () => {
    // 2 tasks fill one m5.large (1 vCPU each). Constant 1.5 req/s of 1 s on 1 slot per task:
    // 1.5 busy → the 60 s evaluation wants ceil(1.5 / 0.6) = 3 tasks (the max). The third task
    // finds no room at 60 s: its instance launches (billed) 60 s later at 120 s (the capacity
    // alarm) and boots until 180 s; the task then starts up for 10 s and serves from 190 s.
    const r = run(
      cluster(
        [
          {
            id: 'svc',
            params: fixedTasks(2, {
              launchType: 'ec2',
              tasks: { min: 2, max: 3 },
              concurrencyPerTask: 1,
              startupSeconds: 10,
              duration: { dist: 'constant', meanMs: 1000 },
              autoscaling: { scaleOutDelaySeconds: 0, cooldownSeconds: 3600 },
            }),
          },
        ],
        { durationSeconds: 600 },
        1.5,
      ),
      { series: true },
    );
    expect(m(r).maxInstances).toBe(3);
    expect(m(r).hostsMax).toBe(2);
    // 600 s for the first instance, 600 − 120 = 480 s for the second (still running at the end).
    expect(item(r, /instance-seconds/)!.quantity).toBe(1080);
    expect(r.nodes.svc.cost.totalUsd).toBeCloseTo((1080 / 3600) * M5_LARGE_HOUR, 9);
    const s = r.series!;
    const hosts = s['svc.hosts'] as number[];
    const util = s['svc.utilization'] as number[];
    const tasks = s['svc.instances'] as number[];
    const at = (a: number[], sec: number) => a[Math.floor(sec / s.bucketSeconds)];
    const mean = (a: number[], from: number, to: number) => {
      const xs = a.slice(Math.floor(from / s.bucketSeconds), Math.floor(to / s.bucketSeconds));
      return xs.reduce((x, y) => x + y, 0) / xs.length;
    };
    expect(at(tasks, 55)).toBe(2);
    expect(at(tasks, 65)).toBe(3);
    expect(at(hosts, 115)).toBe(1);
    expect(at(hosts, 125)).toBe(2);
    // Serving slots: 2 until 190 s (1.5 busy of 2 = 0.75), 3 after (0.5).
    expect(mean(util, 170, 190)).toBeCloseTo(0.75, 2);
    expect(mean(util, 200, 240)).toBeCloseTo(0.5, 2);
    conserved(r);
  });
});

describe('HostPool: placement, start and stop of instances', () => {
  const ctx = () =>
    new SimContext(
      {
        durationSeconds: 10_000,
        warmupSeconds: 0,
        seed: 1,
        region: 'us-east-1',
        includeFreeTier: true,
        lambdaBillingGranularityMs: 1,
        accountConcurrency: 1000,
        startTime: '2026-01-01T00:00:00Z',
      },
      { series: false, traceSampleRate: 0, maxTraces: 0 },
    );
  const timers = () => {
    const list: { t: number; action: number; host: number }[] = [];
    return {
      list,
      scheduleHost: (t: number, action: number, host: number) => list.push({ t, action, host }),
    };
  };

  it('ECS binpack: a task goes to the instance it fills most; none fits → a new one 60 s + 60 s later', () => {
    const owner = timers();
    const pool = new HostPool(ctx(), 'ec2', 'm5.large', owner);
    const a = pool.place(1, 6, 0, true); // host 0: 1 vCPU, 2 GB left
    const b = pool.place(0.5, 1, 0, true); // fits host 0
    expect([a, b]).toEqual([0, 0]);
    const c = pool.place(1, 2, 100_000, false); // 0.5 vCPU left on host 0: a new instance
    expect(c).toBe(1);
    expect(owner.list).toEqual([{ t: 160_000, action: HOST_LAUNCH, host: 1 }]);
    expect(pool.readyTime(c, 100_000)).toBe(220_000);
    // A task asked for while host 1 starts waits for it too.
    expect(pool.place(0.5, 1, 150_000, false)).toBe(0); // host 0 still has 0.5 vCPU, 1 GB
    expect(pool.place(0.5, 1, 150_000, false)).toBe(1);
    expect(pool.readyTime(1, 150_000)).toBe(220_000);
  });

  it('EKS spreads (LeastAllocated) and asks for nodes after the 10 s scan', () => {
    const owner = timers();
    const pool = new HostPool(ctx(), 'eks', 'm5.large', owner);
    pool.place(2, 2, 0, true); // node 0 full of vCPU
    expect(pool.place(0.5, 1, 0, false)).toBe(1);
    expect(owner.list[0]).toEqual({ t: 10_000, action: HOST_LAUNCH, host: 1 });
    expect(pool.readyTime(1, 0)).toBe(70_000);
    pool.onEvent(HOST_LAUNCH, 1, 10_000);
    const c = pool.place(0.5, 1, 20_000, false); // node 2? no: node 1 has room
    expect(c).toBe(1);
    // Two nodes with room: the emptier one takes the task (binpack would pick the fuller).
    const spreadPool = new HostPool(ctx(), 'eks', 'm5.large', timers());
    const packPool = new HostPool(ctx(), 'ec2', 'm5.large', timers());
    for (const p of [spreadPool, packPool]) {
      p.place(1.5, 1, 0, true); // host 0: 0.5 vCPU left
      p.place(1, 1, 0, true); // host 1: 1 vCPU left
    }
    expect(spreadPool.place(0.5, 1, 0, false)).toBe(1);
    expect(packPool.place(0.5, 1, 0, false)).toBe(0);
  });

  it('an empty instance stops after 15 min on ECS and is billed launch to stop, 60 s minimum', () => {
    const owner = timers();
    const pool = new HostPool(ctx(), 'ec2', 'm5.large', owner);
    const h = pool.place(1, 2, 0, false);
    pool.onEvent(HOST_LAUNCH, h, 60_000);
    pool.release(h, 1, 2, 100_000);
    const idle = owner.list.find((e) => e.action === HOST_IDLE)!;
    expect(idle).toEqual({ t: 1_000_000, action: HOST_IDLE, host: h });
    // A task arrived meanwhile and left again: the first timer finds a newer empty spell.
    pool.place(1, 2, 500_000, false);
    pool.release(h, 1, 2, 600_000);
    pool.onEvent(HOST_IDLE, h, 1_000_000);
    expect(pool.figures(1_000_000).maxInstances).toBe(1);
    pool.onEvent(HOST_IDLE, h, 1_500_000);
    pool.finish(2_000_000);
    // Launched at 60 s, stopped at 1,500 s.
    expect(pool.billedSeconds).toBe(1440);
    // A stopped instance's index is reused.
    expect(pool.place(1, 2, 1_600_000, false)).toBe(h);
  });

  it('EKS: an empty node stops after 10 min; one still up at the end is billed to the end', () => {
    const owner = timers();
    const pool = new HostPool(ctx(), 'eks', 'm5.large', owner);
    const h = pool.place(1, 2, 0, false);
    pool.onEvent(HOST_LAUNCH, h, 10_000);
    pool.release(h, 1, 2, 20_000);
    expect(owner.list.at(-1)).toEqual({ t: 620_000, action: HOST_IDLE, host: h });
    pool.onEvent(HOST_IDLE, h, 620_000);
    expect(pool.billedSeconds).toBe(610);
    const p2 = new HostPool(ctx(), 'eks', 'm5.large', timers());
    const h2 = p2.place(1, 2, 0, true);
    p2.release(h2, 1, 2, 0);
    p2.onEvent(HOST_IDLE, h2, 30_000); // not due yet (600 s): still running
    p2.finish(30_000);
    expect(p2.billedSeconds).toBe(30);
  });
});

describe('container on instances: identical tasks, closed form', () => {
  it('n tasks need ceil(n / k) instances, k = how many fit one instance by vCPU and by memory', () => {
    const TYPES = {
      't3.small': [2, 2, 0.0208],
      'm5.large': [2, 8, 0.096],
      'm5.xlarge': [4, 16, 0.192],
    } as const;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.constantFrom([0.25, 0.5], [0.25, 2], [0.5, 1], [1, 2], [1, 4], [2, 4]),
        fc.constantFrom(...(Object.keys(TYPES) as (keyof typeof TYPES)[])),
        fc.constantFrom('ec2', 'eks'),
        (n, [vcpu, memoryGB], type, launchType) => {
          const [tv, tm, usdHour] = TYPES[type];
          const k = Math.min(Math.floor(tv / vcpu), Math.floor(tm / memoryGB));
          fc.pre(k >= 1);
          const r = run(
            cluster(
              [
                {
                  id: 'svc',
                  params: { launchType, instanceType: type, vcpu, memoryGB, tasks: { min: n, max: n } },
                },
              ],
              { durationSeconds: 600 },
            ),
          );
          const hosts = Math.ceil(n / k);
          expect(m(r).hostsMax).toBe(hosts);
          expect(m(r).tasksPerHost).toBeCloseTo(n / hosts, 5);
          const fee = launchType === 'eks' ? EKS_HOUR : 0;
          expect(r.nodes.svc.cost.totalUsd).toBeCloseTo((600 / 3600) * (hosts * usdHour + fee), 9);
        },
      ),
      { numRuns: 60, seed: 7 },
    );
  });
});
