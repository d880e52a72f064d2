import { create } from 'zustand';
import {
  DEFAULT_REFINE_ROUNDS,
  SweepError,
  applyRefinement,
  outcomeOf,
  planRefinement,
  planSweep,
  reduceSweep,
  type PointOutcome,
  type SweepPlan,
  type SweepRun,
} from '../../engine/compare/sweep';
import { spawnBrowserWorker } from '../../worker/browser-host';
import { createEngineClient } from '../../worker/engine-client';
import { createEnginePool, type EnginePool } from '../../worker/pool';
import type { RunOutcome } from '../../worker/protocol';
import { TEMPLATES } from '../persistence/templates';
import type { ScenarioDoc } from '../store/scenario-doc';
import { defaultParam, defaultRange, paramOptions } from './param-options';
import { initialSweepState, sweepReducer, type SweepAction, type SweepState } from './sweep-state';

export type EntrySource = 'canvas' | 'template' | 'file';

/** One scenario in the comparison. */
export interface CompareEntry {
  /** Unique within the comparison (React key, element ids). */
  key: string;
  /** The short name on the charts and in the crossover labels: "functions". */
  name: string;
  source: EntrySource;
  doc: ScenarioDoc;
}

export interface SideBySide {
  status: 'idle' | 'running' | 'done' | 'cancelled';
  done: number;
  /** The entries as they were run (the table describes them, not later edits). */
  entries: CompareEntry[];
  outcomes: (RunOutcome | null)[];
  /** The duration they were run for. */
  durationSeconds: number;
}

export interface SweepForm {
  param: string;
  from: number;
  to: number;
  steps: number;
  log: boolean;
  /** Bisection rounds after the grid. */
  refineRounds: number;
  /** Simulated seconds per sweep run (short: a sweep is many runs). */
  durationSeconds: number;
}

export interface CompareState {
  open: boolean;
  entries: CompareEntry[];
  /** The same for every scenario of the side-by-side run. */
  durationSeconds: number;
  seed: number;
  side: SideBySide;
  form: SweepForm;
  sweep: SweepState;
  /** Opens the view with these scenarios (or keeps the current ones). */
  openWith(entries?: CompareEntry[]): void;
  close(): void;
  addEntry(entry: Omit<CompareEntry, 'key'>): void;
  removeEntry(key: string): void;
  renameEntry(key: string, name: string): void;
  setRunSettings(patch: Partial<Pick<CompareState, 'durationSeconds' | 'seed'>>): void;
  setForm(patch: Partial<SweepForm>): void;
  runSideBySide(): Promise<void>;
  runSweep(): Promise<void>;
  cancel(): void;
}

export const MAX_ENTRIES = 4;
export const MIN_ENTRIES = 2;

/** The preset: the same workload four ways (src/templates/compare-*.json). */
export const PRESET_IDS = ['compare-monolith', 'compare-tiered', 'compare-containers', 'compare-functions'];

export function presetEntries(): CompareEntry[] {
  return PRESET_IDS.flatMap((id) => {
    const t = TEMPLATES.find((x) => x.id === id);
    return t
      ? [
          {
            key: id,
            name: id.replace(/^compare-/, ''),
            source: 'template' as const,
            doc: structuredClone(t.doc),
          },
        ]
      : [];
  });
}

let pool: EnginePool | null = null;
let makePool: () => EnginePool = () => createEnginePool(() => createEngineClient(spawnBrowserWorker));

/** Component tests (jsdom has no Worker) hand in a pool of in-process engines. */
export function setComparePoolFactory(factory: () => EnginePool): void {
  pool?.dispose();
  pool = null;
  makePool = factory;
}

function thePool(): EnginePool {
  pool ??= makePool();
  return pool;
}

let keySeq = 0;
let sweepSeq = 0;
let sideSeq = 0;

/**
 * A copy of `doc` to run with the comparison's duration and seed. The warm-up keeps its share
 * of the run (the compare templates measure the second half): a warm-up as long as a
 * shortened run would leave nothing to measure.
 */
