import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hasBrowser, openApp, openTemplate, runToEnd, type BrowserSession } from './browser';

const workflowNode = (page: Page) => page.locator('.react-flow__node[data-id="workflow"]');

describe.skipIf(!hasBrowser)('Step Functions on the canvas', () => {
  let s: BrowserSession;
  afterEach(async () => {
    await s?.close();
  });

  for (const size of [
    { width: 1440, height: 900 },
    { width: 1920, height: 1080 },
  ]) {
    it(`the orchestration template runs, counts transitions on the workflow and lists its steps (${size.width})`, async () => {
      s = await openApp(size);
      const { page } = s;
      await openTemplate(page, /^Open template .*Orchestration vs choreography/i);
      await runToEnd(page);
      const badges = page.getByTestId('badges-workflow');
      await badges.waitFor();
      // About 5 orders/s for 9 measured minutes, about 3 transitions each.
      const text = (await badges.textContent()) ?? '';
      const transitions = Number(
        /([\d,.]+k?)\s*transitions/.exec(text)?.[1]?.replace(/,/g, '').replace('k', 'e3'),
      );
      expect(transitions).toBeGreaterThan(7000);
      expect(transitions).toBeLessThan(9000);
      await workflowNode(page).click();
      const steps = page.getByRole('group', { name: 'Steps' });
      await steps.waitFor();
      await steps.scrollIntoViewIfNeeded();
      await s.screenshot(`state-machine-${size.width}`);
      await expect.poll(() => steps.locator('.record-card').count(), { timeout: 10_000 }).toBe(3);
      await expect(steps.getByLabel('Step 2 name').inputValue()).resolves.toBe('Charge card');
      // A task shows its function and retrier; a wait step would show only its seconds.
      const charge = steps.locator('.record-card').nth(1);
      await expect(charge.getByLabel('Retries, step 2').inputValue()).resolves.toBe('2');
      await expect.poll(() => charge.getByLabel('Wait, step 2').count(), { timeout: 10_000 }).toBe(0);
      await steps.scrollIntoViewIfNeeded();
      await s.screenshot(`state-machine-${size.width}`);
    }, 180_000);
  }

  it('a step naming a function the workflow is not connected to is a problem named by its step', async () => {
    s = await openApp({ width: 1366, height: 768 });
    const { page } = s;
    await openTemplate(page, /^Open template .*Orchestration vs choreography/i);
    await workflowNode(page).click();
    const steps = page.getByRole('group', { name: 'Steps' });
    const fn = steps.getByLabel('Function, step 2');
    await fn.fill('nowhere');
    await fn.press('Enter');
    // With nothing selected, the checks list names the step and the functions it may call.
    await page.locator('.react-flow__pane').click({ position: { x: 40, y: 40 } });
    const problem = page.locator('.finding__message').filter({
      hasText: /step "Charge card" calls "nowhere", which this state machine is not connected to/,
    });
    await problem.waitFor();
    await s.screenshot('state-machine-problem-1366');
  }, 120_000);
});
