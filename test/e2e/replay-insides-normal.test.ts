import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hasBrowser, openApp, runToEnd, viewAtRest, type BrowserSession } from './browser';

/**
 * The replay in normal (not presenting) mode, every template at the three sizes the workspace
 * is checked at (the results drawer open after each run): at a few instants of the replay, what
 * the canvas draws under the nodes (data-insides-boxes) lies inside the canvas, under no panel
 * (the replay bar, the zoom buttons, the map, the notes, the key), over no other node, no other
 * node's insides and no edge's label, and its smallest text is 10 px or more on screen (12 at 1920).
 */
type Box = { name: string; l: number; t: number; r: number; b: number };

interface Seen {
  flow: Box;
  panels: Box[];
  nodes: Box[];
  /** The edges' labels (their short words: "batch 10", "DLQ"). */
  labels: Box[];
  insides: (Box & { px: number })[];
}

/** What is on the canvas now, in client pixels. */
function look(): Seen {
  const box = (e: Element, name: string): Box => {
    const r = e.getBoundingClientRect();
    return { name, l: r.left, t: r.top, r: r.right, b: r.bottom };
  };
  const shown = (e: Element) =>
    (e as HTMLElement).offsetParent !== null && getComputedStyle(e).visibility !== 'hidden';
  const canvas = document.querySelector<HTMLElement>('[data-testid="replay-canvas"]')!;
  const drawn = JSON.parse(canvas.dataset.insidesBoxes ?? '[]') as {
    node: string;
    x: number;
    y: number;
    w: number;
    h: number;
    text: number;
  }[];
  return {
    flow: box(document.querySelector('.canvas__flow')!, 'canvas'),
    // Everything laid over the diagram: React Flow's panels (the replay bar wherever it is,
    // the zoom buttons, the map, the notes, the lesson, the key), and the replay bar itself.
    panels: [...document.querySelectorAll('.canvas .react-flow__panel, .canvas .playback')]
      .filter(shown)
      .map((e) => box(e, e.className)),
    nodes: [...document.querySelectorAll('.react-flow__node')].map((e) => box(e, e.getAttribute('data-id')!)),
    labels: [...document.querySelectorAll('.kind-edge__label')]
      .filter(shown)
      .map((e) => box(e, `"${e.textContent!.trim()}"`)),
    insides: drawn.map((d) => ({ name: d.node, l: d.x, t: d.y, r: d.x + d.w, b: d.y + d.h, px: d.text })),
  };
}

const meets = (a: Box, b: Box) => a.l < b.r - 0.5 && b.l < a.r - 0.5 && a.t < b.b - 0.5 && b.t < a.b - 0.5;

/** Where the replay is now wrong, in words (empty: nothing). */
function faults(seen: Seen, minPx: number): string[] {
  const out: string[] = [];
  const { flow } = seen;
  for (const i of seen.insides) {
    const at = `${i.name}'s insides`;
    if (i.l < flow.l - 0.5 || i.t < flow.t - 0.5 || i.r > flow.r + 0.5 || i.b > flow.b + 0.5)
      out.push(`${at} outside the canvas`);
    for (const p of seen.panels) if (meets(i, p)) out.push(`${at} under ${p.name}`);
    for (const n of seen.nodes) if (n.name !== i.name && meets(i, n)) out.push(`${at} over node ${n.name}`);
    for (const o of seen.insides) if (o !== i && meets(i, o)) out.push(`${at} over ${o.name}'s insides`);
    for (const l of seen.labels) if (meets(i, l)) out.push(`${at} under the edge label ${l.name}`);
    if (i.px > 0 && i.px < minPx - 0.01) out.push(`${at}: text ${i.px.toFixed(1)} px`);
  }
  return out;
}

