/**
 * Where playback's time goes: plays the bench's replay (playback.ts) for a few seconds with a
 * Chrome trace and a CPU profile recording, then prints the main thread's self time by kind of
 * work (scripting, style, layout, paint, GC…), the JavaScript functions with the most self
 * time, and what each task over 50 ms was made of.
 *
 *   node --import tsx test/bench/playback-profile.ts [--rate 100] [--speed 1] [--seconds 6] [--dist DIR] [--out FILE]
 *
 * --dist serves an existing production build (vite build --outDir DIR) instead of building;
 * --out keeps the raw trace (open it in Chrome's Performance panel). Figures only.
 */
import { writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { openBuiltApp, openPlaybackCase } from './playback';

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) time, µs: on a loaded machine much less than the wall time `dur`. */
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: unknown };
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}
function argText(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
}

/** Which kind of work a trace event is, the way Chrome's Performance panel sorts it. */
export function categoryOf(name: string): string {
  if (/GC|Scavenge|Sweep|MarkCompact|GarbageCollect/.test(name)) return 'GC';
  if (/^(UpdateLayoutTree|RecalculateStyles|ParseAuthorStyleSheet|ScheduleStyleRecalculation)$/.test(name))
    return 'style';
  if (
    /^(Layout|UpdateLayout|InvalidateLayout|IntersectionObserverController::computeIntersections)$/.test(name)
  )
    return 'layout';
  if (/Paint|Raster|Composit|Layerize|UpdateLayer|Decode|Image|Commit|PrePaint|Draw|Canvas/i.test(name))
    return 'paint/composite';
  if (
    /FunctionCall|EvaluateScript|v8|V8|Compile|TimerFire|FireAnimationFrame|EventDispatch|RunMicrotasks|Script|Callback/.test(
      name,
    )
  )
    return 'scripting';
  return 'other';
}

async function record(page: Page, speed: number, seconds: number) {
  const cdp = await page.context().newCDPSession(page);
  await page.getByRole('combobox', { name: 'Speed' }).selectOption(String(speed));
  await page.getByRole('slider', { name: 'Timeline' }).fill('10000');
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => {
    events.push(...(e.value as unknown as TraceEvent[]));
  });
  const done = new Promise<void>((r) => cdp.once('Tracing.tracingComplete', () => r()));
  await cdp.send('Tracing.start', {
    categories: [
      'devtools.timeline',
      'disabled-by-default-devtools.timeline',
      'v8',
      'blink',
      'cc',
      'gpu',
    ].join(','),
    transferMode: 'ReportEvents',
  });
  await cdp.send('Profiler.start');
  await page.evaluate(
    `(() => { window.__longTasks = []; document.querySelector('button[aria-label="Play"]').click(); })()`,
  );
  await page.waitForTimeout(seconds * 1000);
  const dots = await page.evaluate(`document.querySelector('[data-testid="replay-canvas"]').dataset.dots`);
  await page.evaluate(
    `(() => { const b = document.querySelector('button[aria-label="Pause"]'); if (b) b.click(); })()`,
  );
  const { profile } = (await cdp.send('Profiler.stop')) as {
    profile: {
      nodes: ProfileNode[];
      samples: number[];
      timeDeltas: number[];
      startTime: number;
      endTime: number;
    };
  };
  await cdp.send('Tracing.end');
  await done;
  const longTasks = (await page.evaluate('window.__longTasks')) as number[];
  return { events, profile, dots, longTasks };
}

/** CPU time of an event, ms (its wall time where the trace has no thread time). */
const cpu = (e: TraceEvent) => (e.tdur ?? e.dur ?? 0) / 1000;

/** Self CPU time (ms) by event name on one thread: an event's time less its children's. */
function selfTimes(events: TraceEvent[]): Map<string, number> {
  const xs = events
    .filter((e) => e.ph === 'X' && e.dur !== undefined)
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const self = new Map<string, number>();
  const stack: TraceEvent[] = [];
  for (const e of xs) {
    while (stack.length && stack[stack.length - 1].ts + stack[stack.length - 1].dur! <= e.ts) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent) self.set(parent.name, (self.get(parent.name) ?? 0) - cpu(e));
    self.set(e.name, (self.get(e.name) ?? 0) + cpu(e));
    stack.push(e);
  }
  return self;
}

function top<K>(m: Map<K, number>, n: number): [K, number][] {
  return [...m].sort((a, b) => b[1] - a[1]).slice(0, n);
}

