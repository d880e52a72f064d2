import { parentPort } from 'node:worker_threads';
import { runPoint, type SweepRun } from '../engine/compare/sweep';
import type { SimulateOptions } from '../engine/simulate';

/** One sweep run per message: { id, run, options } in, { id, outcome } or { id, error } out. */
parentPort?.on('message', (m: { id: number; run: SweepRun; options: SimulateOptions }) => {
  try {
    parentPort!.postMessage({ id: m.id, outcome: runPoint(m.run, m.options) });
  } catch (e) {
    const err = e as Error & { issues?: unknown };
    parentPort!.postMessage({
      id: m.id,
      error: { name: err.name, message: err.message, issues: err.issues },
    });
  }
});
