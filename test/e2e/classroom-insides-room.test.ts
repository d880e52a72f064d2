import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import lzString from 'lz-string';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { hasBrowser, openBrowser, type BrowserSession } from './browser';

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

describe.skipIf(!hasBrowser)("classroom: every node's insides in full, clear of the node below", () => {
  let s: BrowserSession;
  beforeAll(async () => {
    s = await openBrowser({ width: 1440, height: 900 });
  });
  afterAll(async () => {
    await s?.close();
  });

  for (const name of TEMPLATES.filter((n) => n.startsWith('compare-')))
    it(`${name}: at a quarter, half and three quarters of the run nothing under a node is cut short`, async () => {
      const { page } = s;
      const doc = JSON.parse(readFileSync(`${DIR}/${name}.json`, 'utf8'));
      await page.goto('about:blank');
      await page.goto(
        `${inject('baseUrl')}#s=${lzString.compressToEncodedURIComponent(JSON.stringify(doc))}`,
      );
      await page.locator('.react-flow__node').first().waitFor();
      await page.getByRole('button', { name: 'Replay requests on the canvas' }).click();
      const slider = page.getByRole('slider', { name: 'Timeline' });
      await slider.waitFor({ timeout: 120_000 });
      const end = Number(await slider.getAttribute('max'));
      const seen: { time: number; cut: string[] }[] = [];
      for (const f of [0.25, 0.5, 0.75]) seen.push(await cutAt(page, Math.round(end * f)));
      expect(
        seen.filter((x) => x.cut.length > 0),
        name,
      ).toEqual([]);
      if (name.startsWith('compare-')) await s.screenshot(`insides-room-${name}-1440`);
    });
});
