import type { SweepReport } from '../../engine/compare/sweep';

/**
 * The sweep's progress as a pure reducer: the store dispatches what happens (started, a run
 * ended, the grid is in, a refinement round is planned, …) and the view reads the state.
 *
 * The total of runs grows while a sweep runs: the grid's runs are known at the start, each
 * bisection round adds two runs per crossover still too wide.
 */
export type SweepPhase = 'idle' | 'running' | 'done' | 'cancelled' | 'error';

export interface SweepState {
  phase: SweepPhase;
  /** Counts runs ended so far / planned so far. */
  done: number;
  total: number;
  /** Bisection rounds started (0 while the grid runs). */
  round: number;
  /** The latest report: the grid's (interpolated crossovers) first, then each round's. */
  report: SweepReport | null;
  error: string | null;
  /** Runs that stopped early (a guard): their numbers are partial. */
  incompleteRuns: number;
  /** Counts sweeps started, so that a late message from an old one is ignored. */
  seq: number;
}

export type SweepAction =
  | { type: 'start'; seq: number; total: number }
  | { type: 'runEnded'; seq: number; incomplete?: boolean }
  | { type: 'report'; seq: number; report: SweepReport }
  | { type: 'refine'; seq: number; round: number; runs: number }
  | { type: 'finish'; seq: number }
  | { type: 'cancel'; seq: number }
  | { type: 'fail'; seq: number; error: string }
  | { type: 'reset' };

export const initialSweepState: SweepState = {
  phase: 'idle',
  done: 0,
  total: 0,
  round: 0,
  report: null,
  error: null,
  incompleteRuns: 0,
  seq: 0,
};

export function sweepReducer(state: SweepState, action: SweepAction): SweepState {
  if (action.type === 'reset') return { ...initialSweepState, seq: state.seq };
  if (action.type === 'start') {
    return {
      phase: 'running',
      done: 0,
      total: action.total,
      round: 0,
      report: null,
      error: null,
      incompleteRuns: 0,
      seq: action.seq,
    };
  }
  // Anything from a sweep other than the current one, or after it ended, changes nothing.
  if (action.seq !== state.seq || state.phase !== 'running') return state;
  switch (action.type) {
    case 'runEnded':
      return {
        ...state,
        done: Math.min(state.total, state.done + 1),
        incompleteRuns: state.incompleteRuns + (action.incomplete ? 1 : 0),
      };
    case 'report':
      return { ...state, report: action.report };
    case 'refine':
      return { ...state, round: action.round, total: state.total + action.runs };
    case 'finish':
      return { ...state, phase: 'done', done: state.total };
    case 'cancel':
      // What was found so far stays on screen (the grid's report, or a refined one).
      return { ...state, phase: 'cancelled' };
    case 'fail':
      return { ...state, phase: 'error', error: action.error };
  }
}

/** 0..1 for the progress bar. */
export function sweepFraction(s: SweepState): number {
  return s.total > 0 ? Math.min(1, s.done / s.total) : 0;
}

/** The status line: "12 of 36 runs", "Refining crossovers (round 2): 40 of 44 runs", … */
export function sweepStatusText(s: SweepState): string {
  switch (s.phase) {
    case 'idle':
      return 'Not run yet.';
    case 'running':
      return s.round === 0
        ? `Running the grid: ${s.done} of ${s.total} runs`
        : `Refining crossovers (round ${s.round}): ${s.done} of ${s.total} runs`;
    case 'done': {
      const n = s.report?.crossovers.length ?? 0;
      const found = n === 0 ? 'no crossovers in this range' : `${n} crossover${n === 1 ? '' : 's'}`;
      return `Done: ${s.total} runs, ${found}.`;
    }
    case 'cancelled':
      return `Stopped after ${s.done} of ${s.total} runs${s.report ? '; the chart shows what was found so far' : ''}.`;
    case 'error':
      return `The sweep failed: ${s.error ?? 'unknown error'}`;
  }
}
