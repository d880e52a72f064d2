/**
 * Moving the playhead, as pure functions: where a frame of real time takes it, where a step
 * lands. Lesson pause points are stops: playing never runs past one without stopping on it.
 */

export interface Advance {
  timeMs: number;
  /** Index (into stops) of the stop the playhead landed on, or null. */
  stop: number | null;
  /** The end of the run was reached. */
  ended: boolean;
}

/**
 * One frame of playback: `realMs` of wall time at `speed` (simulated ms per real ms) from t.
 * Lands on the first stop in (t, t + step], else on t + step, else on the end.
 */
export function advance(
  t: number,
  realMs: number,
  speed: number,
  stopsMs: readonly number[],
  endMs: number,
): Advance {
  const next = t + Math.max(0, realMs) * speed;
  let best: number | null = null;
  for (let i = 0; i < stopsMs.length; i++) {
    const s = stopsMs[i];
    if (s > t && s <= next && s <= endMs && (best === null || s < stopsMs[best])) best = i;
  }
  if (best !== null) return { timeMs: stopsMs[best], stop: best, ended: false };
  if (next >= endMs) return { timeMs: endMs, stop: null, ended: true };
  return { timeMs: next, stop: null, ended: false };
}

/** The stop exactly at t, if any (a step or a share link landing on a pause point). */
export function stopAt(t: number, stopsMs: readonly number[]): number | null {
  const i = stopsMs.findIndex((s) => Math.abs(s - t) < 1e-6);
  return i >= 0 ? i : null;
}

/** A clock for simulated time: "42.0 s", "3:05.2", "1:02:03". */
export function clockText(ms: number): string {
  const s = Math.max(0, ms) / 1000;
  if (s < 60) return `${s.toFixed(s < 10 ? 2 : 1)} s`;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const ss = sec.toFixed(1).padStart(4, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss.slice(0, 2)}` : `${m}:${ss}`;
}

/** A good starting speed: a typical trace takes about two seconds to watch. */
export function defaultSpeed(typicalTraceMs: number, speeds: readonly number[]): number {
  const want = typicalTraceMs / 2000;
  let best = speeds[0];
  for (const s of speeds) if (s <= want) best = s;
  return best;
}
