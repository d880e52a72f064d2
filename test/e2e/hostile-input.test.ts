import lz from 'lz-string';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { bombOfLength } from '../app/helpers/lz-bomb';
import { hasBrowser, openApp, runToEnd, type BrowserSession } from './browser';

/**
 * What a user can hand the app (a link, a file) never breaks it: a hostile link is refused with
 * its reason and the work opens instead; a hostile file is refused and the diagram is untouched;
 * a diagram whose ids are Object.prototype's member names opens and runs like any other.
 */
const nodes = (page: Page) => page.locator('.react-flow__node');

/** A fresh load of the app at `hash` (a hash change alone would not reload the page). */
async function openAt(page: Page, hash: string) {
  await page.goto('about:blank');
  await page.goto(`${inject('baseUrl')}${hash}`);
}

function pageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

const LINK_LIMIT = 64_000;

describe.skipIf(!hasBrowser)('hostile input in the browser', () => {
  let s: BrowserSession | null = null;
  afterEach(async () => {
    await s?.close();
    s = null;
  });

  it('damaged, oversized and bomb share links are refused with their reason; the work opens and edits', async () => {
    s = await openApp({ width: 1366, height: 768 });
    const page = s.page;
    const errors = pageErrors(page);
    const cases: [string, RegExp][] = [
      ['#s=y', /damaged/],
      [`#s=${bombOfLength(LINK_LIMIT)}`, /holds more than a scenario can be/],
      [`#s=${'A'.repeat(LINK_LIMIT + 1)}`, /too long to open \(over 64,000 characters\)/],
      [`#s=${lz.compressToEncodedURIComponent('{"nodes": [')}`, /not JSON/],
    ];
    for (const [hash, reason] of cases) {
      await openAt(page, hash);
      const dialog = page.getByRole('dialog', { name: 'This share link cannot be opened' });
      await dialog.waitFor();
      await expect.poll(() => dialog.textContent()).toMatch(reason);
      if (reason.source.startsWith('holds')) await s.screenshot('hostile-link-bomb-1366');
      await dialog.getByRole('button', { name: 'OK' }).click();
      await expect.poll(() => nodes(page).count()).toBe(3);
      // The refused link is cleared from the address bar, so a reload opens the work.
      expect(new URL(page.url()).hash).toBe('');
    }
    await page.getByRole('button', { name: 'Add SQS queue' }).click();
    await expect.poll(() => nodes(page).count()).toBe(4);
    expect(errors).toEqual([]);
  }, 120_000);

  it('a link whose node and edge ids are __proto__, constructor and toString opens, runs and keeps every node', async () => {
    s = await openApp({ width: 1440, height: 900 });
    const page = s.page;
    const errors = pageErrors(page);
    const ids = ['__proto__', 'constructor', 'toString'];
    const doc = {
      format: 'serverless-sim.scenario',
      version: 1,
      name: 'Prototype ids',
      settings: { durationSeconds: 120 },
      nodes: [
        { id: 'tick', kind: 'schedule', params: { rateSeconds: 60 }, position: { x: 0, y: 0 } },
        ...ids.map((id, i) => ({ id, kind: 'function', position: { x: 300, y: i * 150 } })),
      ],
      edges: ids.map((id, i) => ({
        id: ['__proto__', 'valueOf', 'hasOwnProperty'][i],
        source: 'tick',
        target: id,
      })),
    };
    await openAt(page, `#s=${lz.compressToEncodedURIComponent(JSON.stringify(doc))}`);
    await page.getByTestId('node-tick').waitFor();
    for (const id of ids) await expect.poll(() => page.getByTestId(`node-${id}`).count()).toBe(1);
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(3);
    await runToEnd(page);
    await s.screenshot('hostile-prototype-ids-run-1440');
    // Each function ran twice (a tick every 60 s for 120 s): its badge says so.
    for (const id of ids)
      await expect.poll(() => page.getByTestId(`node-${id}`).textContent()).toMatch(/2 inv/);
    expect(errors).toEqual([]);
  }, 120_000);

  it('a 10 MB file and a file with a params key "valueOf" are refused with a message; the diagram is untouched', async () => {
    s = await openApp({ width: 1920, height: 1080 });
    const page = s.page;
    const errors = pageErrors(page);
    const input = page.getByTestId('import-file');
    const dialog = page.getByRole('dialog', { name: 'This file cannot be imported' });
    await input.setInputFiles({
      name: 'huge.json',
      mimeType: 'application/json',
      buffer: Buffer.alloc(10_000_000, ' '),
    });
    await dialog.waitFor();
    await expect
      .poll(() => dialog.textContent())
      .toMatch(/10\.0 MB; scenarios of at most 5\.0 MB are accepted/);
    await s.screenshot('hostile-file-10mb-1920');
    await dialog.getByRole('button', { name: 'OK' }).click();
    const proto =
      '{"format":"serverless-sim.scenario","version":1,"nodes":[{"id":"t","kind":"topic","params":{"valueOf":1}}]}';
    await input.setInputFiles({
      name: 'proto.json',
      mimeType: 'application/json',
      buffer: Buffer.from(proto),
    });
    await dialog.waitFor();
    await expect.poll(() => dialog.textContent()).toMatch(/nodes\[0\]\.params\.valueOf/);
    await dialog.getByRole('button', { name: 'OK' }).click();
    await expect.poll(() => nodes(page).count()).toBe(3);
    expect(errors).toEqual([]);
  }, 120_000);

  it('Stop pressed during the warm-up: partial results that say nothing was measured, no error', async () => {
    s = await openApp({ width: 1366, height: 768 });
    const page = s.page;
    const errors = pageErrors(page);
    const doc = {
      format: 'serverless-sim.scenario',
      version: 1,
      name: 'Long warm-up',
      settings: { durationSeconds: 2_592_000, warmupSeconds: 2_500_000 },
      nodes: [
        {
          id: 'c',
          kind: 'producer',
          params: { traffic: { shape: 'poisson', ratePerSecond: 50 } },
          position: { x: 0, y: 0 },
        },
        { id: 'api', kind: 'apiGateway', position: { x: 300, y: 0 } },
        { id: 'f', kind: 'function', params: { provisionedConcurrency: 2 }, position: { x: 600, y: 0 } },
      ],
      edges: [
        { id: 'e1', source: 'c', target: 'api' },
        { id: 'e2', source: 'api', target: 'f' },
      ],
    };
    await openAt(page, `#s=${lz.compressToEncodedURIComponent(JSON.stringify(doc))}`);
    await page.getByTestId('node-f').waitFor();
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page.waitForFunction(
      () =>
        Number(document.querySelector('[aria-label="Simulated time"]')?.getAttribute('aria-valuenow')) >= 1,
    );
    await page.getByRole('button', { name: 'Stop' }).click();
    const notices = page.locator('.run-notices');
    await expect.poll(() => notices.textContent(), { timeout: 30_000 }).toMatch(/stopped during the warm-up/);
    await expect
      .poll(() => notices.textContent())
      .toMatch(/nothing was measured, so the bill and the metrics are empty/);
    await s.screenshot('stopped-in-warmup-1366');
    expect(errors).toEqual([]);
  }, 120_000);
});
