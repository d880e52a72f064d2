import type { EngineClient } from './engine-client';
import type { Result } from '../engine/result';
import type { RunFailure, RunOptions, RunOutcome } from './protocol';

/** One run for the pool: a scenario and its options. */
export interface PoolTask {
  scenario: unknown;
  options: RunOptions;
}

/**
 * Several engine workers for many independent runs (a sweep's points, the compare view's
 * scenarios): each worker takes the next task as soon as it finishes one. Every worker is an
 * EngineClient of its own (one run at a time), so cancel and crash handling are theirs.
 */
export interface EnginePool {
  readonly size: number;
  /**
   * Runs the tasks and answers their outcomes in the tasks' order; never rejects (like
   * EngineClient.run). `onSettled` hears each task as it ends. One batch at a time, like a
   * client's runs: a new batch cancels the last. After cancel(), the tasks not yet started
   * settle as 'cancelled' without running.
   */
  runAll(
    tasks: readonly PoolTask[],
    onSettled?: (index: number, outcome: RunOutcome) => void,
  ): Promise<RunOutcome[]>;
  /** Stops every run under way and every task still waiting (of every runAll). */
  cancel(): void;
  /** Ends the workers; a later runAll starts new ones. */
  dispose(): void;
}

/** Workers for a pool: one fewer than the cores (the page keeps one), at least one. */
export function defaultPoolSize(
  cores: number | undefined = typeof navigator === 'undefined' ? undefined : navigator.hardwareConcurrency,
): number {
  const n = Number.isFinite(cores) && cores! > 0 ? Math.floor(cores!) : 2;
  return Math.max(1, n - 1);
}

export function createEnginePool(makeClient: () => EngineClient, size = defaultPoolSize()): EnginePool {
  const n = Math.max(1, Math.floor(size));
  const clients: (EngineClient | null)[] = new Array(n).fill(null);
  /** Bumped by cancel(): batches started before it stop taking tasks. */
  let generation = 0;

  const client = (i: number): EngineClient => (clients[i] ??= makeClient());

  return {
    size: n,
    runAll(tasks, onSettled) {
      const gen = ++generation;
      const out: RunOutcome[] = new Array(tasks.length);
      let next = 0;
      const lane = async (w: number): Promise<void> => {
        for (;;) {
          const i = next++;
          if (i >= tasks.length) return;
          const outcome: RunOutcome =
            gen !== generation
              ? { status: 'cancelled', result: null }
              : await client(w).run(tasks[i].scenario, tasks[i].options);
          out[i] = outcome;
          onSettled?.(i, outcome);
        }
      };
      // Lanes beyond the task count would only start idle workers.
      const lanes = Array.from({ length: Math.min(n, tasks.length) }, (_, w) => lane(w));
      return Promise.all(lanes).then(() => out);
    },
    cancel() {
      generation++;
      for (const c of clients) c?.cancel();
    },
    dispose() {
      generation++;
      clients.forEach((c, i) => {
        c?.dispose();
        clients[i] = null;
      });
    },
  };
}

/** A run of a batch that failed (invalid scenario or a crash): what the caller should report. */
export class PoolRunError extends Error {
  constructor(
    readonly index: number,
    readonly failure: RunFailure,
  ) {
    super(failure.message);
  }
}

/**
 * The results of a batch, in the tasks' order; null when the batch was cancelled (by
 * cancel() or a newer batch). A task that failed throws PoolRunError.
 */
export async function runResults(
  pool: EnginePool,
  tasks: readonly PoolTask[],
  onSettled?: (index: number, outcome: RunOutcome) => void,
): Promise<Result[] | null> {
  const outcomes = await pool.runAll(tasks, onSettled);
  const failed = outcomes.findIndex((o) => o.status === 'error');
  if (failed >= 0) throw new PoolRunError(failed, (outcomes[failed] as { error: RunFailure }).error);
  if (outcomes.some((o) => o.status !== 'done')) return null;
  return outcomes.map((o) => (o as { result: Result }).result);
}
