import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FunctionRuntime } from '../../../src/engine/kinds/function/runtime';
import { errorsOf, doc as bareDoc } from '../scenario/build';
import { nodeRng } from '../../../src/engine/kernel/rng';
import {
  EB_RETRY_CAP_MS,
  eventBridgeRetryDelayMs,
  eventBridgeRetryStepMs,
} from '../../../src/engine/kinds/eventBus/retry';
import { conserved, FAST, fnMetrics, metrics, run, scenario } from '../helpers';

/** 10 events/s for 100 s (exactly 1,000), types A:B:C = 2:1:1. */
function routing(payloadKB = 1) {
  return scenario(
    [
      {
        id: 'app',
        kind: 'producer',
        params: {
          traffic: { shape: 'constant', ratePerSecond: 10 },
          payloadKB,
          eventTypes: [
            { name: 'A', weight: 2 },
            { name: 'B', weight: 1 },
            { name: 'C', weight: 1 },
          ],
        },
      },
      { id: 'bus', kind: 'eventBus' },
      { id: 'onlyA', kind: 'function', params: FAST },
      { id: 'ab1', kind: 'function', params: FAST },
      { id: 'ab2', kind: 'function', params: FAST },
      { id: 'all', kind: 'function', params: FAST },
    ],
    [
      { source: 'app', target: 'bus' },
      { source: 'bus', target: 'onlyA', params: { pattern: { type: ['A'] } } },
      // One rule with two targets: the same pattern, written in either order.
      { source: 'bus', target: 'ab1', params: { pattern: { type: ['A', 'B'] } } },
      { source: 'bus', target: 'ab2', params: { pattern: { type: ['B', 'A'] } } },
      { source: 'bus', target: 'all' },
    ],
    { durationSeconds: 100 },
  );
}

/** One event at t = 500 s into a bus with one target, a function (refusing only where a test patches it). */
function refusing(bus: Record<string, unknown>, withDlq: boolean) {
  const nodes = [
    { id: 'app', kind: 'producer', params: { traffic: { shape: 'constant', ratePerSecond: 0.001 } } },
    { id: 'bus', kind: 'eventBus', params: bus },
    { id: 'off', kind: 'function', params: { ...FAST, reservedConcurrency: 0 } },
  ];
  const edges = [
    { source: 'app', target: 'bus' },
    { source: 'bus', target: 'off' },
  ];
  if (withDlq) {
    nodes.push({ id: 'dlq', kind: 'queue', params: {} });
    edges.push({ source: 'bus', target: 'dlq', role: 'dlq' } as never);
  }
  return scenario(nodes, edges, { durationSeconds: 1400, seed: 7 });
}

/** The delays the bus draws (its rng is keyed by its id and the seed, and used only for retries). */
function expectedDelays(seed: number, n: number): number[] {
  const rng = nodeRng(seed, 'bus');
  return Array.from({ length: n }, (_, i) => eventBridgeRetryDelayMs(i + 1, rng.next()));
}

