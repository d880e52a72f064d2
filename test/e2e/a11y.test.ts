import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hasBrowser, openApp, type BrowserSession } from './browser';
import { checkContrast } from './contrast';

async function runToEnd(page: Page) {
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page
    .locator('.run-progress-text')
    .filter({ hasText: /^Done:/ })
    .waitFor({ timeout: 60_000 });
  await page.locator('.chart-bar').first().waitFor();
}

/**
 * Waits until the results show what the contrast is measured on: no part busy (dimmed while a
 * run goes on), every chart mounted in place of its placeholder (charts mount one after another,
 * mount-queue.tsx), and no transition running (a fading part has colours on their way).
 */
async function resultsAtRest(page: Page) {
  await expect
    .poll(() =>
      page.evaluate(() => ({
        busy: document.querySelectorAll('[aria-busy="true"]').length,
        placeholders: document.querySelectorAll('.chart-card-placeholder').length,
        transitions: document.getAnimations().filter((a) => a.playState === 'running').length,
      })),
    )
    .toEqual({ busy: 0, placeholders: 0, transitions: 0 });
}

/** Controls with no accessible name: no aria-label(ledby), no <label>, no title, no text. */
function unnamedControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const sel =
      'button, input:not([type="hidden"]), select, textarea, [role="button"], [role="tab"], [role="separator"][tabindex], [role="menuitem"], a[href]';
    for (const el of document.querySelectorAll<HTMLElement>(sel)) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || el.closest('[aria-hidden="true"]')) continue;
      const labelled = el
        .getAttribute('aria-labelledby')
        ?.split(/\s+/)
        .some((id) => document.getElementById(id)?.textContent?.trim());
      const label = (el as HTMLInputElement).labels?.length
        ? [...(el as HTMLInputElement).labels!].some((l) => l.textContent?.trim())
        : false;
      const name =
        el.getAttribute('aria-label')?.trim() ||
        labelled ||
        label ||
        el.getAttribute('title')?.trim() ||
        (el.tagName !== 'INPUT' && el.textContent?.trim());
      if (!name)
        out.push(
          `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${String(el.className).split(' ')[0]}`,
        );
    }
    return out;
  });
}

describe.skipIf(!hasBrowser)('accessibility', () => {
  let s: BrowserSession;
  let page: Page;
  beforeEach(async () => {
    s = await openApp({ width: 1440, height: 900 });
    page = s.page;
  });
  afterEach(async () => {
    await s?.close();
  });

  it('main UI text meets WCAG AA contrast (4.5:1, 3:1 large) in the light and the dark theme', async () => {
    await runToEnd(page);
    const report: string[] = [];
    for (const theme of ['light', 'dark']) {
      if (theme === 'dark') await page.getByRole('button', { name: 'Switch to dark theme' }).click();
      await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
      // The scenario inspector and overview, then a node's inspector and the other result tabs.
      const views: [string, () => Promise<void>][] = [
        ['overview', async () => undefined],
        ['node', async () => void (await page.getByTestId('node-handler').click())],
        ['series', async () => void (await page.getByRole('tab', { name: 'Time series' }).click())],
        ['bill', async () => void (await page.getByRole('tab', { name: 'Bill' }).click())],
      ];
      for (const [name, open] of views) {
        await open();
        await resultsAtRest(page);
        for (const f of await checkContrast(page, '#root'))
          report.push(
            `${theme}/${name}: "${f.text}" ${f.ratio}:1 < ${f.needs}:1 (${f.color} on ${f.background}) at ${f.where}`,
          );
      }
      await s.screenshot(`a11y-contrast-${theme}`);
      await page.getByRole('tab', { name: 'Overview' }).click();
      await page.keyboard.press('Escape');
    }
    expect(report).toEqual([]);
  });

  it('every control has a name, and nodes and the results splitter are reachable by keyboard', async () => {
    await runToEnd(page);
    expect(await unnamedControls(page)).toEqual([]);
    // Nodes are focusable (React Flow sets tabindex) and Enter selects one.
    const node = page.locator('.react-flow__node[data-id="handler"]');
    await expect(node.getAttribute('tabindex')).resolves.toBe('0');
    await node.focus();
    await page.keyboard.press('Enter');
    await expect(page.locator('#inspector-node-title').textContent()).resolves.toBe('Lambda function');
    // The splitter takes arrows; Enter collapses the panel.
    const splitter = page.getByRole('separator', { name: 'Resize the results panel' });
    const before = Number(await splitter.getAttribute('aria-valuenow'));
    await splitter.focus();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await expect.poll(async () => Number(await splitter.getAttribute('aria-valuenow'))).toBe(before + 48);
    await page.keyboard.press('Enter');
    await expect(page.locator('#results-content').isHidden()).resolves.toBe(true);
    await expect(
      page.getByRole('button', { name: 'Show the results' }).getAttribute('aria-expanded'),
    ).resolves.toBe('false');
    await s.screenshot('a11y-results-collapsed');
    await page.getByRole('button', { name: 'Show the results' }).click();
    await expect(page.locator('#results-content').isVisible()).resolves.toBe(true);
  });

  it('says run problems in words and marks them with a sign, not colour alone', async () => {
    // A badge for a problem carries ⚠ and a word; the outcome legend names every outcome.
    await runToEnd(page);
    const items = await page.locator('.outcome-item dt').allTextContents();
    expect(items.map((t) => t.trim())).toEqual([
      'Completed',
      'Failed',
      'Dead-lettered',
      'Dropped',
      'In flight at the end',
    ]);
    const badges = await page.locator('.run-badge').allTextContents();
    expect(badges.join(' ')).toMatch(/inv/);
  });
});
