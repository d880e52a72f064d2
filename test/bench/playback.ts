/**
 * Replay smoothness: the built app in Debian's Chromium at 1920×1080 in presentation mode,
 * playing a recorded run with about 200 and about 2,000 request dots on screen, at 1× and at
 * 10×. Over 10 s of playback per case it counts animation frames (frames per second, the
 * longest gap between two) and long tasks (> 50 ms, PerformanceObserver). Figures only: a
 * headless Chromium drawing in software on a shared two-core box is a pessimistic screen.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import lzString from 'lz-string';
import { chromium, type Page } from 'playwright-core';
import { build, preview } from 'vite';
import type { ScenarioInput } from '../../src/engine/scenario/schema';

const CHROMIUM = '/usr/bin/chromium';

export interface PlaybackFigures {
  case: string;
  speed: number;
  /** Dots the canvas said it drew, sampled while playing. */
  meanDots: number;
  maxDots: number;
  /** Bitmaps stamped per frame (one per dot style and device pixel), sampled like the dots. */
  meanStamps: number;
  fps: number;
  /**
   * The renderer's main-thread CPU time per frame (thread time from a Chrome trace, all its
   * tasks over the cases' playing, the slider moves between windows included): what a frame
   * costs whatever else the machine runs, where frames/s and long tasks (wall time) also
   * count the time the thread waited for a core.
   */
  cpuMsPerFrame: number;
  longestFrameMs: number;
  longTasks: number;
  longestTaskMs: number;
}

/**
 * Clients → HTTP API → a function that works about 10 s: every request in flight is two dots
 * (the caller waiting at the API, the invocation at the function), so `rate` requests/s give
 * about 20 × rate dots once the first 10 s have filled the picture. 20 s of traffic, all of
 * it traced (the classroom samples 2,000 requests).
 */
export function playbackScenario(rate: number): ScenarioInput {
  return {
    format: 'serverless-sim.scenario',
    version: 1,
    name: `Replay bench, ${rate} req/s of 10 s calls`,
    settings: { durationSeconds: 20, seed: 3, accountConcurrency: 5000 },
    nodes: [
      {
        id: 'clients',
        kind: 'producer',
        label: 'Clients',
        position: { x: 0, y: 0 },
        params: { traffic: { shape: 'constant', ratePerSecond: rate } },
      },
      {
        id: 'api',
        kind: 'apiGateway',
        label: 'API',
        position: { x: 260, y: 0 },
        params: { flavor: 'http', timeoutMs: 29_000 },
      },
      {
        id: 'fn',
        kind: 'function',
        label: 'Worker',
        position: { x: 520, y: 0 },
        params: {
          memoryMB: 512,
          timeoutMs: 60_000,
          duration: { dist: 'lognormal', meanMs: 10_000, p99Ms: 12_000 },
        },
      },
    ],
    edges: [
      { id: 'e1', source: 'clients', target: 'api', params: {} },
      { id: 'e2', source: 'api', target: 'fn', params: {} },
    ],
  } as ScenarioInput;
}

/** Runs in the page: press Play, count animation frames for WINDOW_MS, pause. */
const PLAY_WINDOW = `new Promise((done) => {
  window.__longTasks = [];
  const dots = [];
  const stamps = [];
  const canvas = document.querySelector('[data-testid="replay-canvas"]');
  document.querySelector('button[aria-label="Play"]').click();
  let frames = 0;
  let longest = 0;
  const t0 = performance.now();
  let prev = t0;
  const probe = setInterval(() => {
    dots.push(Number(canvas.dataset.dots || 0));
    stamps.push(Number(canvas.dataset.stamps || 0));
  }, 300);
  const tick = (now) => {
    frames++;
    longest = Math.max(longest, now - prev);
    prev = now;
    if (now - t0 < WINDOW_MS) requestAnimationFrame(tick);
    else {
      clearInterval(probe);
      const pause = document.querySelector('button[aria-label="Pause"]');
      if (pause) pause.click();
      done({ frames, ms: now - t0, longest, dots, stamps, tasks: window.__longTasks });
    }
  };
  requestAnimationFrame(tick);
})`;

