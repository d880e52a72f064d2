/**
 * Lesson progress, kept in this browser only (localStorage): which pause points a learner
 * has answered, per lesson. Nothing is sent anywhere.
 */
export const PROGRESS_KEY = 'serverless-sim:lesson-progress';

export interface LessonProgress {
  /** Indices of the steps answered (the answer was revealed). */
  answered: number[];
  /** Watched to the end of the run. */
  finished: boolean;
}

type Store = Record<string, LessonProgress>;

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export function readProgress(): Store {
  try {
    const raw = storage()?.getItem(PROGRESS_KEY);
    const v = raw ? (JSON.parse(raw) as unknown) : {};
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Store) : {};
  } catch {
    return {};
  }
}

function write(all: Store): void {
  try {
    storage()?.setItem(PROGRESS_KEY, JSON.stringify(all));
  } catch {
    /* private mode or full: progress is a nicety */
  }
}

export function progressOf(key: string): LessonProgress {
  const p = readProgress()[key];
  return { answered: Array.isArray(p?.answered) ? p.answered : [], finished: !!p?.finished };
}

export function markAnswered(key: string, step: number): void {
  const all = readProgress();
  const p = progressOf(key);
  if (!p.answered.includes(step)) p.answered = [...p.answered, step].sort((a, b) => a - b);
  all[key] = p;
  write(all);
}

export function markFinished(key: string): void {
  const all = readProgress();
  all[key] = { ...progressOf(key), finished: true };
  write(all);
}

/** Done: every question answered and the run watched to the end. */
export function isDone(p: LessonProgress, steps: number): boolean {
  return p.finished && p.answered.length >= steps;
}
