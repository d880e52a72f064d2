import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SCREENSHOTS, hasBrowser, openApp, runToEnd, type BrowserSession } from './browser';

const SIZES = [
  [1366, 768],
  [1440, 900],
  [1920, 1080],
] as const;

const num = (text: string | null) => Number((text ?? '').replace(/[^\d.]/g, ''));

/** The canvas badge's count ("11,932 req"): the node's own counter, read outside the map. */
async function badge(page: Page, node: string, word: string): Promise<number> {
  const text = await page
    .getByTestId(`node-${node}`)
    .getByText(new RegExp(`\\d[\\d,]* ${word}$`))
    .first()
    .textContent();
  return num(text!.replace(word, ''));
}

describe.skipIf(!hasBrowser)('service map', () => {
  let s: BrowserSession;
  afterEach(async () => {
    await s?.close();
  });

  for (const [width, height] of SIZES)
    it(`at ${width}×${height}: figures match the run, a node lists its slowest requests and opens one`, async () => {
      s = await openApp({ width, height });
      const page = s.page;
      await runToEnd(page);
      const apiCount = await badge(page, 'api', 'req');
      const fnCount = await badge(page, 'handler', 'inv');
      const p95Text = await page.locator('.results-panel').getByText(/^p95 /).first().textContent();

      // Keyboard path: the results' button, then Tab onto a node and Enter.
      await page.getByRole('button', { name: 'Service map' }).focus();
      await page.keyboard.press('Enter');
      const map = page.getByTestId('service-map');
      await map.waitFor();
      const api = map.locator('[data-node="api"]');
      const fn = map.locator('[data-node="handler"]');
      await api.waitFor();

      // 600 s measured: the rates times 600 are the nodes' own counts (the canvas badges).
      expect(Number(await api.getAttribute('data-rate')) * 600).toBeCloseTo(apiCount, 6);
      expect(Number(await fn.getAttribute('data-rate')) * 600).toBeCloseTo(fnCount, 6);
      // The connection's rate is counted on the edge, apart from the function's invocations.
      const edgeRate = Number(await map.locator('[data-edge="e2"]').getAttribute('data-rate'));
      expect(edgeRate * 600).toBeCloseTo(fnCount, 6);
      // The API's p95 is the clients' end-to-end p95 (the API answers them), which the results show.
      const apiP95 = Number(await api.getAttribute('data-p95'));
      const shown = /p95 ([\d.]+) (ms|s)/.exec(p95Text!)!;
      const endToEndP95 = Number(shown[1]) * (shown[2] === 's' ? 1000 : 1);
      expect(Math.abs(apiP95 / endToEndP95 - 1)).toBeLessThan(0.02);
      // Everything succeeds in this template: the OK arc is the whole ring.
      expect(Number(await api.locator('[data-share="ok"]').getAttribute('data-value'))).toBe(1);

      await fn.focus();
      await page.keyboard.press('Enter');
      const details = map.getByTestId('service-map-details');
      await expect.poll(() => details.locator('h3').textContent()).toBe('Handle command');
      expect(num(await details.locator('[data-figure="rate"]').textContent()) > 0).toBe(true);
      const traces = details.getByRole('button', { name: /^Request #\d+/ });
      await expect.poll(() => traces.count(), { timeout: 10_000 }).toBeGreaterThan(2);
      // Slowest first: the first listed hop is at least as long as the second.
      const ms = async (i: number) => {
        const t = (await traces.nth(i).textContent())!;
        const m = /: ([\d.]+) (ms|s) here/.exec(t)!;
        return Number(m[1]) * (m[2] === 's' ? 1000 : 1);
      };
      expect(await ms(0)).toBeGreaterThanOrEqual(await ms(1));
      await traces.first().click();
      const waterfall = map.getByTestId('trace-waterfall');
      await waterfall.waitFor();
      await expect.poll(() => waterfall.getByText('Handle command').count()).toBeGreaterThan(0);
      // The time axis's labels stand apart in the side panel (they ran together at 1366), and
      // the hops' names are not cut.
      const labels = await waterfall.locator('.waterfall__axis span').evaluateAll((els) =>
        els.map((e) => {
          const r = e.getBoundingClientRect();
          return { text: e.textContent, left: r.left, right: r.right };
        }),
      );
      expect(labels.length).toBeGreaterThanOrEqual(2);
      for (let i = 1; i < labels.length; i++)
        expect(
          labels[i].left - labels[i - 1].right,
          `${labels[i - 1].text} | ${labels[i].text}`,
        ).toBeGreaterThan(8);
      const cut = await waterfall
        .locator('.waterfall__name')
        .evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.textContent));
      expect(cut).toEqual([]);
      await page.screenshot({ path: join(SCREENSHOTS, `service-map-${width}.png`) });

      await page.keyboard.press('Escape');
      await expect.poll(() => map.count()).toBe(0);
    });
});