export function withRunSettings(doc: ScenarioDoc, durationSeconds: number, seed: number): ScenarioDoc {
  const s = doc.settings;
  const oldDuration =
    typeof s.durationSeconds === 'number' && s.durationSeconds > 0 ? s.durationSeconds : 600;
  const oldWarmup = typeof s.warmupSeconds === 'number' ? s.warmupSeconds : 0;
  const warmupSeconds = oldWarmup > 0 ? Math.floor((oldWarmup / oldDuration) * durationSeconds) : 0;
  return { ...doc, settings: { ...s, durationSeconds, seed, ...(oldWarmup > 0 ? { warmupSeconds } : {}) } };
}

function docSeed(doc: ScenarioDoc | undefined): number {
  const v = doc?.settings.seed;
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : 1;
}

function docDuration(doc: ScenarioDoc | undefined): number {
  const v = doc?.settings.durationSeconds;
  return typeof v === 'number' && v >= 1 ? v : 600;
}

/** The sweep form for these entries: their shared producer's rate, 0.01 → 1,000 on a log scale. */
export function defaultForm(entries: readonly CompareEntry[], prev?: SweepForm): SweepForm {
  const docs = entries.map((e) => e.doc);
  const options = paramOptions(docs);
  // A parameter chosen before is kept while the scenarios still have it.
  if (prev && options.some((o) => o.path === prev.param)) return prev;
  const param = defaultParam(options, docs.length);
  return {
    param: param?.path ?? '',
    ...defaultRange(param),
    steps: prev?.steps ?? 9,
    refineRounds: prev?.refineRounds ?? 4,
    durationSeconds: prev?.durationSeconds ?? 600,
  };
}

const idleSide: SideBySide = { status: 'idle', done: 0, entries: [], outcomes: [], durationSeconds: 0 };

