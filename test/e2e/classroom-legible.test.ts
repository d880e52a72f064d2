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
      // No figure is left off at t here, so the key has no row about it (a row takes room from the diagram).
      expect(await page.getByTestId('legend-not-at-t').isVisible()).toBe(false);
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
      // The diagram itself, fitted between the clock's band and the replay bar: its small
      // print (a node's details line) on screen, and no node under a panel.
      const detailsPx = await page.evaluate(() => {
        const el = document.querySelector<HTMLElement>('.kind-node__summary')!;
        const vp = document.querySelector<HTMLElement>('.react-flow__viewport')!;
        return (
          parseFloat(getComputedStyle(el).fontSize) * new DOMMatrixReadOnly(getComputedStyle(vp).transform).a
        );
      });
      console.log(`details at ${width}: ${detailsPx} px`);
      expect(detailsPx, 'node details on screen').toBeGreaterThanOrEqual(width === 1920 ? 24 : 12);
      const covered = await page.evaluate(() => {
        const boxes = (q: string) =>
          [...document.querySelectorAll<HTMLElement>(q)]
            .filter((e) => e.offsetParent !== null)
            .map((e) => e.getBoundingClientRect());
        const panels = boxes('.react-flow__panel');
        return boxes('.react-flow__node').filter((n) =>
          panels.some((p) => p.left < n.right && n.left < p.right && p.top < n.bottom && n.top < p.bottom),
        ).length;
      });
      expect(covered, 'nodes under a panel').toBe(0);
      await s.screenshot(`classroom-legible-${width}`);
      // What is drawn under the function (its words and environments, in the room measured for
      // them) is clear of the replay bar too: at least its first line of words (presentation
      // type: 24 px at 1920×1080, in proportion below) and a row of 16 px environments, and
      // nothing of it cut.
      const words = Math.max(14, Math.round(24 * Math.min(width / 1920, height / 1080)));
      const gap = await page.evaluate(() => {
        const fn = document.querySelector('.react-flow__node[data-id="handler"]')!.getBoundingClientRect();
        const bar = document.querySelector('.classroom-panel--bottom')!.getBoundingClientRect();
        return bar.top - fn.bottom;
      });
      expect(gap, 'room under the function above the replay bar').toBeGreaterThanOrEqual(6 + words + 5 + 16);
      expect(await page.getByTestId('replay-canvas').getAttribute('data-insides-cut')).toBe('');
      // Presenting, a provisioned environment is a green square, not a letter too small for the room.
      expect(await legend.getByText('P = provisioned').isVisible()).toBe(false);
      expect(await legend.getByText('provisioned', { exact: true }).isVisible()).toBe(true);
    });
  }
});
