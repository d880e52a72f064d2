import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EC2_INSTANCE_TYPES, EKS } from '../../src/engine/billing/prices';
import { functionCatalog } from '../../src/engine/kinds/function/catalog';
import { defaultColdStart } from '../../src/engine/kinds/function/cold-starts';
import type { Result } from '../../src/engine/result';
import { simulate } from '../../src/engine/simulate';
import { validateScenario } from '../../src/engine/scenario/validate';

/**
 * What the lessons, notes and README say, checked against runs of the templates, so that a
 * change to the engine that makes a lesson untrue fails here. Each claim is data: the text
 * it quotes (so a rewrite of the lesson must come here too) and the check on a run.
 */
const dir = resolve(import.meta.dirname, '../../src/templates');
const load = (name: string) => JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8'));
const text = (name: string) => JSON.stringify(load(name));
const runs = new Map<string, Result>();
/** A run of a template, once per (template, variant); `variant` names what `edit` changes. */
type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
function runOf(name: string, variant = '', edit?: (doc: Doc) => void): Result {
  const key = `${name}:${variant}`;
  if (!runs.has(key)) {
    const doc = load(name);
    edit?.(doc);
    runs.set(key, simulate(doc, { traceSampleRate: 0 }));
  }
  return runs.get(key)!;
}
const m = (r: Result, id: string) => r.nodes[id].metrics as Record<string, number>;
const HOURS_PER_MONTH = 720; // the bill's 30-day month

interface Claim {
  template: string;
  says: string;
  check: () => void;
}

