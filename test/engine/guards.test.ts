import { describe, expect, it } from 'vitest';
import { Simulation, simulate } from '../../src/engine/simulate';
import { run, scenario } from './helpers';

/** A function that invokes another twice asynchronously, which invokes the first: a loop that multiplies. */
const loop = () =>
  scenario(
    [
      { id: 'tick', kind: 'schedule', params: { rateSeconds: 60 } },
      { id: 'ping', kind: 'function', params: { duration: { dist: 'constant', meanMs: 5 } } },
      { id: 'pong', kind: 'function', params: { duration: { dist: 'constant', meanMs: 5 } } },
    ],
    [
      { source: 'tick', target: 'ping' },
      { source: 'ping', target: 'pong', params: { mode: 'async', perRequest: 2 } },
      { source: 'pong', target: 'ping', params: { mode: 'async' } },
    ],
    { durationSeconds: 3600 },
  );

describe('guards', () => {
  it('the event budget stops a runaway loop cleanly and names the loop', () => {
    const r = run(loop(), { maxEvents: 200_000 });
    expect(r.incomplete?.reason).toBe('eventBudget');
    expect(
      r.incomplete?.busiestNodes
        .slice(0, 2)
        .map((b) => b.id)
        .sort(),
    ).toEqual(['ping', 'pong']);
    expect(r.incomplete?.message).toMatch(/feedback loop/);
    expect(r.incomplete?.message).toMatch(/ping/);
    expect(r.simulatedSeconds).toBeLessThan(3600);
    // The partial result still conserves requests.
    const t = r.totals;
    expect(t.requests).toBe(t.completed + t.failed + t.deadLettered + t.dropped + t.inFlight);
  });

  it('the wall-clock budget stops a long run', () => {
    const r = run(loop(), { maxWallMs: 1, maxEvents: 1e12 });
    expect(r.incomplete?.reason).toBe('wallClock');
  });

  it('cancel stops at the next slice with a partial result', () => {
    let calls = 0;
    const r = simulate(loop(), { shouldCancel: () => ++calls > 1, maxEvents: 1e12 });
    expect(r.incomplete?.reason).toBe('cancelled');
  });

  it('progress rises to 1 and a run can be stepped in slices with the same result', () => {
    const doc = scenario(
      [
        { id: 'c', kind: 'producer', params: { traffic: { shape: 'poisson', ratePerSecond: 200 } } },
        { id: 'api', kind: 'apiGateway' },
        { id: 'fn', kind: 'function' },
      ],
      [
        { source: 'c', target: 'api' },
        { source: 'api', target: 'fn' },
      ],
      { durationSeconds: 3600 },
    );
    const seen: number[] = [];
    const whole = simulate(doc, { onProgress: (f) => seen.push(f) });
    expect(seen.length).toBeGreaterThan(2);
    expect(seen[seen.length - 1]).toBe(1);
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThanOrEqual(seen[i - 1]);
    const sim = Simulation.create(doc);
    let steps = 0;
    while (!sim.step(10_000)) steps++;
    expect(steps).toBeGreaterThan(10);
    const sliced = sim.result();
    expect({ ...sliced, engine: null }).toEqual({ ...whole, engine: null });
    // Two whole runs: about 2.5 s on an idle 2-core machine, so a loaded one needs room.
  }, 30_000);
});

describe('warm-up longer than an overridden duration', () => {
  it('measures from the start, warns, and prices a sane month', () => {
    const doc = scenario(
      [
        { id: 'c', kind: 'producer', params: { traffic: { shape: 'constant', ratePerSecond: 1 } } },
        { id: 'api', kind: 'apiGateway' },
        { id: 'fn', kind: 'function' },
      ],
      [
        { source: 'c', target: 'api' },
        { source: 'api', target: 'fn' },
      ],
      { durationSeconds: 1200, warmupSeconds: 600 },
    );
    const r = run(doc, { durationSeconds: 120 });
    expect(r.totals.requests).toBe(120);
    expect(r.warnings.some((w) => w.includes('warm-up'))).toBe(true);
    // 1 request/s for a month through an HTTP API: 2.592 M requests at $1 per million, and so on.
    expect(r.nodes.api.cost.monthlyUsd).toBeCloseTo(2.592, 3);
  });
});
