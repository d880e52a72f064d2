import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import lzString from 'lz-string';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { hasBrowser, openBrowser, type BrowserSession } from './browser';

const DIR = resolve(import.meta.dirname, '../../src/templates');
const TEMPLATES = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.replace(/\.json$/, ''));

type Box = { l: number; r: number; t: number; b: number };

interface Seen {
  zoom: number;
  texts: { where: string; text: string; px: number; cut: boolean }[];
  nodes: (Box & { id: string })[];
  band: Box;
  bar: Box;
  width: number;
  brief: boolean;
  /** What the replay drew under each node (the canvas's data-insides-boxes), and the edges' labels. */
  insides: (Box & { id: string })[];
  labels: (Box & { text: string })[];
  textPx: number;
  cut: string | null;
}

/** Every piece of visible text in the nodes, the band of counters and the replay bar, as drawn. */
function look(): Seen {
  const rect = (e: Element): Box => {
    const r = e.getBoundingClientRect();
    return { l: r.left, r: r.right, t: r.top, b: r.bottom };
  };
  const vp = document.querySelector<HTMLElement>('.react-flow__viewport')!;
  const canvas = document.querySelector<HTMLElement>('[data-testid="replay-canvas"]')!;
  const zoom = new DOMMatrixReadOnly(getComputedStyle(vp).transform).a;
  const texts: Seen['texts'] = [];
  const areas: [string, string, number][] = [
    ['node', '.react-flow__node', zoom],
    ['counters', '.present-hud', 1],
    ['bar', '.classroom-panel--bottom', 1],
    // An edge's label is drawn in the viewport (and scaled by its own transform when zoomed out).
    ['edge label', '.react-flow__edgelabel-renderer', zoom],
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
          px:
            parseFloat(cs.fontSize) *
            scale *
            (cs.transform === 'none' ? 1 : new DOMMatrixReadOnly(cs.transform).a),
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
    insides: (
      JSON.parse(canvas.dataset.insidesBoxes ?? '[]') as {
        node: string;
        x: number;
        y: number;
        w: number;
        h: number;
      }[]
    ).map((b) => ({ id: b.node, l: b.x, r: b.x + b.w, t: b.y, b: b.y + b.h })),
    labels: [...document.querySelectorAll('.kind-edge__label')].map((e) => ({
      text: e.textContent!.trim(),
      ...rect(e),
    })),
    textPx: Number(canvas.dataset.textPx),
    cut: canvas.dataset.insidesCut ?? null,
  };
}

/**
 * The hardest diagrams (stacked services with insides, a queue whose readers and counts run
 * wide, the 15-node one, the tall column of upload-transcode-notify), also on a laptop's screens.
 */
const HARDEST = [
  'compare-containers',
  'compare-eks',
  'compare-functions',
  'compare-monolith',
  'compare-tiered',
  'orchestration-vs-choreography',
  'upload-transcode-notify',
  'messaging-dlq',
];

/**
 * Not done yet (README, "Classroom"): at 1366×768 orchestration-vs-choreography (15 nodes) does
 * not fit between the band and the bar at presentation type: its insides are cut between stacked
 * functions, in its template's columns and in the eased ones (present-layout.ts easeColumns,
 * which give it 1440×900). Its insides are not checked there. Remove an entry when it passes.
 */
const NOT_YET: Record<string, { floor?: number; insides: string }> = {
  'orchestration-vs-choreography@1366': { insides: 'cut between the stacked functions' },
};

const apart = (a: Box, b: Box) =>
  a.r <= b.l + 0.5 || b.r <= a.l + 0.5 || a.b <= b.t + 0.5 || b.b <= a.t + 0.5;

