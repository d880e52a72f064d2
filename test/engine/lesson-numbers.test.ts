import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  EC2_INSTANCE_TYPES,
  EKS,
  EVENTBRIDGE,
  KINESIS,
  SQS,
  STEP_FUNCTIONS,
} from '../../src/engine/billing/prices';
import { MAX_RULE_TARGETS } from '../../src/engine/checks/rule-targets';
import { EMPTY_INSTANCE_SECONDS, LAUNCH_WAIT_SECONDS } from '../../src/engine/kinds/container/host-pool';
import { ONE_VCPU_MB } from '../../src/engine/kinds/function/account';
import { LONG_POLL_MS } from '../../src/engine/kinds/queue/limits';
import { EC2_BOOT_SECONDS } from '../../src/engine/kinds/server/runtime';
import { SHARD_WRITE_KB_PER_S, SHARD_WRITE_RECORDS_PER_S } from '../../src/engine/kinds/stream/runtime';
import { INSTANCE_TYPES, fits } from '../../src/engine/kinds/server/instance-types';
import { validateScenario } from '../../src/engine/scenario/validate';
import {
  between,
  type Claim,
  type Doc,
  latency,
  load,
  m,
  monthlyOf,
  runOf,
  seriesBetween,
  TEMPLATES_DIR,
} from './lesson-claims-runs';
import { SERVICE_CLAIMS } from './lesson-numbers-services';

/**
 * Every number the templates' lessons and notes state is checked somewhere: in
 * lesson-claims.test.ts, lesson-claims-notes.test.ts (the claims about what a run does), or
 * here (the settings, prices and limits the texts describe, and the remaining run figures).
 * The last test of this file finds each number in the texts and fails when no claim quotes it,
 * so a number added to a lesson without a check fails the suite.
 */
const node = (d: Doc, id: string) => d.nodes.find((n: Doc) => n.id === id);
const params = (name: string, id: string) => node(load(name), id).params;
const edgeParams = (name: string, source: string, target: string) =>
  load(name).edges.find((e: Doc) => e.source === source && e.target === target).params;
const valid = (d: Doc) => {
  const v = validateScenario(d);
  expect(v.ok, JSON.stringify(v.ok ? [] : v.errors)).toBe(true);
};
const HOURS_PER_MONTH = 720;

/** The workload of the five compare-* templates, as their notes state it. */
const COMPARE = [
  'compare-containers',
  'compare-eks',
  'compare-functions',
  'compare-monolith',
  'compare-tiered',
];
const WORKLOAD = {
  api: { share: 0.6, ms: 20, vcpu: 0.25, memoryGB: 1 },
  files: { share: 0.3, ms: 60, vcpu: 0.25, memoryGB: 1, diskGB: 10 },
  render: { share: 0.1, ms: 800, vcpu: 2, memoryGB: 4 },
} as const;
function checkWorkload(name: string) {
  const d = load(name);
  const clients = node(d, 'clients').params;
  expect(clients.traffic.ratePerSecond).toBe(20);
  const weights = Object.fromEntries(clients.eventTypes.map((t: Doc) => [t.name, t.weight]));
  const total = Object.values(weights as Record<string, number>).reduce((a, b) => a + b, 0);
  for (const [type, w] of Object.entries(WORKLOAD)) expect(weights[type] / total).toBeCloseTo(w.share, 9);
  const byKind = (kind: string) => d.nodes.filter((n: Doc) => n.kind === kind);
  if (byKind('container').length) {
    for (const [type, w] of Object.entries(WORKLOAD)) {
      const p = node(d, `${type}Service`).params;
      expect([p.duration.meanMs, p.vcpu, p.memoryGB]).toEqual([w.ms, w.vcpu, w.memoryGB]);
    }
  } else if (byKind('server').length) {
    for (const s of byKind('server')) {
      for (const c of s.params.components) {
        const w = WORKLOAD[c.name as keyof typeof WORKLOAD];
        expect([c.vcpu, c.memoryGB]).toEqual([w.vcpu, w.memoryGB]);
        if (c.name === 'files') expect(c.storageGB).toBe(WORKLOAD.files.diskGB);
      }
    }
    const app = node(d, 'app') ?? node(d, 'renderTier');
    const ms = (type: string) =>
      (app.params.durationByType?.find((x: Doc) => x.type === type)?.duration ?? app.params.duration).meanMs;
    expect(ms('render')).toBe(WORKLOAD.render.ms);
  } else {
    // The serverless design: one function does api and files (their mean, weighted), S3 holds
    // the files' 10 GB, and renders run in a function with render's 4 GB.
    const mix = (0.6 * 20 + 0.3 * 60) / 0.9;
    between(node(d, 'web').params.duration.meanMs, mix * 0.9, mix * 1.1);
    expect(node(d, 'fileStore').params.storedGB).toBe(WORKLOAD.files.diskGB);
    expect(node(d, 'render').params.memoryMB).toBe(WORKLOAD.render.memoryGB * 1024);
    expect(node(d, 'render').params.duration.meanMs).toBe(WORKLOAD.render.ms);
  }
  // "The run lasts 40 minutes and measures the last 20"
  expect(d.settings.durationSeconds).toBe(40 * 60);
  expect(d.settings.durationSeconds - d.settings.warmupSeconds).toBe(20 * 60);
}

