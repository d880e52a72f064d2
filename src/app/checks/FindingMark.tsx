import { useNodeFindings } from './validation';
import './checks.css';

/**
 * A small mark on a canvas node that a learner check is about: red for a problem that stops a
 * run, amber for one worth a look. Its tooltip is the first sentence; the inspector has all.
 */
export function FindingMark({ nodeId }: { nodeId: string }) {
  const mine = useNodeFindings(nodeId);
  if (!mine) return null;
  const n = mine.findings.length;
  const what =
    mine.severity === 'error'
      ? `${n} problem${n > 1 ? 's' : ''} to fix before running`
      : `${n} thing${n > 1 ? 's' : ''} worth a look`;
  return (
    <span
      className={`finding-mark finding-mark--${mine.severity}`}
      role="img"
      aria-label={what}
      title={`${what}: ${mine.findings[0].message}`}
      data-testid={`finding-mark-${nodeId}`}
    >
      {mine.severity === 'error' ? '!' : n}
    </span>
  );
}
