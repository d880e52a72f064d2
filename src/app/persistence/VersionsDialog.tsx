import { useEffect, useState } from 'react';
import { Dialog } from '../ui/Dialog';
import { useSession } from './session';
import { MAX_VERSIONS, type SavedVersion } from './versions';

const TIME = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** The last saves of the work, newest first, each one click from coming back. */
export function VersionsDialog({ onClose }: { onClose(): void }) {
  const [versions, setVersions] = useState<SavedVersion[] | null>(null);
  const restore = useSession((s) => s.restore);
  useEffect(() => {
    void useSession
      .getState()
      .versions()
      .then(setVersions, () => setVersions([]));
  }, []);
  return (
    <Dialog
      title="Saved versions"
      onClose={onClose}
      footer={
        <button type="button" className="button button--primary" onClick={onClose}>
          Close
        </button>
      }
    >
      <p>
        The last {MAX_VERSIONS} saves of your diagram: a new one every minute of editing, and one before
        anything is deleted or replaced (a lesson, an import, a template). Restoring is an edit you can undo.
      </p>
      {versions === null ? <p>Reading…</p> : null}
      {versions?.length === 0 ? <p>No saved versions yet.</p> : null}
      <ul className="problem-list" aria-label="Saved versions">
        {versions?.map((v, i) => (
          <li key={`${v.savedAt}-${i}`} className="problem-list__item version-row">
            <span>
              <strong>{TIME.format(v.savedAt)}</strong> — {v.doc.name} ({v.doc.nodes.length} nodes,{' '}
              {v.doc.edges.length} connections){i === 0 ? ' · latest' : ''}
              {v.fromTabNotSaving ? ' · edits in a tab that was not saving' : ''}
            </span>
            <button
              type="button"
              className="button"
              onClick={() => {
                restore(v);
                onClose();
              }}
            >
              Restore
            </button>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
