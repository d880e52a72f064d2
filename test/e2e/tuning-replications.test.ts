import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SCREENSHOTS, downloadBytes, hasBrowser, openApp, type BrowserSession } from './browser';

const VIEWPORTS = [
  { width: 1366, height: 768 },
  { width: 1440, height: 900 },
  { width: 1920, height: 1080 },
];

const status = (page: Page) => page.locator('.run-progress-text');

/** "$1.23 ± $0.04" → [1.23, 0.04]. */
function pm(text: string): [number, number] {
  const m = /([\d,.]+)\D+±\D+([\d,.]+)/.exec(text);
  if (!m) throw new Error(`no “±” in “${text}”`);
  return [Number(m[1].replace(/,/g, '')), Number(m[2].replace(/,/g, ''))];
}

describe.skipIf(!hasBrowser)('replications and power tuning in the browser', () => {
  let s: BrowserSession | undefined;
  afterEach(async () => {
    await s?.close();
    s = undefined;
  });

  it('Runs: 5 shows every headline figure as mean ± 95 % interval, per-node intervals and a band on the series', async () => {
    s = await openApp({ width: 1440, height: 1300 });
    const page = s.page;
    await page.getByLabel('Runs with different seeds (replications)').selectOption('5');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await status(page)
      .filter({ hasText: /^Done: 5 runs/ })
      .waitFor({ timeout: 120_000 });
    const panel = page.locator('.results-panel');
    await expect(panel.getByTestId('replications-note').textContent()).resolves.toContain('5 runs');
    const month = await panel
      .locator('.summary-card', { hasText: 'Cost per month' })
      .locator('.summary-card-value')
      .textContent();
    const [mean, half] = pm(month!);
    // 20 requests/s, Poisson, for 10 minutes: the monthly bill varies a few % between seeds.
    expect(mean).toBeGreaterThan(0);
    expect(half).toBeGreaterThan(0);
    expect(half).toBeLessThan(mean * 0.2);
    const p95 = await panel.locator('.summary-card', { hasText: 'Latency p95' }).textContent();
    expect(p95).toMatch(/±/);
    await expect
      .poll(() => panel.locator('.node-intervals-table tbody tr').count(), { timeout: 10_000 })
      .toBe(3);
    await panel.locator('.summary').screenshot({ path: join(SCREENSHOTS, 'replications-summary.png') });
    await page.getByRole('tab', { name: 'Time series' }).click();
    await page.getByRole('button', { name: /Handle command/ }).click();
    const band = panel.locator('.chart-band path.recharts-area-area').first();
    await band.waitFor();
    expect((await band.getAttribute('d'))!.length).toBeGreaterThan(100);
    await panel
      .locator('.chart-card')
      .first()
      .screenshot({ path: join(SCREENSHOTS, 'replications-band.png') });
  }, 240_000);

  for (const vp of VIEWPORTS) {
    it(`Tune memory on a function at ${vp.width}×${vp.height}: chart, picks, SVG export, one-click memory`, async () => {
      s = await openApp(vp);
      const page = s.page;
      await page.getByTestId('node-handler').click();
      await page.getByRole('button', { name: 'Tune memory' }).click();
      const dialog = page.getByRole('dialog', { name: /Tune memory: Handle command/ });
      await dialog.waitFor();
      await dialog.getByLabel('Runs per size').selectOption('5');
      await dialog.getByLabel('Simulated seconds per run').fill('60');
      await dialog.getByLabel('Also try (MB)').fill('3008');
      await dialog.locator('form').getByRole('button', { name: 'Tune memory' }).click();
      const rows = dialog.locator('.tuning-table tbody tr');
      await rows.first().waitFor({ timeout: 180_000 });
      // The defaults plus 3,008 MB.
      await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(10);
      const sizes = await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-memory'))));
      expect(sizes).toEqual([128, 256, 512, 1024, 1769, 2048, 3008, 4096, 8192, 10240]);
      // The template's handler is not CPU-bound: duration flat, cost grows with memory, so the
      // cheapest is the smallest size.
      await expect(dialog.locator('.tuning-picks').textContent()).resolves.toMatch(/Cheapest: 128 MB/);
      const cost = async (mb: number) =>
        pm((await dialog.locator(`tr[data-memory="${mb}"] td`).first().textContent())!)[0];
      expect(await cost(10240)).toBeGreaterThan((await cost(128)) * 20);
      // The chart: four lines, whiskers, the picks marked, drawn by recharts.
      const chart = dialog.locator('.tuning-chart');
      await chart.locator('.recharts-line').first().waitFor();
      await expect.poll(() => chart.locator('.recharts-line').count(), { timeout: 10_000 }).toBe(4);
      await expect
        .poll(() => chart.locator('.recharts-errorBar').count(), { timeout: 10_000 })
        .toBeGreaterThan(0);
      await expect.poll(() => chart.locator('.tuning-pick').count(), { timeout: 10_000 }).toBeGreaterThan(0);
      await s.screenshot(`tuning-${vp.width}x${vp.height}`);
      if (vp.width === 1440) {
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          chart.getByRole('button', { name: 'SVG' }).click(),
        ]);
        const svg = (await downloadBytes(download)).toString('utf8');
        expect(svg.startsWith('<svg')).toBe(true);
        expect(svg).toContain('recharts-line');
        const [png] = await Promise.all([
          page.waitForEvent('download'),
          chart.getByRole('button', { name: 'PNG' }).click(),
        ]);
        expect([...(await downloadBytes(png)).subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
      }
      // One click sets the memory on the canvas's function.
      await dialog.locator('tr[data-memory="1769"]').getByRole('button', { name: 'Use 1,769 MB' }).click();
      await expect
        .poll(() => dialog.locator('tr[data-memory="1769"] .tuning-current').count(), { timeout: 10_000 })
        .toBe(1);
      await dialog.getByRole('button', { name: 'Close' }).click();
      await expect(
        page
          .getByLabel(/^Memory/)
          .first()
          .inputValue(),
      ).resolves.toBe('1769');
    }, 240_000);
  }
});
