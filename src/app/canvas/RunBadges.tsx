import type { NodeKind } from '../../engine/kinds/vocabulary';
import { selectResult, useRunStore } from '../store/run';
import { useScenarioStore } from '../store/scenario';
import { useFiguresAt } from '../classroom/use-figures-at';
import { badgesFor } from './run-badges';

/**
 * The last run's key figures on the node. When the diagram has changed since that run the
 * badges are dimmed and say so: they describe the scenario as it was.
 */
export function RunBadges({ nodeId, kind }: { nodeId: string; kind: NodeKind }) {
  const whole = useRunStore((s) => selectResult(s)?.nodes[nodeId]?.metrics);
  const stale = useRunStore((s) => s.scenario) !== useScenarioStore((s) => s.doc);
  // While a replay is open the badges count up to its time, like everything else on screen.
  const atT = useFiguresAt(nodeId, kind);
  const metrics = atT ? atT.values : whole;
  const badges = badgesFor(kind, metrics);
  if (badges.length === 0) return null;
  return (
    <ul
      className={`run-badges${stale ? ' is-stale' : ''}${atT ? ' run-badges--at-t' : ''}`}
      aria-label={atT ? atT.label : stale ? 'Last run (before your edits)' : 'Last run'}
      title={atT ? atT.label : stale ? 'From the last run, before your edits' : undefined}
      data-testid={`badges-${nodeId}`}
    >
      {badges.map((b) => (
        <li key={b.text} className={`run-badge${b.problem ? ' run-badge--problem' : ''}`} title={b.title}>
          {b.problem ? <span aria-hidden="true">⚠ </span> : null}
          {atT && !atT.exact ? '≈ ' : null}
          {b.text}
        </li>
      ))}
    </ul>
  );
}
