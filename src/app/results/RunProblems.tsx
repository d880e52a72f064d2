import type { RunFailure } from '../../worker/protocol';
import { useSelectionStore } from '../store/scenario-selection';

/** Why a run did not happen: the scenario's issues (each can point at its node), or a crash. */
export function RunProblems({ error }: { error: RunFailure }) {
  const select = useSelectionStore((s) => s.select);
  if (error.kind === 'crash') {
    return (
      <div className="run-problems" role="alert">
        <h3>The simulation stopped unexpectedly</h3>
        <p>{error.message}</p>
        <p className="results-hint">
          This is a bug, not something in your diagram. The simulator has restarted: you can edit and run
          again.
        </p>
        {error.stack && (
          <details>
            <summary>Technical details</summary>
            <pre>{error.stack}</pre>
          </details>
        )}
      </div>
    );
  }
  return (
    <div className="run-problems" role="alert">
      <h3>
        The diagram cannot run yet: {error.issues.length} {error.issues.length === 1 ? 'problem' : 'problems'}{' '}
        to fix
      </h3>
      <ul className="run-issues">
        {error.issues.map((issue, i) => (
          <li key={i}>
            <span className="run-issue-message">{issue.message}</span>{' '}
            {/* A learner check's sentence names its nodes by label: the path would only add internal words. */}
            {issue.check ? null : <code className="run-issue-path">{issue.path}</code>}
            {(issue.nodeId || issue.edgeId) && (
              <button
                type="button"
                className="link-button"
                onClick={() => select(issue.nodeId ? [issue.nodeId] : [], issue.edgeId ? [issue.edgeId] : [])}
              >
                Show on the diagram
              </button>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
