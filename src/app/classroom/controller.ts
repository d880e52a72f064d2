import { useRunStore } from '../store/run';
import { useScenarioStore } from '../store/scenario';
import { advance, defaultSpeed, stopAt } from './playback';
import { markAnswered, markFinished } from './progress';
import { nextEvent, prevEvent } from './replay';
import { currentReplayData } from './replay-data';
import { classroomRunOptions } from './run-options';
import { SPEEDS, lessonOf, useClassroom } from './store';

/**
 * What the buttons, keys and the frame loop do to the playhead. Every move goes through
 * seek(): the picture is then recomputed from the recorded run and the new time.
 */

/** The lesson of the scenario the shown result describes (else of the document on screen). */
export function currentLesson() {
  const run = useRunStore.getState() as { resultScenario?: unknown; scenario: unknown; result: unknown };
  return (
    lessonOf(run.result ? (run.resultScenario ?? run.scenario) : null) ??
    lessonOf(useScenarioStore.getState().doc)
  );
}

/** Lesson pause points, ms, when the lesson is open. */
export function stopsMs(): number[] {
  if (!useClassroom.getState().lessonOpen) return [];
  return (currentLesson()?.steps ?? []).map((s) => s.atSeconds * 1000);
}

export function endMs(): number {
  return currentReplayData()?.replay.durationMs ?? 0;
}

function lessonKey(): string | null {
  return useClassroom.getState().lessonKey ?? currentLesson()?.title ?? null;
}

/** While playing, React's clock and counters catch up with the playhead this often (real ms). */
export const SHOW_EVERY_MS = 125;
let sinceShown = 0;

/** One frame of real time while playing. */
export function tick(realMs: number): void {
  const c = useClassroom.getState();
  if (!c.playing || c.asking !== null) return;
  const end = endMs();
  const a = advance(c.timeMs, realMs, c.speed, stopsMs(), end);
  c.seek(a.timeMs);
  sinceShown += realMs;
  if (sinceShown >= SHOW_EVERY_MS) {
    sinceShown = 0;
    c.show();
  }
  if (a.stop !== null) c.ask(a.stop);
  else if (a.ended) {
    c.setPlaying(false);
    const key = lessonKey();
    if (key && c.lessonOpen) markFinished(key);
  }
}

export function play(): void {
  const c = useClassroom.getState();
  if (c.asking !== null) {
    continueLesson();
    return;
  }
  if (c.timeMs >= endMs() - 1e-6) c.seek(0);
  c.setPlaying(true);
}

export function togglePlay(): void {
  if (useClassroom.getState().playing) useClassroom.getState().setPlaying(false);
  else play();
}

/** → / PageDown: reveal the answer, then continue; otherwise jump to the next recorded moment. */
export function stepForward(): void {
  const c = useClassroom.getState();
  if (c.asking !== null) {
    if (!c.revealed) reveal();
    else continueLesson();
    return;
  }
  const data = currentReplayData();
  if (!data) return;
  c.setPlaying(false);
  const t = nextEvent(data.replay, c.timeMs, stopsMs());
  c.seek(t);
  const s = stopAt(t, stopsMs());
  if (s !== null) c.ask(s);
}

/** ← / PageUp: the previous recorded moment. */
export function stepBack(): void {
  const c = useClassroom.getState();
  const data = currentReplayData();
  if (!data) return;
  c.setPlaying(false);
  c.ask(null);
  c.seek(prevEvent(data.replay, c.timeMs, stopsMs()));
}

/** Dragging the timeline: exact, and never asks (a teacher looking for a moment). */
export function scrub(t: number): void {
  const c = useClassroom.getState();
  if (c.asking !== null) c.ask(null);
  c.seek(Math.min(Math.max(0, t), endMs()));
}

export function reveal(): void {
  const c = useClassroom.getState();
  if (c.asking === null) return;
  c.reveal();
  const key = lessonKey();
  if (key) markAnswered(key, c.asking);
}

export function continueLesson(): void {
  const c = useClassroom.getState();
  if (c.asking !== null && !c.revealed) reveal();
  c.ask(null);
  c.setPlaying(true);
}

export function setSpeed(speed: number): void {
  useClassroom.getState().setSpeed(speed);
}

/**
 * Makes sure the shown result can be replayed: the scenario on screen has been run with
 * traces and the recording. Runs it again when not (runs are deterministic: same numbers).
 */
export async function ensureReplayRun(): Promise<void> {
  const run = useRunStore.getState();
  const doc = useScenarioStore.getState().doc;
  const shown = (run as { resultScenario?: unknown }).resultScenario ?? run.scenario;
  const fresh = run.result && shown === doc && run.result.recording && run.result.traces.length > 0;
  if (fresh || run.status === 'running') return;
  await run.run(doc, classroomRunOptions(doc));
  const data = currentReplayData();
  if (data) {
    const c = useClassroom.getState();
    if (c.timeMs > data.replay.durationMs) c.seek(0);
    // A pace at which one request can be followed by eye.
    if (!speedChosen) c.setSpeed(defaultSpeed(typicalTraceMs(data.replay.traces), SPEEDS));
  }
}

let speedChosen = false;
/** A speed someone picked (or a share link carried) is kept across runs. */
export function keepSpeed(): void {
  speedChosen = true;
}

function typicalTraceMs(traces: readonly { startMs: number; endMs: number }[]): number {
  if (traces.length === 0) return 1000;
  const d = traces.map((t) => t.endMs - t.startMs).sort((a, b) => a - b);
  return d[Math.floor(d.length / 2)];
}