async function scrubTo(page: Page, t: number): Promise<Seen> {
  await page.getByRole('slider', { name: 'Timeline' }).fill(String(t));
  // The paused frame at t writes where it drew each node's insides.
  await page.waitForFunction((want) => {
    const c = document.querySelector<HTMLElement>('[data-testid="replay-canvas"]');
    return c?.dataset.insidesBoxes !== undefined && Math.abs(Number(c.dataset.time) - want) < 1;
  }, t);
  return page.evaluate(look);
}

const slug = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

const SIZES = [
  { width: 1366, height: 768, minPx: 10 },
  { width: 1440, height: 900, minPx: 10 },
  { width: 1920, height: 1080, minPx: 12 },
] as const;

/**
 * Each template is run once and its replay looked at in the three sizes in turn (the window
 * resized, as a person moving to a projector would): the run's answer is the same at any size,
 * and running it three times took most of this file's time.
 */
describe.skipIf(!hasBrowser)('the replay in normal mode at 1366×768, 1440×900 and 1920×1080', () => {
  let s: BrowserSession;
  let opens = 0;
  beforeAll(async () => {
    s = await openApp(SIZES[0]);
    const { page } = s;
    await page.getByRole('button', { name: 'Templates' }).click();
    opens = await page.getByRole('button', { name: /^Open template / }).count();
    await page.keyboard.press('Escape');
  });
  afterAll(async () => {
    await s?.close();
  });

  /** The templates from `from` to `to` (by their place in the list), each at every size. */
  async function check(from: number, to: number): Promise<{ wrong: string[]; withInsides: number }> {
    const { page } = s;
    const wrong: string[] = [];
    let withInsides = 0;
    for (let k = from; k < Math.min(to, opens); k++) {
      await page.setViewportSize(SIZES[0]);
      await page.getByRole('button', { name: 'Templates' }).click();
      const open = page.getByRole('button', { name: /^Open template / }).nth(k);
      const name = ((await open.getAttribute('aria-label')) ?? `${k}`).replace(/^Open template /, '');
      await open.click();
      await page.locator('.react-flow__node').first().waitFor();
      await runToEnd(page);
      const replay = page.getByRole('button', { name: 'Replay requests on the canvas' });
      if ((await replay.getAttribute('aria-pressed')) !== 'true') await replay.click();
      const slider = page.getByRole('slider', { name: 'Timeline' });
      await slider.waitFor({ timeout: 60_000 });
      const end = Number(await slider.getAttribute('max'));
      let drew = false;
      for (const size of SIZES) {
        await page.setViewportSize(size);
        await viewAtRest(page);
        for (const f of [0.3, 0.7, 0.97]) {
          let seen = await scrubTo(page, Math.round(end * f));
          let found = faults(seen, size.minPx);
          if (found.length > 0) {
            // The badges follow the replay's time and may grow a node, which the view then
            // makes room for (about 120 ms later): what counts is the view at rest.
            await viewAtRest(page);
            seen = await page.evaluate(look);
            found = faults(seen, size.minPx);
          }
          if (seen.insides.length > 0) drew = true;
          for (const w of found) wrong.push(`${name} at ${size.width} at ${Math.round(f * 100)} %: ${w}`);
          if (f === 0.7) await s.screenshot(`replay-insides-normal-${size.width}-${slug(name)}`);
        }
      }
      if (drew) withInsides++;
    }
    return { wrong, withInsides };
  }

  it('the first half of the templates: what is drawn under the nodes is in the canvas, under no panel, over no other node, insides or edge label, 10 px or more', async () => {
    expect(opens).toBeGreaterThan(20);
    const { wrong, withInsides } = await check(0, Math.ceil(opens / 2));
    // Nearly every template has a function, a queue, a stream or a fleet to draw inside.
    expect(withInsides).toBeGreaterThan(7);
    expect(wrong).toEqual([]);
  }, 300_000);

  it('the second half of the templates: the same', async () => {
    const { wrong, withInsides } = await check(Math.ceil(opens / 2), opens);
    expect(withInsides).toBeGreaterThan(7);
    expect(wrong).toEqual([]);
  }, 300_000);
});
