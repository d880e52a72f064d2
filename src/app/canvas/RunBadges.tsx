import type { NodeKind } from '../../engine/kinds/vocabulary';
import { selectResult, useRunStore } from '../store/run';
import { useScenarioStore } from '../store/scenario';
import { useFiguresAt } from '../classroom/use-figures-at';
import { badgesFor } from './run-badges';
import { NOT_AT_T } from '../classroom/counters';

/**
 * The last run's key figures on the node. When the diagram has changed since that run the
 * badges are dimmed and say so: they describe the scenario as it was.
 */
export function RunBadges({ nodeId, kind, px }: { nodeId: string; kind: NodeKind; px?: number }) {
  const whole = useRunStore((s) => selectResult(s)?.nodes[nodeId]?.metrics);
  const stale = useRunStore((s) => s.scenario) !== useScenarioStore((s) => s.doc);
  // While a replay is open the badges count up to its time, like everything else on screen.
  const atT = useFiguresAt(nodeId, kind);
  const metrics = atT ? atT.values : whole;
  const badges = badgesFor(kind, metrics);
  // The whole run's figures that have no value at t are left off, and the node says so (never a
  // whole-run figure beside values at t).
  const later = atT ? badgesFor(kind, whole).filter((b) => !(b.key in atT.values)) : [];
  if (badges.length === 0 && later.length === 0) return null;
  // Zoomed out (compact) the node shows its main figure and its first problem, so it is no
  // taller than with full detail (the fitted view was measured with that height); the rest
  // stay for screen readers and in the results.
  const firstProblem = badges.findIndex((b) => b.problem);
  const shown = (i: number) => px === undefined || i === 0 || i === firstProblem;
  return (
    <ul
      // Zoomed out so far that they could not be read (px 0), the figures stay for screen
      // readers and in the results; the node shows its icon and label only.
      className={`run-badges${stale ? ' is-stale' : ''}${atT ? ' run-badges--at-t' : ''}${px === 0 ? ' visually-hidden' : ''}`}
      style={px ? { fontSize: `${px}px` } : undefined}
      aria-label={atT ? atT.label : stale ? 'Last run (before your edits)' : 'Last run'}
      title={atT ? atT.label : stale ? 'From the last run, before your edits' : undefined}
      data-testid={`badges-${nodeId}`}
    >
      {badges.map((b, i) => (
        <li
          key={b.text}
          className={`run-badge${b.problem ? ' run-badge--problem' : ''}${shown(i) ? '' : ' visually-hidden'}`}
          title={b.title}
        >
          {b.problem ? <span aria-hidden="true">⚠ </span> : null}
          {atT?.approx.has(b.key) ? <span title={atT.approxWhy}>≈ </span> : null}
          {b.text}
        </li>
      ))}
      {later.length > 0 && px === undefined ? (
        <li className="run-badge run-badge--later" title={NOT_AT_T} data-testid={`not-at-t-${nodeId}`}>
          {later.map((b) => b.word).join(', ')}: not counted at t
        </li>
      ) : null}
    </ul>
  );
}
