import { expect } from 'vitest';
import { CLOUDWATCH_LOGS, EKS, EVENTBRIDGE, SQS, XRAY } from '../../src/engine/billing/prices';
import { LAUNCH_WAIT_SECONDS } from '../../src/engine/kinds/container/host-pool';
import { INSTANCE_TYPES } from '../../src/engine/kinds/server/instance-types';
import { EC2_BOOT_SECONDS } from '../../src/engine/kinds/server/runtime';
import type { Result } from '../../src/engine/result';
import { between, type Claim, type Doc, load, m, runOf } from './lesson-claims-runs';

/**
 * The numbers of the three service templates (S3 → EventBridge, logs and traces on the bill,
 * ECS on EC2), each quoted from the template's words and checked against a run of the template as
 * shipped (or with the change a "Try" suggests), the settings or the price constants. The
 * inventory test of lesson-numbers.test.ts counts these quotes with its own.
 */
export const node = (d: Doc, id: string) => d.nodes.find((n: Doc) => n.id === id);
const params = (name: string, id: string) => node(load(name), id).params;
export const line = (r: Result, id: string, name: string) =>
  r.nodes[id].cost.items.find((i) => i.name.startsWith(name))!;
/** A run's dollars scaled to the bill's 30-day month. */
const monthly = (name: string, r: Result, usd: number) =>
  (usd / (r.simulatedSeconds - (load(name).settings.warmupSeconds ?? 0))) * 30 * 86400;
const perMillion = (rate: { usd: number; per: number }) => (rate.usd / rate.per) * 1e6;
const withSeries = (name: string) => runOf(name, 'series', undefined, true);

export const S3EB = 's3-eventbridge';
export const OBS = 'observability-costs';
export const ECS = 'ecs-on-ec2';

/** The bus bills the order service's events alone: about $5 a month, none of the bucket's. */
function busBillsOrdersAlone() {
  const r = runOf(S3EB);
  expect(m(r, 'photos').eventBridgeEvents).toBeGreaterThan(2000);
  expect(m(r, 'bus').putEvents).toBe(m(r, 'photos').eventBridgeEvents + m(r, 'orders').requests);
  expect(line(r, 'bus', 'custom events').quantity).toBe(m(r, 'orders').requests);
  expect(r.nodes.bus.cost.totalUsd).toBeCloseTo(m(r, 'orders').requests * 1e-6, 12);
  between(monthly(S3EB, r, r.nodes.bus.cost.totalUsd), 4.5, 5.5);
}

/** Ingesting 2 KB per call: about $120 a month at $0.50 per GB; requests and compute under $40. */
function logsCostMoreThanTheFunction() {
  expect(params(OBS, 'handler').logBytesPerInvocation).toBe(2000);
  expect(CLOUDWATCH_LOGS.lambdaIngestion.tiers[0].usd).toBe(0.5);
  const r = runOf(OBS);
  between(monthly(OBS, r, line(r, 'handler', 'CloudWatch Logs ingested').usd), 110, 130);
  const fn =
    monthly(OBS, r, line(r, 'handler', 'requests').usd) + monthly(OBS, r, line(r, 'handler', 'compute').usd);
  between(fn, 20, 40);
}

/** X-Ray: about 3.5 traces a second (1 + 5 % of the other 49), about $46 a month at $5 per million. */
function xrayTraces() {
  expect(perMillion(XRAY.tracesRecorded)).toBe(5);
  const r = runOf(OBS);
  const traces = line(r, 'api', 'X-Ray traces recorded');
  const measured = r.simulatedSeconds - (load(OBS).settings.warmupSeconds ?? 0);
  between(traces.quantity / measured, 3.2, 3.8);
  // The rule the words state (1 a second, then 5 % of the rest) is the engine's, and gives 3.45.
  const { reservoirPerSecond, fixedRate } = XRAY.defaultRule;
  expect([reservoirPerSecond, fixedRate]).toEqual([1, 0.05]);
  between(reservoirPerSecond + fixedRate * (params(OBS, 'clients').traffic.ratePerSecond - 1), 3.4, 3.5);
  between(monthly(OBS, r, traces.usd), 42, 50);
}