const rate = arg('--rate', 100);
const speed = arg('--speed', 1);
const seconds = arg('--seconds', 6);
const app = await openBuiltApp(argText('--dist'));
try {
  await openPlaybackCase(app.page, app.url, rate);
  const { events, profile, dots, longTasks } = await record(app.page, speed, seconds);
  const out = argText('--out');
  if (out) writeFileSync(out, JSON.stringify({ traceEvents: events }));

  // The renderer's main thread.
  const main = events.find(
    (e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain',
  );
  const onMain = events.filter((e) => main && e.pid === main.pid && e.tid === main.tid);
  const self = selfTimes(onMain);
  const byCat = new Map<string, number>();
  for (const [name, ms] of self) byCat.set(categoryOf(name), (byCat.get(categoryOf(name)) ?? 0) + ms);
  // Frames the replay canvas drew (one FinalizeFrame each), and the main thread's CPU time for each.
  const frames = onMain.filter((e) => e.name === 'CanvasRenderingContext2D::FinalizeFrame').length;
  const tasks = onMain.filter((e) => e.ph === 'X' && e.name === 'RunTask');
  const busy = tasks.reduce((a, e) => a + cpu(e), 0);
  const wall = tasks.reduce((a, e) => a + e.dur! / 1000, 0);
  console.log(
    `canvas frames ${frames} (${(frames / seconds).toFixed(1)}/s); main thread CPU ${busy.toFixed(0)} ms ` +
      `(wall ${wall.toFixed(0)} ms), ${(busy / Math.max(1, frames)).toFixed(1)} ms CPU per frame`,
  );
  console.log(`rate ${rate}/s at ${speed}×, ${seconds} s recorded, ${dots} dots at the end`);
  console.log(
    `long tasks (PerformanceObserver): ${longTasks.length}, longest ${Math.round(Math.max(0, ...longTasks))} ms`,
  );
  console.log('main thread self CPU time by kind (ms):');
  for (const [c, ms] of top(byCat, 10)) console.log(`  ${c.padEnd(18)} ${ms.toFixed(0)}`);
  console.log('main thread self CPU time by event (ms):');
  for (const [name, ms] of top(self, 25)) console.log(`  ${name.padEnd(40)} ${ms.toFixed(1)}`);

  // Other threads (compositor, raster) in total, to see where paint goes.
  const threads = new Map<string, string>();
  for (const e of events)
    if (e.ph === 'M' && e.name === 'thread_name') threads.set(`${e.pid}:${e.tid}`, String(e.args?.name));
  const perThread = new Map<string, number>();
  for (const e of events)
    if (
      e.ph === 'X' &&
      e.dur !== undefined &&
      (e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask')
    ) {
      const k = threads.get(`${e.pid}:${e.tid}`) ?? `${e.pid}:${e.tid}`;
      perThread.set(k, (perThread.get(k) ?? 0) + cpu(e));
    }
  console.log('CPU time per thread (ms, top-level tasks):');
  for (const [k, ms] of top(perThread, 8)) console.log(`  ${k.padEnd(40)} ${ms.toFixed(0)}`);

  // The long tasks on the main thread, each with what it was made of.
  const long = tasks.filter((e) => e.dur! > 50_000);
  console.log(
    `main-thread tasks over 50 ms (wall) in the trace: ${long.length}; their CPU time and its parts:`,
  );
  for (const t of long.slice(0, 8)) {
    const inside = onMain.filter((e) => e.ts >= t.ts && e.ts + (e.dur ?? 0) <= t.ts + t.dur!);
    const parts = top(selfTimes(inside), 6)
      .map(([n, ms]) => `${n} ${ms.toFixed(0)}`)
      .join(', ');
    console.log(`  ${(t.dur! / 1000).toFixed(0)} ms wall, ${cpu(t).toFixed(0)} ms CPU: ${parts}`);
  }

  // JavaScript: self time per function from the CPU profile.
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const fnSelf = new Map<string, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const n = byId.get(profile.samples[i])!;
    const f = n.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}:${f.columnNumber + 1}`;
    fnSelf.set(key, (fnSelf.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  }
  // Inclusive time: each sample counted once for every function on its stack.
  const parentOf = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);
  const fnTotal = new Map<string, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const seen = new Set<string>();
    for (let id: number | undefined = profile.samples[i]; id !== undefined; id = parentOf.get(id)) {
      const f = byId.get(id)!.callFrame;
      if (!f.url) continue;
      const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
      if (seen.has(key)) continue;
      seen.add(key);
      fnTotal.set(key, (fnTotal.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
    }
  }
  console.log('CPU profile, inclusive time per function (ms):');
  for (const [k, ms] of top(fnTotal, 30)) console.log(`  ${k.padEnd(70)} ${ms.toFixed(1)}`);
  console.log(
    `CPU profile, self time per function (ms of ${((profile.endTime - profile.startTime) / 1000).toFixed(0)}):`,
  );
  for (const [k, ms] of top(fnSelf, 30)) console.log(`  ${k.padEnd(70)} ${ms.toFixed(1)}`);
} finally {
  await app.close();
}
process.exit(0);
