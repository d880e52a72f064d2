import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import template from '../../src/templates/api-function.json';
import { ResultsPanel } from '../../src/app/results/ResultsPanel';
import { RunControls } from '../../src/app/results/RunControls';
import { setEngineClientFactory, useRunStore } from '../../src/app/store/run';
import { useScenarioStore } from '../../src/app/store/scenario';
import { useSelectionStore } from '../../src/app/store/scenario-selection';
import { inProcessEngineClient } from './helpers/in-process-engine';

beforeAll(() => {
  // The charts observe their size; jsdom lays nothing out, so the charts
  // stay empty here (the browser test looks at them) but must not throw.
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
});

beforeEach(() => {
  setEngineClientFactory(inProcessEngineClient);
  useRunStore.setState({
    status: 'idle',
    progress: 0,
    result: null,
    scenario: null,
    error: null,
    issues: [],
  });
  useScenarioStore.getState().load(structuredClone(template));
  useSelectionStore.getState().clear();
});
afterEach(cleanup);

function renderResults() {
  return render(
    <>
      <RunControls />
      <ResultsPanel />
    </>,
  );
}

async function runAndWait() {
  fireEvent.click(screen.getByRole('button', { name: /run/i }));
  await waitFor(() => expect(useRunStore.getState().status).toBe('done'), { timeout: 20_000 });
  // The result's views render in a transition after the status changes (ResultsPanel).
  await waitFor(() => expect(document.querySelector('[role="tabpanel"] > *')).toBeTruthy());
}

describe('results panel', () => {
  it('invites a first run before there is anything to show', () => {
    renderResults();
    expect(screen.getByText(/press/i, { selector: '.results-empty p' })).toBeTruthy();
    expect(screen.getByRole('progressbar', { name: 'Simulated time' }).getAttribute('aria-valuenow')).toBe(
      '0',
    );
  });

  it('runs the template and shows the summary from the real result', async () => {
    renderResults();
    await runAndWait();
    const result = useRunStore.getState().result!;
    expect(screen.getByText(/^Done: 10 min simulated/)).toBeTruthy();
    const cards = screen.getAllByText('Requests', { selector: '.summary-card-label' });
    expect(cards).toHaveLength(1);
    const requestsCard = cards[0].parentElement!;
    expect(within(requestsCard).getByText(result.totals.requests.toLocaleString('en-US'))).toBeTruthy();
    const completed = document.querySelector('[data-outcome="completed"]')!;
    expect(completed.textContent).toContain(result.totals.completed.toLocaleString('en-US'));
    // The template has one function that starts cold a few times.
    expect(screen.getByText('Cold starts', { selector: '.summary-card-label' })).toBeTruthy();
    expect(screen.getByText('Cost per month', { selector: '.summary-card-label' })).toBeTruthy();
    expect(screen.getByRole('figure', { name: 'Latency' })).toBeTruthy();
  });

  it('itemises the bill in AWS units with unit prices and sources', async () => {
    renderResults();
    await runAndWait();
    fireEvent.click(screen.getByRole('tab', { name: 'Bill' }));
    const table = screen.getByRole('table');
    const handler = useRunStore.getState().result!.nodes.handler;
    expect(within(table).getByText('Handle command')).toBeTruthy();
    expect(within(table).getByText('compute (x86_64)')).toBeTruthy();
    expect(within(table).getAllByText(/per million requests/).length).toBeGreaterThan(0);
    const requestsLine = handler.cost.items.find((i) => i.name === 'requests')!;
    expect(
      within(table).getAllByText(`${requestsLine.quantity.toLocaleString('en-US')} requests`).length,
    ).toBeGreaterThan(0);
    expect(within(table).getAllByText(/\[L-PRICE\]/).length).toBeGreaterThan(0);
    expect(within(table).getByText('Total per month')).toBeTruthy();
    expect(screen.getByRole('figure', { name: 'Cost by node' })).toBeTruthy();
  });

  it('charts the node selected on the canvas, and picking one here selects it there', async () => {
    renderResults();
    await runAndWait();
    fireEvent.click(screen.getByRole('tab', { name: 'Time series' }));
    act(() => useSelectionStore.getState().select(['handler'], []));
    expect(screen.getByRole('button', { name: /Handle command/ }).getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByRole('figure', { name: 'Concurrency' })).toBeTruthy();
    expect(screen.getByRole('figure', { name: 'Cold starts' })).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: /Public API/ }));
    expect(useSelectionStore.getState().nodeIds).toEqual(['api']);
    expect(screen.getByRole('figure', { name: 'Requests' })).toBeTruthy();
    expect(screen.queryByRole('figure', { name: 'Concurrency' })).toBeNull();
  });

  it('lists validation issues and points at the node', async () => {
    const bad = structuredClone(template) as typeof template & {
      nodes: { params: Record<string, unknown> }[];
    };
    (bad.nodes[2].params as Record<string, unknown>).memoryMB = 64;
    useScenarioStore.getState().load(bad);
    renderResults();
    fireEvent.click(screen.getByRole('button', { name: /run/i }));
    await waitFor(() => expect(useRunStore.getState().status).toBe('error'));
    const alert = screen.getByRole('alert');
    expect(within(alert).getByText(/cannot run yet/)).toBeTruthy();
    expect(within(alert).getByText(/nodes\[2\]\.params\.memoryMB/)).toBeTruthy();
    fireEvent.click(within(alert).getByRole('button', { name: 'Show on the diagram' }));
    expect(useSelectionStore.getState().nodeIds).toEqual(['handler']);
  });

  it('stops a run on Stop and keeps the partial result, marked as such', async () => {
    const long = structuredClone(template);
    long.settings = { ...long.settings, durationSeconds: 30 * 86_400 };
    useScenarioStore.getState().load(long);
    renderResults();
    fireEvent.click(screen.getByRole('button', { name: /run/i }));
    fireEvent.click(await screen.findByRole('button', { name: /stop/i }));
    await waitFor(() => expect(useRunStore.getState().status).toBe('cancelled'));
    expect(useRunStore.getState().result?.incomplete?.reason).toBe('cancelled');
    expect(screen.getByText(/partial results/, { selector: '.notice strong' })).toBeTruthy();
    expect(screen.getByRole('button', { name: /run/i })).toBeTruthy();
  });

  it('says when the diagram changed after the run', async () => {
    renderResults();
    await runAndWait();
    expect(screen.queryByText(/has changed since this run/)).toBeNull();
    act(() => useScenarioStore.getState().rename('Something else'));
    expect(screen.getByText(/has changed since this run/)).toBeTruthy();
  });
});
