import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hasBrowser, openApp, openTemplate, runToEnd, viewAtRest, type BrowserSession } from './browser';
import { unreadableText } from './canvas-text';

const zoomOf = (page: Page) =>
  page
    .locator('.react-flow__viewport')
    .evaluate((e) => Number(/matrix\(([^,]+)/.exec(getComputedStyle(e).transform)?.[1] ?? 1));

/** What each node shows: its label drawn or not, its icon's size on screen, its first figure. */
async function nodesShown(page: Page) {
  return page.locator('.kind-node').evaluateAll((els) =>
    els.map((n) => {
      const icon = n.querySelector('.kind-icon')!.getBoundingClientRect();
      const label = n.querySelector('.kind-node__label')!;
      const figure = n.querySelector<HTMLElement>('.run-badges:not(.visually-hidden) .run-badge');
      return {
        labelDrawn: !label.querySelector('.visually-hidden'),
        iconPx: Math.min(icon.width, icon.height),
        title: n.getAttribute('title') ?? '',
        label: label.textContent ?? '',
        figure: figure && !figure.classList.contains('visually-hidden') ? figure.textContent : null,
      };
    }),
  );
}

describe.skipIf(!hasBrowser)('semantic zoom when zooming out by hand', () => {
  let s: BrowserSession | undefined;
  afterEach(async () => {
    await s?.close();
    s = undefined;
  });

  for (const size of [
    { width: 1440, height: 900 },
    { width: 1920, height: 1080 },
  ]) {
    it(`at ${size.width}×${size.height}, down to the least zoom the canvas allows, no text is under 10 px and each node keeps its icon`, async () => {
      s = await openApp(size);
      const { page } = s;
      // The largest template (15 nodes), after a run: labels, figures, connection labels.
      await openTemplate(page, /^Open template Orchestration vs choreography/);
      await runToEnd(page);
      await page.getByTestId('results-drawer').waitFor();
      await viewAtRest(page);
      await page.getByRole('button', { name: '1:1 Zoom to 100 %' }).click();
      await expect.poll(() => zoomOf(page)).toBe(1);

      const zoomOut = page.getByRole('button', { name: /zoom out/i });
      const seen: { zoom: number; labels: number; figures: number }[] = [];
      for (let step = 0; step < 20; step++) {
        await viewAtRest(page);
        const zoom = await zoomOf(page);
        const { small, cut } = await unreadableText(page);
        expect(small, `at zoom ${zoom.toFixed(2)}`).toEqual([]);
        expect(cut, `at zoom ${zoom.toFixed(2)}`).toEqual([]);
        const nodes = await nodesShown(page);
        expect(nodes).toHaveLength(15);
        for (const n of nodes) {
          // The icon stays, at least 12 px on screen; a label left out is in the tooltip.
          expect(n.iconPx, `${n.label} at ${zoom.toFixed(2)}`).toBeGreaterThanOrEqual(12);
          if (!n.labelDrawn) expect(n.title.startsWith(`${n.label}:`)).toBe(true);
        }
        seen.push({
          zoom,
          labels: nodes.filter((n) => n.labelDrawn).length,
          figures: nodes.filter((n) => n.figure).length,
        });
        if (step === 4) await s.screenshot(`semantic-zoom-${size.width}-mid`);
        if (await zoomOut.isDisabled()) break;
        await zoomOut.click();
      }
      await s.screenshot(`semantic-zoom-${size.width}-least`);
      const least = seen.at(-1)!;
      // It went all the way out (React Flow's least zoom here is 20 %), through the compact levels.
      expect(least.zoom).toBeLessThan(0.21);
      // Labels are drawn while they can be read, figures too; at 20 % only the icons are.
      expect(seen.filter((v) => v.zoom >= 0.34).every((v) => v.labels === 15)).toBe(true);
      expect(seen.filter((v) => v.zoom >= 0.53).every((v) => v.figures >= 12)).toBe(true);
      expect(least.labels).toBe(0);
      expect(least.figures).toBe(0);
    });
  }
});
