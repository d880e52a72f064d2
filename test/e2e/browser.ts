import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Download, type Page } from 'playwright-core';
import lzString from 'lz-string';
import { expect, inject } from 'vitest';

/** Debian's Chromium: playwright-core downloads no browser of its own. */
export const CHROMIUM = '/usr/bin/chromium';

export const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

/**
 * Whether the browser tests can run here. On CI a missing browser is a broken machine, not a
 * reason to skip: importing this module throws, so every e2e file fails loudly.
 */
export const hasBrowser = existsSync(CHROMIUM);
if (!hasBrowser && process.env.CI === 'true') {
  throw new Error(
    `${CHROMIUM} is missing: the e2e tests need Debian's chromium package (apt-get install chromium).`,
  );
}

export const SCREENSHOTS = resolve(import.meta.dirname, '../../test-results/screenshots');

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  /** Saves test-results/screenshots/<name>.png and returns its path. */
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

let shared: Promise<Browser> | null = null;

/**
 * The one Chromium of the e2e run (launched by global-setup.ts), connected once per test file.
 * Launching a browser with a profile of its own for every test took about 1.5 s of the ~2.5 s
 * an e2e test lasts; a new context in a running browser takes a few tenths.
 */
async function sharedBrowser(): Promise<Browser> {
  const b = await (shared ??= chromium.connect(inject('browserWs')));
  if (b.isConnected()) return b;
  shared = chromium.connect(inject('browserWs'));
  return shared;
}

/**
 * A fresh browser context with one page: like a new incognito window, it starts with empty
 * IndexedDB, localStorage, cookies and permissions, and shares nothing with other tests'
 * contexts (Playwright isolates them), while the browser process itself is shared.
 */
export async function openBrowser(opts: { width?: number; height?: number } = {}): Promise<BrowserSession> {
  const browser = await sharedBrowser();
  const context = await browser.newContext({
    viewport: { width: opts.width ?? 1440, height: opts.height ?? 900 },
    acceptDownloads: true,
  });
  const page = await context.newPage();
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    context,
    page,
    async screenshot(name) {
      const path = join(SCREENSHOTS, `${name}.png`);
      await page.screenshot({ path });
      return path;
    },
    async close() {
      await context.close();
    },
  };
}

/** A download's bytes (download.path() is not there in a browser the tests connect to). */
export async function downloadBytes(download: Download): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of await download.createReadStream()) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

/** A fresh browser on the built app, with the default template on the canvas. */
export async function openApp(opts: { width?: number; height?: number } = {}): Promise<BrowserSession> {
  const s = await openBrowser(opts);
  await s.page.goto(inject('baseUrl'));
  await s.page.getByTestId('node-clients').waitFor();
  return s;
}

/** Opens a template from the gallery by its button's name and waits for its diagram. */
export async function openTemplate(page: Page, name: RegExp): Promise<void> {
  await page.getByRole('button', { name: 'Templates' }).click();
  await page.getByRole('button', { name }).first().click();
  await page.locator('.react-flow__node').first().waitFor();
}

/**
 * Opens a diagram from its share link and its replay on the canvas (presentation mode opens the
 * replay itself); returns the timeline's end, once the replay is ready.
 */
export async function openReplayOf(page: Page, doc: unknown, presenting: boolean): Promise<number> {
  await page.goto(
    `${inject('baseUrl')}${presenting ? '?present' : ''}#s=${lzString.compressToEncodedURIComponent(JSON.stringify(doc))}`,
  );
  if (!presenting) {
    await page.locator('.react-flow__node').first().waitFor();
    await page.getByRole('button', { name: 'Replay requests on the canvas' }).click();
  }
  const slider = page.getByRole('slider', { name: 'Timeline' });
  await slider.waitFor({ timeout: 120_000 });
  return Number(await slider.getAttribute('max'));
}

/** Presses Run and waits until the status says the run is done. */
export async function runToEnd(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page
    .locator('.run-progress-text')
    .filter({ hasText: /^Done:/ })
    .waitFor({ timeout: 90_000 });
}

/**
 * Waits until the diagram's view has come to rest: the viewport's transform, the canvas's box,
 * every overlay's and every node's box unchanged for `quietMs`. The app fits the view 90–120 ms
 * after the last change of size or overlay (canvas/Canvas.tsx) and may animate the fit for
 * 200 ms, so 300 ms without a change means no fit is pending. A fixed sleep either wastes that
 * time or, on a loaded machine, checks a view that is still moving.
 *
 * The quiet time is counted from the first frame drawn after the last change, not from the
 * change: a ResizeObserver (which schedules the app's refit) is told only when a frame is
 * drawn, and a long task (recharts' code evaluated when the page is idle, 300 ms and more on a
 * loaded machine) can hold that frame back past the quiet time.
 *
 * And once quiet, it waits for a few more frames and looks again. A refit timer that fell due
 * during a long task runs only after it, maybe after the look that first saw the view quiet,
 * and even then moves nothing at once: React Flow's fitView sets the viewport in an animation
 * frame after a render (and the view in the render after that), so the move shows only frames
 * later. Timers run in the order they fall due, so the refit's timer has run before the next
 * look, and its move has shown by the look after a few frames more.
 */
