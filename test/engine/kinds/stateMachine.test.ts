import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../../src/engine/scenario/validate';
import { transitionsWithoutFailures } from '../../../src/engine/kinds/stateMachine/plan';
import { stateMachineParams } from '../../../src/engine/kinds/stateMachine/schema';
import { conserved, FAST, metrics, run, scenario } from '../helpers';

/** 1 execution per second for 100 s (exactly 100), started by a producer's StartExecution. */
function workflow(
  sm: Record<string, unknown>,
  extraNodes: Parameters<typeof scenario>[0] = [],
  extraEdges: Parameters<typeof scenario>[1] = [],
) {
  return scenario(
    [
      {
        id: 'orders',
        kind: 'producer',
        params: {
          traffic: { shape: 'constant', ratePerSecond: 1 },
          eventTypes: [
            { name: 'gold', weight: 1 },
            { name: 'silver', weight: 3 },
          ],
        },
      },
      { id: 'sm', kind: 'stateMachine', params: sm },
      { id: 'validate', kind: 'function', params: FAST },
      { id: 'work', kind: 'function', params: FAST },
      { id: 'notify', kind: 'function', params: FAST },
      ...extraNodes,
    ],
    [
      { source: 'orders', target: 'sm' },
      { source: 'sm', target: 'validate' },
      { source: 'sm', target: 'work' },
      { source: 'sm', target: 'notify' },
      ...extraEdges,
    ],
    { durationSeconds: 100 },
  );
}

const step = (name: string, more: Record<string, unknown> = {}) => ({ name, ...more });

/** Validate; wait 1 s; two tasks in parallel; a map over 5 items, 2 at a time; notify gold orders only. */
const FULL = [
  step('Validate', { function: 'validate' }),
  step('Pause', { type: 'wait', seconds: 1 }),
  step('Reserve', { function: 'work' }),
  step('Price', { function: 'work', alongside: true }),
  step('Pack items', { type: 'map', function: 'work', items: 5, concurrency: 2 }),
  step('Tell gold members', { function: 'notify', onlyFor: 'gold' }),
];

