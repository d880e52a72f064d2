import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Download, Locator, Page } from 'playwright-core';
import { SCREENSHOTS, downloadBytes, hasBrowser, openApp, type BrowserSession } from './browser';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const panel = (page: Page) => page.locator('.results-panel');
const status = (page: Page) => page.locator('.run-progress-text');

async function runToEnd(page: Page) {
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await status(page)
    .filter({ hasText: /^Done:/ })
    .waitFor({ timeout: 60_000 });
}

/**
 * A part of the results, saved for a person to look at. Parts, not the whole panel: the panel
 * scrolls inside its slot, so a screenshot of it would only show what is scrolled into view.
 */
async function shoot(locator: Locator, name: string) {
  await locator.scrollIntoViewIfNeeded();
  await locator.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

async function downloaded(download: Download): Promise<Buffer> {
  return downloadBytes(download);
}

describe.skipIf(!hasBrowser)('results', () => {
  let s: BrowserSession;
  let page: Page;
  beforeEach(async () => {
    s = await openApp({ width: 1440, height: 1300 });
    page = s.page;
  });
  afterEach(async () => {
    await s?.close();
  });

  it('runs the default template in the worker and shows the summary and the latency histogram', async () => {
    await runToEnd(page);
    const requests = panel(page)
      .locator('.summary-card', { hasText: 'Requests' })
      .locator('.summary-card-value');
    // 20 requests/s for 10 minutes, Poisson: close to 12,000.
    const n = Number((await requests.textContent())!.replace(/,/g, ''));
    expect(n).toBeGreaterThan(11_000);
    expect(n).toBeLessThan(13_000);
    await expect(panel(page).locator('[data-outcome="completed"]').textContent()).resolves.toMatch(
      /1[12],\d{3}/,
    );
    const latency = page.getByRole('figure', { name: 'Latency' });
    // Real bars, drawn by recharts: a blank chart has none. (Charts mount one by one after the figures.)
    await latency.locator('path.chart-bar').first().waitFor();
    expect(await latency.locator('path.chart-bar').count()).toBeGreaterThan(5);
    await expect.poll(() => latency.locator('g.chart-marker').count(), { timeout: 10_000 }).toBe(3);
    // The axes are labelled: latencies along x, counts up y.
    const xTicks = await latency.locator('.recharts-xAxis-tick-labels text').allTextContents();
    expect(xTicks.length).toBeGreaterThan(2);
    for (const t of xTicks) expect(t).toMatch(/^[\d.]+ (ms|s)$/);
    const yTicks = await latency.locator('.recharts-yAxis-tick-labels text').allTextContents();
    expect(yTicks[0]).toBe('0');
    expect(Number(yTicks[yTicks.length - 1].replace(/,/g, ''))).toBeGreaterThan(100);
    await s.screenshot('results-overview-page');
    await shoot(panel(page).locator('.summary'), 'results-summary');
    await shoot(latency, 'results-latency');
  });

  it('charts the node clicked on the canvas: concurrency, cold starts, requests', async () => {
    await runToEnd(page);
    await page.getByRole('tab', { name: 'Time series' }).click();
    await page.getByTestId('node-handler').click();
    await expect(
      page.getByRole('button', { name: 'Handle command function' }).getAttribute('aria-pressed'),
    ).resolves.toBe('true');
    for (const title of ['Requests', 'Concurrency', 'Cold starts']) {
      const chart = page.getByRole('figure', { name: title, exact: true });
      const path = chart.locator('.chart-series path.recharts-area-curve').first();
      await path.waitFor();
      // A drawn line has many points (10 min of 1 s buckets, min/max-reduced to at most 300).
      const points = ((await path.getAttribute('d')) ?? '').split(/[ML]/).length - 1;
      expect(points).toBeGreaterThan(100);
      expect(points).toBeLessThanOrEqual(300);
      // A time axis from 0:00 to 10:00.
      const ticks = await chart.locator('.recharts-xAxis-tick-labels text').allTextContents();
      expect(ticks[0]).toBe('0:00');
      expect(ticks[ticks.length - 1]).toBe('10:00');
    }
    // Nothing went wrong in this template: that is said in words, not with a flat line.
    await expect(
      page.getByRole('note', { name: 'Throttles, errors and retries' }).textContent(),
    ).resolves.toMatch(/None during this run/);
    await shoot(panel(page).locator('.series-view'), 'results-series-handler');
    await shoot(page.getByRole('figure', { name: 'Concurrency' }), 'results-series-concurrency');

    await page.getByTestId('node-api').click();
    await page.getByRole('figure', { name: 'Requests', exact: true }).waitFor();
    await expect
      .poll(() => page.getByRole('figure', { name: 'Concurrency' }).count(), { timeout: 10_000 })
      .toBe(0);
  });

  it('shows the bill line by line with a breakdown chart, in the dark theme too', async () => {
    await runToEnd(page);
    await page.getByRole('tab', { name: 'Bill' }).click();
    const table = panel(page).getByRole('table');
    await expect.poll(() => table.getByText('compute (x86_64)').count(), { timeout: 10_000 }).toBe(1);
    await expect
      .poll(() => table.getByText('$0.20 per million requests').count(), { timeout: 10_000 })
      .toBeGreaterThan(0);
    await expect(table.locator('.bill-source summary').first().textContent()).resolves.toMatch(
      /\[L-PRICE\]|\[APIGW/,
    );
    const bars = page.getByRole('figure', { name: 'Cost by node' }).locator('path.chart-bar');
    await bars.first().waitFor();
    expect(await bars.count()).toBeGreaterThanOrEqual(2);
    await shoot(page.getByRole('figure', { name: 'Cost by node' }), 'results-bill-chart');
    await shoot(table, 'results-bill-table');

    await page.getByRole('button', { name: 'Switch to dark theme' }).click();
    await shoot(table, 'results-bill-table-dark');
    await page.getByRole('tab', { name: 'Overview' }).click();
    await shoot(panel(page).locator('.summary'), 'results-summary-dark');
    await s.screenshot('results-overview-page-dark');
  });

  it('exports the result as JSON and CSV, a chart as PNG, and the diagram as PNG and SVG', async () => {
    await runToEnd(page);
    const exportItem = async (label: string) => {
      await panel(page).locator('.export-menu > summary').click();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('menuitem', { name: label }).click(),
      ]);
      return download;
    };

    const json = await exportItem('Result (JSON)');
    expect(json.suggestedFilename()).toBe('api-function-command-pattern-result.json');
    const result = JSON.parse((await downloaded(json)).toString('utf8'));
    expect(result.format).toBe('serverless-sim.result');
    expect(result.series.t.length).toBeGreaterThan(100);

    const bill = (await downloaded(await exportItem('Bill (CSV)'))).toString('utf8');
    expect(bill.split('\r\n')[0]).toBe('node_id,node_label,kind,item,quantity,unit,unit_usd,usd,source');
    const series = (await downloaded(await exportItem('Time series (CSV)'))).toString('utf8');
    expect(series.split('\r\n')[0]).toContain('handler.concurrency');

    const [chartPng] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('figure', { name: 'Latency' }).getByRole('button', { name: /PNG/ }).click(),
    ]);
    const png = await downloaded(chartPng);
    expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    writeFileSync(join(SCREENSHOTS, 'export-chart-latency.png'), png);
    // The same chart as an SVG drawing: recharts' bars with their colours inlined.
    const [chartSvg] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('figure', { name: 'Latency' }).getByRole('button', { name: 'SVG' }).click(),
    ]);
    const svgText = (await downloaded(chartSvg)).toString('utf8');
    expect(svgText).toMatch(/^<svg/);
    expect((svgText.match(/class="recharts-rectangle chart-bar"/g) ?? []).length).toBeGreaterThan(5);
    // Colours come from CSS variables on screen; the file carries them resolved (--chart-blue).
    expect(svgText).toContain('fill:rgb(59, 111, 182)');

    const diagramPng = await downloaded(await exportItem('Diagram (PNG)'));
    expect([...diagramPng.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    writeFileSync(join(SCREENSHOTS, 'export-diagram.png'), diagramPng);
    const svg = (await downloaded(await exportItem('Diagram (SVG)'))).toString('utf8');
    expect(svg).toMatch(/^<svg/);
    expect(svg).toContain('Handle command');
  });

  it('stops a long run mid-way; the page keeps responding while it runs', async () => {
    const duration = page.locator('#topbar-durationSeconds');
    await duration.fill('2592000');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    const bar = page.getByRole('progressbar', { name: 'Simulated time' });
    // Progress moves while the page stays interactive: the simulation is in the worker.
    await page.waitForFunction(
      () =>
        Number(document.querySelector('[aria-label="Simulated time"]')?.getAttribute('aria-valuenow')) >= 1,
    );
    await page.getByTestId('node-api').click();
    await expect(page.locator('#inspector-node-title').textContent()).resolves.toBeTruthy();
    await s.screenshot('results-running');
    await page.getByRole('button', { name: 'Stop' }).click();
    await status(page)
      .filter({ hasText: /partial results/ })
      .waitFor();
    expect(Number(await bar.getAttribute('aria-valuenow'))).toBeLessThan(100);
    await expect(panel(page).locator('.notice-warn').textContent()).resolves.toMatch(
      /Stopped: these are partial results/,
    );
    await shoot(panel(page).locator('.run-notices'), 'results-stopped');
  });
});
