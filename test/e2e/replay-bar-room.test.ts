import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hasBrowser, openApp, viewAtRest, type BrowserSession } from './browser';

type Box = { x: number; y: number; width: number; height: number };
const intersects = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Visible boxes of what is docked on the canvas. */
async function visible(page: Page, selector: string): Promise<Box[]> {
  return page.locator(selector).evaluateAll((els) =>
    els
      .filter((e) => (e as HTMLElement).offsetParent !== null && getComputedStyle(e).display !== 'none')
      .map((e) => {
        const r = e.getBoundingClientRect();
        return { x: r.x, y: r.y, width: r.width, height: r.height };
      }),
  );
}

describe.skipIf(!hasBrowser)('the replay bar leaves the zoom buttons and the map free', () => {
  let s: BrowserSession | undefined;
  afterEach(async () => {
    await s?.close();
    s = undefined;
  });

  for (const size of [
    { width: 1366, height: 768 },
    { width: 1440, height: 900 },
    { width: 1920, height: 1080 },
  ]) {
    it(`at ${size.width}×${size.height} with the results drawer open`, async () => {
      s = await openApp(size);
      const { page } = s;
      await page.keyboard.press('Control+Enter');
      await page.getByTestId('results-drawer').waitFor({ timeout: 60_000 });
      await page.getByRole('button', { name: 'Replay requests on the canvas' }).click();
      await page.locator('.playback').first().waitFor();
      await viewAtRest(page);
      const [bar] = await visible(page, '.playback');
      const controls = await visible(page, '.canvas .react-flow__controls');
      const maps = await visible(page, '.canvas .react-flow__minimap');
      expect(controls.length).toBe(1);
      expect(intersects(bar, controls[0])).toBe(false);
      for (const m of maps) expect(intersects(bar, m)).toBe(false);
      await s.screenshot(`replay-bar-room-${size.width}`);
    });
  }
});
