import { copyFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hasBrowser, openApp, viewAtRest, type BrowserSession } from './browser';

/**
 * The README's screenshot: the default template, run, with its results, at 1440×900. The flow
 * runs (and its screenshot lands in test-results/screenshots) on every test run; it is copied
 * to public/readme-screenshot.png only with UPDATE_SCREENSHOT=1:
 *
 *   UPDATE_SCREENSHOT=1 npx vitest run --project e2e test/e2e/readme-screenshot.test.ts
 */
const README_SHOT = resolve(import.meta.dirname, '../../public/readme-screenshot.png');

describe.skipIf(!hasBrowser)('README screenshot', () => {
  let s: BrowserSession;
  let page: Page;
  beforeEach(async () => {
    s = await openApp({ width: 1440, height: 900 });
    page = s.page;
  });
  afterEach(async () => {
    await s?.close();
  });

  it('shows the default template after a run: diagram with badges, summary and latency chart', async () => {
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page
      .locator('.run-progress-text')
      .filter({ hasText: /^Done:/ })
      .waitFor({ timeout: 60_000 });
    // What the picture must show: figures, a drawn chart, badges on the nodes.
    await page.locator('.summary-card-value').first().waitFor();
    await page.getByRole('figure', { name: 'Latency' }).locator('.chart-bar').first().waitFor();
    expect(await page.getByRole('figure', { name: 'Latency' }).locator('.chart-bar').count()).toBeGreaterThan(
      5,
    );
    expect(await page.locator('.run-badge').count()).toBeGreaterThan(2);
    await expect(
      page
        .locator('.summary-card', { hasText: 'Cost per month' })
        .locator('.summary-card-value')
        .textContent(),
    ).resolves.toMatch(/^\$\d/);
    // A taller results panel, scrolled to its end: the figures and the whole latency chart.
    await page.getByRole('separator', { name: 'Resize the results panel' }).focus();
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowUp');
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.locator('.results-slot').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    // The pointer away from everything (no hover states), then a settled frame.
    await page.mouse.move(0, 0);
    await viewAtRest(page);
    const path = await s.screenshot('readme-screenshot');
    if (process.env.UPDATE_SCREENSHOT === '1') copyFileSync(path, README_SHOT);
  });
});