const CLAIMS: Claim[] = [
  {
    template: 'api-function',
    says: 'about 140 ms here',
    check: () => {
      // The function's INIT is the nodejs22.x default at its memory (lambda-perf medians).
      const fn = load('api-function').nodes.find((n: { kind: string }) => n.kind === 'function');
      const init = defaultColdStart(
        fn.params.runtime,
        fn.params.memoryMB,
        fn.params.architecture ?? 'x86_64',
      );
      expect(init.meanMs).toBeGreaterThanOrEqual(125);
      expect(init.meanMs).toBeLessThanOrEqual(155);
    },
  },
  {
    template: 'compare-containers',
    says: 'One task each',
    check: () => {
      const r = runOf('compare-containers');
      for (const id of ['apiService', 'filesService', 'renderService']) expect(m(r, id).maxInstances).toBe(1);
      // "about 40 % busy, against 2–4 % for the light services"
      expect(m(r, 'renderService').meanUtilization).toBeGreaterThan(0.35);
      expect(m(r, 'renderService').meanUtilization).toBeLessThan(0.45);
      for (const id of ['apiService', 'filesService']) {
        expect(m(r, id).meanUtilization).toBeGreaterThan(0.015);
        expect(m(r, id).meanUtilization).toBeLessThan(0.045);
      }
    },
  },
  {
    template: 'compare-containers',
    says: 'costs about $10.5 a month, more than a whole t3.micro instance ($7.49 a month',
    check: () => {
      const r = runOf('compare-containers');
      const measuredHours = (r.simulatedSeconds - load('compare-containers').settings.warmupSeconds) / 3600;
      const monthly = (r.nodes.apiService.cost.totalUsd / measuredHours) * HOURS_PER_MONTH;
      expect(monthly).toBeGreaterThan(10.3);
      expect(monthly).toBeLessThan(10.7);
      expect((EC2_INSTANCE_TYPES['t3.micro'].hourly.usd ?? 0) * HOURS_PER_MONTH).toBeCloseTo(7.49, 2);
    },
  },
  {
    template: 'compare-eks',
    says: 'Two nodes cost $138.24 a month, and 37.5 % of the paid capacity is reserved by no pod',
    check: () => {
      const r = runOf('compare-eks');
      // The pool's figures, the same on each service of the cluster.
      for (const id of ['apiService', 'filesService', 'renderService']) {
        expect(m(r, id).maxInstances).toBe(1);
        expect(m(r, id).hostsMax).toBe(2);
        expect(m(r, id).hostsMean).toBe(2);
        // 2.5 of 4 vCPU reserved (0.25 + 0.25 + 2), 6 of 16 GB: the vCPU share is what binds.
        expect(m(r, id).idleCapacity).toBeCloseTo(1 - 2.5 / 4, 6);
      }
      const hourly = EC2_INSTANCE_TYPES['m5.large'].hourly.usd ?? 0;
      expect(2 * hourly * HOURS_PER_MONTH).toBeCloseTo(138.24, 2);
      expect(EKS.clusterHour.usd! * HOURS_PER_MONTH).toBeCloseTo(72, 6);
      // "About $210": the nodes and the fee, billed on the cluster's first service.
      const measuredHours = (r.simulatedSeconds - load('compare-eks').settings.warmupSeconds) / 3600;
      const perMonth = (usd: number) => (usd / measuredHours) * HOURS_PER_MONTH;
      expect(perMonth(r.nodes.apiService.cost.totalUsd)).toBeCloseTo(138.24 + 72, 6);
      expect(r.nodes.renderService.cost.totalUsd + r.nodes.filesService.cost.totalUsd).toBe(0);
    },
  },
  {
    template: 'compare-eks',
    says: 'The same services on Fargate cost about $92',
    check: () => {
      const r = runOf('compare-containers');
      const measuredHours = (r.simulatedSeconds - load('compare-containers').settings.warmupSeconds) / 3600;
      const services = ['apiService', 'filesService', 'renderService'].reduce(
        (sum, id) => sum + r.nodes[id].cost.totalUsd,
        0,
      );
      const monthly = (services / measuredHours) * HOURS_PER_MONTH;
      expect(monthly).toBeGreaterThan(90);
      expect(monthly).toBeLessThan(94);
    },
  },
  {
    template: 'compare-eks',
    says: 'With ECS on EC2 the same two instances cost $138.24, without a cluster fee',
    check: () => {
      const r = runOf('compare-eks', 'ec2', (doc) => {
        for (const n of doc.nodes) if (n.kind === 'container') n.params.launchType = 'ec2';
      });
      const measuredHours = (r.simulatedSeconds - load('compare-eks').settings.warmupSeconds) / 3600;
      expect(m(r, 'apiService').hostsMax).toBe(2);
      expect((r.nodes.apiService.cost.totalUsd / measuredHours) * HOURS_PER_MONTH).toBeCloseTo(138.24, 6);
    },
  },
  {
    template: 'compare-eks',
    says: 'Or give them one m5.xlarge (4 vCPU, 16 GB): all three pods fit on one node, at the same price as two m5.large',
    check: () => {
      const r = runOf('compare-eks', 'm5.xlarge', (doc) => {
        for (const n of doc.nodes) if (n.kind === 'container') n.params.instanceType = 'm5.xlarge';
      });
      expect(m(r, 'apiService').hostsMax).toBe(1);
      expect(EC2_INSTANCE_TYPES['m5.xlarge'].hourly.usd).toBe(2 * EC2_INSTANCE_TYPES['m5.large'].hourly.usd!);
    },
  },
  {
    template: 'limits-timeout-concurrency',
    says: 'API Gateway answers 500',
    check: () => {
      const r = runOf('limits-timeout-concurrency');
      const api = Object.entries(r.nodes).find(([, n]) => n.kind === 'apiGateway')![0];
      // Throttled invokes come back as backend errors (500), not as the API's own 429s.
      expect(m(r, api).backendThrottled).toBeGreaterThan(0);
      expect(m(r, api).throttled).toBe(0);
      expect(text('limits-timeout-concurrency')).not.toMatch(/\(429\) at once|error \(429\)/);
    },
  },
  {
    template: 'eventbridge-routing',
    says: 'its `retries` and its DLQ stay at 0',
    check: () => {
      const r = runOf('eventbridge-routing', 'fulfil reserved 0', (doc) => {
        const fulfil = doc.nodes.find((n: { label: string }) => n.label === 'Fulfil order');
        fulfil.params.reservedConcurrency = 0;
      });
      expect(m(r, 'bus').retries).toBe(0);
      expect(m(r, 'undeliverable').sent).toBe(0);
      expect(r.totals.dropped).toBeGreaterThan(0);
    },
  },
  {
    template: 'cold-starts-keep-alive',
    says: 'keepAliveSeconds is therefore an assumption, a what-if you choose within what was observed (300 to 3,900 s)',
    check: () => {
      expect(text('cold-starts-keep-alive')).toMatch(/observers saw 5 to 65 minutes/);
      expect(text('cold-starts-keep-alive')).not.toMatch(/keepAliveSeconds to 300/);
      // The allowed range is the observed one, [M-MIK-INT] [M-BURN]: 5 to 65 minutes.
      const fn = { kind: 'function', params: {} };
      const ok = (s: number) =>
        validateScenario({ version: 1, nodes: [{ ...fn, id: 'f', params: { keepAliveSeconds: s } }] }).ok;
      expect([ok(299), ok(300), ok(3900), ok(3901)]).toEqual([false, true, true, false]);
      // The inspector says so too: the field is a what-if, not an AWS setting.
      expect(functionCatalog.fields?.keepAliveSeconds?.title).toBe('Keep-alive (what-if)');
      expect(
        load('cold-starts-keep-alive').nodes.find((n: { id: string }) => n.id === 'fn').params,
      ).toMatchObject({
        keepAliveSeconds: 300,
      });
    },
  },
  ...orchestrationClaims(),
  ...pipesClaims(),
];

