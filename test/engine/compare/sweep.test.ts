import { describe, expect, it } from 'vitest';
import {
  SweepError,
  applyRefinement,
  findCrossovers,
  planRefinement,
  planSweep,
  reduceSweep,
  groupReplications,
  replicatedTasks,
  runSweep,
  sweepValues,
  type PointOutcome,
  type SweepRun,
} from '../../../src/engine/compare/sweep';
import { sweep } from '../../../src/engine/compare/run-point';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parsePath, setParam, unitOfPath } from '../../../src/engine/compare/param-path';
import { validateScenario } from '../../../src/engine/scenario/validate';
import { simulate } from '../../../src/engine/simulate';
import { replicationSeeds } from '../../../src/engine/stats/replications';
import { CROSSING, SERVER_MONTH, knownPair } from './known-pair';

describe('sweep values and parameter paths', () => {
  it('linear and geometric spacing, ends included', () => {
    expect(sweepValues(1, 5, 5)).toEqual([1, 2, 3, 4, 5]);
    const g = sweepValues(1, 1000, 4, true);
    expect(g[0]).toBe(1);
    expect(g[1]).toBeCloseTo(10, 12);
    expect(g[2]).toBeCloseTo(100, 12);
    expect(g[3]).toBe(1000);
    expect(() => sweepValues(0, 10, 3, true)).toThrow(SweepError);
    expect(() => sweepValues(5, 1, 3)).toThrow(/greater than from/);
    expect(() => sweepValues(1, 5, 1)).toThrow(/steps/);
  });

  it('short and full paths name the same parameter', () => {
    expect(parsePath('clients.traffic.ratePerSecond')).toEqual(
      parsePath('nodes[id=clients].params.traffic.ratePerSecond'),
    );
    expect(unitOfPath(parsePath('clients.traffic.ratePerSecond'))).toBe('requests/s');
    expect(unitOfPath(parsePath('fn.memoryMB'))).toBe('MB');
    const doc = knownPair().server;
    const set = setParam(doc, parsePath('clients.traffic.ratePerSecond'), 42) as typeof doc;
    expect(set.nodes[0].params).toEqual({ traffic: { shape: 'constant', ratePerSecond: 42 } });
    expect(doc.nodes[0].params).toEqual({ traffic: { shape: 'constant', ratePerSecond: 10 } }); // untouched
    // Missing objects inside params are created; the schema fills the defaults around them.
    const s2 = setParam(doc, parsePath('backend.autoscaling.cooldownSeconds'), 60) as typeof doc;
    expect(s2.nodes[2].params.autoscaling).toEqual({ cooldownSeconds: 60 });
    expect(
      (setParam(doc, parsePath('settings.durationSeconds'), 60) as typeof doc).settings.durationSeconds,
    ).toBe(60);
    expect(() => setParam(doc, parsePath('nobody.traffic.ratePerSecond'), 1)).toThrow(
      'nodes[id=nobody]: there is no node with id "nobody"',
    );
  });

  it('a path that does not resolve names the scenario', () => {
    const { server } = knownPair();
    expect(() =>
      planSweep({ scenarios: [server], param: 'clientz.traffic.ratePerSecond', from: 1, to: 2, steps: 2 }),
    ).toThrow(/^server: nodes\[id=clientz\]/);
    expect(() =>
      planSweep({ scenarios: [server], param: 'clients.traffic.shape.x', from: 1, to: 2, steps: 2 }),
    ).toThrow(/not an object/);
  });
});

