import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hasBrowser, openApp, type BrowserSession } from './browser';

const SIZES = [
  { width: 1366, height: 768 },
  { width: 1440, height: 900 },
  { width: 1920, height: 1080 },
] as const;

const mod = process.platform === 'darwin' ? 'Meta' : 'Control';

async function openFunction(page: Page) {
  await page.getByTestId('node-handler').click();
  await page.locator('#inspector-node-title').filter({ hasText: 'Lambda function' }).waitFor();
}

const duration = (page: Page) => page.locator('[data-field="duration"]');

describe.skipIf(!hasBrowser)('the inspector in people’s words', () => {
  let s: BrowserSession | undefined;
  afterEach(async () => {
    await s?.close();
    s = undefined;
  });

  for (const size of SIZES) {
    it(`at ${size.width}×${size.height}: titles with units, groups, help behind a toggle`, async () => {
      s = await openApp(size);
      const { page } = s;
      await openFunction(page);
      const inspector = page.locator('.inspector');

      // Grouped, in reading order.
      const groups = await inspector.locator('.field-group__title').allTextContents();
      expect(groups).toEqual(
        [
          'Basics',
          'Performance',
          'Limits and concurrency',
          'Retries and failures',
          'Cost',
          'Advanced',
        ].filter((g) => g !== 'Advanced'),
      );

      // Titles a person reads, not schema keys.
      const labels = (await inspector.locator('.field__label, .fieldset__legend').allTextContents()).map(
        (t) => t.trim(),
      );
      for (const bad of ['Dist', 'Sd', 'P99', 'Cpu bound fraction']) expect(labels, bad).not.toContain(bad);
      for (const good of ['Memory', 'Handler duration', 'CPU-bound share', 'Timeout', 'Handler error rate'])
        expect(
          labels.some((l) => l.startsWith(good)),
          good,
        ).toBe(true);

      // A fraction reads as a percentage; a duration has its unit.
      const cpu = inspector.locator('[data-field="cpuBoundFraction"]');
      expect(await cpu.locator('.field__unit').textContent()).toBe('%');
      expect(await duration(page).locator('.field__unit').first().textContent()).toBe('ms');

      // No paragraph under every field: help is hidden until asked for.
      expect(await inspector.locator('.field__about:visible').count()).toBe(0);
      await s.screenshot(`inspector-function-${size.width}`);
      await page.getByRole('button', { name: 'About Memory', exact: true }).click();
      const about = inspector.locator('[data-field="memoryMB"] .field__about');
      await about.waitFor({ state: 'visible' });
      const text = await about.textContent();
      expect(text).toContain('128 MB to 10,240 MB');
      expect(text).toContain('[L-Q23]');
      await page.getByRole('button', { name: 'About Memory', exact: true }).click();
      await about.waitFor({ state: 'hidden' });

      // Seconds past a few minutes read in people's units too.
      await page.getByRole('button', { name: 'About Async event max age', exact: true }).click();
      expect(
        await inspector.locator('[data-field="maxEventAgeSeconds"] .field__about').textContent(),
      ).toContain('21,600 s (6 h)');
    });
  }

  it('the distribution chooser reads as words, changes the shape in one undoable step, keeps the mean', async () => {
    s = await openApp({ width: 1440, height: 900 });
    const { page } = s;
    await openFunction(page);
    const d = duration(page);
    const shapes = await d
      .getByRole('radio')
      .evaluateAll((els) => els.map((e) => (e.parentElement?.textContent ?? '').trim()));
    expect(shapes).toEqual(['Fixed', 'Normal', 'Log-normal', 'Exponential', 'Uniform']);
    expect(await d.getByRole('radio', { name: 'Log-normal', exact: true }).isChecked()).toBe(true);
    expect(await d.getByLabel('Mean', { exact: true }).inputValue()).toBe('90');
    expect(await d.getByLabel('p99 (99th percentile)', { exact: true }).inputValue()).toBe('400');

    // Normal: mean kept, a standard deviation to set (a quarter of the mean to start), no p99.
    await d.getByText('Normal', { exact: true }).click();
    await expect.poll(() => d.getByRole('radio', { name: 'Normal', exact: true }).isChecked()).toBe(true);
    expect(await d.getByLabel('Mean', { exact: true }).inputValue()).toBe('90');
    expect(await d.getByLabel('Standard deviation', { exact: true }).inputValue()).toBe('22.5');
    expect(await d.getByLabel('p99 (99th percentile)', { exact: true }).count()).toBe(0);
    await s.screenshot('inspector-distribution-normal-1440');

    // Fixed: one number, titled for what it is.
    await d.getByText('Fixed', { exact: true }).click();
    await d.getByLabel('Duration', { exact: true }).waitFor();
    expect(await d.getByLabel('Standard deviation', { exact: true }).count()).toBe(0);

    // Each shape change was one step: two undos give back the log-normal with its p99.
    await page.locator('.react-flow__pane').click({ position: { x: 10, y: 10 } });
    await page.keyboard.press(`${mod}+z`);
    await page.keyboard.press(`${mod}+z`);
    await openFunction(page);
    await expect
      .poll(() => duration(page).getByRole('radio', { name: 'Log-normal', exact: true }).isChecked())
      .toBe(true);
    expect(await duration(page).getByLabel('p99 (99th percentile)', { exact: true }).inputValue()).toBe(
      '400',
    );
  });

  it('typing into a field is one undo step once committed, and a percentage is stored as a fraction', async () => {
    s = await openApp({ width: 1440, height: 900 });
    const { page } = s;
    await openFunction(page);
    const memory = page.getByLabel('Memory', { exact: true });
    await memory.click();
    await memory.press(`${mod}+a`);
    await page.keyboard.type('2048', { delay: 60 });
    await memory.blur();
    await expect.poll(() => page.getByTestId('node-handler').textContent()).toContain('2048 MB');

    const errors = page.getByLabel('Handler error rate', { exact: true });
    await errors.fill('150');
    expect(await page.locator('[data-field="errorRate"] .field__error').textContent()).toContain(
      'must be 0 % to 100 %',
    );
    await errors.fill('2.5');
    await errors.blur();
    await expect.poll(() => page.locator('[data-field="errorRate"] .field__error').count()).toBe(0);

    // Undo: first the error rate (one step for "2.5"), then the memory back to 512, not 204.
    await page.locator('.react-flow__pane').click({ position: { x: 10, y: 10 } });
    await page.keyboard.press(`${mod}+z`);
    await openFunction(page);
    await expect.poll(() => page.getByLabel('Handler error rate', { exact: true }).inputValue()).toBe('0');
    expect(await page.getByLabel('Memory', { exact: true }).inputValue()).toBe('2048');
    await page.locator('.react-flow__pane').click({ position: { x: 10, y: 10 } });
    await page.keyboard.press(`${mod}+z`);
    await expect.poll(() => page.getByTestId('node-handler').textContent()).toContain('512 MB');
  });
});
