import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import lzString from 'lz-string';
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { hasBrowser, openApp, openBrowser, runToEnd, type BrowserSession } from './browser';

const VIEWPORTS = [
  { width: 1366, height: 768 },
  { width: 1440, height: 900 },
  { width: 1920, height: 1080 },
];

/** Points in an SVG path's "M … L …" data. */
async function pathPoints(path: Locator): Promise<number> {
  return ((await path.getAttribute('d')) ?? '').split(/[ML]/).length - 1;
}

describe.skipIf(!hasBrowser)('results charts (recharts)', () => {
  let s: BrowserSession | undefined;
  afterEach(async () => {
    await s?.close();
    s = undefined;
  });

  it('a replay puts a cursor at its time t on the charts over time', async () => {
    const doc = JSON.parse(
      readFileSync(resolve(import.meta.dirname, '../../src/templates/api-function.json'), 'utf8'),
    );
    doc.settings.durationSeconds = 30;
    s = await openBrowser({ width: 1440, height: 1300 });
    const { page } = s;
    await page.goto(`${inject('baseUrl')}#s=${lzString.compressToEncodedURIComponent(JSON.stringify(doc))}`);
    await page.getByTestId('node-clients').waitFor();
    await runToEnd(page);
    await page.getByRole('tab', { name: 'Time series' }).click();
    await page.getByRole('button', { name: /Handle command/ }).click();
    const chart = page.getByRole('figure', { name: 'Requests', exact: true });
    await chart.locator('.chart-series path.recharts-area-curve').waitFor();
    // No replay, no cursor.
    await expect.poll(() => chart.locator('.chart-cursor').count(), { timeout: 10_000 }).toBe(0);
    await page.getByRole('button', { name: 'Replay requests on the canvas' }).click();
    await page.getByRole('slider', { name: 'Timeline' }).fill('20000');
    const cursor = chart.locator('.chart-cursor');
    await cursor.waitFor();
    await expect(cursor.getAttribute('data-seconds')).resolves.toBe('20');
    await expect(cursor.textContent()).resolves.toBe('0:20');
    // It stands where the time axis says 0:20, to the pixel.
    const tick = chart.locator('.recharts-xAxis-tick-labels text', { hasText: /^0:20$/ });
    const tickBox = (await tick.boundingBox())!;
    const cursorBox = (await cursor.boundingBox())!;
    expect(Math.abs(cursorBox.x + cursorBox.width / 2 - (tickBox.x + tickBox.width / 2))).toBeLessThan(3);
    // Every chart over time of the node has one.
    const charts = page.locator('.series-view figure');
    await expect
      .poll(() => page.locator('.series-view .chart-cursor').count(), { timeout: 10_000 })
      .toBe(await charts.count());
    await chart.scrollIntoViewIfNeeded();
    await s.screenshot('replay-cursor');
    await page.getByRole('slider', { name: 'Timeline' }).fill('10000');
    await expect.poll(() => cursor.getAttribute('data-seconds')).toBe('10');
    await page.getByRole('button', { name: 'Close the replay' }).click();
    await expect.poll(() => chart.locator('.chart-cursor').count()).toBe(0);
  });

  for (const vp of VIEWPORTS) {
    it(`draws real data at ${vp.width}×${vp.height}: histogram, series, bill`, async () => {
      s = await openApp(vp);
      const { page } = s;
      await runToEnd(page);
      const latency = page.getByRole('figure', { name: 'Latency' });
      await latency.scrollIntoViewIfNeeded();
      await latency.locator('path.chart-bar').first().waitFor();
      expect(await latency.locator('path.chart-bar').count()).toBeGreaterThan(5);
      await s.screenshot(`charts-overview-${vp.width}`);
      await page.getByRole('tab', { name: 'Time series' }).click();
      await page.getByRole('button', { name: /Handle command/ }).click();
      const conc = page.getByRole('figure', { name: 'Concurrency' });
      await conc.locator('.chart-series path.recharts-area-curve').first().waitFor();
      expect(
        await pathPoints(conc.locator('.chart-series path.recharts-area-curve').first()),
      ).toBeGreaterThan(100);
      await conc.scrollIntoViewIfNeeded();
      await s.screenshot(`charts-series-${vp.width}`);
      await page.getByRole('tab', { name: 'Bill' }).click();
      const bill = page.getByRole('figure', { name: 'Cost by node' });
      await bill.locator('path.chart-bar').first().waitFor();
      // Node names on the category axis (recharts may wrap one over two lines), dearest first: with
      // its CloudWatch Logs the function ($58.57 a month) costs more than the API ($51.55).
      const names = await bill
        .locator('.recharts-yAxis-tick-labels text')
        .evaluateAll((els) =>
          els.map(
            (e) => [...e.querySelectorAll('tspan')].map((t) => t.textContent).join(' ') || e.textContent,
          ),
        );
      expect(names).toEqual(['Handle command', 'Public API']);
      await bill.scrollIntoViewIfNeeded();
      await s.screenshot(`charts-bill-${vp.width}`);
    });
  }

  // The compare dialog keeps no size of its own (unlike the side panels, whose sizes are chosen
  // for the window the app opened in): one sweep and one side-by-side run, each read at the three
  // sizes by resizing the window, rather than the same runs three times.
  it('the compare view draws real data at 1366×768, 1440×900 and 1920×1080: sweep and side by side', async () => {
    s = await openBrowser(VIEWPORTS[0]);
    const { page } = s;
    // The compare view, with the preset: a short sweep, then side by side.
    await page.goto(`${inject('baseUrl')}?compare=preset`);
    const dlg = page.getByRole('dialog', { name: 'Compare designs' });
    await dlg.waitFor();
    const sweep = dlg.getByRole('tabpanel', { name: 'Cost against load (sweep)' });
    await sweep.getByLabel('Points', { exact: true }).fill('5');
    await sweep.getByLabel('Simulated time per run (s)', { exact: true }).fill('120');
    await sweep.getByLabel('Refine rounds', { exact: true }).fill('1');
    await sweep.getByLabel('Runs per design').selectOption('5');
    await sweep.getByRole('button', { name: 'Run sweep' }).click();
    await sweep
      .locator('.compare-status')
      .filter({ hasText: /^Done:/ })
      .waitFor({ timeout: 120_000 });
    const cost = sweep.getByRole('figure', { name: 'Monthly cost' });
    for (const vp of VIEWPORTS) {
      await page.setViewportSize(vp);
      await cost.locator('g.sweep-curve path.recharts-line-curve').first().waitFor();
      // The preset's five designs: monolith, tiered, containers, EKS, functions.
      await expect
        .poll(() => cost.locator('g.sweep-curve path.recharts-line-curve').count(), {
          message: `${vp.width}`,
        })
        .toBe(5);
      // At 1,000 requests/s the preset's servers fail more than 1 %: hollow marks, said in words.
      expect(await cost.locator('circle.sweep-point-failed').count(), `${vp.width}`).toBeGreaterThan(0);
      const viability = await sweep
        .getByRole('list', { name: 'Where designs stop being viable' })
        .locator('li')
        .allTextContents();
      expect(viability.length).toBeGreaterThan(0);
      for (const v of viability)
        expect(v).toMatch(
          /^\w+ (is|are) not viable .*requests\/s.*: more than 1 % of (its|their) requests failed there\.$/,
        );
      await cost.scrollIntoViewIfNeeded();
      await s.screenshot(`charts-sweep-${vp.width}`);
    }
    await page.setViewportSize(VIEWPORTS[0]);
    await dlg.getByRole('tab', { name: 'Side by side' }).click();
    const side = dlg.getByRole('tabpanel', { name: 'Side by side' });
    await side.getByLabel('Duration (s)', { exact: true }).fill('300');
    await side.getByRole('button', { name: 'Run side by side' }).click();
    await side
      .locator('.compare-status')
      .filter({ hasText: /^Done:/ })
      .waitFor({ timeout: 120_000 });
    const bars = side.getByRole('figure', { name: 'Cost per month' });
    for (const vp of VIEWPORTS) {
      await page.setViewportSize(vp);
      await bars.locator('path.chart-bar').first().waitFor();
      await expect
        .poll(() => bars.locator('path.chart-bar').count(), { timeout: 10_000, message: `${vp.width}` })
        .toBe(5);
      await s.screenshot(`charts-side-${vp.width}`);
      await bars.scrollIntoViewIfNeeded();
      await s.screenshot(`charts-side-bars-${vp.width}`);
    }
  }, 300_000);
});