describe('planner and reducer (the runs can happen anywhere)', () => {
  /** Costs of two straight lines: a = 2 + 0.5v, b = 10 + 0.1v: equal at v = 20. */
  const fake = (run: SweepRun): PointOutcome => ({
    monthlyCostUsd: run.scenario === 0 ? 2 + 0.5 * run.value : 10 + 0.1 * run.value,
    p95Ms: 100,
    requests: 1,
    failedFraction: 0,
  });

  it('the plan lists each scenario at each value, with the parameter set in its document', () => {
    const { functions, server } = knownPair();
    const plan = planSweep({
      scenarios: [functions, server],
      param: 'clients.traffic.ratePerSecond',
      from: 1,
      to: 31,
      steps: 4,
    });
    expect(plan.values).toEqual([1, 11, 21, 31]);
    expect(plan.runs.map((r) => [r.scenario, r.value])).toEqual([
      [0, 1],
      [0, 11],
      [0, 21],
      [0, 31],
      [1, 1],
      [1, 11],
      [1, 21],
      [1, 31],
    ]);
    expect((plan.runs[2].doc as typeof functions).nodes[0].params).toEqual({
      traffic: { shape: 'constant', ratePerSecond: 21 },
    });
    expect(plan.names).toEqual(['functions', 'server']);
    expect(plan.param).toBe('nodes[id=clients].params.traffic.ratePerSecond');
    // Runs are plain data: they survive structured cloning to a worker.
    expect(structuredClone(plan.runs)).toEqual(plan.runs);

    const report = reduceSweep(plan, plan.runs.map(fake));
    expect(report.curves[0].points.map((p) => p.monthlyCostUsd)).toEqual([2.5, 7.5, 12.5, 17.5]);
    expect(report.crossovers).toHaveLength(1);
    const c = report.crossovers[0];
    expect(c.value).toBeCloseTo(20, 9); // lines: interpolation is exact
    expect([c.lo, c.hi]).toEqual([11, 21]);
    expect(c.label).toBe('functions cost less below 20 requests/s, server above');
    expect(c.monthlyCostUsd).toBeCloseTo(12, 9);
  });

  it('refinement halves the bracket each round, with runs at the midpoints only', () => {
    const { functions, server } = knownPair();
    const plan = planSweep({
      scenarios: [functions, server],
      param: 'clients.traffic.ratePerSecond',
      from: 1,
      to: 31,
      steps: 4,
    });
    let report = reduceSweep(plan, plan.runs.map(fake));
    const runs = planRefinement(plan, report.crossovers);
    expect(runs.map((r) => [r.scenario, r.value])).toEqual([
      [0, 16],
      [1, 16],
    ]);
    report = applyRefinement(plan, report, runs, runs.map(fake));
    expect([report.crossovers[0].lo, report.crossovers[0].hi]).toEqual([16, 21]);
    expect(report.crossovers[0].refined).toBe(1);
    expect(report.curves[0].points.map((p) => p.value)).toEqual([1, 11, 16, 21, 31]);
    expect(report.crossovers[0].value).toBeCloseTo(20, 9);
  });

  it('finds every crossing of every pair, sorted by value', () => {
    const curve = (name: string, scenario: number, costs: number[]) => ({
      scenario,
      name,
      points: costs.map((c, i) => ({
        value: i + 1,
        monthlyCostUsd: c,
        p95Ms: 0,
        requests: 0,
        failedFraction: 0,
      })),
    });
    const x = findCrossovers(
      [curve('flat', 0, [5, 5, 5, 5]), curve('vee', 1, [8, 2, 2, 8]), curve('line', 2, [1, 2, 3, 4])],
      { unit: 'x' },
    );
    // flat − vee: −3, 3, 3, −3 crosses twice; flat − line: 4, 3, 2, 1 never; vee − line:
    // 7, 0, −1, 4: the 0 counts with the sign before it, so 7 → −1 over [1, 3], then −1 → 4.
    expect(x.map((c) => [c.label, Number(c.value.toFixed(9))])).toEqual([
      ['flat costs less below 1.5 x, vee above', 1.5],
      ['line costs less below 2.75 x, vee above', 2.75],
      ['vee costs less below 3.2 x, line above', 3.2],
      ['vee costs less below 3.5 x, flat above', 3.5],
    ]);
    expect(x[1]).toMatchObject({ lo: 1, hi: 3, a: 1, b: 2, cheaperBelow: 2 });
  });
});

describe('sweep: the known crossing of functions and an always-on instance', () => {
  it('finds 28.3 requests/s by interpolation, then bisection with re-runs', async () => {
    const { functions, server } = knownPair();
    const report = await sweep({
      scenarios: [functions, server],
      param: 'clients.traffic.ratePerSecond',
      from: 5,
      to: 50,
      steps: 4,
    });
    expect(report.values).toEqual([5, 20, 35, 50]);
    expect(report.crossovers).toHaveLength(1);
    const c = report.crossovers[0];
    expect(CROSSING).toBeCloseTo(28.2993, 4);
    expect(c.value).toBeGreaterThan(CROSSING * 0.995);
    expect(c.value).toBeLessThan(CROSSING * 1.005);
    expect(c.refined).toBe(6);
    expect(c.hi - c.lo).toBeCloseTo(15 / 64, 9);
    expect(c.label).toBe('functions cost less below 28.3 requests/s, server above');
    // At the crossing both cost the API's share ($1.00 per million HTTP API requests) plus the instance.
    const apiPerMonth = CROSSING * 2_592_000 * 1e-6;
    expect(c.monthlyCostUsd).toBeCloseTo(SERVER_MONTH + apiPerMonth, 1);
    // The server's cost is flat apart from the API; p95 stays at the 100 ms handler + the API's 10 ms.
    const s = report.curves[1].points;
    expect(s[s.length - 1].monthlyCostUsd - s[0].monthlyCostUsd).toBeCloseTo(45 * 2.592, 1);
    for (const curve of report.curves)
      for (const p of curve.points) expect(Math.abs(p.p95Ms - 110)).toBeLessThan(2);
  });
});

