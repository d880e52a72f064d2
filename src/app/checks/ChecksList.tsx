import type { Finding } from '../../engine/checks';
import { useScenarioStore } from '../store/scenario';
import { FindingItem } from './FindingItem';
import { problemFinding } from './problem-finding';
import { StopIcon } from './StopIcon';
import { useValidation } from './validation';
import './checks.css';

/** At most this many findings of one check are listed; a line counts the rest. */
const MAX_PER_CHECK = 20;

/**
 * What stands between the diagram and a run, and what is worth a look before one: the
 * document's validation problems and the learner checks' findings (engine/checks), errors
 * first, each naming its nodes by label, with the AWS source and a Fix where there is one.
 */
export function ChecksList() {
  const doc = useScenarioStore((s) => s.doc);
  const result = useValidation();
  const problems = result.ok ? [] : result.errors.filter((e) => e.check === undefined);
  const errors = result.findings.filter((f) => f.severity === 'error');
  const warnings = result.findings.filter((f) => f.severity === 'warning');
  const told = new Set(warnings.map((f) => f.message));
  const notes = result.ok ? result.warnings.filter((w) => !told.has(w) && !w.startsWith('…and ')) : [];
  const blocking = problems.length + errors.length;

  if (blocking === 0 && warnings.length === 0 && notes.length === 0)
    return (
      <p className="status-ok" role="status">
        <span aria-hidden="true">✓ </span>Ready to run: no problems found.
      </p>
    );
  return (
    <div className="problems checks" aria-label="Checks">
      {blocking > 0 ? (
        <>
          <h3 className="inspector__h3 problems__title">
            <StopIcon /> {blocking} problem{blocking > 1 ? 's' : ''} to fix before running
          </h3>
          <ul className="finding-list">
            {problems.map((e, i) => (
              <FindingItem key={`p${i}`} finding={problemFinding(e, doc, i)} />
            ))}
            <Findings list={errors} />
          </ul>
        </>
      ) : null}
      {warnings.length + notes.length > 0 ? (
        <>
          <h3 className="inspector__h3 checks__title">
            <span aria-hidden="true">⚠ </span>
            Worth a look ({warnings.length + notes.length})
          </h3>
          <ul className="finding-list">
            <Findings list={warnings} />
            {notes.map((w, i) => (
              <li key={`n${i}`} className="finding finding--warning">
                <span className="finding__icon" role="img" aria-label="Worth a look">
                  ⚠
                </span>
                <div className="finding__body">
                  <p className="finding__message">{w}</p>
                </div>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

function Findings({ list }: { list: Finding[] }) {
  const shown = new Map<string, number>();
  const items = [];
  const hidden = new Map<string, number>();
  for (const f of list) {
    const n = (shown.get(f.check) ?? 0) + 1;
    shown.set(f.check, n);
    if (n <= MAX_PER_CHECK) items.push(<FindingItem key={f.id} finding={f} />);
    else hidden.set(f.check, (hidden.get(f.check) ?? 0) + 1);
  }
  return (
    <>
      {items}
      {[...hidden].map(([check, n]) => (
        <li key={`more-${check}`} className="finding finding--more">
          …and {n.toLocaleString('en-US')} more like these
        </li>
      ))}
    </>
  );
}
