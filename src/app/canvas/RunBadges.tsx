import type { NodeKind } from '../../engine/kinds/types';
import { selectResult, useRunStore } from '../store/run';
import { useScenarioStore } from '../store/scenario';
import { badgesFor } from './run-badges';

/**
 * The last run's key figures on the node. When the diagram has changed since that run the
 * badges are dimmed and say so: they describe the scenario as it was.
 */
export function RunBadges({ nodeId, kind }: { nodeId: string; kind: NodeKind }) {
  const metrics = useRunStore((s) => selectResult(s)?.nodes[nodeId]?.metrics);
  const stale = useRunStore((s) => s.scenario) !== useScenarioStore((s) => s.doc);
  const badges = badgesFor(kind, metrics);
  if (badges.length === 0) return null;
  return (
    <ul
      className={`run-badges${stale ? ' is-stale' : ''}`}
      aria-label={stale ? 'Last run (before your edits)' : 'Last run'}
      title={stale ? 'From the last run, before your edits' : undefined}
    >
      {badges.map((b) => (
        <li key={b.text} className={`run-badge${b.problem ? ' run-badge--problem' : ''}`} title={b.title}>
          {b.problem ? <span aria-hidden="true">⚠ </span> : null}
          {b.text}
        </li>
      ))}
    </ul>
  );
}
