/**
 * The run budgets, timed: how close a run stops to its wall-clock budget (the aim is within
 * 10 %, end-of-run bookkeeping and pricing included), and how fast and at what memory the
 * budget on work in flight stops a loop that multiplies work. Figures to read, not assertions
 * (test/engine/hostile/budgets.test.ts checks the behaviour).
 */
import { Simulation } from '../../src/engine/simulate';

export interface BudgetRow {
  case: string;
  budget: string;
  tookMs: number;
  /** Peak growth of the resident set (typed arrays included) during the run, sampled between slices, MB. */
  memoryGrowthMB: number;
  stopped: string;
}

const FN = { duration: { dist: 'constant', meanMs: 5 } };
const doc = (edges: unknown[], extra: unknown[] = []) => ({
  format: 'serverless-sim.scenario',
  version: 1,
  name: 'budget',
  settings: { durationSeconds: 30 * 86400 },
  nodes: [
    { id: 'tick', kind: 'schedule', params: { rateSeconds: 60 } },
    { id: 'ping', kind: 'function', params: FN },
    { id: 'pong', kind: 'function', params: FN },
    ...extra,
  ],
  edges,
});

/** Work circulates without multiplying: only the clock stops it. */
const circulating = doc([
  { id: 'e1', source: 'tick', target: 'ping' },
  { id: 'e2', source: 'ping', target: 'pong', params: { mode: 'async' } },
  { id: 'e3', source: 'pong', target: 'ping', params: { mode: 'async' } },
]);
/** function → queue (100 messages per request) → function: work multiplies a hundredfold a turn. */
const multiplying = doc(
  [
    { id: 'e1', source: 'tick', target: 'ping' },
    { id: 'e2', source: 'ping', target: 'q', params: { perRequest: 100 } },
    { id: 'e3', source: 'q', target: 'ping' },
  ],
  [{ id: 'q', kind: 'queue' }],
);

function timed(label: string, budget: string, input: unknown, options: Record<string, number>): BudgetRow {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const rss0 = process.memoryUsage.rss();
  const t0 = performance.now();
  // Stepped in slices as the CLI and the worker do; the result (bill included) is part of the time.
  const sim = Simulation.create(input, options);
  let peak = rss0;
  while (!sim.step(1 << 16)) peak = Math.max(peak, process.memoryUsage.rss());
  const r = sim.result();
  const tookMs = performance.now() - t0;
  const memoryGrowthMB = (Math.max(peak, process.memoryUsage.rss()) - rss0) / 1e6;
  return {
    case: label,
    budget,
    tookMs,
    memoryGrowthMB,
    stopped: r.incomplete ? `${r.incomplete.reason}: ${r.incomplete.message.split('. ')[0]}` : 'finished',
  };
}

export function measureBudgets(): BudgetRow[] {
  return [
    timed('ping ⇄ pong circulating, wall budget 1 s', '1,000 ms', circulating, { maxWallMs: 1000 }),
    timed('ping ⇄ pong circulating, wall budget 5 s', '5,000 ms', circulating, { maxWallMs: 5000 }),
    timed('function → queue ×100 → function, default budgets', 'work in flight 3,000,000', multiplying, {}),
  ];
}

export function printBudgets(rows: BudgetRow[]): void {
  console.log(
    '\nRun budgets (aim: the wall budget within 10 %; a multiplying loop stopped long before memory runs short):',
  );
  for (const r of rows)
    console.log(
      `  ${r.case.padEnd(52)} budget ${r.budget.padEnd(24)} took ${r.tookMs.toFixed(0).padStart(6)} ms  memory +${r.memoryGrowthMB.toFixed(0).padStart(4)} MB  ${r.stopped.slice(0, 100)}`,
    );
}
