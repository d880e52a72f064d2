import { afterEach, describe, expect, it } from 'vitest';
import { DOT_LOOKS } from '../../src/app/classroom/dot-style';
import { hasBrowser, openApp, type BrowserSession } from './browser';

describe.skipIf(!hasBrowser)('classroom: legible at the back of the room', () => {
  let s: BrowserSession;
  afterEach(async () => {
    await s?.close();
  });

  for (const [width, height] of [
    [1920, 1080],
    [1366, 768],
  ]) {
    it(`presentation mode at ${width}×${height}: the legend names every dot and mark; at 1920 px no text is under 24 px`, async () => {
      s = await openApp({ width, height });
      const { page } = s;
      await page.keyboard.press('p');
      await page.getByTestId('present-hud').waitFor({ timeout: 60_000 });
      await page.getByTestId('replay-clock').waitFor({ timeout: 60_000 });
      await page.getByRole('slider', { name: 'Timeline' }).fill('30000');
      const legend = page.getByRole('list', { name: 'What the dots and marks mean' });
      const names = await legend.textContent();
      for (const look of Object.values(DOT_LOOKS)) expect(names).toContain(look.name);
      expect(names).toMatch(/busy.*starting.*idle/);
      expect(names).toContain('P = provisioned');
      // Every piece of text in the classroom's panels, by its computed size (scaled to a 1920 px screen).
      const sizes = await page.evaluate(() => {
        const out: { text: string; px: number }[] = [];
        for (const el of document.querySelectorAll<HTMLElement>('.classroom-panel *')) {
          const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim());
          if (!own || el.getClientRects().length === 0 || el.closest('.visually-hidden, option, select'))
            continue;
          out.push({
            text: el.textContent!.trim().slice(0, 30),
            px: parseFloat(getComputedStyle(el).fontSize),
          });
        }
        return out;
      });
      expect(sizes.length).toBeGreaterThan(10);
      if (width === 1920) {
        const small = sizes.filter((x) => x.px < 24);
        expect(small, JSON.stringify(small)).toEqual([]);
      }
      await s.screenshot(`classroom-legible-${width}`);
    });
  }
});
