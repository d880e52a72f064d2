import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { hasBrowser, openBrowser, openReplayOf, type BrowserSession } from './browser';

const DIR = resolve(import.meta.dirname, '../../src/templates');
const TEMPLATES = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.replace(/\.json$/, ''));

/** The nodes whose insides are cut short by the node below, as drawn at a paused t. */
async function cutAt(page: Page, t: number): Promise<{ time: number; cut: string[] }> {
  await page.getByRole('slider', { name: 'Timeline' }).fill(String(t));
  const canvas = page.getByTestId('replay-canvas');
  await expect
    .poll(async () => Number(await canvas.getAttribute('data-time')), { timeout: 10_000 })
    .toBeCloseTo(t, -1);
  await expect.poll(() => canvas.getAttribute('data-insides-cut'), { timeout: 10_000 }).not.toBeNull();
  return { time: t, cut: ((await canvas.getAttribute('data-insides-cut')) ?? '').split(' ').filter(Boolean) };
}

const SIZES: [number, number][] = [
  [1366, 768],
  [1440, 900],
  [1920, 1080],
];

describe.skipIf(!hasBrowser)("classroom: every node's insides in full, clear of the node below", () => {
  let s: BrowserSession | undefined;
  afterEach(async () => {
    await s?.close();
    s = undefined;
  });

  // Normal mode only: presenting (24 px words under each node), the stacked services are still cut.
  for (const name of TEMPLATES.filter((n) => n.startsWith('compare-')))
    it(`${name}: at 1366, 1440 and 1920, at a quarter, half and three quarters of the run nothing under a node is cut short`, async () => {
      const doc = JSON.parse(readFileSync(`${DIR}/${name}.json`, 'utf8'));
      const seen: { size: number; time: number; cut: string[] }[] = [];
      for (const [width, height] of SIZES) {
        await s?.close();
        s = await openBrowser({ width, height });
        const end = await openReplayOf(s.page, doc, false);
        for (const f of [0.25, 0.5, 0.75])
          seen.push({ size: width, ...(await cutAt(s.page, Math.round(end * f))) });
        await s.screenshot(`insides-room-${name}-${width}`);
      }
      expect(
        seen.filter((x) => x.cut.length > 0),
        name,
      ).toEqual([]);
    });
});
