import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { findCrossovers, type SweepCurve, type SweepReport } from '../../src/engine/compare/sweep';
import { CompareView } from '../../src/app/compare/CompareView';
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
    expect(marks[0].text).toMatch(/^1\. functions cheaper than monolith below 2\.2 requests\/s$/);
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
    render(<SweepChart report={r} metric="cost" colors={['red', 'blue', 'green']} logX logY fileName="t" />);
    const chart = screen.getByRole('figure', { name: 'Monthly cost' });
    await waitFor(() => expect(chart.querySelectorAll('.crossover-label')).toHaveLength(2));
    const labels = [...chart.querySelectorAll('.crossover-label')].map((t) => t.textContent);
    expect(labels[0]).toMatch(/^1\. functions cheaper than monolith below [\d.]+ requests\/s$/);
    expect(labels[1]).toMatch(/^2\. functions cheaper than tiered below [\d.]+ requests\/s$/);
    expect(chart.querySelectorAll('.sweep-curve')).toHaveLength(3);
    // The mark sits between the sweep points that bracket it (1 and 10 on a log axis of 1000 px).
    const line = chart.querySelector('[data-crossover="1"] line')!;
    const x = Number(line.getAttribute('x1'));
    const svg = chart.querySelector('svg')!;
    expect(svg.getAttribute('aria-label')).toMatch(
      /functions costs less below [\d.]+ requests\/s, monolith above/,
    );
    expect(x).toBeGreaterThan(0);
    // The p95 chart marks the same values without the words.
    cleanup();
    render(
      <SweepChart report={r} metric="p95" colors={['red', 'blue', 'green']} logX logY={false} fileName="t" />,
    );
    const p95 = screen.getByRole('figure', { name: 'Latency p95' });
    await waitFor(() => expect(p95.querySelectorAll('.crossover-mark')).toHaveLength(2));
    expect(p95.querySelectorAll('.crossover-label')).toHaveLength(0);
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
    ).toEqual(['monolith', 'tiered', 'containers', 'functions']);
    fireEvent.click(within(dlg).getByRole('button', { name: 'Run sweep' }));
    await waitFor(() => expect(useCompare.getState().sweep.phase).toBe('done'), { timeout: 60_000 });
    const s = useCompare.getState().sweep;
    expect(s.total).toBeGreaterThan(12);
    expect(s.report!.crossovers.length).toBeGreaterThan(0);
    expect(s.report!.crossovers.every((c) => c.refined === 2)).toBe(true);
    const list = await within(dlg).findByRole('list', { name: 'Crossovers' });
    expect(within(list).getAllByRole('listitem')[0].textContent).toMatch(
      /^functions costs less below [\d.]+ requests\/s, \w+ above/,
    );
    expect(within(dlg).getByText(/^Done: \d+ runs, \d crossovers?\.$/)).toBeTruthy();
    await waitFor(() =>
      expect(dlg.querySelectorAll('.crossover-label').length).toBe(s.report!.crossovers.length),
    );
  }, 90_000);
});
