import { create } from 'zustand';
import {
  DEFAULT_REFINE_ROUNDS,
  SweepError,
  groupReplications,
  planSweep,
  replicatedTasks,
  runSweep,
  type PointOutcome,
  type SweepPlan,
  type SweepRun,
} from '../../engine/compare/sweep';
import { replicationSeed, replicationsOf, withReplications } from '../../engine/stats/replications';
import { spawnBrowserWorker } from '../../worker/browser-host';
import { createEngineClient } from '../../worker/engine-client';
import { PoolRunError, createEnginePool, runResults, type EnginePool } from '../../worker/pool';
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
  /** Replications per scenario they were run with (the same seeds for every scenario: paired). */
  replications: number;
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
  /** Runs per scenario and per sweep point, with derived seeds: 95 % intervals need at least 2. */
  replications: number;
  side: SideBySide;
  form: SweepForm;
  sweep: SweepState;
  /** Opens the view with these scenarios (or keeps the current ones). */
  openWith(entries?: CompareEntry[]): void;
  close(): void;
  addEntry(entry: Omit<CompareEntry, 'key'>): void;
  removeEntry(key: string): void;
  renameEntry(key: string, name: string): void;
  setRunSettings(patch: Partial<Pick<CompareState, 'durationSeconds' | 'seed' | 'replications'>>): void;
  setForm(patch: Partial<SweepForm>): void;
  runSideBySide(): Promise<void>;
  runSweep(): Promise<void>;
  cancel(): void;
}

export const MAX_ENTRIES = 5;
export const MIN_ENTRIES = 2;

/** The preset: the same workload five ways (src/templates/compare-*.json). */
export const PRESET_IDS = [
  'compare-monolith',
  'compare-tiered',
  'compare-containers',
  'compare-eks',
  'compare-functions',
];

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

const idleSide: SideBySide = {
  status: 'idle',
  done: 0,
  entries: [],
  outcomes: [],
  durationSeconds: 0,
  replications: 1,
};

/** What the compare view runs with unless the scenario asks for more: enough for an interval. */
export const DEFAULT_COMPARE_REPLICATIONS = 5;

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
    replications: DEFAULT_COMPARE_REPLICATIONS,
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
          replications: Math.max(replicationsOf(first), DEFAULT_COMPARE_REPLICATIONS),
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
      const { entries, durationSeconds, seed, replications } = get();
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
          replications,
        },
      });
      // Replication i of every scenario runs with the same seed: differences are paired.
      // Only replication 0 keeps its series (the overlays); the others give the intervals.
      const tasks = snapshot.flatMap((e) =>
        Array.from({ length: replications }, (_, i) => ({
          scenario: withRunSettings(e.doc, durationSeconds, replicationSeed(seed, i)),
          options: { series: i === 0 },
        })),
      );
      const perEntry = snapshot.map(() => [] as RunOutcome[]);
      const outcomes = await thePool().runAll(tasks, (i, outcome) => {
        if (seq !== sideSeq) return;
        const e = Math.floor(i / replications);
        perEntry[e].push(outcome);
        if (perEntry[e].length < replications) return;
        set((s) => {
          const list = [...s.side.outcomes];
          list[e] = combined(perEntry[e]);
          return { side: { ...s.side, done: s.side.done + 1, outcomes: list } };
        });
      });
      if (seq !== sideSeq) return;
      const byEntry = snapshot.map((_, e) =>
        combined(outcomes.slice(e * replications, (e + 1) * replications)),
      );
      const cancelled = byEntry.some((o) => o.status === 'cancelled');
      set((s) => ({ side: { ...s.side, status: cancelled ? 'cancelled' : 'done', outcomes: byEntry } }));
    },

    async runSweep() {
      const { entries, form, seed, replications } = get();
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
        const tasks = replicatedTasks(runs, replications, { series: false });
        const ended = new Array<number>(runs.length).fill(0);
        const results = await runResults(thePool(), tasks, (i, o) => {
          const run = Math.floor(i / replications);
          if (++ended[run] === replications && live())
            dispatch({
              type: 'runEnded',
              seq,
              incomplete: o.status === 'done' && o.result.incomplete !== undefined,
            });
        });
        if (!live()) return null;
        if (!results) {
          // Stopped from elsewhere (a side-by-side run took the workers): say so.
          dispatch({ type: 'cancel', seq });
          return null;
        }
        return groupReplications(results, replications);
      };

      try {
        const report = await runSweep(plan, execute, {
          refineRounds: form.refineRounds ?? DEFAULT_REFINE_ROUNDS,
          onReport: (r) => dispatch({ type: 'report', seq, report: r }),
          onRefine: (round, runs) => dispatch({ type: 'refine', seq, round, runs }),
        });
        if (report && live()) dispatch({ type: 'finish', seq });
      } catch (e) {
        if (live())
          dispatch({
            type: 'fail',
            seq,
            error: e instanceof PoolRunError || e instanceof Error ? e.message : String(e),
          });
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

/** One scenario's replications as one outcome: replication 0's result with the intervals of all. */
function combined(outcomes: readonly RunOutcome[]): RunOutcome {
  const failed = outcomes.find((o) => o.status === 'error');
  if (failed) return failed;
  if (outcomes.some((o) => o.status !== 'done')) return { status: 'cancelled', result: null };
  const results = outcomes.map((o) => (o as Extract<RunOutcome, { status: 'done' }>).result);
  return { status: 'done', result: withReplications(results, { bands: false }) };
}
