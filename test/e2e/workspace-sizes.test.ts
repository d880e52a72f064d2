import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hasBrowser, openApp, runToEnd, type BrowserSession } from './browser';
import { unreadableText } from './canvas-text';

/**
 * The workspace at the three sizes the issue names, for what workspace.test.ts checks at one:
 * the trace waterfall beside the diagram, and the text on every template after a run.
 */
type Box = { name: string; x: number; y: number; width: number; height: number };

const SIZES = [
  { width: 1366, height: 768 },
  { width: 1440, height: 900 },
  { width: 1920, height: 1080 },
] as const;

function intersects(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

async function boxes(page: Page, selector: string): Promise<Box[]> {
  return page.locator(selector).evaluateAll((els) =>
    els
      .filter((e) => (e as HTMLElement).offsetParent !== null)
      .map((e) => {
        const r = e.getBoundingClientRect();
        const name = e.getAttribute('data-id') ?? (e as HTMLElement).className;
        return { name, x: r.x, y: r.y, width: r.width, height: r.height };
      }),
  );
}

describe.skipIf(!hasBrowser)('the workspace at 1366×768, 1440×900 and 1920×1080', () => {
  let s: BrowserSession | undefined;
  afterEach(async () => {
    await s?.close();
    s = undefined;
  });

  for (const size of SIZES) {
    it(`at ${size.width}×${size.height} the open trace waterfall covers no node`, async () => {
      s = await openApp(size);
      const { page } = s;
      await runToEnd(page);
      await page.getByRole('button', { name: 'Replay requests on the canvas' }).click();
      const picker = page.getByRole('combobox', { name: 'Open a request' });
      await picker.waitFor({ timeout: 60_000 });
      // A request that went through every node: the longest waterfall this diagram has.
      const value = await picker.locator('option').nth(1).getAttribute('value');
      await picker.selectOption(value!);
      await page.getByTestId('trace-waterfall').waitFor();
      // The fit waits for the panel's size to settle (about 90 ms after the last change).
      await page.waitForTimeout(600);
      const [waterfall] = await boxes(page, '.classroom-panel--trace');
      expect(waterfall.height).toBeGreaterThan(100);
      const nodes = await boxes(page, '.react-flow__node');
      expect(nodes).toHaveLength(3);
      expect(nodes.filter((n) => intersects(waterfall, n)).map((n) => n.name)).toEqual([]);
      // Nor does anything else open beside it (the replay bar, the key).
      const others = await boxes(page, '.canvas .react-flow__panel');
      const covered = others.flatMap((o) =>
        nodes.filter((n) => intersects(o, n)).map((n) => `${o.name} / ${n.name}`),
      );
      expect(covered).toEqual([]);
      // And the diagram is still drawn whole inside the canvas.
      const [flow] = await boxes(page, '.canvas__flow');
      for (const n of nodes) {
        expect(n.x).toBeGreaterThanOrEqual(flow.x - 1);
        expect(n.x + n.width).toBeLessThanOrEqual(flow.x + flow.width + 1);
        expect(n.y).toBeGreaterThanOrEqual(flow.y - 1);
        expect(n.y + n.height).toBeLessThanOrEqual(flow.y + flow.height + 1);
      }
      expect((await unreadableText(page)).small).toEqual([]);
      await s.screenshot(`workspace-waterfall-${size.width}`);
    });
  }

  // 1366×768 is checked in workspace.test.ts ("after a run at 1366×768 every template…").
  for (const size of SIZES.slice(1)) {
    it(`after a run at ${size.width}×${size.height} every template's text is 10 px or more on screen and none is cut`, async () => {
      s = await openApp(size);
      const { page } = s;
      await page.getByRole('button', { name: 'Templates' }).click();
      const opens = await page.getByRole('button', { name: /^Open template / }).count();
      expect(opens).toBeGreaterThan(10);
      await page.keyboard.press('Escape');
      const zooms: number[] = [];
      for (let i = 0; i < opens; i++) {
        await page.getByRole('button', { name: 'Templates' }).click();
        await page
          .getByRole('button', { name: /^Open template / })
          .nth(i)
          .click();
        await page.locator('.react-flow__node').first().waitFor();
        await runToEnd(page);
        await page.getByTestId('results-drawer').waitFor();
        await page.waitForTimeout(400);
        const { small, cut, zoom } = await unreadableText(page);
        zooms.push(zoom);
        expect(small, `template ${i}`).toEqual([]);
        expect(cut, `template ${i}`).toEqual([]);
        // Every node is drawn whole in the canvas, at the fitted zoom.
        const [flow] = await boxes(page, '.canvas__flow');
        for (const n of await boxes(page, '.react-flow__node')) {
          expect(n.x, `template ${i} ${n.name}`).toBeGreaterThanOrEqual(flow.x - 1);
          expect(n.y, `template ${i} ${n.name}`).toBeGreaterThanOrEqual(flow.y - 1);
          expect(n.x + n.width, `template ${i} ${n.name}`).toBeLessThanOrEqual(flow.x + flow.width + 1);
          expect(n.y + n.height, `template ${i} ${n.name}`).toBeLessThanOrEqual(flow.y + flow.height + 1);
        }
        if (i === 18) await s.screenshot(`workspace-after-run-${size.width}-template-${i}`);
      }
      // The check looked at fitted views, some zoomed out far enough to go compact.
      expect(Math.min(...zooms)).toBeLessThan(0.78);
    });
  }
});
