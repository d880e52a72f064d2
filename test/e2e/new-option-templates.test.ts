import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hasBrowser, openApp, openTemplate, runToEnd, type BrowserSession } from './browser';

/**
 * The templates of S3 → EventBridge, logs and traces, and ECS on EC2 open, run in the browser
 * and show on the canvas and the bill what their notes point at.
 */
const SIZES = [
  [1366, 768],
  [1920, 1080],
] as const;

async function billTable(page: Page) {
  await page.getByRole('tab', { name: 'Bill' }).click();
  return page.locator('.results-panel').getByRole('table');
}

describe.skipIf(!hasBrowser)('templates of the newer options', () => {
  let s: BrowserSession;
  afterEach(async () => {
    await s?.close();
  });

  for (const [width, height] of SIZES) {
    it(`S3 events on the default bus (${width}): the bus bills only the code's events`, async () => {
      s = await openApp({ width, height });
      const { page } = s;
      await openTemplate(page, /^Open template .*S3 events on the default bus/i);
      await runToEnd(page);
      await expect.poll(() => page.getByTestId('badges-thumbs').textContent()).toMatch(/\d[\d,]* inv/);
      await s.screenshot(`template-s3-eventbridge-${width}`);
      const table = await billTable(page);
      // One line for the bus: its custom events, as many as the order service sent.
      await expect.poll(() => table.getByText(/^custom events/).count(), { timeout: 10_000 }).toBe(1);
    }, 180_000);

    it(`What logs and traces cost (${width}): logs and X-Ray lines on the bill`, async () => {
      s = await openApp({ width, height });
      const { page } = s;
      await openTemplate(page, /^Open template .*What logs and traces cost/i);
      await runToEnd(page);
      const table = await billTable(page);
      await expect
        .poll(() => table.getByText('CloudWatch Logs ingested').count(), { timeout: 10_000 })
        .toBe(1);
      await expect.poll(() => table.getByText(/^CloudWatch Logs stored \(never expire/).count()).toBe(1);
      await expect.poll(() => table.getByText('X-Ray traces recorded').count()).toBeGreaterThan(0);
      await s.screenshot(`template-observability-bill-${width}`);
    }, 180_000);

    it(`ECS on EC2 (${width}): tasks on instances, the idle share and the instances on the bill`, async () => {
      s = await openApp({ width, height });
      const { page } = s;
      await openTemplate(page, /^Open template .*ECS on EC2/i);
      await runToEnd(page);
      await expect.poll(() => page.getByTestId('badges-web').textContent()).toMatch(/2\d\s*% idle/);
      await s.screenshot(`template-ecs-on-ec2-${width}`);
      const table = await billTable(page);
      await expect
        .poll(() => table.getByText(/^m5\.large instance-seconds/).count(), { timeout: 10_000 })
        .toBe(1);
    }, 180_000);
  }
});
