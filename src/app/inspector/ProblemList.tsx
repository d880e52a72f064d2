import { useMemo } from 'react';
import { validateScenario } from '../../engine/scenario/validate';
import { issueInWords } from './issue-words';
import { useScenarioStore } from '../store/scenario';
import { useSelectionStore } from '../store/scenario-selection';

/**
 * What stops the scenario from running, straight from the engine's validation, each with a
 * button that selects the node or connection it is about.
 */
export function ProblemList() {
  const doc = useScenarioStore((s) => s.doc);
  const result = useMemo(() => validateScenario(doc), [doc]);
  const select = useSelectionStore((s) => s.select);
  if (result.ok && result.warnings.length === 0) {
    return (
      <p className="status-ok" role="status">
        <span aria-hidden="true">✓ </span>Ready to run: no problems found.
      </p>
    );
  }
  return (
    <div className="problems">
      {!result.ok ? (
        <>
          <h3 className="inspector__h3 problems__title">
            <span aria-hidden="true">⚠ </span>
            {result.errors.length} problem{result.errors.length > 1 ? 's' : ''} to fix before running
          </h3>
          <ul className="problem-list">
            {result.errors.map((e, i) => (
              <li key={i} className="problem-list__item">
                {e.nodeId || e.edgeId ? (
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => select(e.nodeId ? [e.nodeId] : [], e.edgeId ? [e.edgeId] : [])}
                  >
                    {issueInWords(e, doc)}
                  </button>
                ) : (
                  issueInWords(e, doc)
                )}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {result.ok && result.warnings.length > 0 ? (
        <>
          <h3 className="inspector__h3">Worth a look</h3>
          <ul className="problem-list problem-list--warnings">
            {result.warnings.map((w, i) => (
              <li key={i} className="problem-list__item">
                {w}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
