import { useScenarioStore } from '../store/scenario';
import { downloadScenario } from './file-io';
import { useSession } from './session';

/**
 * Says when this tab is not saving the diagram (another tab saves it, or the browser refused)
 * and offers what keeps the work: saving here instead, or exporting it as a file.
 */
export function SaveStatus() {
  const saving = useSession((s) => s.saving);
  const note = useSession((s) => s.savingNote);
  const saveHere = useSession((s) => s.saveHere);
  const closed = useSession((s) => s.otherTabClosed);
  if (saving === 'here') return null;
  return (
    <div className="shared-banner save-status" role="alert" aria-label="Saving">
      <span>
        <strong>{saving === 'failed' ? 'Not saved.' : 'Not saved in this tab.'}</strong> {note} The diagram
        still works here: export it to keep it.
      </span>
      {saving === 'otherTab' ? (
        <button type="button" className="button" onClick={() => void saveHere()}>
          {closed ? 'Continue here in this tab' : 'Save here instead'}
        </button>
      ) : null}
      <button
        type="button"
        className="button"
        onClick={() => downloadScenario(useScenarioStore.getState().doc)}
      >
        Export
      </button>
    </div>
  );
}