describe('sweeping a whole-number parameter', () => {
  it('rounds the grid and the refinement midpoints, and every run validates', () => {
    const doc = JSON.parse(
      readFileSync(resolve(import.meta.dirname, '../../../src/templates/api-function.json'), 'utf8'),
    );
    const plan = planSweep({
      scenarios: [doc, doc],
      param: 'handler.memoryMB',
      from: 128,
      to: 3000,
      steps: 7,
      log: true,
    });
    expect(plan.integral).toBe(true);
    for (const v of plan.values) expect(Number.isInteger(v)).toBe(true);
    for (const r of plan.runs) expect(validateScenario(r.doc).ok).toBe(true);
    const runs = planRefinement(plan, [
      {
        a: 0,
        b: 1,
        cheaperBelow: 0,
        cheaperAbove: 1,
        value: 200.4,
        lo: 190,
        hi: 211,
        monthlyCostUsd: 1,
        refined: 0,
        label: '',
        diffLo: -1,
        diffHi: 1,
      } as never,
    ]);
    for (const r of runs) expect(Number.isInteger(r.value)).toBe(true);
    const rate = planSweep({
      scenarios: [doc],
      param: 'clients.traffic.ratePerSecond',
      from: 0.5,
      to: 60,
      steps: 5,
      log: true,
    });
    expect(rate.integral).toBe(false);
  });
});

describe('sweep with replications', () => {
  /** The known pair with Poisson clients: the functions' bill now varies from seed to seed. */
  const noisyPair = (seed: number) => {
    const { functions, server } = knownPair(300);
    const noisy = <T extends ReturnType<typeof knownPair>['server']>(doc: T): T => ({
      ...doc,
      settings: { ...doc.settings, seed },
      nodes: doc.nodes.map((n) =>
        n.id === 'clients' ? { ...n, params: { traffic: { shape: 'poisson', ratePerSecond: 10 } } } : n,
      ),
    });
    return [noisy(functions), noisy(server)];
  };
  const spec = (seed: number) => ({
    scenarios: noisyPair(seed),
    names: ['functions', 'server'],
    param: 'clients.traffic.ratePerSecond',
    from: 5,
    to: 50,
    steps: 4,
  });
  const inThread = (reps: number) => async (runs: SweepRun[]) =>
    groupReplications(
      replicatedTasks(runs, reps).map((t) => simulate(t.scenario, t.options)),
      reps,
    );

  it("each point's cost is the mean of its replications, with a t interval", async () => {
    const plan = planSweep(spec(4));
    const report = (await runSweep(plan, inThread(3), { refineRounds: 0 }))!;
    const p = report.curves[0].points[1];
    const seeds = replicationSeeds(4, 3);
    const costs = seeds.map((seed) => simulate(plan.runs[1].doc, { seed }).totals.monthlyCostUsd);
    const mean = costs.reduce((a, b) => a + b) / 3;
    const sd = Math.sqrt(costs.reduce((a, c) => a + (c - mean) ** 2, 0) / 2);
    expect(p.replications!.costSamples).toEqual(costs);
    expect(p.monthlyCostUsd).toBeCloseTo(mean, 12);
    // t(0.975, 2) = 4.3027 (tables).
    expect(p.replications!.monthlyCostUsd.halfWidth).toBeCloseTo((4.3027 * sd) / Math.sqrt(3), 4);
    expect(p.replications!.monthlyCostUsd.halfWidth).toBeGreaterThan(0);
  });

  it('the crossover interval is the interval of the crossings of each replication swept on its own', async () => {
    const report = (await runSweep(planSweep(spec(4)), inThread(3), { refineRounds: 0 }))!;
    expect(report.crossovers).toHaveLength(1);
    const iv = report.crossovers[0].interval!;
    const alone = await Promise.all(
      replicationSeeds(4, 3).map(async (seed) => {
        const r = await sweep(spec(seed), { refineRounds: 0 });
        return r.crossovers[0].value;
      }),
    );
    const mean = alone.reduce((a, b) => a + b) / 3;
    const sd = Math.sqrt(alone.reduce((a, c) => a + (c - mean) ** 2, 0) / 2);
    expect(iv.missing).toBe(0);
    expect(iv.mean).toBeCloseTo(mean, 9);
    expect(iv.halfWidth).toBeCloseTo((4.3027 * sd) / Math.sqrt(3), 4);
    // And the interval holds the exact crossing of the two expected bills.
    expect(iv.lo).toBeLessThan(CROSSING);
    expect(iv.hi).toBeGreaterThan(CROSSING);
  });
});
