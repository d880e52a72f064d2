import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EC2_INSTANCE_TYPES } from '../../src/engine/billing/prices';
import { defaultColdStart } from '../../src/engine/kinds/function/cold-starts';
import type { Result } from '../../src/engine/result';
import { simulate } from '../../src/engine/simulate';

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
    says: 'This lesson is a what-if',
    check: () => {
      expect(text('cold-starts-keep-alive')).toMatch(/observers saw 5 to 65 minutes/);
      expect(text('cold-starts-keep-alive')).not.toMatch(/keepAliveSeconds to 300/);
    },
  },
  ...orchestrationClaims(),
];

/** Monthly cost of one node of a template run: the measured window scaled to a 30-day month. */
function monthlyOf(name: string, r: Result, id: string): number {
  const measuredHours = (r.simulatedSeconds - (load(name).settings.warmupSeconds ?? 0)) / 3600;
  return (r.nodes[id].cost.totalUsd / measuredHours) * HOURS_PER_MONTH;
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

  it('README: "functions cost less below 3.95 requests/s, monolith above"', () => {
    const readme = readFileSync(resolve(import.meta.dirname, '../../README.md'), 'utf8');
    expect(readme).toContain('"functions cost less below 3.95 requests/s, monolith above"');
    const monthly = (name: string, rate: number) =>
      runOf(name, `rate ${rate}`, (doc) => {
        doc.nodes.find((n: { id: string }) => n.id === 'clients').params.traffic.ratePerSecond = rate;
      }).totals.monthlyCostUsd;
    // The crossover lies between 3.9 and 4.0 requests/s.
    expect(monthly('compare-functions', 3.9)).toBeLessThan(monthly('compare-monolith', 3.9));
    expect(monthly('compare-functions', 4.0)).toBeGreaterThan(monthly('compare-monolith', 4.0));
  }, 240_000);
});
