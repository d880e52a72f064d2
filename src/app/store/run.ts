import { create } from 'zustand';
import type { Result } from '../../engine/result';
import { spawnBrowserWorker } from '../../worker/browser-host';
import { createEngineClient, type EngineClient } from '../../worker/engine-client';
import type { RunFailure, RunIssue, RunOptions } from '../../worker/protocol';

export type RunStatus = 'idle' | 'running' | 'done' | 'error' | 'cancelled';

export interface RunState {
  status: RunStatus;
  /** Fraction of simulated time done, 0..1, while running. */
  progress: number;
  /** The last result: a finished run's, or a stopped run's partial one (see result.incomplete). */
  result: Result | null;
  /** The scenario as it was when the run started: the result describes it, not the canvas now. */
  scenario: unknown;
  error: RunFailure | null;
  /** Validation issues of the last run (empty unless error.kind is 'invalid'). */
  issues: RunIssue[];
  run(scenario: unknown, options?: RunOptions): Promise<void>;
  cancel(): void;
}

let client: EngineClient | null = null;
/** The worker starts on the first run, not at page load. */
let makeClient: () => EngineClient = () => createEngineClient(spawnBrowserWorker);

/**
 * Replaces how the engine is reached: component tests (jsdom has no Worker) run the real
 * engine in-process through the same API.
 */
export function setEngineClientFactory(factory: () => EngineClient): void {
  client?.dispose();
  client = null;
  makeClient = factory;
}

/** Counts runs so a run that was superseded by a newer one leaves the state alone. */
let runSeq = 0;

function engine(): EngineClient {
  client ??= makeClient();
  return client;
}

export const useRunStore = create<RunState>()((set) => ({
  status: 'idle',
  progress: 0,
  result: null,
  scenario: null,
  error: null,
  issues: [],

  async run(scenario, options = {}) {
    // Kept while running: the previous result stays on screen (dimmed) until the new one lands.
    const seq = ++runSeq;
    set({ status: 'running', progress: 0, error: null, issues: [], scenario });
    const outcome = await engine().run(scenario, { series: true, ...options }, (progress) => set({ progress }));
    if (seq !== runSeq) return;
    switch (outcome.status) {
      case 'done':
        set({ status: 'done', progress: 1, result: outcome.result });
        break;
      case 'cancelled':
        set({ status: 'cancelled', result: outcome.result });
        break;
      case 'error':
        set({
          status: 'error',
          result: null,
          error: outcome.error,
          issues: outcome.error.kind === 'invalid' ? outcome.error.issues : [],
        });
        break;
    }
  },

  cancel() {
    if (useRunStore.getState().status === 'running') engine().cancel();
  },
}));

/** The selector the canvas uses for its badges. */
export const selectResult = (s: RunState) => s.result;
