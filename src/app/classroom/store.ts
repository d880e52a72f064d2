import { create } from 'zustand';
import type { Lesson } from '../../engine/scenario/schema';

/**
 * The classroom's view state: whether the replay is open, where the playhead is, how fast it
 * moves, presentation mode, the lesson's pause. The picture at a time is computed from the
 * run's result (replay.ts), never kept here: this store holds only the playhead.
 */

/**
 * How presentation mode fits the diagram: as large as fits (about 175 % for a small one), with
 * room under the nodes for what is drawn inside them (environments, messages, shards, slots)
 * in 24 px type, and above them for the dots of requests inside a node.
 */
export const PRESENT_FIT = { maxZoom: 1, extraBottom: 160, extraTop: 36 } as const;

export const SPEEDS = [0.1, 0.25, 0.5, 1, 2, 5, 10, 25, 50, 100] as const;

export interface ClassroomState {
  /** The replay layer is shown on the canvas. */
  open: boolean;
  presenting: boolean;
  /** A presenter window is open: this window shows only the canvas, the big clock and counters. */
  remote: boolean;
  /** A presenter's "B": the screen goes dark until pressed again. */
  blank: boolean;
  playing: boolean;
  /** Simulated time, ms: the playhead, moved every frame while playing (the canvas reads it). */
  timeMs: number;
  /**
   * The playhead as React shows it (clock, counters, badges, charts' cursor): equal to
   * timeMs when paused, and caught up a few times a second while playing, so playing does
   * not re-render React on every frame.
   */
  shownMs: number;
  speed: number;
  /** The trace shown as a waterfall (index into result.traces). */
  selectedTrace: number | null;
  /** The view follows the selected request's dot, and its waterfall grows with time. */
  following: boolean;
  /** The lesson step whose question is showing (index), and whether its answer is revealed. */
  asking: number | null;
  revealed: boolean;
  /** The answer picked among the step's choices. */
  picked: number | null;
  /** The lesson list dialog. */
  listOpen: boolean;
  /** The lesson card is shown (a lesson is open). */
  lessonOpen: boolean;
  /** Where the lesson came from (template id), for progress. */
  lessonKey: string | null;

  setOpen(open: boolean): void;
  setPresenting(on: boolean): void;
  setRemote(on: boolean): void;
  toggleBlank(): void;
  setPlaying(on: boolean): void;
  /** Moves the playhead (clamped by the caller to the run). */
  seek(timeMs: number): void;
  /** Brings shownMs up to the playhead (the frame loop calls it a few times a second). */
  show(): void;
  setSpeed(speed: number): void;
  selectTrace(i: number | null): void;
  /** Selects a request and follows it (null: stop following, keep the selection). */
  follow(i: number | null): void;
  ask(step: number | null): void;
  reveal(): void;
  pick(choice: number): void;
  setListOpen(open: boolean): void;
  openLesson(key: string | null): void;
  closeLesson(): void;
}

export const useClassroom = create<ClassroomState>()((set) => ({
  open: false,
  presenting: false,
  remote: false,
  blank: false,
  playing: false,
  timeMs: 0,
  shownMs: 0,
  speed: 1,
  selectedTrace: null,
  following: false,
  asking: null,
  revealed: false,
  picked: null,
  listOpen: false,
  lessonOpen: false,
  lessonKey: null,

  setOpen: (open) =>
    set(
      open
        ? { open }
        : {
            open,
            playing: false,
            presenting: false,
            selectedTrace: null,
            following: false,
            asking: null,
            blank: false,
          },
    ),
  setPresenting: (presenting) => set(presenting ? { presenting, open: true } : { presenting, blank: false }),
  setRemote: (remote) => set({ remote }),
  toggleBlank: () => set((s) => ({ blank: !s.blank })),
  setPlaying: (playing) => set((s) => (playing ? { playing } : { playing, shownMs: s.timeMs })),
  seek: (timeMs) =>
    set((s) => {
      const t = Math.max(0, timeMs);
      return s.playing ? { timeMs: t } : { timeMs: t, shownMs: t };
    }),
  show: () => set((s) => (s.shownMs === s.timeMs ? s : { shownMs: s.timeMs })),
  setSpeed: (speed) => set({ speed }),
  selectTrace: (selectedTrace) =>
    set(selectedTrace === null ? { selectedTrace, following: false } : { selectedTrace }),
  follow: (i) => set(i === null ? { following: false } : { selectedTrace: i, following: true }),
  ask: (asking) => set((s) => ({ asking, revealed: false, picked: null, playing: false, shownMs: s.timeMs })),
  reveal: () => set({ revealed: true }),
  pick: (picked) => set({ picked }),
  setListOpen: (listOpen) => set({ listOpen }),
  openLesson: (lessonKey) =>
    set({
      lessonOpen: true,
      lessonKey,
      open: true,
      asking: null,
      revealed: false,
      timeMs: 0,
      shownMs: 0,
      playing: false,
      selectedTrace: null,
    }),
  closeLesson: () => set({ lessonOpen: false, asking: null }),
}));

/** The lesson a scenario document carries, if it has a usable one. */
export function lessonOf(doc: unknown): Lesson | null {
  const l = (doc as { lesson?: unknown } | null)?.lesson as Lesson | undefined;
  if (!l || typeof l !== 'object' || typeof l.title !== 'string') return null;
  return {
    title: l.title,
    summary: l.summary ?? '',
    steps: Array.isArray(l.steps) ? l.steps : [],
    counters: Array.isArray(l.counters) ? l.counters : [],
  };
}

/** Nearest speed in the list (for the speed keys and a share link's value). */
export function nearestSpeed(x: number): number {
  let best: number = SPEEDS[0];
  for (const s of SPEEDS) if (Math.abs(Math.log(s / x)) < Math.abs(Math.log(best / x))) best = s;
  return best;
}