export const SERVICE_CLAIMS: Claim[] = [
  // ---- s3-eventbridge ----------------------------------------------------------------------
  ...[
    'Only the events your code puts there are billed ($1 per million)',
    "the bus's bill counts the order service's events and none of the bucket's, about $5 a month here",
    "The order service's events are billed at $1 per million: the bus's bill counts those alone, about $5 a month here",
  ].map((says) => ({
    template: S3EB,
    says,
    check: () => {
      expect(perMillion(EVENTBRIDGE.customEvents)).toBe(1);
      busBillsOrdersAlone();
    },
  })),
  {
    template: S3EB,
    says: 'The bucket puts about 5 events a second on the default bus',
    check: () => {
      expect(params(S3EB, 'uploads').traffic.ratePerSecond).toBe(5);
      const r = runOf(S3EB);
      between(m(r, 'photos').eventBridgeEvents / r.simulatedSeconds, 4.5, 5.5);
    },
  },
  // The choices of the first step, each a price: the right one (free) is checked by the bill.
  {
    template: S3EB,
    says: '$1 per million, like any event',
    check: () => expect(perMillion(EVENTBRIDGE.customEvents)).toBe(1),
  },
  {
    template: S3EB,
    says: '$0.40 per million, like SQS',
    check: () => expect(perMillion({ usd: SQS.standard.tiers[0].usd, per: SQS.standard.per })).toBe(0.4),
  },
  // ---- observability-costs -----------------------------------------------------------------
  {
    template: OBS,
    says: 'a small function: 25 ms at 256 MB on Arm, 50 requests a second',
    check: () => {
      const p = params(OBS, 'handler');
      expect([p.duration.meanMs, p.memoryMB, p.architecture]).toEqual([25, 256, 'arm64']);
      expect(params(OBS, 'clients').traffic.ratePerSecond).toBe(50);
    },
  },
  {
    template: OBS,
    says: 'The function logs about 2 KB per call',
    check: () => expect(params(OBS, 'handler').logBytesPerInvocation).toBe(2000),
  },
  ...[
    "Ingesting 2 KB per call is about $120 a month; the function's requests and compute together are under $40",
    'The function runs 25 ms per call and writes 2 KB of logs per call',
    "about $120 a month to ingest them at $0.50 per GB, against under $40 for the function's requests and compute",
  ].map((says) => ({
    template: OBS,
    says,
    check: () => {
      expect(params(OBS, 'handler').duration.meanMs).toBe(25);
      logsCostMoreThanTheFunction();
    },
  })),
  {
    template: OBS,
    says: 'the bill shows the month one year in, about $13',
    check: () => {
      expect(params(OBS, 'handler').logRetentionDays).toBe(0);
      const r = runOf(OBS);
      const stored = line(r, 'handler', 'CloudWatch Logs stored');
      expect(stored.name).toMatch(/never expire/);
      between(monthly(OBS, r, stored.usd), 12, 14);
    },
  },
  ...[
    'traces the first request each second and 5 % of the others: about 3.5 traces a second here, about $46 a month at $5 per million',
    "About 3.5 a second: the rule's reservoir takes the first request each second and 5 % of the other 49 are sampled. That is about $46 a month at $5 per million traces",
    '50 requests arrive each second',
    'About 3.5: the first each second, then 5 % of the rest',
  ].map((says) => ({
    template: OBS,
    says,
    check: () => {
      expect(params(OBS, 'clients').traffic.ratePerSecond).toBe(50);
      xrayTraces();
    },
  })),
  {
    template: OBS,
    says: 'All 50',
    check: () => expect(params(OBS, 'clients').traffic.ratePerSecond).toBe(50),
  },
  {
    template: OBS,
    says: "set **Get profile**'s log retention to 30 days (storage falls to about $1 a month)",
    check: () => {
      const kept = runOf(OBS, '30d', (d) => (node(d, 'handler').params.logRetentionDays = 30));
      between(monthly(OBS, kept, line(kept, 'handler', 'CloudWatch Logs stored').usd), 0.8, 1.3);
    },
  },
  {
    template: OBS,
    says: "or its log bytes per invocation to 352 (Lambda's own lines and one line of yours): ingestion falls to about $21",
    check: () => {
      const small = runOf(OBS, '352', (d) => (node(d, 'handler').params.logBytesPerInvocation = 352));
      between(monthly(OBS, small, line(small, 'handler', 'CloudWatch Logs ingested').usd), 19, 23);
    },
  },
  // ---- ecs-on-ec2 --------------------------------------------------------------------------
  ...[
    'EC2 instances (m5.large: 2 vCPU, 8 GB)',
    'The 2 tasks of the start share one instance: CPU fills it before memory does',
    'Each task reserves 1 vCPU and 2 GB, so an instance holds two',
    'Each task reserves 1 vCPU and 2 GB; an m5.large has 2 vCPU and 8 GB. How many instances do the 2 tasks need?',
    'One: two tasks use its 2 vCPU (and 4 of its 8 GB)',
  ].map((says) => ({
    template: ECS,
    says,
    check: () => {
      const p = params(ECS, 'web');
      expect([p.instanceType, p.vcpu, p.memoryGB, p.tasks.min]).toEqual(['m5.large', 1, 2, 2]);
      expect(INSTANCE_TYPES['m5.large']).toMatchObject({ vcpu: 2, memoryGB: 8 });
      // The 2 tasks of the start share one instance, before the spike.
      const s = withSeries(ECS).series!;
      const before = s.t.flatMap((t, i) => (t > 120 && t < 600 ? [i] : []));
      expect(before.length).toBeGreaterThan(0);
      for (const i of before) {
        expect((s['web.instances'] as number[])[i]).toBeCloseTo(2, 6);
        expect((s['web.hosts'] as number[])[i]).toBeCloseTo(1, 6);
      }
    },
  })),
  {
    template: ECS,
    says: 'Traffic is 20 requests a second, and 60 a second for 20 minutes from minute 10',
    check: () =>
      expect(params(ECS, 'clients').traffic).toMatchObject({
        shape: 'spike',
        ratePerSecond: 20,
        peakRatePerSecond: 60,
        atSeconds: 10 * 60,
        lengthSeconds: 20 * 60,
      }),
  },
  ...[
    'autoscaling adds tasks after its alarm (a minute). A task that finds no room on a running instance waits for a new one to launch and boot (about 2 minutes)',
    "a new instance must launch and boot first (about 2 minutes), after the alarm's minute",
  ].map((says) => ({
    template: ECS,
    says,
    check: () => {
      expect(params(ECS, 'web').autoscaling.scaleOutDelaySeconds).toBe(60);
      expect(LAUNCH_WAIT_SECONDS.ec2 + EC2_BOOT_SECONDS).toBe(2 * 60);
    },
  })),
  {
    template: ECS,
    says: 'the load balancer answers 503: about 5,500 requests in this run',
    check: () => {
      const r = runOf(ECS);
      between(m(r, 'web').rejected, 4500, 6500);
      expect(m(r, 'alb').throttled).toBe(m(r, 'web').rejected);
    },
  },
  {
    template: ECS,
    says: 'the load balancer answers 503.',
    check: () => expect(m(runOf(ECS), 'alb').throttled).toBeGreaterThan(0),
  },
  {
    template: ECS,
    says: 'At the peak 6 tasks run on 3 instances',
    check: () => {
      const w = m(runOf(ECS), 'web');
      expect([w.maxInstances, w.hostsMax]).toEqual([6, 3]);
    },
  },
  {
    template: ECS,
    says: 'the share of the paid capacity no task reserves: about 23 % over the run',
    check: () => {
      between(m(runOf(ECS), 'web').idleCapacity, 0.2, 0.26);
      // Billed per instance-second, no ECS fee: the service's whole bill is its instances.
      expect(runOf(ECS).nodes.web.cost.items.map((i) => i.name)).toEqual([
        expect.stringMatching(/^m5\.large instance-seconds/),
      ]);
    },
  },
  {
    template: ECS,
    says: 'Or `eks`: the same instances as nodes, plus $0.10 an hour for the cluster',
    check: () => expect(EKS.clusterHour.usd).toBe(0.1),
  },
];