describe('EventBridge bus', () => {
  it('routes each event type to the rules whose pattern matches', () => {
    const r = run(routing());
    const m = metrics(r, 'bus');
    expect(m.putEvents).toBe(1000);
    const nA = fnMetrics(r, 'onlyA').invocations;
    const nB = fnMetrics(r, 'ab1').invocations - nA;
    const nC = 1000 - nA - nB;
    // 2:1:1 by weight (binomial sd ≈ 16 around 500, 14 around 250).
    expect(nA).toBeGreaterThan(440);
    expect(nA).toBeLessThan(560);
    expect(nB).toBeGreaterThan(200);
    expect(nC).toBeGreaterThan(200);
    expect(fnMetrics(r, 'ab2').invocations).toBe(nA + nB);
    expect(fnMetrics(r, 'all').invocations).toBe(1000);
    // Rules matched: A → 3 (onlyA, A|B, all), B → 2, C → 1; the A|B rule counts once.
    expect(m.matched).toBe(3 * nA + 2 * nB + nC);
    // Deliveries (targets): A → 4, B → 3, C → 1.
    expect(m.deliveries).toBe(4 * nA + 3 * nB + nC);
    expect(m.retries).toBe(0);
    expect(m.failed).toBe(0);
    expect(r.totals.completed).toBe(1000);
    conserved(r);
  });

  it('bills custom events in 64 KB chunks', () => {
    // 130 KB = 3 chunks: 1,000 events = 3,000 billed events × $1.00 / 1M = $0.003.
    const r = run(routing(130));
    const cost = r.nodes.bus.cost;
    expect(cost.items).toHaveLength(1);
    expect(cost.items[0].quantity).toBe(3000);
    expect(cost.totalUsd).toBeCloseTo((3000 * 1.0) / 1e6, 12);
    conserved(r);
  });

  it("reserved concurrency 0: Lambda's queue accepts, and the event goes straight to the on-failure destination, no retries", () => {
    // Facts §1.3 [L-ASYNC]: the async invoke succeeds for the caller (EventBridge delivers once,
    // never retries), and the function sends the event to its on-failure destination at once.
    const d = refusing({ maximumRetryAttempts: 5 }, false);
    d.nodes.push({ id: 'failed', kind: 'queue', label: 'failed', position: { x: 0, y: 0 }, params: {} });
    d.edges.push({ id: 'f', source: 'off', target: 'failed', role: 'onFailure', params: {} });
    const r = run(d, { traceSampleRate: 1 });
    const m = metrics(r, 'bus');
    expect(m.deliveries).toBe(1);
    expect(m.retries).toBe(0);
    expect(m.failed).toBe(0);
    expect(fnMetrics(r, 'off').invocations).toBe(0);
    expect(fnMetrics(r, 'off').retries).toBe(0);
    expect(metrics(r, 'failed').sent).toBe(1);
    expect(r.totals.deadLettered).toBe(1);
    const hops = r.traces[0].hops.filter((h) => h.node === 'bus');
    expect(hops.map((h) => [h.retry, h.outcome])).toEqual([[0, 'delivered']]);
    conserved(r);
  });

  it('reserved concurrency 0 without a destination: the event is discarded at once', () => {
    const r = run(refusing({ maximumRetryAttempts: 5 }, true));
    expect(metrics(r, 'bus').retries).toBe(0);
    // The bus's DLQ is for deliveries the bus could not make; this one was made.
    expect(metrics(r, 'dlq').sent).toBe(0);
    expect(r.totals.dropped).toBe(1);
    conserved(r);
  });
});

/**
 * No shipped kind refuses an EventBridge delivery today, but the bus's retry policy is AWS's
 * for any target that answers with a retriable error [EB-DLQ]. These tests stand such a
 * target in by patching the function's `accepts` to say no.
 */
