import { afterEach, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  hasBrowser,
  openApp,
  openBrowser,
  openTemplate,
  runToEnd,
  viewAtRest,
  type BrowserSession,
} from './browser';
import { unreadableText } from './canvas-text';

/**
 * The workspace as a person first sees it at each size — a template open, after its run, and
 * the comparison — checked for what the screenshots are meant to show, and saved for a look.
 */
const SIZES = [
  { width: 1366, height: 768 },
  { width: 1440, height: 900 },
  { width: 1920, height: 1080 },
] as const;

/** Overlays on the canvas that cover a node, and nodes not wholly inside the canvas. */
async function hidden(page: Page): Promise<string[]> {
  await viewAtRest(page);
  return page.evaluate(() => {
    const box = (e: Element) => e.getBoundingClientRect();
    const flow = box(document.querySelector('.canvas__flow')!);
    const nodes = [...document.querySelectorAll('.react-flow__node')];
    const panels = [...document.querySelectorAll('.canvas .react-flow__panel, .canvas .notice')].filter(
      (p) => (p as HTMLElement).offsetParent !== null,
    );
    const out: string[] = [];
    for (const n of nodes) {
      const r = box(n);
      const id = n.getAttribute('data-id');
      if (
        r.left < flow.left - 1 ||
        r.right > flow.right + 1 ||
        r.top < flow.top - 1 ||
        r.bottom > flow.bottom + 1
      )
        out.push(`${id} outside the canvas`);
      for (const p of panels) {
        const q = box(p);
        if (r.left < q.right && q.left < r.right && r.top < q.bottom && q.top < r.bottom)
          out.push(`${(p as HTMLElement).className} covers ${id}`);
      }
    }
    return out;
  });
}

describe.skipIf(!hasBrowser)('the workspace at each size, for the README', () => {
  let s: BrowserSession | undefined;
  afterEach(async () => {
    await s?.close();
    s = undefined;
  });

  for (const size of SIZES) {
    it(`at ${size.width}×${size.height}: a template, its run, and the comparison`, async () => {
      s = await openApp(size);
      const { page } = s;
      await openTemplate(page, /^Open template Queue with a dead-letter queue/);
      await expect.poll(() => page.locator('.react-flow__node').count()).toBe(6);
      expect(await hidden(page)).toEqual([]);
      expect((await unreadableText(page)).small).toEqual([]);
      await s.screenshot(`workspace-template-${size.width}`);

      await runToEnd(page);
      await page.getByTestId('results-drawer').waitFor();
      expect(await hidden(page)).toEqual([]);
      const text = await unreadableText(page);
      expect(text.small).toEqual([]);
      expect(text.cut).toEqual([]);
      // The run's figures on the nodes, the DLQ edge in its own style.
      expect(await page.locator('.run-badges:not(.visually-hidden)').count()).toBeGreaterThan(3);
      expect(await page.locator('.react-flow__edge path.kind-edge--dlq').count()).toBe(1);
      await s.screenshot(`workspace-after-run-${size.width}`);
      await s.close();

      s = await openBrowser(size);
      await s.page.goto(`${inject('baseUrl')}?compare=preset`);
      const dlg = s.page.getByRole('dialog', { name: 'Compare designs' });
      await dlg.waitFor();
      const sweep = dlg.getByRole('tabpanel', { name: 'Cost against load (sweep)' });
      for (const [label, value] of [
        ['Points', '4'],
        ['Simulated time per run (s)', '120'],
        ['Refine rounds', '0'],
      ]) {
        const f = sweep.getByLabel(label, { exact: true });
        await f.fill(value);
        await f.blur();
      }
      await sweep.getByRole('button', { name: 'Run sweep' }).click();
      await sweep
        .locator('.compare-status')
        .filter({ hasText: /^Done:/ })
        .waitFor({ timeout: 120_000 });
      const chart = sweep.getByRole('figure', { name: 'Monthly cost' });
      await expect.poll(() => chart.locator('g.sweep-curve path.recharts-line-curve').count()).toBe(5);
      await expect(chart.locator('.recharts-label').allTextContents()).resolves.toEqual([
        'Clients: requests per second',
        'USD per month',
      ]);
      await s.screenshot(`workspace-compare-${size.width}`);
    });
  }
});