describe('Step Functions state machine', () => {
  it('counts state transitions as the steps it runs, a Choice and each branch and item included', () => {
    const r = run(workflow({ steps: FULL }));
    const m = metrics(r, 'sm');
    expect(m.executions).toBe(100);
    // The last order starts at 99.5 s and is still running when the run ends at 100 s.
    expect(m.succeeded).toBe(99);
    expect(r.totals.inFlight).toBe(1);
    // Per execution: Validate 1, Wait 1, Parallel 1 + 2 branches, Map 1 + 5 items, Choice 1 = 12,
    // plus the gold-only task for each gold order (counted on the notify function, not here).
    const gold = metrics(r, 'notify').invocations;
    expect(gold).toBeGreaterThan(5);
    expect(gold).toBeLessThan(60);
    // The last order has done Validate and entered the Wait (2 transitions) when the run ends.
    expect(m.transitions).toBe(12 * 99 + gold + 2);
    expect(transitionsWithoutFailures(stateMachineParams.parse({ steps: FULL }).steps)).toBe(13);
    // Functions: validate once, work 2 + 5 times per execution (the last one is still waiting).
    expect(metrics(r, 'validate').invocations).toBe(100);
    expect(metrics(r, 'work').invocations).toBe(7 * 99);
    conserved(r);
  });

  it('consecutive steps with a type are the branches of one Choice: one transition per execution, not one per branch', () => {
    const steps = [
      step('Validate', { function: 'validate' }),
      step('Tell gold members', { function: 'notify', onlyFor: 'gold' }),
      step('Work silver', { function: 'work', onlyFor: 'silver' }),
    ];
    const r = run(workflow({ steps }));
    const m = metrics(r, 'sm');
    expect(m.executions).toBe(100);
    expect(m.succeeded).toBe(100);
    const gold = metrics(r, 'notify').invocations;
    const silver = metrics(r, 'work').invocations;
    // Every order is gold or silver, so each takes exactly one branch.
    expect(gold + silver).toBe(100);
    expect(gold).toBeGreaterThan(5);
    // Per execution: Validate 1 + the Choice 1 + its branch's task 1 = 3 (Standard bills each
    // state entered: https://aws.amazon.com/step-functions/pricing/ [SFN-PRICE]); two Choices
    // in a row would have made it 4.
    expect(m.transitions).toBe(300);
    expect(transitionsWithoutFailures(stateMachineParams.parse({ steps }).steps, 'gold')).toBe(3);
    // The bill: 300 transitions at $0.025 per 1,000.
    const line = r.nodes.sm.cost.items.find((i) => i.name === 'Standard state transitions')!;
    expect(line.quantity).toBe(300);
    expect(line.usd).toBeCloseTo((300 * 0.025) / 1000, 12);
    conserved(r);
  });

  it('a step without a type ends the Choice: the next typed step heads a Choice of its own', () => {
    const steps = [
      step('Tell gold members', { function: 'notify', onlyFor: 'gold' }),
      step('Validate', { function: 'validate' }),
      step('Work silver', { function: 'work', onlyFor: 'silver' }),
    ];
    const m = metrics(run(workflow({ steps })), 'sm');
    // Choice 1 + (gold: notify) + Validate 1 + Choice 1 + (silver: work): 4 for every order.
    expect(m.transitions).toBe(400);
  });

  it('takes as long as its steps: a map of 5 items 2 at a time is three rounds', () => {
    const r = run(workflow({ steps: FULL }));
    const d = (r.nodes.sm.metrics as Record<string, { mean: number; p50: number }>).durationMs;
    // 10 ms validate + 1,000 ms wait + 10 ms parallel + 3 × 10 ms map (+ 10 ms notify for gold).
    // (The latency histogram keeps about 1 % resolution.)
    expect(d.p50).toBeGreaterThanOrEqual(1050 * 0.99);
    expect(d.p50).toBeLessThanOrEqual(1060 * 1.01);
  });

  it('retries a failing task with its retrier, each retry a transition, then catches to the failure path', () => {
    const r = run(
      workflow(
        {
          steps: [
            step('Validate', { function: 'validate' }),
            step('Charge', {
              function: 'broken',
              maxAttempts: 2,
              intervalSeconds: 1,
              backoffRate: 2,
              catchFailures: true,
            }),
          ],
        },
        [
          { id: 'broken', kind: 'function', params: { ...FAST, errorRate: 1 } },
          { id: 'failures', kind: 'queue' },
        ],
        [
          { source: 'sm', target: 'broken' },
          { source: 'sm', target: 'failures', role: 'onFailure' },
        ],
      ),
    );
    const m = metrics(r, 'sm');
    // Validate 1 + Charge 1 + 2 retries + the Catch's fallback state 1.
    // Each order ends 3.03 s after it starts; the last three (97.5, 98.5, 99.5 s) are still
    // retrying when the run ends at 100 s, with 2, 2 and 1 retries made.
    expect(m.retries).toBe(97 * 2 + 2 + 2 + 1);
    expect(m.caught).toBe(97);
    expect(m.succeeded).toBe(0);
    expect(m.transitions).toBe(97 * 5 + 4 + 4 + 3);
    expect(metrics(r, 'broken').invocations).toBe(97 * 3 + 2 + 2 + 1);
    expect(metrics(r, 'failures').sent).toBe(97);
    // Retries wait 1 s, then 2 s: each execution ends 3 s and 3 calls after it started.
    const d = (r.nodes.sm.metrics as Record<string, { p50: number }>).durationMs;
    expect(d.p50).toBeGreaterThanOrEqual(3030 * 0.99);
    expect(d.p50).toBeLessThanOrEqual(3030 * 1.01);
    conserved(r);
  });

  it('fails the execution when a task fails without Catch', () => {
    const r = run(
      workflow(
        { steps: [step('Charge', { function: 'broken', maxAttempts: 0 })] },
        [{ id: 'broken', kind: 'function', params: { ...FAST, errorRate: 1 } }],
        [{ source: 'sm', target: 'broken' }],
      ),
    );
    const m = metrics(r, 'sm');
    expect(m.failed).toBe(100);
    expect(m.transitions).toBe(100);
    expect(r.totals.failed).toBe(100);
    conserved(r);
  });

  it('bills a Standard workflow per transition, by hand', () => {
    const r = run(workflow({ steps: FULL }));
    const m = metrics(r, 'sm');
    expect(r.nodes.sm.cost.totalUsd).toBeCloseTo(m.transitions * (0.025 / 1000), 12);
    // With the free tier: 4,000 transitions a month are free. The month is 25,920 runs of 100 s.
    const withFree = workflow({ steps: FULL });
    withFree.settings.includeFreeTier = true;
    const free = run(withFree);
    const month = m.transitions * 25_920;
    expect(free.nodes.sm.cost.totalUsd).toBeCloseTo(((month - 4000) * (0.025 / 1000)) / 25_920, 12);
    expect(free.nodes.sm.cost.totalUsd).toBeLessThan(r.nodes.sm.cost.totalUsd);
  });

  it('bills an Express workflow per execution and per 100 ms at its memory in 64 MB chunks, by hand', () => {
    const r = run(workflow({ workflowType: 'express', memoryMb: 100, steps: FULL }));
    const m = metrics(r, 'sm');
    const gold = metrics(r, 'notify').invocations;
    // 1,050 ms rounds up to 1,100 ms, 1,060 to 1,100 too; 100 MB is two 64 MB chunks = 0.125 GB.
    const gbSeconds = m.succeeded * 1.1 * 0.125;
    expect(gold).toBeGreaterThan(0);
    expect(m.transitions).toBeGreaterThan(0);
    expect(r.nodes.sm.cost.totalUsd).toBeCloseTo(100 * (1 / 1e6) + gbSeconds * 0.00001667, 12);
  });

  it('fails an Express execution that would run past 5 minutes, billed up to the limit', () => {
    const r = run(
      scenario(
        [
          { id: 'one', kind: 'producer', params: { traffic: { shape: 'constant', ratePerSecond: 0.01 } } },
          {
            id: 'sm',
            kind: 'stateMachine',
            params: { workflowType: 'express', steps: [step('Sleep', { type: 'wait', seconds: 400 })] },
          },
        ],
        [{ source: 'one', target: 'sm' }],
        { durationSeconds: 1000 },
      ),
    );
    const m = metrics(r, 'sm');
    expect(m.executions).toBeGreaterThanOrEqual(1);
    // Started at 50, 150, … 950 s: those from 750 s on are still waiting when the run ends.
    expect(m.executions).toBe(10);
    expect(m.timedOut).toBe(7);
    expect(r.totals.inFlight).toBe(3);
    const d = (r.nodes.sm.metrics as Record<string, { max: number }>).durationMs;
    expect(d.max).toBeCloseTo(300_000, 0);
    // Billed: 10 executions at $1 per million, and the 7 that timed out for their 300 s at
    // 64 MB (0.0625 GB) each, at $0.00001667 per GB-second; the 3 still running bill nothing yet.
    expect(r.nodes.sm.cost.totalUsd).toBeCloseTo(10 * 1e-6 + 7 * 300 * 0.0625 * 0.00001667, 12);
  });

  it('lets a Standard workflow wait longer than 5 minutes', () => {
    const r = run(
      scenario(
        [
          { id: 'one', kind: 'producer', params: { traffic: { shape: 'constant', ratePerSecond: 0.01 } } },
          {
            id: 'sm',
            kind: 'stateMachine',
            params: { steps: [step('Sleep', { type: 'wait', seconds: 400 })] },
          },
        ],
        [{ source: 'one', target: 'sm' }],
        { durationSeconds: 1000 },
      ),
    );
    expect(metrics(r, 'sm').timedOut).toBe(0);
    expect(metrics(r, 'sm').succeeded).toBeGreaterThanOrEqual(1);
  });

  it('behind API Gateway: Express answers when the workflow ends, Standard at once', () => {
    const behindApi = (workflowType: string) =>
      scenario(
        [
          { id: 'clients', kind: 'producer', params: { traffic: { shape: 'constant', ratePerSecond: 1 } } },
          { id: 'api', kind: 'apiGateway', params: { overheadMs: 10 } },
          {
            id: 'sm',
            kind: 'stateMachine',
            params: {
              workflowType,
              steps: [step('Work', { seconds: 0 }), step('Pause', { type: 'wait', seconds: 2 })],
            },
          },
          { id: 'fn', kind: 'function', params: FAST },
        ],
        [
          { source: 'clients', target: 'api' },
          { source: 'api', target: 'sm' },
          { source: 'sm', target: 'fn' },
        ],
        { durationSeconds: 100 },
      );
    const express = run(behindApi('express'));
    const standard = run(behindApi('standard'));
    const apiLatency = (r: typeof express) =>
      (r.nodes.api.metrics as Record<string, { p50: number }>).latencyMs.p50;
    // Express: the 10 ms task, the 2 s wait and the gateway's 10 ms; Standard: the gateway's 10 ms.
    expect(apiLatency(express)).toBeGreaterThan(2020 * 0.99);
    expect(apiLatency(express)).toBeLessThan(2020 * 1.01);
    expect(apiLatency(standard)).toBeCloseTo(10, 0);
    expect(metrics(standard, 'sm').succeeded).toBeGreaterThanOrEqual(98);
    conserved(express);
    conserved(standard);
  });

  it('refuses steps that name a function it is not connected to, and explains an alongside on the first row', () => {
    const base = workflow({ steps: [step('Charge', { function: 'nowhere' })] });
    const r = validateScenario(base);
    expect(r.ok).toBe(false);
    const text = r.ok ? '' : r.errors.map((i) => `${i.path}: ${i.message}`).join('\n');
    expect(text).toMatch(/step "Charge" calls "nowhere", which this state machine is not connected to/);
    expect(text).toMatch(/nodes\[1\]\.params\.steps\[0\]\.function/);

    const first = validateScenario(workflow({ steps: [step('A', { function: 'work', alongside: true })] }));
    expect(first.ok).toBe(false);
    expect(first.ok ? '' : first.errors[0].message).toMatch(
      /must be off unless this task and the step above/,
    );
  });

  it('names the fix for a task without a function, with none connected or with several, and a type on an alongside task', () => {
    const messages = (d: ReturnType<typeof workflow>) => {
      const r = validateScenario(d);
      return r.ok ? [] : r.errors.map((i) => `${i.path}: ${i.message}`);
    };
    // Several functions connected, the step names none: it must say which.
    expect(messages(workflow({ steps: [step('Charge')] }))).toEqual([
      'nodes[1].params.steps[0].function: step "Charge" must name the function it calls: one of "validate", "work", "notify"',
    ]);
    // No function connected at all: draw the edge.
    const alone = scenario(
      [
        { id: 'p', kind: 'producer' },
        { id: 'sm', kind: 'stateMachine', params: { steps: [step('Charge', { function: 'x' })] } },
      ],
      [{ source: 'p', target: 'sm' }],
    );
    expect(messages(alone)).toEqual([
      'nodes[1].params.steps[0].function: step "Charge" calls a function, but this state machine is connected to none: draw an edge to the function it calls',
    ]);
    // A branch of a Parallel state takes no type of its own: the first branch carries it.
    const typed = workflow({
      steps: [
        step('Reserve', { function: 'work' }),
        step('Price', { function: 'work', alongside: true, onlyFor: 'gold' }),
      ],
    });
    expect(messages(typed)).toContain(
      'nodes[1].params.steps[1].onlyFor: must be empty on a task that runs alongside the one above (put it on the first branch)',
    );
  });

  it("runs work that belongs to no request (a failed event's record on a bus) without holding a path", () => {
    // The failing function's on-failure record reaches the bus as work of no request.
    const r = run(
      scenario(
        [
          { id: 'tick', kind: 'schedule', params: { rateSeconds: 60 } },
          { id: 'flaky', kind: 'function', params: { ...FAST, errorRate: 1, asyncRetries: 0 } },
          { id: 'bus', kind: 'eventBus' },
          // A long wait keeps executions running at the end, when the run checks its paths.
          {
            id: 'sm',
            kind: 'stateMachine',
            params: { steps: [step('Cool down', { type: 'wait', seconds: 120 }), step('Repair')] },
          },
          { id: 'fix', kind: 'function', params: FAST },
        ],
        [
          { source: 'tick', target: 'flaky' },
          { source: 'flaky', target: 'bus', role: 'onFailure' },
          { source: 'bus', target: 'sm' },
          { source: 'sm', target: 'fix' },
        ],
        { durationSeconds: 600 },
      ),
    );
    const m = metrics(r, 'sm');
    expect(m.executions).toBeGreaterThanOrEqual(9);
    expect(m.succeeded).toBeLessThan(m.executions);
    expect(metrics(r, 'fix').invocations).toBe(m.succeeded);
    conserved(r);
  });

  it('takes the only connected function when a step names none, and a label as well as an id', () => {
    const only = scenario(
      [
        { id: 'p', kind: 'producer', params: { traffic: { shape: 'constant', ratePerSecond: 1 } } },
        { id: 'sm', kind: 'stateMachine' },
        { id: 'f', kind: 'function', label: 'Make thumbnail', params: FAST },
      ],
      [
        { source: 'p', target: 'sm' },
        { source: 'sm', target: 'f' },
      ],
      { durationSeconds: 10 },
    );
    expect(metrics(run(only), 'f').invocations).toBe(10);
    only.nodes[1].params = { steps: [step('Thumb', { function: 'Make thumbnail' })] };
    expect(metrics(run(only), 'f').invocations).toBe(10);
  });
});