const CLAIMS: Claim[] = [
  // ---- api-function ----------------------------------------------------------------------
  ...[
    '20 requests/s × about 0.1 s ≈ 2 environments busy on average',
    '20 requests arrive per second and each takes about 0.1 s',
    "About 2: rate × duration (Little's law)",
  ].map((says) => ({
    template: 'api-function',
    says,
    check: () => {
      expect(params('api-function', 'clients').traffic.ratePerSecond).toBe(20);
      between(latency(runOf('api-function'), 'handler').mean, 80, 120);
      between(m(runOf('api-function'), 'handler').meanConcurrency, 1.6, 2.4);
    },
  })),
  {
    template: 'api-function',
    says: 'about 140 ms here (Node.js 22,',
    check: () => {
      expect(params('api-function', 'handler').runtime).toBe('nodejs22.x');
      // The INIT itself is checked by lesson-claims.test.ts; here the run's cold starts show it.
      const r = runOf('api-function');
      expect(m(r, 'handler').coldStarts).toBeGreaterThan(0);
    },
  },
  // ---- cold-starts-keep-alive ------------------------------------------------------------
  ...[
    'observers saw 5 to 65 minutes',
    'This lesson assumes the shortest, 5 minutes (keepAliveSeconds 300)',
    'This run assumes 5 minutes',
    'the assumed 5-minute keep-alive',
  ].map((says) => ({
    template: 'cold-starts-keep-alive',
    says,
    check: () => {
      expect(params('cold-starts-keep-alive', 'fn').keepAliveSeconds).toBe(5 * 60);
      // 5 to 65 minutes is what the simulator allows, and 5 is its shortest.
      const withKeepAlive = (s: number) => {
        const d = load('cold-starts-keep-alive');
        node(d, 'fn').params.keepAliveSeconds = s;
        return validateScenario(d).ok;
      };
      expect([withKeepAlive(299), withKeepAlive(300), withKeepAlive(3900), withKeepAlive(3901)]).toEqual([
        false,
        true,
        true,
        false,
      ]);
    },
  })),
  ...[
    'After 6 minutes of silence (longer than the assumed keep-alive) the environments are gone and the second burst starts cold again',
    'Traffic returns after 6 minutes of silence',
    'After only 1 minute of silence the third burst finds warm environments: no cold start',
    'Traffic returns after only 1 minute of silence',
  ].map((says) => ({
    template: 'cold-starts-keep-alive',
    says,
    check: () => {
      // The trace's silences: 60 s → 420 s (6 minutes), 480 s → 540 s (1 minute).
      const pts = params('cold-starts-keep-alive', 'users').traffic.points as [number, number][];
      const silences = pts.flatMap(([t, r], i) =>
        r === 0 && pts[i + 1]?.[1] === 0 ? [Math.round(pts[i + 1][0] - t)] : [],
      );
      expect(silences.slice(0, 2)).toEqual([360, 60]);
      const r = runOf('cold-starts-keep-alive', 'series', undefined, true);
      expect(seriesBetween(r, 'fn.coldStarts', 420, 480).some((x) => x > 0)).toBe(true);
      expect(seriesBetween(r, 'fn.coldStarts', 540, 600).every((x) => x === 0)).toBe(true);
    },
  })),
  {
    template: 'cold-starts-keep-alive',
    says: 'Try: assume keepAliveSeconds 600 (about the 10 minutes observed in 2019) and count the cold starts again, or give the function provisioned concurrency 5, enough for these bursts (a setting AWS does offer, and the way to avoid these cold starts in AWS; with 4, a few remain)',
    check: () => {
      const cold = (variant: string, edit: (d: Doc) => void) =>
        m(runOf('cold-starts-keep-alive', variant, edit), 'fn').coldStarts;
      const base = cold('', () => {});
      expect(cold('keep 600', (d) => (node(d, 'fn').params.keepAliveSeconds = 600))).toBeLessThan(base);
      expect(cold('pc 5', (d) => (node(d, 'fn').params.provisionedConcurrency = 5))).toBe(0);
      expect(cold('pc 4', (d) => (node(d, 'fn').params.provisionedConcurrency = 4))).toBeGreaterThan(0);
    },
  },
  // ---- compare-* --------------------------------------------------------------------------
  ...COMPARE.flatMap((template) => [
    {
      template,
      says: 'clients send 20 requests/s',
      check: () => checkWorkload(template),
    },
    {
      template,
      says: '60 % `api` (light: 20 ms, 0.25 vCPU, 1 GB), 30 % `files` (storage-heavy: 60 ms, 1 GB memory, 10 GB disk) and 10 % `render` (CPU-heavy: 800 ms, 2 vCPU, 4 GB). The run lasts 40 minutes and measures the last 20',
      check: () => checkWorkload(template),
    },
  ]),
  {
    template: 'compare-containers',
    says: 'Task sizes follow the components: 0.25 vCPU / 1 GB for `api` and `files` (a task includes 20 GB of disk), 2 vCPU / 4 GB for `render`',
    check: () => {
      checkWorkload('compare-containers');
      // Fargate's included ephemeral storage, from the facts file where it is at hand.
      const facts = resolve(import.meta.dirname, '../../../shared/reference/aws-facts.md');
      if (existsSync(facts)) expect(readFileSync(facts, 'utf8')).toContain('20 GB included per task');
      expect(WORKLOAD.files.diskGB).toBeLessThanOrEqual(20);
    },
  },
  {
    template: 'compare-containers',
    says: '($7.49 a month for 2 burstable vCPU and 1 GB), and per vCPU Fargate costs more than EC2: the render service costs more than the c5.large tier at the same load',
    check: () => {
      expect([INSTANCE_TYPES['t3.micro'].vcpu, INSTANCE_TYPES['t3.micro'].memoryGB]).toEqual([2, 1]);
      const fargate = monthlyOf('compare-containers', runOf('compare-containers'), 'renderService');
      const tier = monthlyOf('compare-tiered', runOf('compare-tiered'), 'renderTier');
      expect(fargate).toBeGreaterThan(tier);
    },
  },
  {
    template: 'compare-containers',
    says: "Try: set the api service's tasks.min to 0 and warmupSeconds to 0. The service then starts with no task: until scaling out adds one (the 3-minute scale-out delay, then a minute to start it), every api request waits: it times out after 30 s, or is turned away once 200 are waiting",
    check: () => {
      const p = params('compare-containers', 'apiService');
      expect([
        p.autoscaling.scaleOutDelaySeconds,
        p.startupSeconds,
        p.requestTimeoutMs,
        p.queueLimit,
      ]).toEqual([180, 60, 30_000, 200]);
      const r = runOf(
        'compare-containers',
        'api min 0, no warm-up',
        (d) => {
          node(d, 'apiService').params.tasks.min = 0;
          d.settings.warmupSeconds = 0;
        },
        true,
      );
      expect(seriesBetween(r, 'apiService.instances', 0, 180).every((x) => x === 0)).toBe(true);
      expect(seriesBetween(r, 'apiService.instances', 300, 600).every((x) => x >= 1)).toBe(true);
      expect(m(r, 'apiService').timeouts).toBeGreaterThan(0);
      expect(m(r, 'apiService').rejected).toBeGreaterThan(0);
    },
  },
  {
    template: 'compare-containers',
    says: 'A small task (0.25 vCPU, 1 GB) costs about $10.5 a month',
    check: () => {
      const p = params('compare-containers', 'apiService');
      expect([p.vcpu, p.memoryGB]).toEqual([0.25, 1]);
      between(monthlyOf('compare-containers', runOf('compare-containers'), 'apiService'), 10.3, 10.7);
    },
  },
  {
    template: 'compare-eks',
    says: "Fargate bills only the three tasks' own vCPU and memory (about $92 a month)",
    check: () => {
      const r = runOf('compare-containers');
      const services = ['apiService', 'filesService', 'renderService'].reduce(
        (sum, id) => sum + monthlyOf('compare-containers', r, id),
        0,
      );
      between(services, 90, 94);
    },
  },
  {
    template: 'compare-containers',
    says: 'Traffic is steady at 20 requests/s',
    check: () =>
      expect(params('compare-containers', 'clients').traffic).toEqual({
        shape: 'poisson',
        ratePerSecond: 20,
      }),
  },
  {
    template: 'compare-containers',
    says: '(2 renders/s × 800 ms keep its one task about 40 % busy, against 2–4 % for the light services)',
    check: () => {
      const r = runOf('compare-containers');
      expect(20 * WORKLOAD.render.share * (WORKLOAD.render.ms / 1000)).toBeCloseTo(1.6, 9); // of 4 slots: 40 %
      expect(params('compare-containers', 'renderService').concurrencyPerTask).toBe(4);
      between(m(r, 'renderService').meanUtilization, 0.35, 0.45);
      for (const id of ['apiService', 'filesService']) between(m(r, id).meanUtilization, 0.02, 0.04);
    },
  },
  {
    template: 'compare-eks',
    says: "their pods are placed on m5.large nodes (2 vCPU, 8 GB) that you pay for by the second, busy or idle, plus the cluster's fee of $0.10 an hour",
    check: () => {
      expect(params('compare-eks', 'renderService').instanceType).toBe('m5.large');
      expect([INSTANCE_TYPES['m5.large'].vcpu, INSTANCE_TYPES['m5.large'].memoryGB]).toEqual([2, 8]);
      expect(EKS.clusterHour.usd).toBe(0.1);
    },
  },
  {
    template: 'compare-eks',
    says: 'The cluster fee comes first: $72 a month (720 hours) before any pod runs',
    check: () => expect(EKS.clusterHour.usd! * HOURS_PER_MONTH).toBeCloseTo(72, 9),
  },
  ...[
    "The render pod's 2 vCPU fill one m5.large; the api and files pods (0.25 vCPU, 1 GB each) share the other",
    "render's 2 vCPU take a whole m5.large, and the two light pods (0.25 vCPU each) share the second node",
    'How many m5.large nodes (2 vCPU, 8 GB) does the cluster run?',
  ].map((says) => ({
    template: 'compare-eks',
    says,
    check: () => {
      checkWorkload('compare-eks');
      expect(INSTANCE_TYPES['m5.large'].vcpu).toBe(WORKLOAD.render.vcpu);
      for (const id of ['apiService', 'filesService', 'renderService'])
        expect(m(runOf('compare-eks'), id).hostsMax).toBe(2);
    },
  })),
  {
    template: 'compare-eks',
    says: 'the Cluster Autoscaler notices within 10 s, the node boots for about a minute, then the pod starts. An empty node is removed after 10 minutes',
    check: () => {
      expect(LAUNCH_WAIT_SECONDS.eks).toBe(10);
      expect(EC2_BOOT_SECONDS).toBe(60);
      expect(EMPTY_INSTANCE_SECONDS.eks).toBe(10 * 60);
    },
  },
  {
    template: 'compare-eks',
    says: 'At 20 requests/s this is the dearest of the container designs',
    check: () => {
      const eks = runOf('compare-eks').totals.monthlyCostUsd;
      expect(eks).toBeGreaterThan(runOf('compare-containers').totals.monthlyCostUsd);
      const ecsOnEc2 = runOf('compare-eks', 'ecs on ec2', (d) => {
        for (const n of d.nodes) if (n.kind === 'container') n.params.launchType = 'ec2';
      });
      expect(eks).toBeGreaterThan(ecsOnEc2.totals.monthlyCostUsd);
    },
  },
  {
    template: 'compare-eks',
    says: 'Of the 4 vCPU paid for, 2.5 are reserved by pods: 37.5 % is idle capacity',
    check: () => {
      expect(2 * INSTANCE_TYPES['m5.large'].vcpu).toBe(4);
      expect(0.25 + 0.25 + 2).toBe(2.5);
      expect(m(runOf('compare-eks'), 'apiService').idleCapacity).toBeCloseTo(0.375, 6);
    },
  },
  {
    template: 'compare-eks',
    says: 'What does this design cost a month at 20 requests/s, before the load balancer?',
    check: () => checkWorkload('compare-eks'),
  },
  {
    template: 'compare-eks',
    says: 'About $210: two m5.large nodes at $0.096 an hour ($138.24 a month) and the cluster fee of $0.10 an hour ($72)',
    check: () => {
      expect(EC2_INSTANCE_TYPES['m5.large'].hourly.usd).toBe(0.096);
      expect(2 * 0.096 * HOURS_PER_MONTH).toBeCloseTo(138.24, 9);
      const r = runOf('compare-eks');
      const services = ['apiService', 'filesService', 'renderService'].reduce(
        (sum, id) => sum + monthlyOf('compare-eks', r, id),
        0,
      );
      expect(services).toBeCloseTo(138.24 + 72, 6);
    },
  },
  {
    template: 'compare-functions',
    says: '(S3 stores the 10 GB; of the 30 % `files` requests one in ten uploads, a PUT, and the rest download, a GET) and puts a job on the queue for 1 request in 10',
    check: () => {
      checkWorkload('compare-functions');
      expect(edgeParams('compare-functions', 'web', 'fileStore').perRequest).toBeCloseTo(0.3 * 0.1, 12);
      expect(params('compare-functions', 'fileStore').getsPerPut).toBe(9);
      expect(edgeParams('compare-functions', 'web', 'renderJobs').perRequest).toBe(0.1);
    },
  },
  {
    template: 'compare-functions',
    says: "The render function has 4 GB of memory (render's need), which also gives it more than 2 vCPU",
    check: () => {
      const mb = params('compare-functions', 'render').memoryMB;
      expect(mb).toBe(4096);
      expect(mb / ONE_VCPU_MB).toBeGreaterThan(2);
    },
  },
  ...[
    "render's 2 vCPU and 4 GB and the files' 10 GB of disk",
    'Rendering needs 2 vCPU and 4 GB, file handling 10 GB of disk',
  ].map((says) => ({ template: 'compare-monolith', says, check: () => checkWorkload('compare-monolith') })),
  {
    template: 'compare-monolith',
    says: 'One pool of 4 request slots per instance (as many as the render tier gives a c5.large) serves all kinds, each with its own request time (`durationByType`): quick `api` requests wait behind 800 ms renders whenever four renders hold the slots',
    check: () => {
      expect(params('compare-monolith', 'app').concurrencyPerInstance).toBe(4);
      expect(params('compare-tiered', 'renderTier').concurrencyPerInstance).toBe(4);
      expect(params('compare-tiered', 'renderTier').instanceType).toBe('c5.large');
      checkWorkload('compare-monolith');
    },
  },
  {
    template: 'compare-tiered',
    says: "`api` and `files` fit a t3.micro (1 GB; the files' 10 GB are on EBS), `render` needs a c5.large",
    check: () => {
      checkWorkload('compare-tiered');
      expect(INSTANCE_TYPES['t3.micro'].memoryGB).toBe(1);
      for (const id of ['apiTier', 'filesTier'])
        expect(params('compare-tiered', id).instanceType).toBe('t3.micro');
      const render = { vcpu: WORKLOAD.render.vcpu, memoryGB: WORKLOAD.render.memoryGB };
      expect(fits('c5.large', render)).toBe(true);
      expect(fits('t3.micro', render)).toBe(false);
    },
  },
  // ---- eventbridge-pipes ------------------------------------------------------------------
  {
    template: 'eventbridge-pipes',
    says: 'An EventBridge pipe reads the queue in batches of up to 10, waiting up to 2 s to fill one',
    check: () => {
      const e = edgeParams('eventbridge-pipes', 'events', 'pipe');
      expect([e.batchSize, e.batchWindowSeconds]).toEqual([10, 2]);
    },
  },
  ...[
    "of those only the orders over $50 (the filter's share of 0.5 stands for that condition on the order's total)",
    'About 10 events arrive a second; 3 in 10 are cart updates and half of the orders are under $50',
    'A CartUpdated event and a $20 OrderPlaced event wait in the queue',
    'of those only orders over $50',
  ].map((says) => ({
    template: 'eventbridge-pipes',
    says,
    check: () => {
      const shop = params('eventbridge-pipes', 'shop');
      expect(shop.traffic.ratePerSecond).toBe(10);
      expect(shop.eventTypes).toEqual([
        { name: 'OrderPlaced', weight: 7 },
        { name: 'CartUpdated', weight: 3 },
      ]);
      const pipe = params('eventbridge-pipes', 'pipe');
      expect(pipe.filter).toEqual({ type: ['OrderPlaced'] });
      // The $50 condition (half the orders) is the share; a $20 order is in the other half.
      expect(pipe.filterShare).toBe(0.5);
    },
  })),
  {
    template: 'eventbridge-pipes',
    says: 'Pipes bills only those ($0.40 per million, each 64 KB chunk one request)',
    check: () => {
      expect(EVENTBRIDGE.pipesRequests.usd).toBe(0.4);
      expect(EVENTBRIDGE.chunkKb).toBe(64);
    },
  },
  {
    template: 'eventbridge-pipes',
    says: "the whole batch returns to the queue after the visibility timeout (60 s) and is tried again; after 5 receives a message moves to Failed events, the queue's dead-letter queue",
    check: () => {
      const events = load('eventbridge-pipes');
      expect(node(events, 'events').params.visibilityTimeoutSeconds).toBe(60);
      const v = validateScenario(events);
      expect(v.ok && (v.scenario.nodes.find((n) => n.id === 'events')!.params as Doc).maxReceiveCount).toBe(
        5,
      );
      expect(
        events.edges.some((e: Doc) => e.source === 'events' && e.target === 'failed' && e.role === 'dlq'),
      ).toBe(true);
    },
  },
  {
    template: 'eventbridge-pipes',
    says: 'Set the batch size to 1: enrichment calls and executions become one per order',
    check: () => {
      const r = runOf('eventbridge-pipes', 'batch 1', (d) => {
        d.edges.find((e: Doc) => e.source === 'events' && e.target === 'pipe').params.batchSize = 1;
      });
      expect(m(r, 'lookup').invocations).toBeCloseTo(m(r, 'pipe').delivered, -1);
      expect(m(r, 'fulfil').executions).toBeCloseTo(m(r, 'pipe').delivered, -1);
    },
  },
  {
    template: 'eventbridge-pipes',
    says: 'A batch holds about 10 events, and about 3.4 of them pass the filter',
    check: () => {
      const p = m(runOf('eventbridge-pipes'), 'pipe');
      between(p.read / p.batches, 9.5, 10);
      between(p.delivered / p.batches, 3.2, 3.6);
    },
  },
  {
    template: 'eventbridge-pipes',
    says: 'each 64 KB chunk as one request: about 35 % of the events here',
    check: () => {
      const p = m(runOf('eventbridge-pipes'), 'pipe');
      between(p.billedRequests / p.read, 0.3, 0.4);
    },
  },
  // ---- eventbridge-routing ----------------------------------------------------------------
  {
    template: 'eventbridge-routing',
    says: 'edges with the same pattern form one rule (up to 5 targets)',
    check: () => expect(MAX_RULE_TARGETS).toBe(5),
  },
  {
    template: 'eventbridge-routing',
    says: 'A worker drains it, taking up to 10 messages per invocation',
    check: () => expect(edgeParams('eventbridge-routing', 'supportQueue', 'support').batchSize).toBe(10),
  },
  {
    template: 'eventbridge-routing',
    says: "Try: set **Fulfil order**'s reserved concurrency to 0 (the function is switched off)",
    check: () => {
      const r = runOf(
        'eventbridge-routing',
        'fulfil off',
        (d) => (node(d, 'fulfil').params.reservedConcurrency = 0),
      );
      expect(m(r, 'fulfil').invocations).toBe(0);
      expect(m(r, 'fulfil').throttles).toBeGreaterThan(0);
    },
  },
  // ---- fan-out -----------------------------------------------------------------------------
  ...[
    'which reads it in batches of up to 100 and waits up to 5 s to fill a batch',
    'The queue lets it take up to 100 messages at once',
  ].map((says) => ({
    template: 'fan-out',
    says,
    check: () => {
      const e = edgeParams('fan-out', 'analyticsQueue', 'analytics');
      expect([e.batchSize, e.batchWindowSeconds]).toEqual([100, 5]);
    },
  })),
  // ---- five-criteria -----------------------------------------------------------------------
  ...['with one sudden spike at 5 minutes', 'Traffic is about to jump from 2 to 200 requests per second'].map(
    (says) => ({
      template: 'five-criteria',
      says,
      check: () =>
        expect(params('five-criteria', 'users').traffic).toMatchObject({
          shape: 'spike',
          ratePerSecond: 2,
          peakRatePerSecond: 200,
          atSeconds: 5 * 60,
        }),
    }),
  ),
  // ---- kinesis-analytics -------------------------------------------------------------------
  ...[
    'go into a Kinesis stream with 4 shards',
    'Traffic runs at 1,000 events/s and spikes to 3,000/s for two minutes',
    'Clicks flow into a stream of 4 shards',
    'At 4 minutes the traffic triples for two minutes',
  ].map((says) => ({
    template: 'kinesis-analytics',
    says,
    check: () => {
      expect(params('kinesis-analytics', 'clickstream').shards).toBe(4);
      expect(params('kinesis-analytics', 'clicks').traffic).toMatchObject({
        shape: 'spike',
        ratePerSecond: 1000,
        peakRatePerSecond: 3000,
        atSeconds: 4 * 60,
        lengthSeconds: 2 * 60,
      });
    },
  })),
  {
    template: 'kinesis-analytics',
    says: 'Writes: each shard takes 1,000 records/s and 1 MB/s',
    check: () => {
      expect(SHARD_WRITE_RECORDS_PER_S).toBe(1000);
      expect(SHARD_WRITE_KB_PER_S).toBe(1024);
    },
  },
  {
    template: 'kinesis-analytics',
    says: '(4 × $0.015 an hour); PUT payload units count each started 25 KB of a record',
    check: () => {
      expect(KINESIS.shardHour.usd).toBe(0.015);
      // One unit per started 25 KB: the template's 1 KB clicks are one unit each.
      const r = runOf('kinesis-analytics');
      const units = r.nodes.clickstream.cost.items.find((i) => /payload/i.test(i.name))!;
      expect(units.quantity).toBe(m(r, 'clickstream').recordsIn);
    },
  },
  {
    template: 'kinesis-analytics',
    says: "Set the stream's `hotKeyFraction` to 0.3: shard 0 is offered ~1,400 records/s during the spike",
    check: () => {
      // 30 % of 3,000/s go to the hot shard, and the rest spread over all 4: 900 + 525.
      expect(0.3 * 3000 + (0.7 * 3000) / 4).toBe(1425);
      const d = load('kinesis-analytics');
      node(d, 'clickstream').params.hotKeyFraction = 0.3;
      valid(d);
    },
  },
  ...[
    'so the function never runs more than 4 copies',
    'With a parallelization factor of 1, each shard is read by one batch at a time: at most 4 concurrent invocations',
  ].map((says) => ({
    template: 'kinesis-analytics',
    says,
    check: () => {
      expect(edgeParams('kinesis-analytics', 'clickstream', 'aggregate').parallelizationFactor ?? 1).toBe(1);
      expect(m(runOf('kinesis-analytics'), 'aggregate').maxConcurrency).toBe(4);
    },
  })),
  // ---- kinesis-poison-* --------------------------------------------------------------------
  {
    template: 'kinesis-poison-bisect',
    says: '`maximumRetryAttempts` is 2',
    check: () =>
      expect(edgeParams('kinesis-poison-bisect', 'stream', 'processor').maximumRetryAttempts).toBe(2),
  },
  {
    template: 'kinesis-poison-bisect',
    says: 'Each failure splits the batch in two (about 45 → 23 → 12 → 6 → 3 → 2 → 1 records',
    check: () => {
      const halves = [45];
      while (halves[halves.length - 1] > 1) halves.push(Math.ceil(halves[halves.length - 1] / 2));
      expect(halves).toEqual([45, 23, 12, 6, 3, 2, 1]);
      const r = runOf('kinesis-poison-bisect');
      // A shard's batches: 2 readings/s gathered for about 21 s.
      between(m(r, 'stream').recordsOut / m(r, 'stream').batches, 40, 46);
      expect(m(r, 'stream').bisects).toBe(halves.length - 1);
    },
  },
  {
    template: 'kinesis-poison-bisect',
    says: 'Every other reading is processed (`expired` 0)',
    check: () => {
      const s = m(runOf('kinesis-poison-bisect'), 'stream');
      expect(s.expired).toBe(0);
      expect(s.poisonRecords).toBe(1);
    },
  },
  {
    template: 'kinesis-poison-bisect',
    says: 'Set `maximumRetryAttempts` back to -1 (the default): bisecting still isolates the record, but the lone record is retried until it expires, and its shard is blocked for 24 hours again',
    check: () => {
      const d = load('kinesis-poison-bisect');
      delete d.edges.find((e: Doc) => e.source === 'stream' && e.target === 'processor').params
        .maximumRetryAttempts;
      const v = validateScenario(d);
      expect(
        v.ok && (v.scenario.edges.find((e) => e.source === 'stream')!.params as Doc).maximumRetryAttempts,
      ).toBe(-1);
      expect(params('kinesis-poison-bisect', 'stream').retentionHours).toBe(24);
      const r = runOf('kinesis-poison-bisect', 'retry forever', (x) => {
        x.edges.find(
          (e: Doc) => e.source === 'stream' && e.target === 'processor',
        ).params.maximumRetryAttempts = -1;
      });
      expect(m(r, 'stream').expired).toBeGreaterThan(0);
      between(m(r, 'stream').maxIteratorAgeSeconds, 86_000, 86_500);
    },
  },
  {
    template: 'kinesis-poison-record',
    says: 'IoT devices send 8 readings a second into a Kinesis stream with 4 shards, and a function processes them in batches (up to 100 records, gathered for up to 20 s',
    check: () => {
      expect(params('kinesis-poison-record', 'devices').traffic.ratePerSecond).toBe(8);
      expect(params('kinesis-poison-record', 'stream').shards).toBe(4);
      const e = edgeParams('kinesis-poison-record', 'stream', 'processor');
      expect([e.batchSize, e.batchWindowSeconds]).toEqual([100, 20]);
    },
  },
  {
    template: 'kinesis-poison-record',
    says: 'so each shard sends a batch of 40-odd readings about every 21 s',
    check: () => {
      // Without the poison record (whose retries would count as batches too).
      const r = runOf(
        'kinesis-poison-record',
        'no poison',
        (d) => (node(d, 'processor').params.errorRate = 0),
      );
      const s = m(r, 'stream');
      between(s.recordsOut / s.batches, 40, 46);
      // Batches per shard over the run: one every 21 s or so (the window, then the next poll).
      between((4 * load('kinesis-poison-record').settings.durationSeconds) / s.batches, 20, 23);
    },
  },
  {
    template: 'kinesis-poison-record',
    says: 'The run lasts 26 hours, because the retention is 24 hours',
    check: () => {
      expect(load('kinesis-poison-record').settings.durationSeconds).toBe(26 * 3600);
      expect(params('kinesis-poison-record', 'stream').retentionHours).toBe(24);
    },
  },
  {
    template: 'kinesis-poison-record',
    says: 'The data is kept for 24 hours',
    check: () => expect(params('kinesis-poison-record', 'stream').retentionHours).toBe(24),
  },
  ...[
    'one poison record arrives about 30 minutes in',
    'One malformed record arrives about 30 minutes in',
  ].map((says) => ({
    template: 'kinesis-poison-record',
    says,
    check: () => {
      const r = runOf('kinesis-poison-record', 'series', undefined, true);
      expect(m(r, 'stream').poisonRecords).toBe(1);
      const s = r.series!;
      const errors = s['processor.errors'] as number[];
      const first = s.t[errors.findIndex((x) => x > 0)];
      between(first, 25 * 60, 35 * 60);
    },
  })),
  // ---- limits-timeout-concurrency ----------------------------------------------------------
  {
    template: 'limits-timeout-concurrency',
    says: 'A report function behind an API is allowed at most 10 concurrent executions (reserved concurrency 10)',
    check: () => {
      expect(params('limits-timeout-concurrency', 'report').reservedConcurrency).toBe(10);
      expect(m(runOf('limits-timeout-concurrency'), 'report').maxConcurrency).toBe(10);
    },
  },
  ...[
    "a second function whose timeout is Lambda's maximum, 15 minutes",
    'A function may run at most 15 minutes per invocation',
    'Some batch jobs need more than 15 minutes',
    'What does Lambda do when one reaches 900 s?',
    '900 s is the maximum timeout',
    'The hard limit stays 15 minutes whatever the memory',
  ].map((says) => ({
    template: 'limits-timeout-concurrency',
    says,
    check: () => {
      const batch = params('limits-timeout-concurrency', 'batch');
      expect(batch.timeoutMs).toBe(900_000);
      expect(batch.duration.p99Ms).toBeGreaterThan(900_000);
      // The maximum at every memory size: 900 s is accepted, 900.001 s is not, even at 10 GB.
      for (const memoryMB of [128, 10_240]) {
        const at = (timeoutMs: number) => {
          const d = load('limits-timeout-concurrency');
          Object.assign(node(d, 'batch').params, { memoryMB, timeoutMs });
          return validateScenario(d).ok;
        };
        expect([at(900_000), at(900_001)]).toEqual([true, false]);
      }
    },
  })),
  {
    template: 'limits-timeout-concurrency',
    says: 'The invocation fails as a timeout and is billed for the full 15 minutes',
    check: () => {
      const b = m(runOf('limits-timeout-concurrency'), 'batch');
      expect(b.timeouts).toBeGreaterThan(0);
      expect(latency(runOf('limits-timeout-concurrency'), 'batch').max).toBe(900_000);
    },
  },
  ...[
    "When more than 10 requests are in progress, the extra ones are refused at once: Lambda throttles the invoke and API Gateway answers 500 (AWS's documented mapping; 429 is API Gateway's own throttle)",
    'Lambda throttles the invoke and API Gateway answers the client with a 500 error',
  ].map((says) => ({
    template: 'limits-timeout-concurrency',
    says,
    check: () => {
      const r = runOf('limits-timeout-concurrency');
      expect(m(r, 'report').throttles).toBeGreaterThan(0);
      expect(m(r, 'api').backendThrottled).toBeGreaterThan(0);
      expect(m(r, 'api').throttled).toBe(0);
    },
  })),
  // ---- messaging-dlq -----------------------------------------------------------------------
  {
    template: 'messaging-dlq',
    says: 'A second function reads the queue in batches of up to 10',
    check: () => expect(edgeParams('messaging-dlq', 'orders', 'fulfil').batchSize).toBe(10),
  },
  ...[
    'after the visibility timeout (60 s)',
    'A message that fails 5 times is moved to the dead-letter queue',
    'is moved to a dead-letter queue after 5 tries',
    'To the dead-letter queue (maxReceiveCount 5)',
    'The worker fails on about 30 % of the messages',
  ].map((says) => ({
    template: 'messaging-dlq',
    says,
    check: () => {
      const q = params('messaging-dlq', 'orders');
      expect([q.visibilityTimeoutSeconds, q.maxReceiveCount]).toEqual([60, 5]);
      expect(params('messaging-dlq', 'fulfil').errorRate).toBe(0.3);
      expect(m(runOf('messaging-dlq'), 'orders-dlq').sent).toBeGreaterThan(0);
    },
  })),
  {
    template: 'messaging-dlq',
    says: 'every SQS call is billed, one request per 64 KB chunk. That means one SendMessage per order, one ReceiveMessage per batch of up to 10 messages, one DeleteMessageBatch per batch for the messages that went through (about 7 of 10 here), and the empty long polls (20 s each) of the idle pollers',
    check: () => {
      expect(SQS.chunkKb).toBe(64);
      expect(LONG_POLL_MS).toBe(20_000);
      const r = runOf('messaging-dlq');
      const q = m(r, 'orders');
      const line = (name: RegExp) => r.nodes.orders.cost.items.find((i) => name.test(i.name))!.quantity;
      expect(line(/^SendMessage/)).toBe(q.sent);
      expect(line(/^ReceiveMessage/)).toBe(q.batches);
      // (received counts a batch still gathering at the end, batches only those handed over)
      between(q.received / q.batches, 9.5, 10.05);
      between(q.deleted / line(/^DeleteMessageBatch/), 6.5, 7.5);
      expect(line(/empty receives/)).toBe(q.emptyReceives);
    },
  },
  // ---- orchestration-vs-choreography -------------------------------------------------------
  ...['each with 5 orders a second', 'At 5 orders a second, which lane costs more per month?'].map(
    (says) => ({
      template: 'orchestration-vs-choreography',
      says,
      check: () => {
        for (const id of ['chorClients', 'orchClients'])
          expect(params('orchestration-vs-choreography', id).traffic.ratePerSecond).toBe(5);
      },
    }),
  ),
  ...[
    '**Charge card** has a retrier (2 retries, 1 s then 2 s apart)',
    'it retries the payment after 1 s and 2 s',
    'Charge card fails about 2 % of the time',
  ].map((says) => ({
    template: 'orchestration-vs-choreography',
    says,
    check: () => {
      const step = params('orchestration-vs-choreography', 'workflow').steps.find(
        (s: Doc) => s.name === 'Charge card',
      );
      // maxAttempts counts retries; the waits are interval × backoff^k: 1 s, 2 s.
      expect([step.maxAttempts, step.intervalSeconds, step.backoffRate]).toEqual([2, 1, 2]);
      expect(params('orchestration-vs-choreography', 'charge2').errorRate).toBe(0.02);
      expect(params('orchestration-vs-choreography', 'charge').errorRate).toBe(0.02);
    },
  })),
  ...[
    'at $25 per million',
    'about 3 per order at $25 per million: about $970 a month',
    'which bills each event once at $1 per million',
    'The bus bills each event once at $1 per million, about $13',
  ].map((says) => ({
    template: 'orchestration-vs-choreography',
    says,
    check: () => {
      expect(STEP_FUNCTIONS.standardTransitions.usd * 1000).toBe(25);
      expect(EVENTBRIDGE.customEvents.usd).toBe(1);
      const r = runOf('orchestration-vs-choreography');
      between(m(r, 'workflow').transitions / m(r, 'workflow').executions, 2.9, 3.2);
      between(monthlyOf('orchestration-vs-choreography', r, 'workflow'), 930, 1010);
      between(monthlyOf('orchestration-vs-choreography', r, 'orderEvents'), 12, 14);
    },
  })),
  ...[
    'It now costs about $18 a month: $1 per million executions plus its duration in 64 MB chunks',
    'Set the workflow type to express and it drops to about $18',
  ].map((says) => ({
    template: 'orchestration-vs-choreography',
    says,
    check: () => {
      expect(STEP_FUNCTIONS.expressRequests.usd).toBe(1);
      expect(STEP_FUNCTIONS.expressDuration.note).toMatch(/64 MB chunks/);
      const r = runOf('orchestration-vs-choreography', 'express', (d) => {
        node(d, 'workflow').params.workflowType = 'express';
      });
      between(monthlyOf('orchestration-vs-choreography', r, 'workflow'), 16, 20);
    },
  })),
  // ---- scheduled-jobs ----------------------------------------------------------------------
  ...[
    'invokes a small function every minute to check that a website answers, and a cron schedule runs a cleanup every 15 minutes',
    'The check runs every 60 s, and this run assumes idle environments are kept for 10 minutes',
    'Will the second check (at 60 s) start cold?',
    'The cleanup runs every 15 minutes',
    '15 minutes is longer than the assumed 10-minute keep-alive',
    'With one call a minute and the 10-minute keep-alive this run assumes (AWS does not publish it; observers saw 5 to 65 minutes), the check function stays warm after its first run; the cleanup, every 15 minutes, starts cold each time here',
    'where idle environments have been seen to last 5 to 65 minutes',
  ].map((says) => ({
    template: 'scheduled-jobs',
    says,
    check: () => {
      expect(params('scheduled-jobs', 'everyMinute').rateSeconds).toBe(60);
      expect(params('scheduled-jobs', 'quarterly').cron).toBe('*/15 * * * *');
      const v = validateScenario(load('scheduled-jobs'));
      for (const id of ['check', 'cleanup'])
        expect(v.ok && (v.scenario.nodes.find((n) => n.id === id)!.params as Doc).keepAliveSeconds).toBe(600);
      const r = runOf('scheduled-jobs');
      expect(m(r, 'check').coldStarts).toBe(1);
      expect(m(r, 'cleanup').coldStarts).toBe(m(r, 'cleanup').invocations);
    },
  })),
  {
    template: 'scheduled-jobs',
    says: "Most of this diagram's bill is the bucket's 50 GB of storage",
    check: () => {
      expect(params('scheduled-jobs', 'files').storedGB).toBe(50);
      const r = runOf('scheduled-jobs');
      expect(r.nodes.files.cost.totalUsd / r.totals.costUsd).toBeGreaterThan(0.5);
    },
  },
  {
    template: 'scheduled-jobs',
    says: 'Try: set the check to every 5 minutes (rateSeconds 300), or to the smallest interval EventBridge Scheduler allows, 1 minute, and see how the cost and the cold starts change',
    check: () => {
      const every = (s: number) => {
        const d = load('scheduled-jobs');
        node(d, 'everyMinute').params.rateSeconds = s;
        return validateScenario(d).ok;
      };
      expect([every(59), every(60), every(300)]).toEqual([false, true, true]);
      const r = runOf(
        'scheduled-jobs',
        'every 5 min',
        (d) => (node(d, 'everyMinute').params.rateSeconds = 300),
      );
      expect(m(r, 'check').invocations).toBe(m(runOf('scheduled-jobs'), 'check').invocations / 5);
      expect(r.totals.costUsd).toBeLessThan(runOf('scheduled-jobs').totals.costUsd);
    },
  },
  {
    template: 'scheduled-jobs',
    says: 'here the functions run about half a minute an hour and cost about 9 cents a month',
    check: () => {
      const r = runOf('scheduled-jobs');
      const seconds = ['check', 'cleanup'].reduce(
        (s, id) => s + m(r, id).invocations * (latency(r, id).mean / 1000),
        0,
      );
      between(seconds, 20, 45);
      const monthly = ['check', 'cleanup'].reduce((s, id) => s + monthlyOf('scheduled-jobs', r, id), 0);
      between(monthly, 0.07, 0.11);
    },
  },
  // ---- sync-vs-async -----------------------------------------------------------------------
  {
    template: 'sync-vs-async',
    says: "Try: raise the job's errorRate to 0.3 and compare what each client sees",
    check: () => {
      const r = runOf('sync-vs-async', 'errors 0.3', (d) => {
        node(d, 'job').params.errorRate = 0.3;
        node(d, 'asyncJob').params.errorRate = 0.3;
      });
      between(m(r, 'syncApi').errors / m(r, 'syncApi').requests, 0.25, 0.35);
      expect(m(r, 'asyncApi').errors).toBe(0);
    },
  },
  {
    template: 'sync-vs-async',
    says: 'Both paths run the same 2-second job',
    check: () => {
      for (const id of ['job', 'asyncJob']) expect(params('sync-vs-async', id).duration.meanMs).toBe(2000);
    },
  },
  {
    template: 'sync-vs-async',
    says: 'On the bottom path the job fails 10 % of the time',
    check: () => expect(params('sync-vs-async', 'asyncJob').errorRate).toBe(0.1),
  },
  {
    template: 'sync-vs-async',
    says: 'The asynchronous API answers in about 30 ms',
    check: () => between(latency(runOf('sync-vs-async'), 'asyncApi').mean, 25, 35),
  },
  // ---- upload-transcode-notify -------------------------------------------------------------
  {
    template: 'upload-transcode-notify',
    says: 'The original is read once by the transcoder (getsPerPut 1)',
    check: () => expect(params('upload-transcode-notify', 'raw').getsPerPut).toBe(1),
  },
  {
    template: 'upload-transcode-notify',
    says: 'Try: lower the transcoder to 1,024 MB. Its CPU-bound work stretches (cpuBoundFraction 0.9), so each video takes longer and more environments are busy',
    check: () => {
      expect(params('upload-transcode-notify', 'transcode').cpuBoundFraction).toBe(0.9);
      const base = runOf('upload-transcode-notify');
      const r = runOf(
        'upload-transcode-notify',
        '1024 MB',
        (d) => (node(d, 'transcode').params.memoryMB = 1024),
      );
      expect(latency(r, 'transcode').mean).toBeGreaterThan(1.3 * latency(base, 'transcode').mean);
      expect(m(r, 'transcode').meanConcurrency).toBeGreaterThan(m(base, 'transcode').meanConcurrency);
    },
  },
];

