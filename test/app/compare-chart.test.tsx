import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { findCrossovers, type SweepCurve, type SweepReport } from '../../src/engine/compare/sweep';
import { CompareView } from '../../src/app/compare/CompareView';
import { CompareBars } from '../../src/app/compare/CompareBars';
import { SweepChart } from '../../src/app/compare/SweepChart';
import { presetEntries, setComparePoolFactory, useCompare } from '../../src/app/compare/compare-store';
import {
  crossoverMarks,
  crossoverText,
  logTicks,
  makeScale,
} from '../../src/app/compare/sweep-chart-geometry';
import { createEnginePool } from '../../src/worker/pool';
import { inProcessEngineClient } from './helpers/in-process-engine';

beforeAll(() => {
  // jsdom lays nothing out: every observed element is 1000 × 400.
  globalThis.ResizeObserver = class {
    constructor(private cb: ResizeObserverCallback) {}
    observe(el: Element) {
      this.cb(
        [{ target: el, contentRect: { width: 1000, height: 400 } } as unknown as ResizeObserverEntry],
        this as unknown as ResizeObserver,
      );
    }
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
});
afterEach(cleanup);

const point = (value: number, monthlyCostUsd: number) => ({
  value,
  monthlyCostUsd,
  p95Ms: 100,
  requests: 1000,
  failedFraction: 0,
});

/** Functions grow with the rate; the monolith and tiers are flat: two crossovers. */
function makeReport(): SweepReport {
  const values = [0.01, 0.1, 1, 10, 100, 1000];
  const curves: SweepCurve[] = [
    { scenario: 0, name: 'monolith', points: values.map((v) => point(v, v < 100 ? 78 : 190)) },
    { scenario: 1, name: 'tiered', points: values.map((v) => point(v, v < 100 ? 92 : 200)) },
    { scenario: 2, name: 'functions', points: values.map((v) => point(v, 0.5 + v * 19)) },
  ];
  return {
    param: 'nodes[id=clients].params.traffic.ratePerSecond',
    unit: 'requests/s',
    values,
    curves,
    crossovers: findCrossovers(curves, { log: true, unit: 'requests/s' }),
  };
}

describe('sweep chart geometry', () => {
  it('puts log ticks on the decades and scales in log space', () => {
    expect(logTicks(0.01, 1000)).toEqual([0.01, 0.1, 1, 10, 100, 1000]);
    expect(logTicks(1, 10)).toEqual([1, 2, 5, 10]);
    const x = makeScale(0.01, 1000, 0, 500, true);
    expect(x(0.01)).toBe(0);
    expect(x(1)).toBeCloseTo(200);
    expect(x(1000)).toBe(500);
  });

  it('gives every crossover a row of its own and keeps lines out of other labels', () => {
    const r = makeReport();
    expect(r.crossovers).toHaveLength(2);
    const x = makeScale(0.01, 1000, 0, 1000, true);
    // 2.2 and 2.65 requests/s fall at 468 and 485 px: either side of the middle (475).
    const marks = crossoverMarks(r.crossovers, r.curves, r.unit, x, () => 200, {
      left: 0,
      right: 950,
      bandTop: 10,
      rowHeight: 20,
    });
    expect(marks.map((m) => m.text)).toEqual([
      `1. ${crossoverText(r.crossovers[0], r.curves, r.unit)}`,
      `2. ${crossoverText(r.crossovers[1], r.curves, r.unit)}`,
    ]);
    expect(marks[0].text).toMatch(/^1\. functions cost less than monolith below 2\.2 requests\/s$/);
    expect(new Set(marks.map((m) => m.labelY)).size).toBe(2);
    // Left of the middle a label reads rightwards from its line, right of it leftwards; the
    // leftward ones take the top rows so the other lines never cross them.
    expect(marks.map((m) => m.anchor)).toEqual(['start', 'end']);
    expect(marks[0].labelX).toBeGreaterThan(marks[0].x);
    expect(marks[1].labelX).toBeLessThan(marks[1].x);
    expect(marks[1].labelY).toBeLessThan(marks[0].labelY);
  });
});

describe('sweep chart', () => {
  it('labels each crossover on the cost chart where the curves meet', async () => {
    const r = makeReport();
    render(
      <SweepChart
        report={r}
        metric="cost"
        colors={['red', 'blue', 'green']}
        logX
        logY
        xTitle="Clients: requests per second"
        fileName="t"
      />,
    );
    const chart = screen.getByRole('figure', { name: 'Monthly cost' });
    await waitFor(() => expect(chart.querySelectorAll('.crossover-label')).toHaveLength(2));
    const labels = [...chart.querySelectorAll('.crossover-label')].map((t) => t.textContent);
    expect(labels[0]).toMatch(/^1\. functions cost less than monolith below [\d.]+ requests\/s$/);
    expect(labels[1]).toMatch(/^2\. functions cost less than tiered below [\d.]+ requests\/s$/);
    // A line per design, drawn through its points.
    const curves = [...chart.querySelectorAll('g.sweep-curve path.recharts-line-curve')];
    expect(curves).toHaveLength(3);
    for (const c of curves) expect((c.getAttribute('d') ?? '').split(/[ML]/).length - 1).toBe(6);
    expect(chart.querySelectorAll('circle.sweep-point')).toHaveLength(18);
    // A mark per crossover, between the sweep points that bracket it (1 and 10 on the log axis).
    const lines = [...chart.querySelectorAll('.crossover-mark line')];
    expect(lines).toHaveLength(2);
    const xOf = (el: Element) => Number(el.getAttribute('x1'));
    const ticks = [
      ...chart.querySelectorAll('.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value'),
    ];
    expect(ticks.map((t) => t.textContent)).toEqual(['0.01', '0.1', '1', '10', '100', '1,000']);
    const tickX = (label: string) => Number(ticks.find((t) => t.textContent === label)!.getAttribute('x'));
    expect(xOf(lines[0])).toBeGreaterThan(tickX('1'));
    expect(xOf(lines[0])).toBeLessThan(tickX('10'));
    // The axes say what they measure.
    expect(chart.textContent).toContain('Clients: requests per second');
    expect(chart.textContent).toContain('USD per month');
    const frame = chart.querySelector('.chart-frame')!;
    expect(frame.getAttribute('aria-label')).toMatch(
      /functions cost less below [\d.]+ requests\/s, monolith above/,
    );
    // The p95 chart marks the same values without the words.
    cleanup();
    render(
      <SweepChart
        report={r}
        metric="p95"
        colors={['red', 'blue', 'green']}
        logX
        logY={false}
        xTitle="Clients: requests per second"
        fileName="t"
      />,
    );
    const p95 = screen.getByRole('figure', { name: 'Latency p95' });
    await waitFor(() => expect(p95.querySelectorAll('.crossover-mark line')).toHaveLength(2));
    expect(p95.querySelectorAll('.crossover-label')).toHaveLength(0);
  });
});

describe('side-by-side bars', () => {
  it('draws a bar per design in its colour with a whisker for its interval', async () => {
    const fig = (monthlyCostUsd: number, half: number) => ({
      monthlyCostUsd,
      runCostUsd: 1,
      requests: 1000,
      p50: 10,
      p95: 20,
      p99: 30,
      failed: 0,
      dropped: 0,
      coldStartRatio: null,
      utilisation: null,
      half: { monthlyCostUsd: half },
      runs: 5,
    });
    const columns = ['monolith', 'functions'].map((name, i) => ({
      entry: { key: name, name, source: 'template' as const, doc: presetEntries()[0].doc },
      result: null,
      note: '',
      color: ['red', 'blue'][i],
    }));
    render(<CompareBars columns={columns} figures={[fig(78, 2), fig(40, 6)]} metric="cost" />);
    const chart = screen.getByRole('figure', { name: 'Cost per month' });
    await waitFor(() => expect(chart.querySelectorAll('path.chart-bar')).toHaveLength(2));
    expect([...chart.querySelectorAll('path.chart-bar')].map((b) => b.getAttribute('fill'))).toEqual([
      'red',
      'blue',
    ]);
    await waitFor(() => expect(chart.querySelectorAll('.recharts-errorBar')).toHaveLength(2));
    expect(chart.textContent).toContain('USD per month');
    expect(chart.textContent).toContain('mean of 5 runs, whiskers: 95 % interval');
  });
});

describe('compare view', () => {
  it('sweeps the preset on a pool, refines the crossovers and lists them', async () => {
    setComparePoolFactory(() => createEnginePool(inProcessEngineClient, 2));
    act(() => useCompare.getState().openWith(presetEntries()));
    useCompare.getState().setForm({ from: 1, to: 100, steps: 3, refineRounds: 2, durationSeconds: 120 });
    render(<CompareView />);
    const dlg = screen.getByRole('dialog', { name: 'Compare designs' });
    expect(
      within(dlg)
        .getAllByRole('textbox')
        .map((i) => (i as HTMLInputElement).value),
    ).toEqual(['monolith', 'tiered', 'containers', 'eks', 'functions']);
    fireEvent.click(within(dlg).getByRole('button', { name: 'Run sweep' }));
    await waitFor(() => expect(useCompare.getState().sweep.phase).toBe('done'), { timeout: 60_000 });
    const s = useCompare.getState().sweep;
    expect(s.total).toBeGreaterThan(12);
    expect(s.report!.crossovers.length).toBeGreaterThan(0);
    expect(s.report!.crossovers.every((c) => c.refined === 2)).toBe(true);
    const list = await within(dlg).findByRole('list', { name: 'Crossovers' });
    expect(within(list).getAllByRole('listitem')[0].textContent).toMatch(
      /^functions cost less below [\d.]+ requests\/s, \w+ above/,
    );
    expect(within(dlg).getByText(/^Done: \d+ runs, \d crossovers?\.$/)).toBeTruthy();
    await waitFor(() =>
      expect(dlg.querySelectorAll('.crossover-label').length).toBe(s.report!.crossovers.length),
    );
  }, 90_000);
});