/** Monthly cost of one node of a template run: the measured window scaled to a 30-day month. */
function monthlyOf(name: string, r: Result, id: string): number {
  const measuredHours = (r.simulatedSeconds - (load(name).settings.warmupSeconds ?? 0)) / 3600;
  return (r.nodes[id].cost.totalUsd / measuredHours) * HOURS_PER_MONTH;
}

function pipesClaims(): Claim[] {
  const name = 'eventbridge-pipes';
  const measured = (r: Result) => r.simulatedSeconds - load(name).settings.warmupSeconds;
  const pipeEdge = (d: Doc) => d.edges.find((e: Doc) => e.target === 'pipe');
  return [
    {
      template: name,
      says: 'only about 35 % of the events read go on',
      check: () => {
        const p = m(runOf(name), 'pipe');
        expect(p.delivered / p.read).toBeGreaterThan(0.32);
        expect(p.delivered / p.read).toBeLessThan(0.38);
      },
    },
    {
      template: name,
      says: 'about $3.50 a month here',
      check: () => {
        const r = runOf(name);
        // Billed per event that passed, in 64 KB chunks: 2 KB events are one request each.
        expect(m(r, 'pipe').billedRequests).toBe(m(r, 'pipe').read - m(r, 'pipe').filteredOut);
        expect(monthlyOf(name, r, 'pipe')).toBeGreaterThan(3.3);
        expect(monthlyOf(name, r, 'pipe')).toBeLessThan(3.7);
      },
    },
    {
      template: name,
      says: 'the queue gives the pipe about one batch a second',
      check: () => {
        const r = runOf(name);
        const perSecond = m(r, 'pipe').batches / measured(r);
        expect(perSecond).toBeGreaterThan(0.9);
        expect(perSecond).toBeLessThan(1.1);
      },
    },
    {
      template: name,
      says: 'one workflow execution per batch (about 3.4 orders each)',
      check: () => {
        const r = runOf(name);
        const p = m(r, 'pipe');
        expect(m(r, 'lookup').invocations).toBe(p.enrichmentCalls);
        expect(m(r, 'fulfil').executions).toBe(p.enrichmentCalls);
        expect(p.enrichmentCalls).toBeLessThanOrEqual(p.batches);
        expect(p.delivered / m(r, 'fulfil').executions).toBeGreaterThan(3.2);
        expect(p.delivered / m(r, 'fulfil').executions).toBeLessThan(3.6);
      },
    },
    {
      template: name,
      says: "remove the pipe's filter and watch the Pipes requests (and the workflow's work) grow about threefold",
      check: () => {
        const open = runOf(name, 'no filter', (d) => {
          const p = d.nodes.find((n: Doc) => n.id === 'pipe').params;
          delete p.filter;
          delete p.filterShare;
        });
        const ratio = m(open, 'pipe').billedRequests / m(runOf(name), 'pipe').billedRequests;
        expect(ratio).toBeGreaterThan(2.6);
        expect(ratio).toBeLessThan(3.2);
      },
    },
    {
      template: name,
      says: 'enrichment calls and executions become one per order',
      check: () => {
        const r = runOf(name, 'batch 1', (d) => {
          pipeEdge(d).params = { batchSize: 1 };
        });
        const p = m(r, 'pipe');
        // Every batch of one is an order that passed, or a filtered event that calls nothing.
        expect(p.enrichmentCalls).toBe(p.batches - p.filteredOut);
        expect(m(r, 'fulfil').executions).toBe(p.enrichmentCalls);
        expect(Math.abs(p.enrichmentCalls - p.delivered)).toBeLessThanOrEqual(3);
      },
    },
    {
      template: name,
      says: "Set Charge card's error rate to 0.9: batches fail, messages come back, and some end in Failed events",
      check: () => {
        const r = runOf(name, 'failing charge', (d) => {
          d.nodes.find((n: Doc) => n.id === 'charge').params.errorRate = 0.9;
        });
        expect(m(r, 'pipe').failedBatches).toBeGreaterThan(0);
        expect(m(r, 'events').returned).toBeGreaterThan(0);
        expect(m(r, 'failed').sent).toBeGreaterThan(0);
      },
    },
  ];
}