describe('the settings, prices, limits and run figures the lessons and notes state', () => {
  for (const c of CLAIMS) {
    it(`${c.template}: "${c.says.length > 90 ? `${c.says.slice(0, 90)}…` : c.says}"`, () => {
      expect(JSON.stringify(load(c.template))).toContain(JSON.stringify(c.says).slice(1, -1));
      c.check();
    }, 240_000);
  }
});

/** What a template says to a learner: its notes, the lesson's summary, questions and answers. */
function texts(doc: Doc, checkedChoices: Set<number>): string[] {
  const out = [doc.notes ?? '', doc.lesson?.summary ?? ''];
  for (const [i, s] of (doc.lesson?.steps ?? []).entries()) {
    out.push(s.question ?? '', s.answer ?? '');
    // The choices of a step whose marked choice is checked against a run are checked with it.
    if (!checkedChoices.has(i)) out.push(...(s.choices ?? []));
  }
  return out;
}

describe('no number in a lesson or in the notes goes unchecked', () => {
  it('each is inside words that a claim quotes and checks', () => {
    const files = ['lesson-claims.test.ts', 'lesson-claims-notes.test.ts', 'lesson-numbers.test.ts'];
    const source = files.map((f) => readFileSync(join(import.meta.dirname, f), 'utf8')).join('\n');
    const unquote = (s: string) => s.replace(/\\(['"`\\])/g, '$1');
    // The quoted words of every claim: `says: '…'` (one line each, by the house style) and the
    // compare-* workload quoted above.
    const quotes = [
      ...[...source.matchAll(/says:\s*(?:'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)")/g)].map((x) =>
        unquote(x[1] ?? x[2]),
      ),
      ...CLAIMS.map((c) => c.says),
      ...SERVICE_CLAIMS.map((c) => c.says),
    ];
    const checkedSteps = new Set(
      [...source.matchAll(/template: '([^']+)',\s*step: (\d+)/g)].map((x) => `${x[1]}#${x[2]}`),
    );
    const unchecked: string[] = [];
    for (const f of readdirSync(TEMPLATES_DIR).filter((x) => x.endsWith('.json'))) {
      const name = f.replace(/\.json$/, '');
      const doc = load(name);
      const steps = new Set<number>(
        (doc.lesson?.steps ?? []).flatMap((_: unknown, i: number) =>
          checkedSteps.has(`${name}#${i}`) ? [i] : [],
        ),
      );
      for (const text of texts(doc, steps)) {
        const covered = new Uint8Array(text.length);
        for (const q of quotes)
          for (let at = text.indexOf(q); q.length > 0 && at >= 0; at = text.indexOf(q, at + 1))
            covered.fill(1, at, at + q.length);
        // Code (a command to type, a parameter's name) is not a claim.
        for (const c of text.matchAll(/`[^`]*`/g)) covered.fill(1, c.index, c.index + c[0].length);
        // A number that is part of a name (S3, EC2, m5.large) or a list's label ("(1)",
        // "criterion 2") states nothing.
        for (const n of text.matchAll(/(?<![A-Za-z\d.])\d[\d,.]*/g)) {
          if (covered[n.index]) continue;
          if (text[n.index - 1] === '(' && text[n.index + n[0].length] === ')') continue;
          if (/criterion $/.test(text.slice(Math.max(0, n.index - 10), n.index))) continue;
          unchecked.push(`${name}: …${text.slice(Math.max(0, n.index - 50), n.index + 30)}…`);
        }
      }
    }
    expect(unchecked).toEqual([]);
  });
});
