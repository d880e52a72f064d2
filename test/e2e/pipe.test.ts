import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hasBrowser, openApp, openTemplate, runToEnd, type BrowserSession } from './browser';

/** "5.4k read" → 5400: a badge's figure before its word. */
function figure(text: string, word: string): number {
  const raw = new RegExp(`([\\d,.]+k?)\\s*${word}`).exec(text)?.[1] ?? 'NaN';
  return Number(raw.replace(/,/g, '').replace('k', 'e3'));
}

const pipeNode = (page: Page) => page.locator('.react-flow__node[data-id="pipe"]');

describe.skipIf(!hasBrowser)('EventBridge Pipes on the canvas', () => {
  let s: BrowserSession;
  afterEach(async () => {
    await s?.close();
  });

  for (const size of [
    { width: 1366, height: 768 },
    { width: 1920, height: 1080 },
  ]) {
    it(`the pipes template runs, shows what the pipe read, filtered and delivered, and its filter in the inspector (${size.width})`, async () => {
      s = await openApp(size);
      const { page } = s;
      await openTemplate(page, /^Open template .*EventBridge Pipes/i);
      await runToEnd(page);
      const badges = page.getByTestId('badges-pipe');
      await badges.waitFor();
      const text = (await badges.textContent()) ?? '';
      // About 10 events a second for 9 measured minutes; 7 in 10 are orders, half of them over $50.
      const read = figure(text, 'read');
      const filtered = figure(text, 'filtered');
      const delivered = figure(text, 'delivered');
      expect(read).toBeGreaterThan(5000);
      expect(read).toBeLessThan(5800);
      expect(delivered / read).toBeGreaterThan(0.31);
      expect(delivered / read).toBeLessThan(0.39);
      expect(filtered / read).toBeGreaterThan(0.61);
      expect(filtered / read).toBeLessThan(0.69);
      await s.screenshot(`pipe-run-${size.width}`);
      // Of the pipe's two calls, the one its Enrichment field names is labelled on the canvas
      // (at 100 %: fitted into 1366 px, the canvas is zoomed out so far that edge labels are not drawn).
      await page.getByRole('button', { name: '1:1 Zoom to 100 %' }).click();
      await expect
        .poll(
          () =>
            page
              .locator('.kind-edge__label')
              .filter({ hasText: /^enrichment$/ })
              .count(),
          {
            timeout: 10_000,
          },
        )
        .toBe(1);

      await pipeNode(page).click();
      const filter = page.locator('[data-field="filter"]');
      await filter.waitFor();
      await expect(filter.getByLabel('OrderPlaced').isChecked()).resolves.toBe(true);
      await expect(filter.getByLabel('CartUpdated').isChecked()).resolves.toBe(false);
      await expect(page.getByRole('textbox', { name: 'Enrichment function' }).inputValue()).resolves.toBe(
        'Look up customer',
      );
      await filter.scrollIntoViewIfNeeded();
      await s.screenshot(`pipe-inspector-${size.width}`);
    }, 180_000);
  }
});
