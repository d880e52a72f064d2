import type { Finding } from '../../engine/checks';
import { useScenarioStore } from '../store/scenario';
import { useSelectionStore } from '../store/scenario-selection';
import { StopIcon } from './StopIcon';

const SEVERITY_WORDS = { error: 'Must fix before running', warning: 'Worth a look' } as const;

/**
 * One learner finding: its severity, the sentence (a button that selects the node it is
 * about, unless that node is already the one shown), the AWS source, and its one-click fix.
 */
export function FindingItem({ finding, selectable = true }: { finding: Finding; selectable?: boolean }) {
  const applyFix = useScenarioStore((s) => s.applyFix);
  const select = useSelectionStore((s) => s.select);
  const { severity, message, source, fix } = finding;
  return (
    <li className={`finding finding--${severity}`} data-check={finding.check}>
      <span
        className="finding__icon"
        role="img"
        aria-label={SEVERITY_WORDS[severity]}
        title={SEVERITY_WORDS[severity]}
      >
        {severity === 'error' ? <StopIcon /> : '⚠'}
      </span>
      <div className="finding__body">
        {selectable && (finding.nodeIds.length > 0 || (finding.edgeIds?.length ?? 0) > 0) ? (
          <button
            type="button"
            className="link-button finding__message"
            onClick={() =>
              finding.nodeIds.length > 0
                ? select(finding.nodeIds.slice(0, 1), [])
                : select([], finding.edgeIds!.slice(0, 1))
            }
          >
            {message}
          </button>
        ) : (
          <p className="finding__message">{message}</p>
        )}
        {source || fix ? (
          <div className="finding__actions">
            {fix ? (
              <button
                type="button"
                className="button button--small finding__fix"
                onClick={() => applyFix(fix)}
              >
                Fix: {fix.label}
              </button>
            ) : null}
            {source ? (
              source.url ? (
                <a className="finding__source" href={source.url} target="_blank" rel="noreferrer noopener">
                  AWS source {source.tag}
                </a>
              ) : (
                <span className="finding__source">AWS source {source.tag}</span>
              )
            ) : null}
          </div>
        ) : null}
      </div>
    </li>
  );
}
