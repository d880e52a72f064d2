import { describe, expect, it } from 'vitest';
import { Simulation, simulate } from '../../../src/engine/simulate';
import { scenario } from '../helpers';

const FN = { duration: { dist: 'constant', meanMs: 5 } };

describe('the budget on work in flight', () => {
  it('stops a function invoking itself 100 times per request, naming the loop', () => {
    const doc = scenario(
      [
        { id: 'tick', kind: 'schedule', params: { rateSeconds: 60 } },
        { id: 'f', kind: 'function', params: FN },
      ],
      [
        { source: 'tick', target: 'f' },
        { source: 'f', target: 'f', params: { mode: 'async', perRequest: 100 } },
      ],
      { durationSeconds: 3600 },
    );
    const r = simulate(doc, { maxWorkInFlight: 100_000, maxEvents: 1e12 });
    expect(r.incomplete?.reason).toBe('workBudget');
    expect(r.incomplete?.message).toMatch(/pieces of work in flight \(the limit is 100,000/);
    expect(r.incomplete?.message).toContain('Likely cause: feedback loop: f → f');
    // Stopped within one slice of the limit: at most 1,024 events of 100 hand-offs each beyond it.
    expect(r.engine.events).toBeLessThan(100_000);
  });

  it('stops function → queue (100 messages per request) → function', () => {
    const doc = scenario(
      [
        { id: 'tick', kind: 'schedule', params: { rateSeconds: 60 } },
        { id: 'f', kind: 'function', params: FN },
        { id: 'q', kind: 'queue' },
      ],
      [
        { source: 'tick', target: 'f' },
        { source: 'f', target: 'q', params: { perRequest: 100 } },
        { source: 'q', target: 'f' },
      ],
      { durationSeconds: 3600 },
    );
    const r = simulate(doc, { maxWorkInFlight: 200_000, maxEvents: 1e12 });
    expect(r.incomplete?.reason).toBe('workBudget');
    expect(r.incomplete?.message).toMatch(/Likely cause: feedback loop: (f → q → f|q → f → q)/);
    const t = r.totals;
    expect(t.requests).toBe(t.completed + t.failed + t.deadLettered + t.dropped + t.inFlight);
  });

  it('the default budget stops the ping ⇄ pong loop before the event budget would', () => {
    const doc = scenario(
      [
        { id: 'tick', kind: 'schedule', params: { rateSeconds: 60 } },
        { id: 'ping', kind: 'function', params: FN },
        { id: 'pong', kind: 'function', params: FN },
      ],
      [
        { source: 'tick', target: 'ping' },
        { source: 'ping', target: 'pong', params: { mode: 'async', perRequest: 2 } },
        { source: 'pong', target: 'ping', params: { mode: 'async' } },
      ],
      { durationSeconds: 86400 },
    );
    const r = simulate(doc, { maxWorkInFlight: 50_000 });
    expect(r.incomplete?.reason).toBe('workBudget');
    expect(r.incomplete?.message).toMatch(/feedback loop: (ping → pong → ping|pong → ping → pong)/);
  });
});

describe('the clock and the cancel flag are looked at often', () => {
  it('every 1,024 events at most, so a budget cannot overrun by a long slice', () => {
    const doc = scenario(
      [
        { id: 'c', kind: 'producer', params: { traffic: { shape: 'poisson', ratePerSecond: 500 } } },
        { id: 'api', kind: 'apiGateway' },
        { id: 'fn', kind: 'function', params: FN },
      ],
      [
        { source: 'c', target: 'api' },
        { source: 'api', target: 'fn' },
      ],
      { durationSeconds: 3600 },
    );
    const seen: number[] = [];
    const sim = Simulation.create(doc, {
      shouldCancel: () => {
        seen.push(sim.ctx.queue.poppedTime);
        return seen.length >= 5;
      },
    });
    while (!sim.step(1 << 20));
    const r = sim.result();
    expect(r.incomplete?.reason).toBe('cancelled');
    expect(r.engine.events).toBeLessThanOrEqual(5 * 1024);
  });
});

describe('the loop named after a budget stop', () => {
  /** A busy producer "c" with no loop, and a slow loop elsewhere whose warning contains the letter c. */
  const doc = () =>
    scenario(
      [
        { id: 'c', kind: 'producer', params: { traffic: { shape: 'poisson', ratePerSecond: 2000 } } },
        { id: 'api', kind: 'apiGateway' },
        { id: 'fn', kind: 'function', params: FN },
        { id: 'hourly', kind: 'schedule', params: { rateSeconds: 3600 } },
        { id: 'slow1', kind: 'function', params: FN },
        { id: 'slow2', kind: 'function', params: FN },
      ],
      [
        { source: 'c', target: 'api' },
        { source: 'api', target: 'fn' },
        { source: 'hourly', target: 'slow1' },
        { source: 'slow1', target: 'slow2', params: { mode: 'async' } },
        { source: 'slow2', target: 'slow1', params: { mode: 'async' } },
      ],
      { durationSeconds: 3600 },
    );

  it('is not a loop the busiest nodes are not on: ids are matched whole, not as substrings', () => {
    const r = simulate(doc(), { maxEvents: 20_000 });
    expect(r.incomplete?.reason).toBe('eventBudget');
    expect(r.incomplete?.busiestNodes[0].id).toMatch(/^(c|api|fn)$/);
    expect(r.incomplete?.message).not.toMatch(/Likely cause|slow1 →/);
    expect(r.incomplete?.message).toMatch(
      /No feedback loop runs through them: "(c|api|fn)" did the most work/,
    );
  });

  it('of two loops, the one holding the busiest nodes', () => {
    const d = doc();
    // Make the busy path a loop too: fn hands each request on to gn, which calls fn again.
    d.nodes.push({ id: 'gn', kind: 'function', label: 'gn', position: { x: 0, y: 0 }, params: FN });
    d.edges.push(
      { id: 'x1', source: 'fn', target: 'gn', role: 'invoke', params: { mode: 'async' } },
      { id: 'x2', source: 'gn', target: 'fn', role: 'invoke', params: { mode: 'async' } },
    );
    const r = simulate(d, { maxEvents: 50_000 });
    expect(r.incomplete?.message).toMatch(/Likely cause: feedback loop: (fn → gn → fn|gn → fn → gn)/);
    expect(r.incomplete?.message).not.toMatch(/slow1 →/);
  });
});

describe('the budget on work in flight, on a healthy run', () => {
  it('counts work in flight, not work done: 30,000 requests through an API pass a budget of 1,000', () => {
    // Every request here ends through the API's answer (the path that shares its latency
    // sample); a leak there once stopped every run past 3 million requests as a runaway.
    const doc = scenario(
      [
        { id: 'c', kind: 'producer', params: { traffic: { shape: 'constant', ratePerSecond: 500 } } },
        { id: 'a', kind: 'apiGateway' },
        { id: 'f', kind: 'function', params: FN },
      ],
      [
        { source: 'c', target: 'a' },
        { source: 'a', target: 'f' },
      ],
      { durationSeconds: 60 },
    );
    const r = simulate(doc, { maxWorkInFlight: 1_000 });
    expect(r.incomplete).toBeUndefined();
    expect(r.totals.requests).toBeGreaterThanOrEqual(29_000);
  });
});
