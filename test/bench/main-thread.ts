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
import { chromium, type Page } from 'playwright-core';
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
  /** After the run: the results' charts mounting and updating (see PHASES). */
  results: PhaseFigures[];
}

/**
 * One phase after the run: long tasks (> 50 ms, the browser's longtask entries) and, for a
 * figure under 50 ms too, the longest gap between ticks of a 0 ms timer chain running
 * through the phase (the main thread was busy for about that long at a stretch).
 */
export interface PhaseFigures {
  phase: string;
  wallMs: number;
  longTasks: number;
  longestTaskMs: number;
  longestGapMs: number;
}

/**
 * Long tasks (> 50 ms) observed from before the page's own scripts, and a 0 ms timer chain
 * run only while a phase is measured (it would slow the run otherwise), noting each gap over
 * 8 ms with when it ended.
 */
const INIT_SCRIPT = `
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  window.__tick = { on: false, last: 0, gaps: [] };
  function __benchTick() {
    if (!window.__tick.on) return;
    const now = performance.now();
    if (now - window.__tick.last > 8) window.__tick.gaps.push([now, now - window.__tick.last]);
    window.__tick.last = now;
    setTimeout(__benchTick, 0);
  }
  window.__tickStart = () => {
    window.__tick = { on: true, last: performance.now(), gaps: [] };
    setTimeout(__benchTick, 0);
  };
  window.__tickStop = () => {
    window.__tick.on = false;
    return window.__tick.gaps;
  };
`;

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
    // As text, not a function: tsx would wrap named functions in a helper the page lacks.
    await page.addInitScript(INIT_SCRIPT);
    const doc = apiFunctionScenario(1000, 3600);
    await page.goto(`${url}#s=${lzString.compressToEncodedURIComponent(JSON.stringify(doc))}`);
    await page.getByRole('button', { name: /Run/ }).first().waitFor();
    await page.waitForTimeout(1000);
    const runStart = await page.evaluate(() => performance.now());
    await watchRunEnd(page);
    await page.getByRole('button', { name: /Run/ }).first().click();
    // The page notes the moment the run is done; tasks after it are the results' (mounting).
    const runEnd = await runEndTime(page);
    const tasks = await page.evaluate(
      () => (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks,
    );
    const during = tasks.filter((t) => t.start >= runStart && t.start <= runEnd);
    const results = await measureResultPhases(page, runEnd);
    return {
      case: 'app: API → function, 1,000 req/s, 1 h (in the worker)',
      longTasks: tasks.length,
      longestTaskMs: Math.round(Math.max(0, ...tasks.map((t) => t.duration))),
      longTasksDuringRun: during.length,
      longestDuringRunMs: Math.round(Math.max(0, ...during.map((t) => t.duration))),
      runWallMs: Math.round(runEnd - runStart),
      results,
    };
  } finally {
    await context.close();
    await server.close();
    rmSync(outDir, { recursive: true, force: true });
    rmSync(profile, { recursive: true, force: true });
  }
}

/**
 * The results after the run, phase by phase: each starts with an action (or the run's end)
 * and ends once the charts it brings are on the page and the page has been quiet for a
 * moment. The first run's overview was mounting as the run ended, so it is measured from
 * there; the rest are clicks and a second run.
 */
/** Notes (in the page) when the run's status next becomes "done". */
async function watchRunEnd(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __runEnd: number | null };
    w.__runEnd = null;
    const el = document.querySelector('.run-progress')!;
    new MutationObserver((_, obs) => {
      if (el.getAttribute('data-status') === 'done') {
        w.__runEnd = performance.now();
        obs.disconnect();
      }
    }).observe(el, { attributes: true, attributeFilter: ['data-status'] });
  });
}

/**
 * Waits for the time watchRunEnd noted. A cheap check four times a second: Playwright's
 * text locators walk the whole DOM on every poll, main-thread time that is not the app's.
 */
async function runEndTime(page: Page): Promise<number> {
  const end = await page.waitForFunction(
    () => (window as unknown as { __runEnd: number | null }).__runEnd,
    undefined,
    { polling: 250, timeout: 5 * 60_000 },
  );
  return (await end.jsonValue()) as number;
}

async function measureResultPhases(page: Page, firstRunEnd: number): Promise<PhaseFigures[]> {
  const out: PhaseFigures[] = [];
  const drawn = (selector: string, count = 1) =>
    page.waitForFunction(
      ([sel, n]) => document.querySelectorAll(sel as string).length >= (n as number),
      [selector, count],
      { polling: 100, timeout: 60_000 },
    );
  /** Every chart card of the shown tab has its recharts surface (the mount queue is empty). */
  const allDrawn = () =>
    page.waitForFunction(
      () => {
        const cards = document.querySelectorAll('#results-tabpanel figure.chart-card');
        return (
          cards.length > 0 &&
          [...cards].every((c) => c.querySelector('.chart-card-body svg.recharts-surface') !== null)
        );
      },
      undefined,
      { polling: 100, timeout: 60_000 },
    );
  /**
   * `act` may return the page time the phase really starts at (a run's end, found after
   * the fact): tasks and gaps before it are left out.
   */
  async function phase(name: string, act: () => Promise<number | void>, done: () => Promise<unknown>) {
    let t0 = await page.evaluate(() => {
      (window as unknown as { __tickStart(): void }).__tickStart();
      return performance.now();
    });
    t0 = (await act()) ?? t0;
    await done();
    await page.waitForTimeout(300);
    const [t1, gaps, tasks] = await page.evaluate(() => {
      const w = window as unknown as {
        __tickStop(): [number, number][];
        __longTasks: { start: number; duration: number }[];
      };
      return [performance.now(), w.__tickStop(), w.__longTasks] as const;
    });
    const mine = tasks.filter((t) => t.start + t.duration >= t0 && t.start <= t1);
    out.push({
      phase: name,
      wallMs: Math.round(t1 - t0),
      longTasks: mine.length,
      longestTaskMs: Math.round(Math.max(0, ...mine.map((t) => t.duration))),
      longestGapMs: Math.round(Math.max(0, ...gaps.filter(([end]) => end >= t0).map(([, g]) => g))),
    });
  }
  // The run has ended: the overview (figures, then the latency histogram) mounts.
  await phase(
    'mount: overview (latency histogram) after the run',
    async () => firstRunEnd,
    () => allDrawn(),
  );
  await phase(
    'mount: time series tab (a function: 4 charts)',
    async () => {
      await page.getByRole('tab', { name: 'Time series' }).click();
      // The workload's function (its chip says its kind).
      await page.locator('.node-chip', { hasText: 'function' }).click();
    },
    async () => {
      await drawn('.series-view figure');
      await allDrawn();
    },
  );
  await phase(
    'mount: bill tab (stacked bars)',
    () => page.getByRole('tab', { name: 'Bill' }).click(),
    () => allDrawn(),
  );
  await phase(
    'update in place: bill per month → this run',
    () => page.getByRole('button', { name: 'This run' }).click(),
    () => page.waitForTimeout(200),
  );
  await page.getByRole('tab', { name: 'Time series' }).click();
  await allDrawn();
  await phase(
    'update: a second run’s result replaces the series charts',
    async () => {
      // The phase starts when the run ends.
      await watchRunEnd(page);
      await page.getByRole('button', { name: /Run/ }).first().click();
      return runEndTime(page);
    },
    () => allDrawn(),
  );
  return out;
}
