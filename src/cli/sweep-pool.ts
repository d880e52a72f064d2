import { Worker } from 'node:worker_threads';
import type { PointOutcome, SweepRun } from '../engine/compare/sweep';
import type { SimulateOptions } from '../engine/simulate';
import { ScenarioError, type ValidationIssue } from '../engine/scenario/validate';

interface Reply {
  id: number;
  outcome?: PointOutcome;
  error?: { name: string; message: string; issues?: ValidationIssue[] };
}

/**
 * Sweep runs spread over worker_threads, one run at a time per worker, in the order given;
 * outcomes come back in the runs' order. Each worker loads the TypeScript engine through tsx.
 */
export class SweepPool {
  private readonly workers: Worker[] = [];
  private nextId = 0;

  constructor(size: number) {
    const bootstrap = new URL('./sweep-worker-bootstrap.mjs', import.meta.url);
    const entry = new URL('./sweep-worker.ts', import.meta.url).href;
    for (let i = 0; i < size; i++) this.workers.push(new Worker(bootstrap, { workerData: { entry } }));
  }

  run(runs: SweepRun[], options: SimulateOptions, onDone?: () => void): Promise<PointOutcome[]> {
    const out: PointOutcome[] = new Array(runs.length);
    let next = 0;
    let finished = 0;
    return new Promise((resolve, reject) => {
      if (runs.length === 0) {
        resolve(out);
        return;
      }
      let failed = false;
      const feed = (w: Worker): void => {
        if (failed || next >= runs.length) return;
        const index = next++;
        const id = this.nextId++;
        const onMessage = (m: Reply): void => {
          if (m.id !== id) return;
          w.off('message', onMessage);
          w.off('error', onError);
          if (m.error) {
            failed = true;
            reject(
              m.error.name === 'ScenarioError' && m.error.issues
                ? new ScenarioError(m.error.issues)
                : new Error(m.error.message),
            );
            return;
          }
          out[index] = m.outcome!;
          onDone?.();
          if (++finished === runs.length) resolve(out);
          else feed(w);
        };
        const onError = (e: Error): void => {
          failed = true;
          reject(e);
        };
        w.on('message', onMessage);
        w.on('error', onError);
        w.postMessage({ id, run: runs[index], options });
      };
      for (const w of this.workers) feed(w);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