function orchestrationClaims(): Claim[] {
  const name = 'orchestration-vs-choreography';
  const express = () =>
    runOf(name, 'express', (d) => {
      d.nodes.find((n: Doc) => n.id === 'workflow').params.workflowType = 'express';
    });
  return [
    {
      template: name,
      says: 'about 3 per order here',
      check: () => {
        const w = m(runOf(name), 'workflow');
        const perOrder = w.transitions / w.executions;
        expect(perOrder).toBeGreaterThan(3);
        expect(perOrder).toBeLessThan(3.1);
      },
    },
    {
      template: name,
      says: 'That is about $970 a month for 5 orders a second, against about $13 for the bus',
      check: () => {
        const r = runOf(name);
        expect(monthlyOf(name, r, 'workflow')).toBeGreaterThan(920);
        expect(monthlyOf(name, r, 'workflow')).toBeLessThan(1020);
        expect(monthlyOf(name, r, 'orderEvents')).toBeGreaterThan(12);
        expect(monthlyOf(name, r, 'orderEvents')).toBeLessThan(14);
      },
    },
    {
      template: name,
      says: '**Send email** runs for every order, even when the payment failed',
      check: () => {
        const r = runOf(name);
        expect(m(r, 'charge').errors).toBeGreaterThan(0);
        expect(m(r, 'email').invocations).toBe(m(r, 'orderService').invocations);
        // The workflow's email step runs once per execution whose payment went through.
        expect(m(r, 'email2').invocations).toBeLessThanOrEqual(m(r, 'workflow').executions + 5);
      },
    },
    {
      template: name,
      says: 'It now costs about $18 a month',
      check: () => {
        const monthly = monthlyOf(name, express(), 'workflow');
        expect(monthly).toBeGreaterThan(16);
        expect(monthly).toBeLessThan(20);
      },
    },
    {
      template: name,
      says: 'about 290 ms at the median instead of 10 ms',
      check: () => {
        const p50 = (r: Result) => (r.nodes.orchApi.metrics as Record<string, { p50: number }>).latencyMs.p50;
        expect(p50(runOf(name))).toBeCloseTo(10, 0);
        expect(p50(express())).toBeGreaterThan(260);
        expect(p50(express())).toBeLessThan(320);
      },
    },
  ];
}

/**
 * Each prediction step's marked choice (`correct`) against what a run of the template does:
 * `expected` reads the run and returns the index of the choice it supports.
 */
interface ChoiceCheck {
  template: string;
  step: number;
  why: string;
  expected: (r: Result) => number;
}

