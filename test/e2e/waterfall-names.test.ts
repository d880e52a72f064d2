import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import lzString from 'lz-string';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { classroomRunOptions } from '../../src/app/classroom/run-options';
import { simulate } from '../../src/engine/simulate';
import { hasBrowser, openBrowser, SCREENSHOTS, type BrowserSession } from './browser';

/**
 * The waterfall names every hop in full: at 1366 px "Handle command" was cut to "Handle com…".
 * The templates with the longest names a request passes through (measured below from the
 * templates themselves), each with the request that visits its longest-named node.
 */
const TEMPLATES = ['api-function', 'messaging-dlq', 'sync-vs-async', 'kinesis-poison-bisect'];
const SIZES = [
  { width: 1366, height: 768 },
  { width: 1440, height: 900 },
  { width: 1920, height: 1080 },
];

interface Pick {
  template: string;
  doc: unknown;
  /** The request to open: its id, and the names of the nodes it visits. */
  traceId: number;
  labels: string[];
}

function pickOf(template: string): Pick {
  const doc = JSON.parse(
    readFileSync(resolve(import.meta.dirname, `../../src/templates/${template}.json`), 'utf8'),
  ) as { nodes: { id: string; label?: string }[] };
  const label = new Map(doc.nodes.map((n) => [n.id, n.label ?? n.id]));
  // The run the replay makes (the same options, so the same sampled requests).
  const result = simulate(doc, { series: true, ...classroomRunOptions(doc) });
  let best: { traceId: number; labels: string[]; longest: number } | null = null;
  // The picker lists the first 500 requests.
  for (const tr of result.traces.slice(0, 500)) {
    const labels = [...new Set(tr.hops.map((h) => label.get(h.node) ?? h.node))];
    const longest = Math.max(...labels.map((l) => l.length));
    if (!best || longest > best.longest || (longest === best.longest && labels.length > best.labels.length))
      best = { traceId: tr.id, labels, longest };
  }
  if (!best) throw new Error(`${template}: no request was traced`);
  return { template, doc, traceId: best.traceId, labels: best.labels };
}

/** Each name cell: its text, and whether any of it is hidden (cut, clipped or ellipsed). */
async function nameCells(page: Page) {
  return page
    .getByTestId('trace-waterfall')
    .locator('.waterfall__name')
    .evaluateAll((els) =>
      els.map((el) => {
        const e = el as HTMLElement;
        const cs = getComputedStyle(e);
        return {
          // The name without its retry tag.
          text: (e.firstChild?.textContent ?? '').trim(),
          overflowsX: e.scrollWidth > e.clientWidth,
          overflowsY: e.scrollHeight > e.clientHeight,
          ellipsis: cs.textOverflow === 'ellipsis' && e.scrollWidth > e.clientWidth,
          visible: e.getBoundingClientRect().width > 0,
        };
      }),
    );
}

describe.skipIf(!hasBrowser)('the waterfall names every hop in full', () => {
  let picks: Pick[] = [];
  beforeAll(() => {
    picks = TEMPLATES.map(pickOf);
  });

  it('the templates name some hops longer than the old 8 em column held', () => {
    const longest = Math.max(...picks.flatMap((p) => p.labels.map((l) => l.length)));
    // "Fulfil order (flaky partner API)" (messaging-dlq): 32 characters.
    expect(longest).toBeGreaterThanOrEqual(30);
  });

  let s: BrowserSession;
  beforeAll(async () => {
    s = await openBrowser(SIZES[0]);
  });
  afterAll(async () => {
    await s?.close();
  });

  for (const template of TEMPLATES) {
    it(`${template}: every hop's name is shown whole at ${SIZES.map((z) => z.width).join(', ')} px`, async () => {
      const pick = picks.find((p) => p.template === template)!;
      const { page } = s;
      await page.setViewportSize(SIZES[0]);
      await page.goto('about:blank');
      await page.goto(
        `${inject('baseUrl')}#s=${lzString.compressToEncodedURIComponent(JSON.stringify(pick.doc))}`,
      );
      await page.locator('.react-flow__node').first().waitFor();
      await page.getByRole('button', { name: 'Replay requests on the canvas' }).click();
      const picker = page.getByRole('combobox', { name: 'Open a request' });
      await picker.waitFor({ timeout: 60_000 });
      const option = picker.locator('option', { hasText: new RegExp(`^#${pick.traceId} at `) });
      await expect.poll(() => option.count(), { timeout: 30_000 }).toBe(1);
      await picker.selectOption((await option.getAttribute('value'))!);
      await page.getByTestId('trace-waterfall').waitFor();
      // The same request at each size (one run of the template, the window resized).
      for (const size of SIZES) {
        await page.setViewportSize(size);
        await expect.poll(() => page.evaluate(() => window.innerWidth)).toBe(size.width);
        await expect.poll(async () => (await nameCells(page)).length).toBeGreaterThan(0);
        const cells = await nameCells(page);
        // The request's nodes, every one of them named in full (not cut, not ellipsed).
        expect(new Set(cells.map((c) => c.text))).toEqual(new Set(pick.labels));
        for (const c of cells) {
          const at = `${c.text} at ${size.width} px`;
          expect(c.visible, at).toBe(true);
          expect(c.overflowsX, `${at} is cut`).toBe(false);
          expect(c.overflowsY, `${at} is clipped`).toBe(false);
          expect(c.ellipsis, `${at} ends in an ellipsis`).toBe(false);
        }
        await page
          .getByTestId('trace-waterfall')
          .screenshot({ path: `${SCREENSHOTS}/waterfall-${template}-${size.width}.png` });
      }
      await s.screenshot(`waterfall-${template}-page-1920`);
    });
  }
});
