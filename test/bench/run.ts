/**
 * npm run bench: requests per CPU-second of the engine on API Gateway → Lambda as a fraction
 * of a same-process reference (reference.ts: the same workload as one bare loop), then the
 * messaging workloads (each after a warm-up run, its "of ref" against a reference run beside it),
 * with wall time, events/s and peak heap. CPU time rather than wall
 * time, because the machine may be shared: still, compare runs made side by side. Figures,
 * not assertions: machines differ, so no test depends on them.
 * Flags: --quick (shorter cases), --api / --messaging (one half), --no-browser, --door (only the
 * door's figures: share links and files at the limits, door.ts; and the run budgets, budgets.ts).
 */
import { EventQueue } from '../../src/engine/kernel/event-queue';
import { Rng } from '../../src/engine/kernel/rng';
import { Simulation } from '../../src/engine/simulate';
import { measureBudgets, printBudgets } from './budgets';
import { measureDoor, printDoor } from './door';
import { measureMainThread } from './main-thread';
import { measurePlayback, printPlayback } from './playback';
import { runReference } from './reference';
import { MESSAGING_WORKLOADS, apiFunctionScenario } from './workloads';

interface Row {
  case: string;
  requests: number;
  events: number;
  wallMs: number;
  cpuMs: number;
  eventsPerSecond: number;
  peakHeapMB: number;
  /**
   * Requests per CPU-second as a fraction of the reference's: the same workload for the API →
   * function rows; for a messaging row the API reference run just before it, a yardstick of
   * the machine's speed at that moment (compare a messaging row's ratio before and after).
   */
  ofReference?: number;
}

const gc = (globalThis as { gc?: () => void }).gc;

function heapMB(): number {
  return process.memoryUsage().heapUsed / 1048576;
}

function cpuMsSince(c: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(c);
  return (d.user + d.system) / 1000;
}

/** The event queue alone: pop an event, push its successor at an exponential gap; ~1,000 in the heap. */
function bareLoop(events: number): Row {
  gc?.();
  const q = new EventQueue(4096);
  const rng = new Rng(1);
  for (let i = 0; i < 1000; i++) q.push(-Math.log(rng.nextOpen()), i & 15, i);
  let sink = 0;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < events; i++) {
    q.pop();
    sink += q.poppedArg;
    q.push(q.poppedTime - Math.log(rng.nextOpen()) * 1000, q.poppedHandler, q.poppedArg);
  }
  const wallMs = performance.now() - t0;
  if (sink < 0) console.log(sink);
  return {
    case: 'bare loop (event queue only)',
    requests: 0,
    events,
    wallMs,
    cpuMs: cpuMsSince(c0),
    eventsPerSecond: events / (wallMs / 1000),
    peakHeapMB: heapMB(),
  };
}

function reference(label: string, rate: number, seconds: number): Row {
  const r = runReference(rate, seconds);
  return {
    case: label,
    requests: r.requests,
    events: r.events,
    wallMs: r.wallMs,
    cpuMs: r.cpuMs,
    eventsPerSecond: r.events / (r.wallMs / 1000),
    peakHeapMB: heapMB(),
  };
}

/**
 * One run of the engine. `collect` runs a full collection first (with --expose-gc), for the
 * first warm-up of a case only: a run right after a forced collection is about as slow as a
 * first run (SQS → function measured at a third of its speed when every run was preceded by
 * one), and the two warm-ups after it make up for that.
 */
function engine(label: string, doc: unknown, collect = false): Row {
  if (collect) gc?.();
  const before = heapMB();
  let peak = before;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const sim = Simulation.create(doc, { maxWallMs: 30 * 60_000 });
  while (!sim.step(1 << 20)) peak = Math.max(peak, heapMB());
  const wallMs = performance.now() - t0;
  const cpuMs = cpuMsSince(c0);
  peak = Math.max(peak, heapMB());
  const r = sim.result();
  return {
    case: label,
    requests: r.totals.requests,
    events: r.engine.events,
    wallMs,
    cpuMs,
    eventsPerSecond: r.engine.events / (wallMs / 1000),
    peakHeapMB: peak,
  };
}

const perCpuSecond = (r: Row) => r.requests / (r.cpuMs / 1000);

