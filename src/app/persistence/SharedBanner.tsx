import { useSession } from './session';

/** Shown while a shared scenario is open: the person's own work is safe, and one click away. */
export function SharedBanner() {
  const mode = useSession((s) => s.mode);
  const backToWork = useSession((s) => s.backToWork);
  const keepShared = useSession((s) => s.keepShared);
  if (mode !== 'shared') return null;
  return (
    <div className="shared-banner" role="region" aria-label="Shared scenario">
      <span>
        <strong>You opened a shared scenario.</strong> Your own saved work is kept as it was.
      </span>
      <button type="button" className="button" onClick={() => void backToWork()}>
        Back to my work
      </button>
      <button type="button" className="button" onClick={() => void keepShared()}>
        Keep this as my work (replaces it)
      </button>
    </div>
  );
}
