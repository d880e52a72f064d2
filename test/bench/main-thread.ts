/**
 * Main-thread responsiveness while the app runs the one-hour 1,000 requests/s scenario: the
 * built app in Debian's Chromium, long tasks (> 50 ms) observed with PerformanceObserver from
 * before the page's own scripts. Reports figures; asserts nothing. The machine's load shows
 * in these figures (a busy two-core box doubles them): compare runs made side by side.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import lzString from 'lz-string';
import { chromium } from 'playwright-core';
import { build, preview } from 'vite';
import { apiFunctionScenario } from './workloads';

const CHROMIUM = '/usr/bin/chromium';

export interface MainThreadFigures {
  case: string;
  longTasks: number;
  longestTaskMs: number;
  longTasksDuringRun: number;
  longestDuringRunMs: number;
  runWallMs: number;
}

export async function measureMainThread(): Promise<MainThreadFigures | string> {
  if (!existsSync(CHROMIUM)) return `skipped: ${CHROMIUM} is missing (apt-get install chromium)`;
  const root = resolve(import.meta.dirname, '../..');
  const outDir = mkdtempSync(join(tmpdir(), 'sim-bench-dist-'));
  const profile = mkdtempSync(join(tmpdir(), 'sim-bench-profile-'));
  await build({ root, logLevel: 'error', build: { outDir, emptyOutDir: true } });
  const server = await preview({
    root,
    logLevel: 'error',
    build: { outDir },
    preview: { host: '127.0.0.1', port: 0, open: false },
  });
  const url = server.resolvedUrls?.local[0];
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
    viewport: { width: 1440, height: 900 },
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.addInitScript(() => {
      const w = window as unknown as { __longTasks: { start: number; duration: number }[] };
      w.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__longTasks.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask', buffered: true });
    });
    const doc = apiFunctionScenario(1000, 3600);
    await page.goto(`${url}#s=${lzString.compressToEncodedURIComponent(JSON.stringify(doc))}`);
    await page.getByRole('button', { name: /Run/ }).first().waitFor();
    await page.waitForTimeout(1000);
    const runStart = await page.evaluate(() => performance.now());
    await page.getByRole('button', { name: /Run/ }).first().click();
    // A cheap check four times a second: Playwright's text locators walk the whole DOM on
    // every poll, tens of milliseconds of the page's main thread that are not the app's.
    await page.waitForFunction(
      () => document.querySelector('.run-progress[data-status="done"]') !== null,
      undefined,
      { polling: 250, timeout: 5 * 60_000 },
    );
    const runEnd = await page.evaluate(() => performance.now());
    const tasks = await page.evaluate(
      () => (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks,
    );
    const during = tasks.filter((t) => t.start >= runStart && t.start <= runEnd);
    return {
      case: 'app: API → function, 1,000 req/s, 1 h (in the worker)',
      longTasks: tasks.length,
      longestTaskMs: Math.round(Math.max(0, ...tasks.map((t) => t.duration))),
      longTasksDuringRun: during.length,
      longestDuringRunMs: Math.round(Math.max(0, ...during.map((t) => t.duration))),
      runWallMs: Math.round(runEnd - runStart),
    };
  } finally {
    await context.close();
    await server.close();
    rmSync(outDir, { recursive: true, force: true });
    rmSync(profile, { recursive: true, force: true });
  }
}
