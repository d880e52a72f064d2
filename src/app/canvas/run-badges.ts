import { KINDS } from '../../engine/kinds/registry';
import type { NodeKind, NodeMetrics } from '../../engine/kinds/vocabulary';
import { fmtCount } from '../results/format';

export interface Badge {
  /** The metric it shows. */
  key: string;
  /** Its word ("inv", "idle"), without the figure. */
  word: string;
  text: string;
  /** Something went wrong here (throttles, errors, dead letters): shown with ⚠, not colour alone. */
  problem: boolean;
  title: string;
}

/** The key figures a node shows after a run: its catalog's badges (kinds/<kind>/catalog.ts), in order. */
const MAX_BADGES = 4;

export function badgesFor(kind: NodeKind, metrics: NodeMetrics | undefined): Badge[] {
  if (!metrics) return [];
  const out: Badge[] = [];
  const declared = KINDS[kind]?.metrics ?? {};
  for (const [key, info] of Object.entries(declared)) {
    const badge = info.badge;
    const v = metrics[key];
    if (!badge || typeof v !== 'number') continue;
    // Problems only when they happened; ordinary figures always.
    if (badge.problem && v <= 0) continue;
    const text = badge.percent ? `${Math.round(v * 100)}% ${badge.word}` : `${fmtCount(v)} ${badge.word}`;
    out.push({ key, word: badge.word, text, problem: !!badge.problem, title: `${key}: ${v}` });
  }
  return out.slice(0, MAX_BADGES);
}
