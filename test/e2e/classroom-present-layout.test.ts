import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import lzString from 'lz-string';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { hasBrowser, openBrowser, type BrowserSession } from './browser';

const DIR = resolve(import.meta.dirname, '../../src/templates');
const TEMPLATES = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.replace(/\.json$/, ''));

/**
 * Templates whose diagram cannot be drawn at 24 px between the clock's band and the replay bar
 * even with label and key figure only (README, "Classroom"): the type they reach instead.
 */
const BELOW_24: Record<string, number> = {
  // 15 nodes, five stacked in one column, labels of two lines: about 22–23 px.
  'orchestration-vs-choreography': 21,
};

type Box = { l: number; r: number; t: number; b: number };

interface Seen {
  zoom: number;
  texts: { where: string; text: string; px: number; cut: boolean }[];
  nodes: (Box & { id: string })[];
  band: Box;
  bar: Box;
  width: number;
  brief: boolean;
}

/** Every piece of visible text in the nodes, the band of counters and the replay bar, as drawn. */
function look(): Seen {
  const rect = (e: Element): Box => {
    const r = e.getBoundingClientRect();
    return { l: r.left, r: r.right, t: r.top, b: r.bottom };
  };
  const vp = document.querySelector<HTMLElement>('.react-flow__viewport')!;
  const zoom = new DOMMatrixReadOnly(getComputedStyle(vp).transform).a;
  const texts: Seen['texts'] = [];
  const areas: [string, string, number][] = [
    ['node', '.react-flow__node', zoom],
    ['counters', '.present-hud', 1],
    ['bar', '.classroom-panel--bottom', 1],
  ];
  for (const [where, sel, scale] of areas)
    for (const root of document.querySelectorAll(sel))
      for (const el of root.querySelectorAll<HTMLElement>('*')) {
        const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim());
        if (!own || el.getClientRects().length === 0) continue;
        if (el.closest('.visually-hidden, option, .react-flow__attribution')) continue;
        const cs = getComputedStyle(el);
        if (cs.visibility === 'hidden' || cs.clip === 'rect(0px, 0px, 0px, 0px)') continue;
        // Cut: wider than its box with the overflow hidden, or ended with an ellipsis.
        const hides = cs.overflowX !== 'visible' || cs.textOverflow === 'ellipsis';
        texts.push({
          where,
          text: el.textContent!.trim().slice(0, 40),
          px: parseFloat(cs.fontSize) * scale,
          cut: el.tagName !== 'SELECT' && hides && el.scrollWidth > el.clientWidth + 1,
        });
      }
  return {
    zoom,
    texts,
    nodes: [...document.querySelectorAll('.react-flow__node')].map((n) => ({
      id: n.getAttribute('data-id')!,
      ...rect(n),
    })),
    band: rect(document.querySelector('.present-hud')!),
    bar: rect(document.querySelector('.classroom-panel--bottom')!),
    width: window.innerWidth,
    brief: document.querySelector('.react-flow')!.classList.contains('present-layout--brief'),
  };
}

describe.skipIf(!hasBrowser)('classroom: every template in presentation mode at 1920×1080', () => {
  let s: BrowserSession;
  beforeAll(async () => {
    s = await openBrowser({ width: 1920, height: 1080 });
  });
  afterAll(async () => {
    await s?.close();
  });

  for (const name of TEMPLATES)
    it(`${name}: text at 24 px or more, none cut, no node over another, all between the band and the bar`, async () => {
      const doc = JSON.parse(readFileSync(resolve(DIR, `${name}.json`), 'utf8'));
      const { page } = s;
      await page.goto('about:blank');
      await page.goto(
        `${inject('baseUrl')}?present#s=${lzString.compressToEncodedURIComponent(JSON.stringify(doc))}`,
      );
      await page.getByTestId('replay-clock').waitFor({ timeout: 90_000 });
      // Half-way, so the nodes carry figures at t.
      const end = Number(await page.getByRole('slider', { name: 'Timeline' }).getAttribute('max'));
      await page.getByRole('slider', { name: 'Timeline' }).fill(String(Math.round(end / 2)));
      // The layout settles (nodes measured at presentation size, then fitted).
      let seen = await page.evaluate(look);
      await expect
        .poll(
          async () => {
            const before = JSON.stringify(seen.nodes);
            await page.waitForTimeout(400);
            seen = await page.evaluate(look);
            return JSON.stringify(seen.nodes) === before;
          },
          { timeout: 15_000 },
        )
        .toBe(true);
      // Taken before the checks, so a failing case can be looked at.
      await s.screenshot(`present-layout-${name}-1920`);
      const floor = BELOW_24[name] ?? 24;
      const small = seen.texts.filter((t) => t.px < floor - 0.01);
      expect(small, `text under ${floor} px`).toEqual([]);
      expect(
        seen.texts.filter((t) => t.cut),
        'text cut',
      ).toEqual([]);
      expect(seen.texts.filter((t) => t.where === 'node').length).toBeGreaterThanOrEqual(seen.nodes.length);
      for (let i = 0; i < seen.nodes.length; i++)
        for (let j = i + 1; j < seen.nodes.length; j++) {
          const [a, b] = [seen.nodes[i], seen.nodes[j]];
          const apart = a.r <= b.l || b.r <= a.l || a.b <= b.t || b.b <= a.t;
          expect(apart, `${a.id} and ${b.id} overlap`).toBe(true);
        }
      for (const n of seen.nodes) {
        expect(n.t, `${n.id} under the band`).toBeGreaterThanOrEqual(seen.band.b);
        expect(n.b, `${n.id} behind the replay bar`).toBeLessThanOrEqual(seen.bar.t);
        expect(n.l, `${n.id} off the left edge`).toBeGreaterThanOrEqual(0);
        expect(n.r, `${n.id} off the right edge`).toBeLessThanOrEqual(seen.width);
      }
      // A small diagram shows everything: label, kind, details line and key figures (and the
      // default template, with room to spare, in larger type: 34 px).
      console.log(
        `${name}: ${seen.nodes.length} nodes, ${seen.brief ? 'label and key figure' : 'full detail'}`,
      );
      if (seen.nodes.length <= 3) {
        expect(seen.brief, 'a three-node diagram at full detail').toBe(false);
        await expect.poll(() => page.locator('.kind-node__summary').first().isVisible()).toBe(true);
      }
      if (name === 'api-function')
        expect(Math.min(...seen.texts.filter((t) => t.where === 'node').map((t) => t.px))).toBeGreaterThan(
          30,
        );
      // What is drawn under the nodes: in presentation type, and whole (no node below cuts it).
      const canvas = page.getByTestId('replay-canvas');
      expect(Number(await canvas.getAttribute('data-text-px')), 'insides text px').toBeGreaterThanOrEqual(
        floor - 0.01,
      );
      if (!(name in BELOW_24))
        expect(await canvas.getAttribute('data-insides-cut'), 'insides cut by the node below').toBe('');
    });
});
