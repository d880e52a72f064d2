/**
 * npm run bench: prints events per second, wall time and peak heap for the engine, against
 * a bare loop on the same event queue measured in the same process (the ceiling). Figures,
 * not assertions: machines differ, so no test depends on them.
 */
import { EventQueue } from '../../src/engine/kernel/event-queue';
import { Rng } from '../../src/engine/kernel/rng';
import { Simulation } from '../../src/engine/simulate';
import { measureMainThread } from './main-thread';
import { measurePlayback, printPlayback } from './playback';
import { apiFunctionScenario } from './workloads';

interface Row {
  case: string;
  requests: number;
  events: number;
  wallMs: number;
  eventsPerSecond: number;
  peakHeapMB: number;
  ofBareLoop?: number;
}

const gc = (globalThis as { gc?: () => void }).gc;

function heapMB(): number {
  return process.memoryUsage().heapUsed / 1048576;
}

/** The ceiling: pop an event, push its successor at an exponential gap; ~1,000 in the heap. */
function bareLoop(events: number): Row {
  gc?.();
  const q = new EventQueue(4096);
  const rng = new Rng(1);
  for (let i = 0; i < 1000; i++) q.push(-Math.log(rng.nextOpen()), i & 15, i);
  let sink = 0;
  const t0 = performance.now();
  for (let i = 0; i < events; i++) {
    q.pop();
    sink += q.poppedArg;
    q.push(q.poppedTime - Math.log(rng.nextOpen()) * 1000, q.poppedHandler, q.poppedArg);
  }
  const wallMs = performance.now() - t0;
  if (sink < 0) console.log(sink);
  return {
    case: 'bare loop (typed-array heap)',
    requests: 0,
    events,
    wallMs,
    eventsPerSecond: events / (wallMs / 1000),
    peakHeapMB: heapMB(),
  };
}

function apiFunction(label: string, rate: number, seconds: number): Row {
  gc?.();
  const before = heapMB();
  let peak = before;
  const t0 = performance.now();
  const sim = Simulation.create(apiFunctionScenario(rate, seconds), { maxWallMs: 30 * 60_000 });
  while (!sim.step(1 << 20)) peak = Math.max(peak, heapMB());
  const wallMs = performance.now() - t0;
  peak = Math.max(peak, heapMB());
  const r = sim.result();
  return {
    case: label,
    requests: r.totals.requests,
    events: r.engine.events,
    wallMs,
    eventsPerSecond: r.engine.events / (wallMs / 1000),
    peakHeapMB: peak,
  };
}

const quick = process.argv.includes('--quick');
const rows: Row[] = [];
const bare = bareLoop(quick ? 2_000_000 : 20_000_000);
rows.push(bare);
rows.push(apiFunction('API → function, 1,000 req/s, 10 min', 1000, 600));
rows.push(apiFunction('API → function, 1,000 req/s, 1 h', 1000, 3600));
if (!quick) rows.push(apiFunction('API → function, 1,000 req/s, 10 h', 1000, 36000));
for (const r of rows) r.ofBareLoop = r.eventsPerSecond / bare.eventsPerSecond;

const pad = (s: string, n: number) => s.padEnd(n);
console.log(
  `Node ${process.version}, ${process.arch}${gc ? '' : ' (run with --expose-gc for steadier heap figures)'}`,
);
console.log(
  pad('case', 40) +
    pad('requests', 12) +
    pad('events', 13) +
    pad('wall s', 9) +
    pad('M events/s', 12) +
    pad('of bare', 9) +
    'peak heap MB',
);
for (const r of rows) {
  console.log(
    pad(r.case, 40) +
      pad(r.requests.toLocaleString('en-US'), 12) +
      pad(r.events.toLocaleString('en-US'), 13) +
      pad((r.wallMs / 1000).toFixed(2), 9) +
      pad((r.eventsPerSecond / 1e6).toFixed(2), 12) +
      pad(`${Math.round((r.ofBareLoop ?? 1) * 100)} %`, 9) +
      r.peakHeapMB.toFixed(1),
  );
}
const mainThread = process.argv.includes('--no-browser')
  ? 'skipped: --no-browser'
  : await measureMainThread();
console.log('');
if (typeof mainThread === 'string') console.log(`Main thread in the browser: ${mainThread}`);
else {
  console.log(
    `Main thread in the browser, ${mainThread.case}: run took ${(mainThread.runWallMs / 1000).toFixed(1)} s;`,
  );
  console.log(
    `  long tasks (> 50 ms) during the run: ${mainThread.longTasksDuringRun}, longest ${mainThread.longestDuringRunMs} ms`,
  );
  console.log(
    `  long tasks over the whole page life (load included): ${mainThread.longTasks}, longest ${mainThread.longestTaskMs} ms`,
  );
}
const playback = process.argv.includes('--no-browser') ? 'skipped: --no-browser' : await measurePlayback();
printPlayback(playback);
console.log(JSON.stringify({ bench: 'engine', node: process.version, rows, mainThread, playback }, null, 2));
