import { Simulation } from '../engine/simulate';
import { ScenarioError } from '../engine/scenario/validate';
import type { ProgressListener, RunFailure, RunOptions } from './protocol';
import { packSeries, type PackedResult } from './series-transfer';
import { nextMacrotask } from './yield';

/** What the worker answers: a RunOutcome with the result's series packed for transfer. */
export type PackedOutcome =
  | { status: 'done'; packed: PackedResult }
  | { status: 'cancelled'; packed: PackedResult | null }
  | { status: 'error'; error: RunFailure };

/**
 * How long one slice of simulation may hold the worker's thread before it yields to read
 * messages (cancel). Short enough that Stop feels immediate, long enough that yielding costs
 * little; the slice size in events adapts to hit it.
 */
const SLICE_TARGET_MS = 25;
const FIRST_SLICE_EVENTS = 5_000;
const MAX_SLICE_EVENTS = 2_000_000;

/**
 * The engine as the worker exposes it. It is a plain object so that tests can drive it
 * directly in Node, and the worker entry only has to hand it to comlink.
 */
export interface EngineApi {
  /** Runs a scenario in slices, reporting progress between them; never throws. */
  run(
    runId: number,
    scenario: unknown,
    options: RunOptions,
    onProgress?: ProgressListener,
  ): Promise<PackedOutcome>;
  /** Asks run `runId` to stop at its next slice boundary; it then answers 'cancelled'. */
  cancel(runId: number): void;
}

export function createEngineApi(now: () => number = () => performance.now()): EngineApi {
  const cancelled = new Set<number>();

  async function run(
    runId: number,
    scenario: unknown,
    options: RunOptions,
    onProgress?: ProgressListener,
  ): Promise<PackedOutcome> {
    const stop = () => cancelled.has(runId);
    try {
      const sim = Simulation.create(scenario, { series: true, ...options, shouldCancel: stop });
      let sliceEvents = FIRST_SLICE_EVENTS;
      for (;;) {
        const t0 = now();
        // step() looks at shouldCancel itself, so a cancel ends the run within one slice and
        // the engine still hands back what it simulated, marked incomplete: 'cancelled'.
        if (sim.step(sliceEvents)) break;
        sliceEvents = nextSliceEvents(sliceEvents, now() - t0);
        report(onProgress, sim.progress);
        await nextMacrotask();
      }
      const result = sim.result();
      if (result.incomplete?.reason === 'cancelled')
        return { status: 'cancelled', packed: packSeries(result) };
      report(onProgress, 1);
      return { status: 'done', packed: packSeries(result) };
    } catch (err) {
      return { status: 'error', error: describeFailure(err) };
    } finally {
      cancelled.delete(runId);
    }
  }

  return {
    run,
    cancel(runId) {
      cancelled.add(runId);
    },
  };
}

function nextSliceEvents(events: number, elapsedMs: number): number {
  if (elapsedMs <= 0) return Math.min(events * 4, MAX_SLICE_EVENTS);
  const scaled = Math.round((events * SLICE_TARGET_MS) / elapsedMs);
  // Grow at most fourfold per slice: one fast slice (a quiet stretch of simulated time)
  // must not earn a slice so large that a busy stretch then blocks Stop for seconds.
  return Math.max(1_000, Math.min(scaled, events * 4, MAX_SLICE_EVENTS));
}

/** Progress is best-effort: a closed port must not fail the run. */
function report(onProgress: ProgressListener | undefined, fraction: number): void {
  if (!onProgress) return;
  try {
    void Promise.resolve(onProgress(fraction)).catch(() => undefined);
  } catch {
    /* the listener went away */
  }
}

export function describeFailure(err: unknown): RunFailure {
  if (err instanceof ScenarioError) {
    return {
      kind: 'invalid',
      message: err.message,
      // Issues are copied field by field: `value` may hold anything the user typed, and a
      // value that structured clone cannot carry must not turn a validation error into a crash.
      issues: err.issues.map((i) => ({
        path: i.path,
        message: i.message,
        ...(i.value === undefined ? {} : { value: cloneable(i.value) }),
        ...(i.nodeId ? { nodeId: i.nodeId } : {}),
        ...(i.edgeId ? { edgeId: i.edgeId } : {}),
        ...(i.check ? { check: i.check } : {}),
      })),
    };
  }
  if (err instanceof Error) return { kind: 'crash', message: err.message || err.name, stack: err.stack };
  return { kind: 'crash', message: String(err) };
}

function cloneable(value: unknown): unknown {
  try {
    return JSON.parse(JSON.stringify(value)) as unknown;
  } catch {
    return String(value);
  }
}