for (const [width, height, names] of [
  [1920, 1080, TEMPLATES],
  [1440, 900, HARDEST],
  [1366, 768, HARDEST],
] as const)
  describe.skipIf(!hasBrowser)(`classroom: templates in presentation mode at ${width}×${height}`, () => {
    let s: BrowserSession;
    beforeAll(async () => {
      s = await openBrowser({ width, height });
    });
    afterAll(async () => {
      await s?.close();
    });
    // Presentation type in proportion to the screen (present-type.ts presentPx), for the nodes,
    // the edges' labels, the insides (draw-internals.ts textPxFor), the band and the bar.
    const px = Math.max(14, Math.round(24 * Math.min(width / 1920, height / 1080)));

    for (const name of names)
      it(`${name}: text at ${px} px or more, none cut, nothing drawn over anything else, all between the band and the bar`, async () => {
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
        // The layout settles (nodes measured at presentation size, then fitted) and the paused
        // canvas says where it drew each node's insides.
        let seen = await page.evaluate(look);
        await expect
          .poll(
            async () => {
              const before = JSON.stringify([seen.nodes, seen.insides]);
              await page.waitForTimeout(400);
              seen = await page.evaluate(look);
              return JSON.stringify([seen.nodes, seen.insides]) === before && seen.cut !== null;
            },
            { timeout: 15_000 },
          )
          .toBe(true);
        // Taken before the checks, so a failing case can be looked at.
        await s.screenshot(`present-layout-${name}-${width}`);
        const notYet = NOT_YET[`${name}@${width}`];
        const floor = notYet?.floor ?? px;
        const small = seen.texts.filter((t) => t.px < floor - 0.01);
        expect(small, `text under ${floor} px: ${JSON.stringify(small.slice(0, 4))}`).toEqual([]);
        expect(
          seen.texts.filter((t) => t.cut),
          'text cut',
        ).toEqual([]);
        expect(seen.texts.filter((t) => t.where === 'node').length).toBeGreaterThanOrEqual(seen.nodes.length);
        for (let i = 0; i < seen.nodes.length; i++)
          for (let j = i + 1; j < seen.nodes.length; j++) {
            const [a, b] = [seen.nodes[i], seen.nodes[j]];
            expect(apart(a, b), `${a.id} and ${b.id} overlap`).toBe(true);
          }
        for (const n of seen.nodes) {
          expect(n.t, `${n.id} under the band`).toBeGreaterThanOrEqual(seen.band.b);
          expect(n.b, `${n.id} behind the replay bar`).toBeLessThanOrEqual(seen.bar.t);
          expect(n.l, `${n.id} off the left edge`).toBeGreaterThanOrEqual(0);
          expect(n.r, `${n.id} off the right edge`).toBeLessThanOrEqual(seen.width);
        }
        // What is drawn under the nodes: in presentation type, whole (no node below cuts it),
        // between the band and the bar, and over no other node, no other node's insides and no
        // edge's label.
        expect(seen.textPx, 'insides text px').toBeGreaterThanOrEqual(floor - 0.01);
        if (notYet) console.log(`${name} at ${width}: insides not checked (${notYet.insides})`);
        else {
          expect(seen.cut, 'insides cut by the node below').toBe('');
          for (const box of seen.insides) {
            const what = `${box.id}'s insides (${Math.round(box.l)},${Math.round(box.t)}–${Math.round(box.r)},${Math.round(box.b)})`;
            expect(box.t, `${what} under the band`).toBeGreaterThanOrEqual(seen.band.b - 0.5);
            expect(box.b, `${what} behind the replay bar`).toBeLessThanOrEqual(seen.bar.t + 0.5);
            expect(box.l, `${what} off the left edge`).toBeGreaterThanOrEqual(0);
            expect(box.r, `${what} off the right edge`).toBeLessThanOrEqual(seen.width);
            for (const n of seen.nodes)
              if (n.id !== box.id) expect(apart(box, n), `${what} over node ${n.id}`).toBe(true);
            for (const o of seen.insides)
              if (o !== box) expect(apart(box, o), `${what} over ${o.id}'s insides`).toBe(true);
            for (const l of seen.labels)
              expect(apart(box, l), `${what} over the edge label "${l.text}"`).toBe(true);
          }
        }
        // Each edge's label on screen between the band and the bar, on no node and no other label.
        for (const l of seen.labels) {
          const what = `the edge label "${l.text}" (${Math.round(l.l)},${Math.round(l.t)}–${Math.round(l.r)},${Math.round(l.b)})`;
          expect(l.t, `${what} under the band`).toBeGreaterThanOrEqual(seen.band.b - 0.5);
          expect(l.b, `${what} behind the replay bar`).toBeLessThanOrEqual(seen.bar.t + 0.5);
          expect(l.l >= 0 && l.r <= seen.width, `${what} off the screen`).toBe(true);
          for (const n of seen.nodes) expect(apart(l, n), `${what} over node ${n.id}`).toBe(true);
          for (const o of seen.labels)
            if (o !== l) expect(apart(l, o), `${what} over "${o.text}"`).toBe(true);
        }
        // A small diagram shows everything: label, kind, details line and key figures (and the
        // default template, with room to spare, in larger type: 34 px).
        console.log(
          `${name} at ${width}: ${seen.nodes.length} nodes, ${seen.brief ? 'label and key figure' : 'full detail'}, ${seen.insides.length} insides drawn`,
        );
        if (width === 1920 && seen.nodes.length <= 3) {
          expect(seen.brief, 'a three-node diagram at full detail').toBe(false);
          await expect.poll(() => page.locator('.kind-node__summary').first().isVisible()).toBe(true);
        }
        if (name === 'api-function' && width === 1920)
          expect(Math.min(...seen.texts.filter((t) => t.where === 'node').map((t) => t.px))).toBeGreaterThan(
            30,
          );
      });
  });
