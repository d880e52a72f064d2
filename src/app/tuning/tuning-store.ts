import { create } from 'zustand';
import { replicatedTasks } from '../../engine/compare/sweep';
import { TuningError, planTuning, reduceTuning, type TuningReport } from '../../engine/tuning/power-tuning';
import { spawnBrowserWorker } from '../../worker/browser-host';
import { createEngineClient } from '../../worker/engine-client';
import { PoolRunError, createEnginePool, runResults, type EnginePool } from '../../worker/pool';
import { useScenarioStore } from '../store/scenario';

export type TuningStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'error';

export interface TuningState {
  /** The function being tuned (null: the view is closed). */
  nodeId: string | null;
  /** Sizes the user adds to the defaults, as typed ("3008, 6144"). */
  extra: string;
  replications: number;
  /** Simulated seconds per run. */
  durationSeconds: number;
  status: TuningStatus;
  done: number;
  total: number;
  error: string | null;
  report: TuningReport | null;
  open(nodeId: string): void;
  close(): void;
  set(patch: Partial<Pick<TuningState, 'extra' | 'replications' | 'durationSeconds'>>): void;
  run(): Promise<void>;
  cancel(): void;
  /** Sets the function's memory on the canvas (one undoable edit). */
  apply(memoryMB: number): void;
}

let pool: EnginePool | null = null;
let makePool: () => EnginePool = () => createEnginePool(() => createEngineClient(spawnBrowserWorker));

/** Component tests (jsdom has no Worker) hand in a pool of in-process engines. */
export function setTuningPoolFactory(factory: () => EnginePool): void {
  pool?.dispose();
  pool = null;
  makePool = factory;
}

let seq = 0;

/** "3008, 6144 MB" → [3008, 6144]; throws TuningError naming what is wrong. */
export function parseExtraSizes(text: string): number[] {
  const parts = text
    .split(/[\s,;]+/)
    .map((p) => p.replace(/mb$/i, ''))
    .filter((p) => p !== '');
  return parts.map((p) => {
    const n = Number(p);
    if (!Number.isInteger(n))
      throw new TuningError(`Extra sizes: “${p}” is not a whole number of MB (e.g. 3008, 6144)`);
    return n;
  });
}

export const useTuning = create<TuningState>()((set, get) => ({
  nodeId: null,
  extra: '',
  replications: 5,
  durationSeconds: 300,
  status: 'idle',
  done: 0,
  total: 0,
  error: null,
  report: null,

  open(nodeId) {
    if (get().nodeId !== nodeId) set({ report: null, status: 'idle', error: null, done: 0, total: 0 });
    set({ nodeId });
  },
  close() {
    get().cancel();
    set({ nodeId: null });
  },
  set(patch) {
    set(patch);
  },

  async run() {
    const { nodeId, extra, replications, durationSeconds } = get();
    if (!nodeId) return;
    const me = ++seq;
    const doc = structuredClone(useScenarioStore.getState().doc);
    const settings: Record<string, unknown> = { ...doc.settings, durationSeconds };
    // A shorter run keeps the warm-up's share, so a long warm-up still leaves something to measure.
    const oldDuration = typeof doc.settings.durationSeconds === 'number' ? doc.settings.durationSeconds : 600;
    const warm = typeof doc.settings.warmupSeconds === 'number' ? doc.settings.warmupSeconds : 0;
    if (warm > 0) settings.warmupSeconds = Math.floor((warm / oldDuration) * durationSeconds);
    let plan;
    try {
      plan = planTuning({ ...doc, settings }, nodeId, parseExtraSizes(extra));
    } catch (e) {
      set({ status: 'error', error: e instanceof Error ? e.message : String(e), report: null });
      return;
    }
    const tasks = replicatedTasks(plan.runs, replications, { series: false });
    set({ status: 'running', done: 0, total: tasks.length, error: null });
    pool ??= makePool();
    try {
      const results = await runResults(pool, tasks, () => {
        if (me === seq) set((s) => ({ done: s.done + 1 }));
      });
      if (me !== seq) return;
      if (!results) {
        set({ status: 'cancelled' });
        return;
      }
      set({ status: 'done', report: reduceTuning(plan, results, replications) });
    } catch (e) {
      if (me !== seq) return;
      const message =
        e instanceof PoolRunError ? `A run failed: ${e.message}` : e instanceof Error ? e.message : String(e);
      set({ status: 'error', error: message });
    }
  },

  cancel() {
    if (get().status !== 'running') return;
    seq++;
    pool?.cancel();
    set({ status: 'cancelled' });
  },

  apply(memoryMB) {
    const { nodeId } = get();
    if (!nodeId) return;
    const store = useScenarioStore.getState();
    const node = store.doc.nodes.find((n) => n.id === nodeId);
    if (!node) return;
    store.setParams(nodeId, { ...node.params, memoryMB });
  },
}));
