import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { inject } from 'vitest';

/** Debian's Chromium: playwright-core downloads no browser of its own. */
export const CHROMIUM = '/usr/bin/chromium';

const ARGS = [
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

/**
 * A fresh Chromium with its own user-data dir (so IndexedDB, localStorage and the clipboard
 * start empty for every session) and one page.
 */
export async function openBrowser(opts: { width?: number; height?: number } = {}): Promise<BrowserSession> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'sim-e2e-profile-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: opts.width ?? 1440, height: opts.height ?? 900 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
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
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
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

/** Presses Run and waits until the status says the run is done. */
export async function runToEnd(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page
    .locator('.run-progress-text')
    .filter({ hasText: /^Done:/ })
    .waitFor({ timeout: 90_000 });
}
