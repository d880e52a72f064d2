import type { Result } from '../engine/result';
import type { ValidationIssue } from '../engine/scenario/validate';
import type { SimulateOptions } from '../engine/simulate';

/**
 * What crosses the worker boundary. Everything here is plain, structured-clonable data:
 * failures come back as values (never as thrown errors, which comlink would flatten into an
 * opaque message and lose the validation issues).
 */

/** The run options a caller may set; callbacks are the worker's business, not the caller's. */
export type RunOptions = Omit<SimulateOptions, 'onProgress' | 'shouldCancel'>;

/** One validation issue, as ScenarioError carries it. */
export type RunIssue = ValidationIssue;

export type RunFailure =
  /** The scenario did not validate: the issues say what to fix and where. */
  | { kind: 'invalid'; message: string; issues: RunIssue[] }
  /** The engine threw, or the worker died: a bug or the browser ran out of memory. */
  | { kind: 'crash'; message: string; stack?: string };

export type RunOutcome =
  | { status: 'done'; result: Result }
  /** Stopped by the user; `result` holds what was simulated up to then, when the engine had it. */
  | { status: 'cancelled'; result: Result | null }
  | { status: 'error'; error: RunFailure };

/** Progress callbacks carry the fraction of simulated time done, 0..1. */
export type ProgressListener = (fraction: number) => void;