export async function viewAtRest(page: Page, quietMs = 300): Promise<void> {
  await page.evaluate(
    ({ quiet, moreFrames }) =>
      new Promise<void>((done) => {
        const read = () => {
          const vp = document.querySelector('.react-flow__viewport');
          const parts = [vp ? getComputedStyle(vp).transform : ''];
          for (const el of document.querySelectorAll(
            '.canvas__flow, .canvas .react-flow__panel, .canvas .notice, .react-flow__node',
          )) {
            const r = el.getBoundingClientRect();
            parts.push(`${r.x},${r.y},${r.width},${r.height}`);
          }
          return parts.join(';');
        };
        let last = read();
        // When the first frame after the last change was drawn; null until it has been.
        let since: number | null = null;
        // Frames drawn since the view was first seen quiet; null while it is not.
        let framesQuiet: number | null = null;
        let finished = false;
        const frame = () => {
          if (finished) return;
          since ??= performance.now();
          if (framesQuiet !== null) framesQuiet++;
          requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
        const tick = () => {
          const now = read();
          if (now !== last) {
            last = now;
            since = null;
            framesQuiet = null;
          } else if (framesQuiet !== null && framesQuiet >= moreFrames) {
            finished = true;
            done();
            return;
          } else if (framesQuiet === null && since !== null && performance.now() - since >= quiet) {
            framesQuiet = 0;
          }
          setTimeout(tick, 20);
        };
        setTimeout(tick, 20);
      }),
    { quiet: quietMs, moreFrames: 3 },
  );
}

/** Where the app saves (src/app/persistence/session.ts): IndexedDB through idb-keyval. */
const SAVED_KEYS = {
  work: 'serverless-sim:work',
  shared: 'serverless-sim:shared',
  lesson: 'serverless-sim:lesson',
  versions: 'serverless-sim:versions',
} as const;

/**
 * What the app has saved under `key`, read from the page's IndexedDB (idb-keyval's default
 * database); undefined when nothing is saved there yet.
 */
export function savedValue(page: Page, key: string): Promise<unknown> {
  return page.evaluate(
    (k) =>
      new Promise<unknown>((done, fail) => {
        const open = indexedDB.open('keyval-store');
        // No database yet: creating it here, without the app's store in it, would break the
        // app's own open; the upgrade is aborted, so nothing is created and nothing is saved.
        open.onupgradeneeded = () => open.transaction?.abort();
        open.onerror = () => done(undefined);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('keyval')) {
            db.close();
            done(undefined);
            return;
          }
          const get = db.transaction('keyval', 'readonly').objectStore('keyval').get(k);
          get.onsuccess = () => {
            db.close();
            done(get.result);
          };
          get.onerror = () => {
            db.close();
            fail(get.error);
          };
        };
      }),
    key,
  );
}

/** A saved diagram as the tests compare it with the screen: its name and how many nodes. */
interface DiagramSummary {
  name: string;
  nodes: number;
}

function summary(doc: unknown): DiagramSummary | null {
  const d = doc as { name?: unknown; nodes?: unknown } | null | undefined;
  if (!d || typeof d.name !== 'string' || !Array.isArray(d.nodes)) return null;
  return { name: d.name, nodes: d.nodes.length };
}

/**
 * Waits until the diagram on screen (its name and node count) is saved `where`: as the work
 * (and as a version in History, written right after it), as the open lesson or shared copy,
 * or, for a tab that does not save the work, among that tab's versions in History. A reload or
 * a closed tab before then would lose the edit, and a sleep longer than the autosave delay
 * (300 ms) is not enough on a loaded machine, where the save comes when the page gets to it.
 * The screen is read first: call this once the edit shows.
 */
export async function waitForSave(
  page: Page,
  where: 'work' | 'lesson' | 'shared' | 'tab-not-saving',
): Promise<void> {
  const mine: DiagramSummary = {
    name: await page.locator('#scenario-name').inputValue(),
    nodes: await page.locator('.react-flow__node').count(),
  };
  const inHistory = async (fromTabNotSaving: boolean) => {
    const list = await savedValue(page, SAVED_KEYS.versions);
    return (Array.isArray(list) ? (list as { doc?: unknown; fromTabNotSaving?: boolean }[]) : [])
      .filter((v) => (v.fromTabNotSaving ?? false) === fromTabNotSaving)
      .map((v) => summary(v.doc));
  };
  const wait = { timeout: 30_000 };
  if (where === 'tab-not-saving') {
    await expect.poll(() => inHistory(true), wait).toContainEqual(mine);
  } else if (where === 'work') {
    await expect.poll(async () => summary(await savedValue(page, SAVED_KEYS.work)), wait).toEqual(mine);
    await expect.poll(() => inHistory(false), wait).toContainEqual(mine);
  } else {
    const record = async () => (await savedValue(page, SAVED_KEYS[where])) as { doc?: unknown } | undefined;
    await expect.poll(async () => summary((await record())?.doc), wait).toEqual(mine);
  }
}