const quick = process.argv.includes('--quick');
const messagingOnly = process.argv.includes('--messaging');
const apiOnly = process.argv.includes('--api');
// --door: only the door's figures (share links and files at and over the limits).
if (process.argv.includes('--door')) {
  const door = measureDoor();
  printDoor(door);
  const budgets = measureBudgets();
  printBudgets(budgets);
  console.log(JSON.stringify({ bench: 'door', node: process.version, door, budgets }, null, 2));
  process.exit(0);
}
const rows: Row[] = [];
rows.push(bareLoop(quick ? 2_000_000 : 20_000_000));
if (!messagingOnly) {
  // The reference and the engine alternate so that both see the same load on a shared machine.
  const cases: [string, number][] = [
    ['10 min', 600],
    ['1 h', 3600],
  ];
  if (!quick) cases.push(['10 h', 36000]);
  // Two warm-up runs first, as for the messaging cases below, so the 10-minute case is not the
  // one that pays for compiling.
  engine('warm-up', apiFunctionScenario(1000, 60), true);
  engine('warm-up', apiFunctionScenario(1000, 60));
  for (const [name, seconds] of cases) {
    const ref = reference(`reference, 1,000 req/s, ${name}`, 1000, seconds);
    const eng = engine(`API → function, 1,000 req/s, ${name}`, apiFunctionScenario(1000, seconds));
    eng.ofReference = perCpuSecond(eng) / perCpuSecond(ref);
    rows.push(ref, eng);
  }
}
if (!apiOnly) {
  const seconds = quick ? 300 : 1800;
  for (const w of MESSAGING_WORKLOADS) {
    // Two warm-up runs: a first run of a workload measures V8 compiling its kinds' code as
    // much as the engine, and a second one is still slow (V8 drops code compiled for the first
    // run's object shapes: 'wrong map' and dependency deopts as it starts); the third is steady.
    // 2 simulated minutes each even with --quick: two 30-second runs left the measured one at
    // a third of its steady speed.
    engine('warm-up', w.make(500, 120), true);
    engine('warm-up', w.make(500, 120));
    // The reference beside each case, so a busy moment on a shared machine shows in both.
    const ref = reference('reference, 1,000 req/s, 10 min', 1000, 600);
    const row = engine(`${w.label}, 500/s`, w.make(500, seconds));
    row.ofReference = perCpuSecond(row) / perCpuSecond(ref);
    rows.push(row);
  }
}

const pad = (s: string, n: number) => s.padEnd(n);
console.log(
  `Node ${process.version}, ${process.arch}${gc ? '' : ' (run with --expose-gc for steadier heap figures)'}`,
);
console.log(
  pad('case', 44) +
    pad('requests', 12) +
    pad('events', 13) +
    pad('wall s', 8) +
    pad('CPU s', 8) +
    pad('M events/s', 11) +
    pad('k req/CPU-s', 12) +
    pad('of ref', 8) +
    'peak heap MB',
);
for (const r of rows) {
  console.log(
    pad(r.case, 44) +
      pad(r.requests.toLocaleString('en-US'), 12) +
      pad(r.events.toLocaleString('en-US'), 13) +
      pad((r.wallMs / 1000).toFixed(2), 8) +
      pad((r.cpuMs / 1000).toFixed(2), 8) +
      pad((r.eventsPerSecond / 1e6).toFixed(2), 11) +
      pad(r.requests ? (perCpuSecond(r) / 1000).toFixed(0) : '', 12) +
      pad(r.ofReference !== undefined ? r.ofReference.toFixed(2) : '', 8) +
      r.peakHeapMB.toFixed(1),
  );
}
// The same workload run again and again in a fresh process (the app's worker keeps its engine
// between a learner's runs): the second run has been the slow one.
{
  const { execFileSync } = await import('node:child_process');
  const script = new URL('./repeat-runs.ts', import.meta.url).pathname;
  const out = execFileSync(process.execPath, ['--import', 'tsx', script, '4', quick ? '120' : '300'], {
    encoding: 'utf8',
  });
  console.log('');
  console.log('Repeated runs of one workload in a fresh process (CPU ms of runs 1, 2, 3, 4):');
  for (const r of JSON.parse(out) as { case: string; cpuMs: number[] }[])
    console.log(
      `  ${pad(r.case, 50)}${r.cpuMs.join(', ')}  (second ÷ third: ${(r.cpuMs[1] / r.cpuMs[2]).toFixed(2)})`,
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
  console.log('  after the run, the results (longest task; longest stretch between 0 ms timer ticks):');
  for (const p of mainThread.results)
    console.log(
      `    ${p.phase.padEnd(60)} ${p.longTasks ? `longest task ${p.longestTaskMs} ms (${p.longTasks} over 50 ms)` : 'no task over 50 ms'}; longest stretch ${p.longestGapMs} ms; ${p.wallMs} ms in all`,
    );
}
const playback = process.argv.includes('--no-browser') ? 'skipped: --no-browser' : await measurePlayback();
printPlayback(playback);
const door = measureDoor();
printDoor(door);
const budgets = measureBudgets();
printBudgets(budgets);
console.log(
  JSON.stringify(
    { bench: 'engine', node: process.version, rows, mainThread, playback, door, budgets },
    null,
    2,
  ),
);
