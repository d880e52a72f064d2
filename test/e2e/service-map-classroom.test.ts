import lzString from 'lz-string';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { hasBrowser, openBrowser, type BrowserSession } from './browser';

/**
 * 10 requests a second, evenly spaced, through an HTTP API (10 ms of its own) to a function
 * that takes exactly 100 ms, no cold start, for 30 s (every request traced): the figures at
 * any t past 10 s are known by hand.
 */
const DOC = {
  format: 'serverless-sim.scenario',
  version: 1,
  name: 'Map at t',
  settings: { durationSeconds: 30, seed: 3 },
  nodes: [
    {
      id: 'clients',
      kind: 'producer',
      label: 'Clients',
      position: { x: 0, y: 0 },
      params: { traffic: { shape: 'constant', ratePerSecond: 10 } },
    },
    {
      id: 'api',
      kind: 'apiGateway',
      label: 'Public API',
      position: { x: 260, y: 0 },
      params: { flavor: 'http' },
    },
    {
      id: 'fn',
      kind: 'function',
      label: 'Handler',
      position: { x: 520, y: 0 },
      params: { duration: { dist: 'constant', meanMs: 100 }, coldStart: { dist: 'constant', meanMs: 0 } },
    },
  ],
  edges: [
    { id: 'e1', source: 'clients', target: 'api' },
    { id: 'e2', source: 'api', target: 'fn' },
  ],
};

const SIZES = [
  [1920, 1080],
  [1440, 900],
  [1366, 768],
] as const;

describe.skipIf(!hasBrowser)('classroom: the service map at time t in presentation mode', () => {
  let s: BrowserSession;
  afterEach(async () => {
    await s?.close();
  });

  for (const [width, height] of SIZES)
    it(`at ${width}×${height}: rates and latency of the last 10 s at t, in type a room can read`, async () => {
      s = await openBrowser({ width, height });
      const { page } = s;
      await page.goto(
        `${inject('baseUrl')}?present#s=${lzString.compressToEncodedURIComponent(JSON.stringify(DOC))}`,
      );
      await page.getByTestId('replay-clock').waitFor({ timeout: 60_000 });
      await page.getByRole('slider', { name: 'Timeline' }).fill('12000');
      // The HUD's switch (also the M key) puts the map in place of the diagram.
      const toggle = page.getByRole('button', { name: /Show the service map/ });
      await toggle.click();
      const map = page.getByTestId('classroom-service-map');
      await map.waitFor();
      await expect
        .poll(() => page.getByTestId('classroom-service-map-window').textContent())
        .toMatch(/^At t = 12\.0 s: the last 10 s$/);
      const api = map.locator('[data-node="api"]');
      const fn = map.locator('[data-node="fn"]');
      // 100 requests started in (2 s, 12 s]: 10/s at each node and on each connection.
      expect(Number(await api.getAttribute('data-rate'))).toBe(10);
      expect(Number(await fn.getAttribute('data-rate'))).toBe(10);
      expect(Number(await map.locator('[data-edge="e2"]').getAttribute('data-rate'))).toBe(10);
      // The function takes 100 ms; the API answers 10 ms later.
      expect(Number(await fn.getAttribute('data-mean'))).toBeCloseTo(100, 6);
      expect(Number(await fn.getAttribute('data-p95'))).toBeCloseTo(100, 6);
      expect(Number(await api.getAttribute('data-p95'))).toBeCloseTo(110, 6);
      expect(Number(await fn.locator('[data-share="ok"]').getAttribute('data-value'))).toBe(1);
      // At 4 s the window is the 4 s elapsed, and the figures follow the playhead.
      await page.getByRole('slider', { name: 'Timeline' }).fill('4000');
      await expect
        .poll(() => page.getByTestId('classroom-service-map-window').textContent())
        .toMatch(/the last 4 s$/);
      expect(Number(await api.getAttribute('data-rate'))).toBe(10);
      await page.getByRole('slider', { name: 'Timeline' }).fill('12000');
      await expect
        .poll(() => page.getByTestId('classroom-service-map-window').textContent())
        .toMatch(/the last 10 s$/);
      // Nothing in the map is smaller than 24 px (the room's floor on a 1920 px screen).
      const sizes = await map
        .locator('text, h2, p, li')
        .evaluateAll((els) =>
          els
            .filter((e) => (e.textContent ?? '').trim() !== '')
            .map((e) => parseFloat(getComputedStyle(e).fontSize)),
        );
      expect(sizes.length).toBeGreaterThan(10);
      expect(Math.min(...sizes)).toBeGreaterThanOrEqual(24);
      // The node texts do not spill out of the window.
      const boxes = await map
        .locator('svg text')
        .evaluateAll((els) =>
          els
            .map((e) => e.getBoundingClientRect())
            .map((r) => ({ l: r.left, r: r.right, t: r.top, b: r.bottom })),
        );
      for (const b of boxes) {
        expect(b.l).toBeGreaterThanOrEqual(0);
        expect(b.r).toBeLessThanOrEqual(width);
      }
      // The map uses the room between the clock's band and the replay bar: its nodes (circle and
      // the figures under it) spread across it, none drawn over another, no text over another.
      // (Measured from the band's right edge, the map once sat in a strip right of the band,
      // its three nodes drawn over each other at 1440 and touching at 1920.)
      const layout = await page.evaluate(() => {
        const rect = (e: Element) => {
          const r = e.getBoundingClientRect();
          return { l: r.left, r: r.right, t: r.top, b: r.bottom };
        };
        const q = (sel: string) => [...document.querySelectorAll(sel)].map(rect);
        return {
          band: rect(document.querySelector('.present-hud')!),
          bar: rect(document.querySelector('.classroom-panel--bottom')!),
          nodes: q('[data-testid="classroom-service-map"] [data-node]'),
          texts: [...document.querySelectorAll('[data-testid="classroom-service-map"] svg text')]
            .filter((e) => (e.textContent ?? '').trim() !== '')
            .map((e) => ({ text: e.textContent!, ...rect(e) })),
        };
      });
      const apart = (a: { l: number; r: number; t: number; b: number }, b: typeof a) =>
        a.r <= b.l || b.r <= a.l || a.b <= b.t || b.b <= a.t;
      expect(layout.nodes).toHaveLength(3);
      for (let i = 0; i < layout.nodes.length; i++)
        for (let j = i + 1; j < layout.nodes.length; j++)
          expect(apart(layout.nodes[i], layout.nodes[j]), `map nodes ${i} and ${j} overlap`).toBe(true);
      for (let i = 0; i < layout.texts.length; i++)
        for (let j = i + 1; j < layout.texts.length; j++)
          expect(
            apart(layout.texts[i], layout.texts[j]),
            `"${layout.texts[i].text}" drawn over "${layout.texts[j].text}"`,
          ).toBe(true);
      const left = Math.min(...layout.nodes.map((n) => n.l));
      const right = Math.max(...layout.nodes.map((n) => n.r));
      expect(right - left, 'the map spreads over the free width').toBeGreaterThanOrEqual(width / 2);
      for (const n of layout.nodes) {
        expect(n.t, 'a map node under the clock band').toBeGreaterThanOrEqual(layout.band.b);
        expect(n.b, 'a map node behind the replay bar').toBeLessThanOrEqual(layout.bar.t);
      }
      await s.screenshot(`classroom-service-map-${width}`);
      // M brings the diagram back.
      await page.keyboard.press('m');
      await expect.poll(() => map.count()).toBe(0);
      await expect.poll(() => page.getByRole('button', { name: /Show the service map/ }).count()).toBe(1);
    });
});
