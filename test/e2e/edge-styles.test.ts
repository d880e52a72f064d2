import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hasBrowser, openApp, type BrowserSession } from './browser';

/**
 * The fan-out template (a filtered subscription, a poller, sync and async calls) with what no
 * template has all of: a synchronous function call, a function's on-success and on-failure destinations and a queue's
 * dead-letter queue. Every kind of connection the canvas draws is in it.
 */
function everyConnection() {
  const doc = JSON.parse(
    readFileSync(resolve(import.meta.dirname, '../../src/templates/fan-out.json'), 'utf8'),
  ) as { name: string; nodes: object[]; edges: object[]; lesson?: unknown };
  delete doc.lesson;
  doc.name = 'Every kind of connection';
  doc.nodes.push(
    { id: 'done', kind: 'queue', label: 'Done', position: { x: 1060, y: -120 }, params: {} },
    { id: 'failed', kind: 'queue', label: 'Failed', position: { x: 1060, y: 60 }, params: {} },
    { id: 'analyticsDlq', kind: 'queue', label: 'Analytics DLQ', position: { x: 740, y: 560 }, params: {} },
    { id: 'lookup', kind: 'function', label: 'Look up owner', position: { x: 1060, y: 240 }, params: {} },
  );
  doc.edges.push(
    { id: 'ok', source: 'thumbnails', target: 'done', role: 'onSuccess' },
    { id: 'ko', source: 'thumbnails', target: 'failed', role: 'onFailure' },
    { id: 'dl', source: 'analyticsQueue', target: 'analyticsDlq', role: 'dlq' },
    { id: 'sy', source: 'indexer', target: 'lookup', params: { mode: 'sync' } },
  );
  return doc;
}

/** The legend's words per look (edge-style.ts LOOK_TEXT), as a person reads them. */
const LEGEND: Record<string, RegExp> = {
  sync: /^Synchronous/,
  async: /^Asynchronous/,
  poller: /^Polled/,
  filtered: /^Filtered/,
  dlq: /^Dead-letter queue$/,
  failure: /^On failure$/,
  success: /^On success$/,
};

describe.skipIf(!hasBrowser)('connections are drawn by what they mean', () => {
  let s: BrowserSession | undefined;
  afterEach(async () => {
    await s?.close();
    s = undefined;
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`(${theme} theme) invoke, polled, filtered, DLQ, on-failure and on-success edges differ by line and colour, and the key names each`, async () => {
      s = await openApp({ width: 1440, height: 900 });
      const { page } = s;
      if (theme === 'dark') {
        await page.getByRole('button', { name: /dark theme/i }).click();
        await expect.poll(() => page.locator('html').getAttribute('data-theme')).toBe('dark');
      }
      await page.getByTestId('import-file').setInputFiles({
        name: 'every-connection.json',
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify(everyConnection())),
      });
      await page.getByTestId('node-analyticsDlq').waitFor();
      await expect.poll(() => page.locator('.react-flow__edge').count(), { timeout: 10_000 }).toBe(11);

      // The real edges' computed styles, by the look the canvas gave them.
      const drawn = await page.locator('.react-flow__edge path.kind-edge').evaluateAll((els) =>
        els.map((e) => {
          const cs = getComputedStyle(e);
          const look = [...e.classList].find((c) => c.startsWith('kind-edge--'))!.slice('kind-edge--'.length);
          return { look, stroke: cs.stroke, dash: cs.strokeDasharray };
        }),
      );
      const byLook = new Map<string, { stroke: string; dash: string }>();
      for (const d of drawn) {
        // Every edge of one look is drawn alike.
        const seen = byLook.get(d.look);
        if (seen) expect({ stroke: d.stroke, dash: d.dash }, d.look).toEqual(seen);
        else byLook.set(d.look, { stroke: d.stroke, dash: d.dash });
      }
      expect([...byLook.keys()].sort()).toEqual(Object.keys(LEGEND).sort());
      // The roles sit where the diagram says.
      const lookOf = (id: string) =>
        page
          .locator(`.react-flow__edge[data-id="${id}"] path.kind-edge`)
          .evaluate((e) => [...e.classList].find((c) => c.startsWith('kind-edge--')));
      await expect(lookOf('ok')).resolves.toBe('kind-edge--success');
      await expect(lookOf('ko')).resolves.toBe('kind-edge--failure');
      await expect(lookOf('dl')).resolves.toBe('kind-edge--dlq');
      await expect(lookOf('e3')).resolves.toBe('kind-edge--filtered');
      await expect(lookOf('e7')).resolves.toBe('kind-edge--poller');
      await expect(lookOf('sy')).resolves.toBe('kind-edge--sync');
      await expect(lookOf('e4')).resolves.toBe('kind-edge--async');

      // Pairwise: every two looks differ in colour AND in line style (solid counts as a style).
      const looks = [...byLook.entries()];
      const same: string[] = [];
      for (let i = 0; i < looks.length; i++)
        for (let j = i + 1; j < looks.length; j++) {
          const [a, sa] = looks[i];
          const [b, sb] = looks[j];
          if (sa.stroke === sb.stroke) same.push(`${a} and ${b}: same colour ${sa.stroke}`);
          if (sa.dash === sb.dash) same.push(`${a} and ${b}: same line ${sa.dash}`);
        }
      expect(same).toEqual([]);
      // Solid only for the synchronous call; every other line is broken.
      expect(byLook.get('sync')!.dash).toBe('none');

      // The key: one entry per look used, in words, its sample drawn as the edges are.
      const key = page.locator('.edge-legend');
      if ((await key.count()) === 0) await page.getByRole('button', { name: 'Key', exact: true }).click();
      const entries = await page.locator('.edge-legend__list li').evaluateAll((els) =>
        els.map((li) => {
          const cs = getComputedStyle(li.querySelector('path')!);
          return {
            look: li.getAttribute('data-look')!,
            text: li.textContent!.trim(),
            stroke: cs.stroke,
            dash: cs.strokeDasharray,
          };
        }),
      );
      expect(entries.map((e) => e.look).sort()).toEqual(Object.keys(LEGEND).sort());
      for (const e of entries) {
        expect(e.text, e.look).toMatch(LEGEND[e.look]);
        expect({ stroke: e.stroke, dash: e.dash }, `key sample ${e.look}`).toEqual(byLook.get(e.look));
      }
      await s.screenshot(`edge-styles-${theme}`);
    });
  }
});