export async function measure(page: Page, label: string, speed: number): Promise<PlaybackFigures> {
  await page.getByRole('combobox', { name: 'Speed' }).selectOption(String(speed));
  const slider = page.getByRole('slider', { name: 'Timeline' });
  // 10 s of playback, in windows that stay inside the full part of the run (10 s to 20 s).
  const windowMs = speed === 1 ? 10_000 : 900;
  const windows = Math.ceil(10_000 / windowMs);
  const cdp = await page.context().newCDPSession(page);
  const events: {
    name: string;
    ph: string;
    pid: number;
    tid: number;
    tdur?: number;
    args?: { name?: string };
  }[] = [];
  cdp.on('Tracing.dataCollected', (e) => {
    events.push(...(e.value as unknown as typeof events));
  });
  const traced = new Promise<void>((r) => cdp.once('Tracing.tracingComplete', () => r()));
  await cdp.send('Tracing.start', {
    categories: 'disabled-by-default-devtools.timeline',
    transferMode: 'ReportEvents',
  });
  const all = {
    frames: 0,
    ms: 0,
    longestFrameMs: 0,
    dots: [] as number[],
    stamps: [] as number[],
    tasks: [] as number[],
  };
  for (let w = 0; w < windows; w++) {
    await slider.fill('10000');
    // Passed as text: tsx would wrap named functions in a helper the page does not have.
    const figures = (await page.evaluate(PLAY_WINDOW.replace('WINDOW_MS', String(windowMs)))) as {
      frames: number;
      ms: number;
      longest: number;
      dots: number[];
      stamps: number[];
      tasks: number[];
    };
    all.frames += figures.frames;
    all.ms += figures.ms;
    all.longestFrameMs = Math.max(all.longestFrameMs, figures.longest);
    all.dots.push(...figures.dots);
    all.stamps.push(...figures.stamps);
    all.tasks.push(...figures.tasks);
  }
  await cdp.send('Tracing.end');
  await traced;
  await cdp.detach();
  const main = events.find(
    (e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain',
  );
  const cpuMs = events
    .filter((e) => main && e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.name === 'RunTask')
    .reduce((a, e) => a + (e.tdur ?? 0) / 1000, 0);
  return {
    case: label,
    speed,
    meanDots: Math.round(all.dots.reduce((a, b) => a + b, 0) / Math.max(1, all.dots.length)),
    maxDots: Math.max(0, ...all.dots),
    meanStamps: Math.round(all.stamps.reduce((a, b) => a + b, 0) / Math.max(1, all.stamps.length)),
    fps: Math.round((all.frames / all.ms) * 1000 * 10) / 10,
    cpuMsPerFrame: Math.round((cpuMs / Math.max(1, all.frames)) * 10) / 10,
    longestFrameMs: Math.round(all.longestFrameMs),
    longTasks: all.tasks.length,
    longestTaskMs: Math.round(Math.max(0, ...all.tasks)),
  };
}

/** The built app served and a headless Chromium at 1920×1080 on it (long tasks observed from the start). */
export async function openBuiltApp(
  builtDir?: string,
): Promise<{ page: Page; url: string; close(): Promise<void> }> {
  const root = resolve(import.meta.dirname, '../..');
  const outDir = builtDir ?? mkdtempSync(join(tmpdir(), 'sim-bench-dist-'));
  const profile = mkdtempSync(join(tmpdir(), 'sim-bench-profile-'));
  if (!builtDir) await build({ root, logLevel: 'error', build: { outDir, emptyOutDir: true } });
  const server = await preview({
    root,
    logLevel: 'error',
    build: { outDir },
    preview: { host: '127.0.0.1', port: 0, open: false },
  });
  const url = server.resolvedUrls?.local[0] ?? '';
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
    viewport: { width: 1920, height: 1080 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.addInitScript(() => {
    const w = window as unknown as { __longTasks: number[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push(e.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  return {
    page,
    url,
    async close() {
      await context.close();
      await server.close();
      if (!builtDir) rmSync(outDir, { recursive: true, force: true });
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Opens the replay of the bench scenario at `rate` requests/s in presentation mode, ready to play. */
export async function openPlaybackCase(page: Page, url: string, rate: number): Promise<void> {
  const doc = playbackScenario(rate);
  // A new document per case (a hash change alone would not load the scenario).
  await page.goto('about:blank');
  await page.goto(`${url}?present#s=${lzString.compressToEncodedURIComponent(JSON.stringify(doc))}`);
  await page.getByTestId('replay-clock').waitFor({ timeout: 120_000 });
  await page.waitForTimeout(1500);
}

export const PLAYBACK_CASES = [
  [10, 'about 200 dots'],
  [100, 'about 2,000 dots'],
] as const;

export async function measurePlayback(): Promise<PlaybackFigures[] | string> {
  if (!existsSync(CHROMIUM)) return `skipped: ${CHROMIUM} is missing (apt-get install chromium)`;
  const app = await openBuiltApp(process.env.BENCH_DIST);
  const out: PlaybackFigures[] = [];
  try {
    for (const [rate, label] of PLAYBACK_CASES) {
      await openPlaybackCase(app.page, app.url, rate);
      for (const speed of [1, 10]) out.push(await measure(app.page, label, speed));
    }
    return out;
  } finally {
    await app.close();
  }
}

/** Prints the figures as a table and returns them (for the JSON the bench ends with). */
export function printPlayback(figures: PlaybackFigures[] | string): void {
  if (typeof figures === 'string') {
    console.log(`Replay playback in the browser: ${figures}`);
    return;
  }
  console.log('Replay playback in the browser (1920×1080, presentation mode, 10 s of playback per case):');
  for (const f of figures)
    console.log(
      `  ${f.case.padEnd(18)} at ${String(f.speed).padStart(2)}×: ${f.meanDots} dots on average (max ${f.maxDots}; ${f.meanStamps} stamps), ` +
        `${f.fps} frames/s (${f.cpuMsPerFrame} ms CPU each), longest frame ${f.longestFrameMs} ms, long tasks ${f.longTasks} (longest ${f.longestTaskMs} ms)`,
    );
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  printPlayback(await measurePlayback());
  process.exit(0);
}
