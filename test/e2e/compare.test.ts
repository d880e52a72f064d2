import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { CROSSING, SERVER_MONTH, knownPair } from '../engine/compare/known-pair';
import { SCREENSHOTS, hasBrowser, openApp, openBrowser, type BrowserSession } from './browser';

const view = (page: Page) => page.getByRole('dialog', { name: 'Compare designs' });

async function fill(scope: Locator, label: string, value: string) {
  const input = scope.getByLabel(label, { exact: true });
  await input.fill(value);
}

async function shoot(locator: Locator, name: string) {
  await locator.scrollIntoViewIfNeeded();
  await locator.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

describe.skipIf(!hasBrowser)('compare', () => {
  let s: BrowserSession;
  let page: Page;
  beforeEach(async () => {
    s = await openBrowser({ width: 1440, height: 1000 });
    page = s.page;
  });
  afterEach(async () => {
    await s?.close();
  });

  it('opens the preset from the URL, sweeps the rate on a worker pool and labels the crossovers', async () => {
    await page.goto(`${inject('baseUrl')}?compare=preset`);
    const dlg = view(page);
    await dlg.waitFor();
    // The preset: the same workload five ways.
    const titles = {
      monolith: 'monolith on EC2',
      tiered: 'three tiers on EC2',
      containers: 'containers on Fargate',
      eks: 'containers on EKS',
      functions: 'functions behind API Gateway',
    };
    for (const [name, title] of Object.entries(titles)) {
      await expect(
        dlg.getByLabel(`Short name of Compare: ${title}`, { exact: true }).inputValue(),
      ).resolves.toBe(name);
    }
    const sweep = dlg.getByRole('tabpanel', { name: 'Cost against load (sweep)' });
    // The traffic rate of the shared producer, on a log scale, is the default.
    await expect(sweep.getByLabel('Parameter').inputValue()).resolves.toBe(
      'nodes[id=clients].params.traffic.ratePerSecond',
    );
    await expect(sweep.getByLabel('Log spacing').isChecked()).resolves.toBe(true);
    // Modest: 5 scenarios × 5 points of 5 simulated minutes, then 3 rounds of refinement.
    await fill(sweep, 'Points', '5');
    await fill(sweep, 'Simulated time per run (s)', '300');
    await fill(sweep, 'Refine rounds', '3');
    const started = Date.now();
    await sweep.getByRole('button', { name: 'Run sweep' }).click();
    const status = sweep.locator('.compare-status');
    await status.filter({ hasText: /^Done:/ }).waitFor({ timeout: 60_000 });
    const took = Date.now() - started;
    expect(took).toBeLessThan(60_000);

    // Crossovers in words, refined…
    const list = sweep.getByRole('list', { name: 'Crossovers' });
    const items = list.getByRole('listitem');
    expect(await items.count()).toBeGreaterThan(0);
    await expect(items.first().textContent()).resolves.toMatch(
      /functions cost less below [\d.,]+ requests\/s, \w+ above/,
    );
    await expect(items.first().textContent()).resolves.toMatch(/refinement round/);
    // With 5 runs per point (the default), each crossover has its interval.
    await expect(items.first().textContent()).resolves.toMatch(/95 % interval [\d.,]+–[\d.,]+ requests\/s/);
    // …and on the chart: a line per scenario, every crossover marked and labelled.
    const chart = sweep.getByRole('figure', { name: 'Monthly cost' });
    await chart.locator('g.sweep-curve path').first().waitFor();
    expect(await chart.locator('g.sweep-curve path.recharts-line-curve').count()).toBe(5);
    // Whiskers on the points (5 runs each) and the crossovers' intervals shaded.
    expect(await chart.locator('.recharts-errorBar line').count()).toBeGreaterThan(10);
    expect(await chart.locator('.crossover-interval').count()).toBeGreaterThan(0);
    const labels = chart.locator('.crossover-label');
    expect(await labels.count()).toBe(await items.count());
    await expect(labels.first().textContent()).resolves.toMatch(
      /^1\. functions cost less than \w+ below [\d.,]+ requests\/s$/,
    );
    // The log x axis: decades.
    const ticks = await chart.locator('.recharts-xAxis-tick-labels text').allTextContents();
    expect(ticks).toEqual(['0.01', '0.1', '1', '10', '100', '1,000']);
    // Axis titles in words, with units.
    await expect(chart.locator('.recharts-label').allTextContents()).resolves.toEqual([
      'Clients: requests per second',
      'USD per month',
    ]);
    // The parameter by its title and unit from the schema, not its path.
    await expect(sweep.getByLabel('Parameter').locator('option:checked').textContent()).resolves.toBe(
      'Clients · Traffic: rate (requests/s)',
    );
    // Where a design stops being viable, agreeing with its name: "eks is", "containers are".
    const viable = await sweep
      .getByRole('list', { name: 'Where designs stop being viable' })
      .locator('li')
      .allTextContents();
    expect(viable.some((v) => v.startsWith('eks '))).toBe(true);
    for (const v of viable) {
      if (v.startsWith('eks ')) expect(v).toMatch(/^eks is not viable .* of its requests/);
      if (v.startsWith('containers ')) expect(v).toMatch(/^containers are not viable .* of their requests/);
    }
    await sweep.getByRole('figure', { name: 'Latency p95' }).locator('g.sweep-curve').first().waitFor();
    await s.screenshot('compare-sweep-page');
    await shoot(chart, 'compare-sweep-cost');

    // Side by side: the same scenarios, one run each on the same seed.
    await dlg.getByRole('tab', { name: 'Side by side' }).click();
    const side = dlg.getByRole('tabpanel', { name: 'Side by side' });
    await fill(side, 'Duration (s)', '600');
    await side.getByRole('button', { name: 'Run side by side' }).click();
    await side
      .locator('.compare-status')
      .filter({ hasText: /^Done:/ })
      .waitFor({ timeout: 60_000 });
    const table = side.getByRole('table', { name: 'Side by side' });
    const head = await table.locator('thead th').allTextContents();
    expect(head).toEqual(['Figure', 'monolith', 'tiered', 'containers', 'eks', 'functions']);
    const cost = await table
      .getByRole('row', { name: /^Cost per month/ })
      .locator('td')
      .allTextContents();
    expect(cost).toHaveLength(5);
    // 5 runs of each (the default): mean ± 95 % interval.
    for (const c of cost) expect(c).toMatch(/^\$[\d,]+\.\d\d ± \$[\d,]+\.\d+$/);
    // The traffic each ran, in words.
    await expect(
      table
        .getByRole('row', { name: /^Traffic/ })
        .locator('td')
        .first()
        .textContent(),
    ).resolves.toBe('Clients: 20 requests/s, random arrivals');
    // Is the difference real? Against the cheapest, one sentence per other design.
    const verdicts = await side
      .getByRole('list', { name: 'Is the difference real?' })
      .locator('li')
      .allTextContents();
    expect(verdicts).toHaveLength(4);
    for (const v of verdicts)
      expect(v).toMatch(
        /^(\w+ costs? less than \w+ by \$[\d,.]+ ± \$[\d,.]+ a month|No significant difference at this load .*the 95 % interval includes 0\))\.$/,
      );
    // Bars with whiskers: a bar per design.
    const bars = side.getByRole('figure', { name: 'Cost per month' });
    await bars.locator('path.chart-bar').first().waitFor();
    await expect.poll(() => bars.locator('path.chart-bar').count(), { timeout: 10_000 }).toBe(5);
    // recharts draws the whiskers once the bars have their places.
    await bars.locator('.recharts-errorBar').first().waitFor({ state: 'attached' });
    await expect.poll(() => bars.locator('.recharts-errorBar').count(), { timeout: 10_000 }).toBe(5);
    // Functions have cold starts, the servers utilisation.
    const cold = await table
      .getByRole('row', { name: /^Cold starts/ })
      .locator('td')
      .allTextContents();
    expect(cold.slice(0, 4)).toEqual(['—', '—', '—', '—']);
    expect(cold[4]).toMatch(/%/);
    await expect(side.getByRole('region', { name: 'Bill of functions' }).textContent()).resolves.toMatch(
      /Web handler/,
    );
    await side
      .getByRole('figure', { name: 'Requests over time' })
      .locator('.chart-series path.recharts-area-curve')
      .nth(4)
      .waitFor();
    await s.screenshot('compare-side-page');
    await shoot(table, 'compare-side-table');
    await shoot(side.locator('.compare-bills'), 'compare-side-bills');
    await shoot(side.locator('.compare-overlays'), 'compare-side-overlays');
  });

  it('opens from the top bar with the diagram, adds a template, sweeps in the dark theme and large type, closes with Escape', async () => {
    await s.close();
    // 1920 wide: the classroom's large type.
    s = await openApp({ width: 1920, height: 1080 });
    page = s.page;
    await page.getByRole('button', { name: 'Switch to dark theme' }).click();
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    const dlg = view(page);
    await dlg.waitFor();
    await expect.poll(() => dlg.locator('.compare-entry').count(), { timeout: 10_000 }).toBe(1);
    await dlg.getByLabel('Template').selectOption('compare-functions');
    await dlg.getByRole('button', { name: 'Add template' }).click();
    await expect.poll(() => dlg.locator('.compare-entry').count(), { timeout: 10_000 }).toBe(2);
    // Keyboard: the tabs answer the arrow keys.
    await dlg.getByRole('tab', { name: 'Cost against load (sweep)' }).focus();
    await page.keyboard.press('ArrowRight');
    await expect(dlg.getByRole('tab', { name: 'Side by side' }).getAttribute('aria-selected')).resolves.toBe(
      'true',
    );
    // A small sweep of the shared producer's rate, in the dark theme.
    await dlg.getByRole('tab', { name: 'Cost against load (sweep)' }).click();
    const sweep = dlg.getByRole('tabpanel', { name: 'Cost against load (sweep)' });
    await fill(sweep, 'Points', '4');
    await fill(sweep, 'Simulated time per run (s)', '120');
    await fill(sweep, 'Refine rounds', '2');
    await sweep.getByRole('button', { name: 'Run sweep' }).click();
    await sweep
      .locator('.compare-status')
      .filter({ hasText: /^Done:/ })
      .waitFor({ timeout: 60_000 });
    await sweep.getByRole('figure', { name: 'Monthly cost' }).locator('g.sweep-curve').first().waitFor();
    await s.screenshot('compare-dark-sweep');
    await page.keyboard.press('Escape');
    await dlg.waitFor({ state: 'detached' });
  });

  it('says whether a known pair really differs: functions cost less than a server by $19.37 ± $0.00 a month at 10 requests/s', async () => {
    // known-pair.ts: constant traffic and durations, so every run gives the same bill. At 10
    // requests/s functions cost 10 × 29.952 / 28.2993 = $10.584 a month, the server $29.952;
    // the shared API cancels: a difference of $19.368, every run alike (± 0).
    const functionsMonth = (10 * SERVER_MONTH) / CROSSING;
    expect(SERVER_MONTH - functionsMonth).toBeCloseTo(19.368, 3);
    await page.goto(`${inject('baseUrl')}?compare`);
    const dlg = view(page);
    await dlg.waitFor();
    await dlg.getByRole('button', { name: /^Remove / }).click();
    const pair = knownPair(600);
    for (const [name, doc] of Object.entries(pair))
      await dlg.getByLabel('Add a scenario file to the comparison').setInputFiles({
        name: `${name}.json`,
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify(doc)),
      });
    await expect.poll(() => dlg.locator('.compare-entry').count(), { timeout: 10_000 }).toBe(2);
    await dlg.getByRole('tab', { name: 'Side by side' }).click();
    const side = dlg.getByRole('tabpanel', { name: 'Side by side' });
    await side.getByLabel('Runs per design').selectOption('5');
    await fill(side, 'Duration (s)', '600');
    await side.getByRole('button', { name: 'Run side by side' }).click();
    await side
      .locator('.compare-status')
      .filter({ hasText: /^Done:/ })
      .waitFor({ timeout: 60_000 });
    const verdict = side.getByRole('list', { name: 'Is the difference real?' }).locator('li');
    await expect(verdict.allTextContents()).resolves.toEqual([
      'Functions cost less than server by $19.37 ± $0.00 a month.',
    ]);
    await expect(verdict.getAttribute('data-significant')).resolves.toBe('true');
    const latency = side.getByRole('list', { name: 'Is the latency difference real?' }).locator('li');
    // Constant durations and no cold starts: both designs answer in exactly the same time.
    await expect(latency.allTextContents()).resolves.toEqual([
      'No significant difference in p95 latency at this load (clients: 10 requests/s, steady) between functions and server (0 ± 0 ms at p95 over 5 runs: the 95 % interval includes 0).',
    ]);
    await expect(
      side
        .getByRole('table', { name: 'Side by side' })
        .getByRole('row', { name: /^Traffic/ })
        .textContent(),
    ).resolves.toMatch(/clients: 10 requests\/s, steady/);
    await shoot(side.locator('.significance-notes'), 'compare-significance');
  });
});