describe('EventBridge retries of a target that refuses', () => {
  beforeEach(() => {
    (FunctionRuntime.prototype as unknown as { accepts?: () => boolean }).accepts = () => false;
  });
  afterEach(() => {
    delete (FunctionRuntime.prototype as unknown as { accepts?: () => boolean }).accepts;
  });

  it('retries a refusing target with exponential back-off and jitter, then drops it after maximumRetryAttempts', () => {
    const r = run(refusing({ maximumRetryAttempts: 5 }, false), { traceSampleRate: 1 });
    expect(r.totals.requests).toBe(1);
    const m = metrics(r, 'bus');
    expect(m.retries).toBe(5);
    expect(m.failed).toBe(1);
    expect(m.deliveries).toBe(0);
    expect(r.totals.dropped).toBe(1);
    expect(fnMetrics(r, 'off').invocations).toBe(0);
    // First attempt at 500 s, then 5 retries after delays in [step/2, step), step 1, 2, 4, 8, 16 s.
    const hops = r.traces[0].hops.filter((h) => h.node === 'bus');
    expect(hops.map((h) => h.retry)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(hops.every((h) => h.outcome === 'refused')).toBe(true);
    expect(hops[0].startMs).toBeCloseTo(500_000, 6);
    const gaps = hops.slice(1).map((h, i) => h.startMs - hops[i].startMs);
    gaps.forEach((g, i) => {
      const step = 1000 * 2 ** i;
      expect(g).toBeGreaterThanOrEqual(step / 2);
      expect(g).toBeLessThan(step);
    });
    // And exactly the bus's own draws.
    expectedDelays(7, 5).forEach((d, i) => expect(gaps[i]).toBeCloseTo(d, 6));
    expect(r.traces[0].outcome).toBe('dropped');
    conserved(r);
  });

  it('gives up when the next retry would pass maximumEventAgeSeconds', () => {
    const r = run(refusing({ maximumRetryAttempts: 185, maximumEventAgeSeconds: 60 }, false), {
      traceSampleRate: 1,
    });
    const delays = expectedDelays(7, 20);
    let retries = 0;
    let age = 0;
    while (age + delays[retries] <= 60_000) age += delays[retries++];
    // 1 + 2 + 4 + 8 + 16 s steps fit (≥ 15.5 s, < 31 s); the 64 s step's half (32 s) may or may not.
    expect(retries).toBeGreaterThanOrEqual(5);
    expect(retries).toBeLessThanOrEqual(6);
    const m = metrics(r, 'bus');
    expect(m.retries).toBe(retries);
    expect(m.failed).toBe(1);
    const hops = r.traces[0].hops.filter((h) => h.node === 'bus');
    expect(hops[hops.length - 1].startMs - hops[0].startMs).toBeCloseTo(age, 6);
    expect(r.totals.dropped).toBe(1);
    conserved(r);
  });

  it('ends in the dead-letter queue after maximumRetryAttempts', () => {
    const r = run(refusing({ maximumRetryAttempts: 3 }, true), { traceSampleRate: 1 });
    const m = metrics(r, 'bus');
    expect(m.retries).toBe(3);
    expect(m.failed).toBe(1);
    expect(m.deadLettered).toBe(1);
    expect(r.totals.deadLettered).toBe(1);
    expect(metrics(r, 'dlq').sent).toBe(1);
    conserved(r);
  });

  it("sends each target's failures to that target's own dead-letter queue", () => {
    const d = refusing({ maximumRetryAttempts: 0 }, true);
    d.nodes.push({ id: 'two', kind: 'function', label: 'two', position: { x: 0, y: 0 }, params: FAST });
    d.nodes.push({ id: 'dlq2', kind: 'queue', label: 'dlq2', position: { x: 0, y: 0 }, params: {} });
    d.edges.push({ id: 'b2', source: 'bus', target: 'two', role: 'invoke', params: {} });
    d.edges.push({ id: 'd2', source: 'bus', target: 'dlq2', role: 'dlq', params: { forTargets: ['two'] } });
    const r = run(d);
    // One event, two targets, no retries: "off" falls back to the bus-wide DLQ, "two" to its own.
    expect(metrics(r, 'bus').failed).toBe(2);
    expect(metrics(r, 'dlq').sent).toBe(1);
    expect(metrics(r, 'dlq2').sent).toBe(1);
    // One request fanned out in two: it counts once, as dead-lettered.
    expect(r.totals.deadLettered).toBe(1);
    conserved(r);
  });
});

describe('EventBridge dead-letter queues per target (validation)', () => {
  const base = (dlqs: { id: string; params?: Record<string, unknown> }[]) =>
    bareDoc(
      [
        { id: 'bus', kind: 'eventBus' },
        { id: 'a', kind: 'function' },
        { id: 'b', kind: 'function' },
        ...dlqs.map((q) => ({ id: q.id, kind: 'queue' })),
      ],
      [
        { source: 'bus', target: 'a' },
        { source: 'bus', target: 'b' },
        ...dlqs.map((q) => ({ source: 'bus', target: q.id, role: 'dlq', params: q.params ?? {} })),
      ],
    );

  it('refuses a second bus-wide DLQ, a DLQ for a node that is not a target, and two DLQs for one target', () => {
    expect(errorsOf(base([{ id: 'q1' }, { id: 'q2' }])).join('\n')).toMatch(
      /already has a dead-letter queue for all its targets: name the targets this one serves in forTargets/,
    );
    expect(errorsOf(base([{ id: 'q1', params: { forTargets: ['q1'] } }])).join('\n')).toMatch(
      /forTargets names "q1", which is not a target of bus "bus"/,
    );
    expect(
      errorsOf(
        base([
          { id: 'q1', params: { forTargets: ['a'] } },
          { id: 'q2', params: { forTargets: ['a', 'b'] } },
        ]),
      ).join('\n'),
    ).toMatch(/target "a" of bus "bus" already has a dead-letter queue/);
  });
});

describe('EventBridge retry back-off (pure)', () => {
  it('doubles from 1 s to a 10-minute cap, with equal jitter', () => {
    expect([1, 2, 3, 10, 11, 185].map(eventBridgeRetryStepMs)).toEqual([
      1000,
      2000,
      4000,
      512_000,
      EB_RETRY_CAP_MS,
      EB_RETRY_CAP_MS,
    ]);
    expect(eventBridgeRetryDelayMs(4, 0)).toBe(4000);
    expect(eventBridgeRetryDelayMs(4, 0.5)).toBe(6000);
    expect(eventBridgeRetryDelayMs(4, 0.999)).toBeLessThan(8000);
  });

  it('spreads the default 185 retries over about 22 h, inside the 24 h default age', () => {
    let mean = 0;
    for (let k = 1; k <= 185; k++) mean += eventBridgeRetryDelayMs(k, 0.5);
    // 0.75 × ((2^10 − 1) s + 175 × 600 s) = 0.75 × 106,023 s = 79,517.25 s ≈ 22.1 h.
    expect(mean / 1000).toBeCloseTo(79_517.25, 6);
    let longest = 0;
    for (let k = 1; k <= 185; k++) longest += eventBridgeRetryDelayMs(k, 1);
    // Unlucky draws stretch the 185 retries towards 29.5 h: then the 24 h age ends them first.
    expect(longest / 1000).toBe(106_023);
  });
});
