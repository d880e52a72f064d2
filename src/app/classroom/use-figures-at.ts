import { approxReason, nodeFiguresAt, type FiguresAt } from './at-time';
import { clockText } from './playback';
import { useReplayData } from './replay-data';
import { useClassroom } from './store';

/**
 * A node's badge figures at the replay's time while the replay is open (null when it is
 * closed: the badges then show the whole run).
 */
export function useFiguresAt(
  node: string,
  kind: string,
): (FiguresAt & { label: string; approxWhy: string }) | null {
  const open = useClassroom((s) => s.open);
  const t = useClassroom((s) => s.shownMs);
  const data = useReplayData();
  if (!open || !data) return null;
  const f = nodeFiguresAt(data, node, kind, t);
  return f
    ? {
        ...f,
        label: `At t = ${clockText(t)}${f.exact ? '' : ' (≈: scaled up from sampled requests)'}`,
        approxWhy: approxReason(data.scale),
      }
    : null;
}
