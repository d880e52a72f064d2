import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hasBrowser, openBrowser, openReplayOf, viewAtRest, type BrowserSession } from './browser';

const doc = (name: string) =>
  JSON.parse(readFileSync(resolve(import.meta.dirname, `../../src/templates/${name}.json`), 'utf8'));

/**
 * The replay canvas's smallest text (the words under functions, queues, fleets) on screen: its
 * font size in flow units times the zoom, as the canvas reports it (data-text-px).
 */
describe.skipIf(!hasBrowser)('classroom: text drawn on the replay canvas is readable', () => {
  let s: BrowserSession | undefined;
  afterEach(async () => {
    await s?.close();
    s = undefined;
  });

  // Large diagrams, fitted zoomed out: at 11 units their words were 7–8 px at 1366×768.
  const cases: [string, number, number, boolean, number][] = [
    ['compare-functions', 1366, 768, false, 10],
    ['compare-containers', 1366, 768, false, 10],
    ['compare-functions', 1440, 900, false, 10],
    ['compare-functions', 1920, 1080, false, 12],
    ['compare-functions', 1920, 1080, true, 24],
    // Presenting: presentation type, in proportion to the screen as the nodes' (present-type.ts).
    ['compare-functions', 1366, 768, true, 17],
  ];
  for (const [name, width, height, presenting, px] of cases)
    it(`${name} at ${width}×${height}${presenting ? ' presenting' : ''}: at least ${px} px`, async () => {
      s = await openBrowser({ width, height });
      const { page } = s;
      const end = await openReplayOf(page, doc(name), presenting);
      const slider = page.getByRole('slider', { name: 'Timeline' });
      await slider.fill(String(Math.round(end / 2)));
      const canvas = page.getByTestId('replay-canvas');
      await expect.poll(() => canvas.getAttribute('data-text-px'), { timeout: 10_000 }).toBeTruthy();
      // The view settles (a fitted view may still move): read it once it holds.
      await viewAtRest(page);
      const shown = Number(await canvas.getAttribute('data-text-px'));
      const zoom = await page
        .locator('.react-flow__viewport')
        .evaluate((el) => new DOMMatrixReadOnly(getComputedStyle(el).transform).a);
      expect(shown, `text on screen, px (zoom ${zoom.toFixed(2)})`).toBeGreaterThanOrEqual(px - 0.01);
      await s.screenshot(`canvas-text-${name}-${width}${presenting ? '-present' : ''}`);
    });
});