export const useCompare = create<CompareState>()((set, get) => {
  const dispatch = (action: SweepAction) => set((s) => ({ sweep: sweepReducer(s.sweep, action) }));
  const setEntries = (entries: CompareEntry[]) =>
    set((s) => ({
      entries,
      form: defaultForm(entries, s.form),
      seed: s.entries.length === 0 ? docSeed(entries[0]?.doc) : s.seed,
    }));

  return {
    open: false,
    entries: [],
    durationSeconds: 600,
    seed: 1,
    side: idleSide,
    form: defaultForm([]),
    sweep: initialSweepState,

    openWith(entries) {
      if (entries) {
        get().cancel();
        const first = entries[0]?.doc;
        set({
          entries,
          form: defaultForm(entries, get().form),
          seed: docSeed(first),
          durationSeconds: docDuration(first),
          side: idleSide,
          sweep: sweepReducer(get().sweep, { type: 'reset' }),
        });
      }
      set({ open: true });
    },
    close() {
      set({ open: false });
    },
    addEntry(entry) {
      const { entries } = get();
      if (entries.length >= MAX_ENTRIES) return;
      const taken = new Set(entries.map((e) => e.name));
      let name = entry.name;
      for (let i = 2; taken.has(name); i++) name = `${entry.name} ${i}`;
      setEntries([...entries, { ...entry, name, key: `entry-${++keySeq}` }]);
    },
    removeEntry(key) {
      setEntries(get().entries.filter((e) => e.key !== key));
    },
    renameEntry(key, name) {
      set((s) => ({ entries: s.entries.map((e) => (e.key === key ? { ...e, name } : e)) }));
    },
    setRunSettings(patch) {
      set(patch);
    },
    setForm(patch) {
      set((s) => ({ form: { ...s.form, ...patch } }));
    },

    async runSideBySide() {
      const { entries, durationSeconds, seed } = get();
      if (entries.length === 0) return;
      const seq = ++sideSeq;
      const snapshot = entries.map((e) => ({ ...e }));
      set({
        side: {
          status: 'running',
          done: 0,
          entries: snapshot,
          outcomes: snapshot.map(() => null),
          durationSeconds,
        },
      });
      const tasks = snapshot.map((e) => ({
        scenario: withRunSettings(e.doc, durationSeconds, seed),
        options: { series: true },
      }));
      const outcomes = await thePool().runAll(tasks, (i, outcome) => {
        if (seq !== sideSeq) return;
        set((s) => {
          const list = [...s.side.outcomes];
          list[i] = outcome;
          return { side: { ...s.side, done: s.side.done + 1, outcomes: list } };
        });
      });
      if (seq !== sideSeq) return;
      const cancelled = outcomes.some((o) => o.status === 'cancelled');
      set((s) => ({ side: { ...s.side, status: cancelled ? 'cancelled' : 'done', outcomes } }));
    },

    async runSweep() {
      const { entries, form, seed } = get();
      const seq = ++sweepSeq;
      let plan: SweepPlan;
      // A parameter of a node only some scenarios have sweeps those scenarios.
      const option = paramOptions(entries.map((e) => e.doc)).find((o) => o.path === form.param);
      const included = entries.filter((_, i) => !option || option.scenarios.includes(i));
      try {
        plan = planSweep({
          scenarios: included.map((e) => withRunSettings(e.doc, form.durationSeconds, seed)),
          names: included.map((e) => e.name),
          param: form.param,
          from: form.from,
          to: form.to,
          steps: form.steps,
          log: form.log,
        });
      } catch (e) {
        dispatch({ type: 'start', seq, total: 0 });
        dispatch({ type: 'fail', seq, error: e instanceof SweepError ? e.message : String(e) });
        return;
      }
      dispatch({ type: 'start', seq, total: plan.runs.length });
      const live = () => seq === sweepSeq && get().sweep.phase === 'running';

      /** Runs on the pool; null when the sweep was stopped or superseded. */
      const execute = async (runs: SweepRun[]): Promise<PointOutcome[] | null> => {
        const outcomes = await thePool().runAll(
          runs.map((r) => ({ scenario: r.doc, options: { series: false } })),
          (_, o) => {
            if (live())
              dispatch({
                type: 'runEnded',
                seq,
                incomplete: o.status === 'done' && o.result.incomplete !== undefined,
              });
          },
        );
        if (!live()) return null;
        const failed = outcomes.find((o) => o.status === 'error');
        if (failed && failed.status === 'error') throw new Error(failed.error.message);
        if (outcomes.some((o) => o.status !== 'done')) {
          // Stopped from elsewhere (a side-by-side run took the workers): say so.
          dispatch({ type: 'cancel', seq });
          return null;
        }
        return outcomes.map((o) => outcomeOf((o as Extract<RunOutcome, { status: 'done' }>).result));
      };

      try {
        const grid = await execute(plan.runs);
        if (!grid) return;
        let report = reduceSweep(plan, grid);
        dispatch({ type: 'report', seq, report });
        for (let round = 1; round <= Math.max(0, form.refineRounds ?? DEFAULT_REFINE_ROUNDS); round++) {
          const runs = planRefinement(plan, report.crossovers);
          if (runs.length === 0) break;
          dispatch({ type: 'refine', seq, round, runs: runs.length });
          const more = await execute(runs);
          if (!more) return;
          report = applyRefinement(plan, report, runs, more);
          dispatch({ type: 'report', seq, report });
        }
        dispatch({ type: 'finish', seq });
      } catch (e) {
        if (live()) dispatch({ type: 'fail', seq, error: e instanceof Error ? e.message : String(e) });
      }
    },

    cancel() {
      const { sweep, side } = get();
      if (sweep.phase === 'running') dispatch({ type: 'cancel', seq: sweep.seq });
      if (side.status === 'running') set({ side: { ...side, status: 'cancelled' } });
      sideSeq++;
      pool?.cancel();
    },
  };
});
