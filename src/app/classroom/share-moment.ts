import { shareUrl } from '../persistence/share-link';
import type { ScenarioDoc } from '../store/scenario-doc';

/**
 * A share link to a moment of the replay: the scenario (with its seed), then "&t=<seconds>",
 * "&lesson=1" when the lesson is open, "&speed=". Runs are deterministic, so everyone who
 * opens it sees the same state at that time.
 */
export interface Moment {
  timeMs: number;
  lesson: boolean;
  speed?: number;
}

export function momentUrl(
  doc: ScenarioDoc,
  m: Moment,
  location?: { origin: string; pathname: string },
): string {
  let url = shareUrl(doc, location);
  url += `&t=${round3(m.timeMs / 1000)}`;
  if (m.lesson) url += '&lesson=1';
  if (m.speed !== undefined) url += `&speed=${m.speed}`;
  return url;
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** Reads the moment from a share link's hash (null when it has none). */
export function parseMoment(hash: string): Moment | null {
  const parts = hash.split('&').slice(1);
  if (parts.length === 0) return null;
  const params = new URLSearchParams(parts.join('&'));
  const t = Number(params.get('t'));
  const speed = Number(params.get('speed'));
  if (!params.has('t') && !params.has('lesson')) return null;
  const m: Moment = {
    timeMs: Number.isFinite(t) && t > 0 ? t * 1000 : 0,
    lesson: params.get('lesson') === '1',
  };
  if (Number.isFinite(speed) && speed > 0) m.speed = speed;
  return m;
}