/** Cold starts (or another rate series) counted between two times of a run, in seconds. */
function seriesSum(r: Result, node: string, name: string, from: number, to: number): number {
  const s = r.series!;
  const values = s[`${node}.${name}`] as number[];
  let sum = 0;
  s.t.forEach((t, i) => {
    if (t >= from && t < to) sum += values[i] * s.bucketSeconds;
  });
  return sum;
}
function seriesAt(r: Result, node: string, name: string, at: number): number {
  const s = r.series!;
  const i = s.t.findIndex((t) => t + s.bucketSeconds > at);
  return (s[`${node}.${name}`] as number[])[i];
}
const withSeries = (name: string) => {
  const key = `${name}:series`;
  if (!runs.has(key)) runs.set(key, simulate(load(name), { traceSampleRate: 0, series: true }));
  return runs.get(key)!;
};

const CHOICES: ChoiceCheck[] = [
  {
    template: 'ecs-on-ec2',
    step: 0,
    why: 'the 2 tasks of the start run on one instance (choices 1, 2, 4)',
    expected: (r) => {
      const hosts = seriesAt(r, 'web', 'hosts', 60);
      expect(seriesAt(r, 'web', 'instances', 60)).toBe(2);
      return [1, 2, 4].indexOf(hosts);
    },
  },
  {
    template: 'api-function',
    step: 0,
    why: 'the first second is all cold starts',
    expected: (r) => (seriesSum(r, 'handler', 'coldStarts', 0, 1) > 0 ? 2 : 1),
  },
  {
    template: 'api-function',
    step: 1,
    why: 'mean concurrency nearest to 2, 20 or 200',
    expected: (r) => {
      const c = m(r, 'handler').meanConcurrency;
      const d = [2, 20, 200].map((x) => Math.abs(Math.log(c / x)));
      return d.indexOf(Math.min(...d));
    },
  },
  {
    template: 'cold-starts-keep-alive',
    step: 1,
    why: 'environments still there 2 minutes after the burst, gone before the next',
    expected: (r) => {
      const at = (t: number) => seriesAt(r, 'fn', 'instances', t);
      if (at(65) === 0) return 0;
      return at(180) > 0 && at(410) === 0 ? 1 : 2;
    },
  },
  {
    template: 'cold-starts-keep-alive',
    step: 2,
    why: 'cold starts in the burst after 6 minutes of silence',
    expected: (r) => (seriesSum(r, 'fn', 'coldStarts', 420, 480) > 0 ? 0 : 1),
  },
  {
    template: 'cold-starts-keep-alive',
    step: 3,
    why: 'no cold start in the burst after 1 minute of silence',
    expected: (r) => (seriesSum(r, 'fn', 'coldStarts', 540, 600) > 0 ? 0 : 1),
  },
  {
    template: 'compare-containers',
    step: 0,
    why: 'every service runs one task',
    expected: (r) =>
      ['apiService', 'filesService', 'renderService'].every((id) => m(r, id).maxInstances === 1) ? 2 : 0,
  },
  {
    template: 'compare-eks',
    step: 0,
    why: 'two m5.large nodes: render fills one, api and files share the other',
    expected: (r) => {
      const hosts = m(r, 'apiService').hostsMax;
      return hosts === 1 ? 0 : hosts === 2 ? 1 : 2;
    },
  },
  {
    template: 'eventbridge-pipes',
    step: 0,
    why: 'cart updates and orders under $50 are both filtered out',
    expected: (r) => {
      const p = m(r, 'pipe');
      // The type alone would let 70 % through; the amount condition halves that.
      return p.delivered < 0.45 * p.read ? 2 : p.delivered < 0.75 * p.read ? 1 : 0;
    },
  },
  {
    template: 'eventbridge-pipes',
    step: 1,
    why: 'the enrichment is called once per batch with something in it',
    expected: (r) => {
      const calls = m(r, 'lookup').invocations;
      const p = m(r, 'pipe');
      const nearest = [p.batches, p.delivered, p.read].map((x) => Math.abs(x - calls));
      return nearest.indexOf(Math.min(...nearest));
    },
  },
  {
    template: 'eventbridge-pipes',
    step: 2,
    why: 'the Pipes line counts the events that passed the filter',
    expected: (r) => {
      const p = m(r, 'pipe');
      const nearest = [p.read, p.read - p.filteredOut, p.batches].map((x) => Math.abs(x - p.billedRequests));
      return nearest.indexOf(Math.min(...nearest));
    },
  },
  {
    template: 'five-criteria',
    step: 0,
    why: 'the jump to 200 requests/s is served with no throttle and no setting changed',
    expected: (r) => (m(r, 'fn').throttles === 0 && m(r, 'fn').maxConcurrency > 10 ? 1 : 0),
  },
  {
    template: 'kinesis-analytics',
    step: 0,
    why: 'at most one invocation per shard (4)',
    expected: (r) => (m(r, 'aggregate').maxConcurrency <= 4 ? 1 : 0),
  },
  {
    template: 'limits-timeout-concurrency',
    step: 0,
    why: 'the extra invokes are throttled',
    expected: (r) => (m(r, 'report').throttles > 0 ? 1 : 0),
  },
  {
    template: 'pipes-and-filters',
    step: 1,
    why: 'the step with the highest mean concurrency',
    expected: (r) => {
      const c = ['validate', 'resize', 'tag'].map((id) => m(r, id).meanConcurrency);
      return c.indexOf(Math.max(...c));
    },
  },
  {
    template: 'scheduled-jobs',
    step: 0,
    why: 'the every-minute check is cold once',
    expected: (r) => (m(r, 'check').coldStarts === 1 ? 1 : 0),
  },
  {
    template: 'scheduled-jobs',
    step: 1,
    why: 'every cleanup run is cold',
    expected: (r) => (m(r, 'cleanup').coldStarts === m(r, 'cleanup').invocations ? 0 : 1),
  },
];

