import type { Result } from '../../engine/result';

/** Things to know before trusting the numbers: a run that stopped early, the engine's warnings. */
export function RunNotices({ result, stale }: { result: Result; stale: boolean }) {
  const inc = result.incomplete;
  if (!inc && result.warnings.length === 0 && !stale) return null;
  return (
    <div className="run-notices">
      {stale && (
        <p className="notice notice-info">
          The diagram has changed since this run: press Run to see the new numbers.
        </p>
      )}
      {inc && (
        <p className="notice notice-warn" role="status">
          <strong>
            {inc.reason === 'cancelled' ? 'Stopped: these are partial results.' : 'The run stopped early.'}
          </strong>{' '}
          {inc.message}
        </p>
      )}
      {result.warnings.length > 0 && (
        <ul className="notice notice-info run-warnings" aria-label="Warnings">
          {result.warnings.map((w, i) => (
            <li key={i}>{w}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
