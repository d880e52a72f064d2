import { describe, expect, it } from 'vitest';
import type { SweepReport } from '../../src/engine/compare/sweep';
import {
  initialSweepState,
  sweepFraction,
  sweepReducer,
  sweepStatusText,
  type SweepAction,
  type SweepState,
} from '../../src/app/compare/sweep-state';
import { defaultParam, defaultRange, paramOptions } from '../../src/app/compare/param-options';
import { defaultPoolSize } from '../../src/worker/pool';
import monolith from '../../src/templates/compare-monolith.json';
import functions from '../../src/templates/compare-functions.json';

const report = (crossovers = 0): SweepReport => ({
  param: 'nodes[id=clients].params.traffic.ratePerSecond',
  unit: 'requests/s',
  values: [1, 10],
  curves: [],
  crossovers: Array.from({ length: crossovers }, () => ({}) as SweepReport['crossovers'][number]),
});

function run(actions: SweepAction[], from: SweepState = initialSweepState): SweepState {
  return actions.reduce(sweepReducer, from);
}

describe('sweep state', () => {
  it('counts the grid, grows the total with each refinement round and ends done', () => {
    let s = run([{ type: 'start', seq: 1, total: 8 }]);
    expect(s).toMatchObject({ phase: 'running', done: 0, total: 8, round: 0 });
    expect(sweepStatusText(s)).toBe('Running the grid: 0 of 8 runs');
    s = run(
      Array.from({ length: 8 }, () => ({ type: 'runEnded', seq: 1 }) as const),
      s,
    );
    expect(sweepFraction(s)).toBe(1);
    s = run(
      [
        { type: 'report', seq: 1, report: report(1) },
        { type: 'refine', seq: 1, round: 1, runs: 2 },
      ],
      s,
    );
    expect(s).toMatchObject({ total: 10, round: 1 });
    expect(sweepFraction(s)).toBeCloseTo(0.8);
    expect(sweepStatusText(s)).toBe('Refining crossovers (round 1): 8 of 10 runs');
    s = run(
      [
        { type: 'runEnded', seq: 1, incomplete: true },
        { type: 'runEnded', seq: 1 },
        { type: 'finish', seq: 1 },
      ],
      s,
    );
    expect(s).toMatchObject({ phase: 'done', done: 10, incompleteRuns: 1 });
    expect(sweepStatusText(s)).toBe('Done: 10 runs, 1 crossover.');
  });

  it('keeps what was found when stopped, and ignores a superseded sweep', () => {
    const r = report(2);
    let s = run([
      { type: 'start', seq: 1, total: 4 },
      { type: 'runEnded', seq: 1 },
      { type: 'report', seq: 1, report: r },
      { type: 'cancel', seq: 1 },
    ]);
    expect(s.phase).toBe('cancelled');
    expect(s.report).toBe(r);
    expect(sweepStatusText(s)).toBe('Stopped after 1 of 4 runs; the chart shows what was found so far.');
    // Late news from the stopped sweep changes nothing.
    expect(
      run(
        [
          { type: 'runEnded', seq: 1 },
          { type: 'finish', seq: 1 },
        ],
        s,
      ),
    ).toBe(s);
    s = run([{ type: 'start', seq: 2, total: 6 }], s);
    expect(s.report).toBeNull();
    expect(
      run(
        [
          { type: 'runEnded', seq: 1 },
          { type: 'report', seq: 1, report: r },
        ],
        s,
      ),
    ).toBe(s);
  });

  it('reports a failure in words and resets to idle', () => {
    const s = run([
      { type: 'start', seq: 3, total: 0 },
      { type: 'fail', seq: 3, error: 'steps must be a whole number from 2 to 1000' },
    ]);
    expect(s.phase).toBe('error');
    expect(sweepStatusText(s)).toMatch(/^The sweep failed: steps must be/);
    expect(run([{ type: 'reset' }], s)).toMatchObject({ phase: 'idle', seq: 3, report: null });
  });
});

describe('sweep parameters', () => {
  it('offers the shared producer first, then each node’s numeric params, with the scenarios that have them', () => {
    const options = paramOptions([monolith, functions]);
    expect(options[0]).toMatchObject({
      path: 'nodes[id=clients].params.traffic.ratePerSecond',
      label: 'Clients · Traffic: rate (requests/s)',
      scenarios: [0, 1],
      sample: 20,
    });
    const paths = options.map((o) => o.path);
    expect(paths).toContain('nodes[id=clients].params.eventTypes[name=render].weight');
    expect(options.find((o) => o.path === 'nodes[id=app].params.instances.max')).toMatchObject({
      scenarios: [0],
      sample: 20,
    });
    expect(options.find((o) => o.path === 'nodes[id=render].params.memoryMB')).toMatchObject({
      scenarios: [1],
      sample: 4096,
    });
    expect(
      options.find((o) => o.path === 'nodes[id=renderJobs].params.visibilityTimeoutSeconds'),
    ).toBeTruthy();
    // Shared ones before the others.
    const firstOnly = options.findIndex((o) => o.scenarios.length < 2);
    expect(options.slice(firstOnly).every((o) => o.scenarios.length < 2)).toBe(true);
    expect(defaultParam(options, 2)?.path).toBe('nodes[id=clients].params.traffic.ratePerSecond');
    expect(defaultRange(options[0])).toEqual({ from: 0.01, to: 1000, log: true });
    expect(defaultRange(options.find((o) => o.path === 'nodes[id=render].params.memoryMB'))).toEqual({
      from: 1024,
      to: 16384,
      log: true,
    });
  });

  it('sizes the pool one below the cores, at least one', () => {
    expect(defaultPoolSize(8)).toBe(7);
    expect(defaultPoolSize(2)).toBe(1);
    expect(defaultPoolSize(1)).toBe(1);
    expect(defaultPoolSize(undefined)).toBe(1);
  });
});