describe('the marked choice of each prediction is what a run of the template does', () => {
  for (const c of CHOICES) {
    it(`${c.template} step ${c.step}: ${c.why}`, () => {
      const step = load(c.template).lesson.steps[c.step];
      expect(step.choices.length).toBeGreaterThan(1);
      expect(step.correct).toBe(c.expected(withSeries(c.template)));
    }, 120_000);
  }

  it('every step with choices in every template names its right choice, and every template validates', () => {
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.json'))) {
      const doc = JSON.parse(readFileSync(join(dir, f), 'utf8'));
      expect(validateScenario(doc).ok, f).toBe(true);
      for (const [i, s] of (doc.lesson?.steps ?? []).entries()) {
        if (!s.choices) continue;
        expect(Number.isInteger(s.correct), `${f} step ${i}`).toBe(true);
        expect(s.correct, `${f} step ${i}`).toBeLessThan(s.choices.length);
      }
    }
  });
});

describe('lesson and note claims match runs of the templates', () => {
  for (const c of CLAIMS) {
    it(`${c.template}: "${c.says}"`, () => {
      expect(text(c.template)).toContain(c.says.replace(/"/g, '\\"'));
      c.check();
    }, 120_000);
  }

  it('no template suggests a schedule faster than EventBridge Scheduler allows (1 minute)', () => {
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.json'))) {
      for (const [, n] of readFileSync(join(dir, f), 'utf8').matchAll(/rateSeconds (\d+)/g))
        expect(Number(n), f).toBeGreaterThanOrEqual(60);
    }
  });

  it('README: "functions cost less below 3.85 requests/s, monolith above"', () => {
    const readme = readFileSync(resolve(import.meta.dirname, '../../README.md'), 'utf8');
    expect(readme).toContain('"functions cost less below 3.85 requests/s, monolith above"');
    const monthly = (name: string, rate: number) =>
      runOf(name, `rate ${rate}`, (doc) => {
        doc.nodes.find((n: { id: string }) => n.id === 'clients').params.traffic.ratePerSecond = rate;
      }).totals.monthlyCostUsd;
    // The crossover lies between 3.8 and 3.9 requests/s.
    expect(monthly('compare-functions', 3.8)).toBeLessThan(monthly('compare-monolith', 3.8));
    expect(monthly('compare-functions', 3.9)).toBeGreaterThan(monthly('compare-monolith', 3.9));
  }, 240_000);
});
