import { create } from 'zustand';
import type { Result } from '../../engine/result';
import { replicationSeeds, replicationsOf, seedOf, withReplications } from '../../engine/stats/replications';
import { spawnBrowserWorker } from '../../worker/browser-host';
import { createEngineClient, type EngineClient } from '../../worker/engine-client';
import { createEnginePool, type EnginePool } from '../../worker/pool';
import type { RunFailure, RunIssue, RunOptions, RunOutcome } from '../../worker/protocol';

export type RunStatus = 'idle' | 'running' | 'done' | 'error' | 'cancelled';

export interface RunState {
  status: RunStatus;
  /** Fraction of simulated time done, 0..1, while running. */
  progress: number;
  /** The last result: a finished run's, or a stopped run's partial one (see result.incomplete). */
  result: Result | null;
  /** The scenario as it was when the run started: the result describes it, not the canvas now. */
  scenario: unknown;
  /** The scenario `result` describes (while a new run is under way, `scenario` is the new one's). */
  resultScenario: unknown;
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
  pool?.dispose();
  pool = null;
  makeClient = factory;
}

/** Replications run side by side on a pool of the same clients (started on the first replicated run). */
let pool: EnginePool | null = null;
function enginePool(): EnginePool {
  pool ??= createEnginePool(makeClient);
  return pool;
}

/**
 * settings.replications > 1: the scenario with each derived seed on the pool, then
 * replication 0's result carrying every figure's interval. Progress counts finished runs.
 */
async function runReplicated(
  scenario: unknown,
  n: number,
  options: RunOptions,
  onProgress: (f: number) => void,
): Promise<RunOutcome> {
  const seeds = replicationSeeds(options.seed ?? seedOf(scenario), n);
  let done = 0;
  // Traces and recordings (the classroom) describe one run: replication 0's.
  const outcomes = await enginePool().runAll(
    seeds.map((seed, i) => ({
      scenario,
      options: i === 0 ? { ...options, seed } : { ...options, seed, traceSampleRate: 0, record: false },
    })),
    () => onProgress(++done / n),
  );
  const failed = outcomes.find((o) => o.status === 'error');
  if (failed) return failed;
  if (outcomes.some((o) => o.status !== 'done')) {
    const first = outcomes[0];
    return { status: 'cancelled', result: first.status === 'error' ? null : first.result };
  }
  return {
    status: 'done',
    result: withReplications(outcomes.map((o) => (o as Extract<RunOutcome, { status: 'done' }>).result)),
  };
}

/** At most this often the progress bar moves (about four times a second). */
const PROGRESS_INTERVAL_MS = 250;

/** Options every run gets unless the caller sets them (the classroom asks for traces). */
let defaultOptions: (scenario: unknown) => RunOptions = () => ({});

/** Sets the options added to every run (the caller's own options win). */
export function setDefaultRunOptions(fn: (scenario: unknown) => RunOptions): void {
  defaultOptions = fn;
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
  resultScenario: null,
  error: null,
  issues: [],

  async run(scenario, options = {}) {
    // Kept while running: the previous result stays on screen (dimmed) until the new one lands.
    const seq = ++runSeq;
    set({ status: 'running', progress: 0, error: null, issues: [], scenario });
    // Progress comes after every slice (~25 ms); redrawing the bar and its text that often
    // costs the page a style, layout and paint each time for no visible gain.
    let lastProgressAt = -Infinity;
    const onProgress = (progress: number) => {
      const now = performance.now();
      if (now - lastProgressAt < PROGRESS_INTERVAL_MS && progress < 1) return;
      lastProgressAt = now;
      set({ progress });
    };
    const runOptions: RunOptions = { series: true, ...defaultOptions(scenario), ...options };
    const n = replicationsOf(scenario);
    const outcome =
      n > 1
        ? await runReplicated(scenario, n, runOptions, onProgress)
        : await engine().run(scenario, runOptions, onProgress);
    if (seq !== runSeq) return;
    switch (outcome.status) {
      case 'done':
        set({ status: 'done', progress: 1, result: outcome.result, resultScenario: scenario });
        break;
      case 'cancelled':
        set({
          status: 'cancelled',
          result: outcome.result,
          resultScenario: outcome.result ? scenario : null,
        });
        break;
      case 'error':
        set({
          status: 'error',
          result: null,
          resultScenario: null,
          error: outcome.error,
          issues: outcome.error.kind === 'invalid' ? outcome.error.issues : [],
        });
        break;
    }
  },

  cancel() {
    if (useRunStore.getState().status !== 'running') return;
    client?.cancel();
    pool?.cancel();
  },
}));

/** What a run left on screen: kept aside while another document is open, and put back. */
export type RunSnapshot = Pick<
  RunState,
  'status' | 'progress' | 'result' | 'scenario' | 'resultScenario' | 'error' | 'issues'
>;

export function runSnapshot(): RunSnapshot {
  const { status, progress, result, scenario, resultScenario, error, issues } = useRunStore.getState();
  // A run in flight belongs to the document being left: what it replaced is kept, as idle.
  if (status === 'running')
    return {
      status: result ? 'done' : 'idle',
      progress: 1,
      result,
      scenario: resultScenario,
      resultScenario,
      error: null,
      issues: [],
    };
  return { status, progress, result, scenario, resultScenario, error, issues };
}

/** Puts a snapshot back (or a clean slate): a run in flight is stopped and its outcome ignored. */
export function restoreRun(snapshot: RunSnapshot | null): void {
  useRunStore.getState().cancel();
  runSeq++;
  useRunStore.setState(
    snapshot ?? {
      status: 'idle',
      progress: 0,
      result: null,
      scenario: null,
      resultScenario: null,
      error: null,
      issues: [],
    },
  );
}

/** The selector the canvas uses for its badges. */
export const selectResult = (s: RunState) => s.result;
