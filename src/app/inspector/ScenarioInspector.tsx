import { settingsSchema } from '../../engine/scenario/schema';
import { useScenarioStore } from '../store/scenario';
import { ParamsForm } from './ParamsForm';
import { ChecksList } from '../checks/ChecksList';

/** Nothing selected: the scenario's own name, notes and settings. */
export function ScenarioInspector() {
  const doc = useScenarioStore((s) => s.doc);
  const { rename, setNotes, setSettings } = useScenarioStore.getState();
  return (
    <section className="inspector__section" aria-labelledby="inspector-scenario-title">
      <h2 className="inspector__title" id="inspector-scenario-title">
        Scenario
      </h2>
      <p className="inspector__sub">Select a node or a connection to edit it.</p>
      <ChecksList />
      <div className="field">
        <label className="field__label" htmlFor="inspector-scenario-name">
          Name
        </label>
        <input
          id="inspector-scenario-name"
          className="input"
          value={doc.name}
          maxLength={200}
          onChange={(e) => rename(e.target.value)}
        />
      </div>
      <div className="field">
        <label className="field__label" htmlFor="inspector-scenario-notes">
          Notes (Markdown)
        </label>
        <textarea
          id="inspector-scenario-notes"
          className="input input--notes"
          rows={6}
          value={doc.notes ?? ''}
          onChange={(e) => setNotes(e.target.value)}
        />
      </div>
      <h3 className="inspector__h3">Settings</h3>
      <ParamsForm
        schema={settingsSchema}
        params={doc.settings}
        onChange={(next) => {
          // Write the difference as a patch so keys removed by a reset are removed here too.
          const patch: Record<string, unknown> = {};
          for (const k of new Set([...Object.keys(doc.settings), ...Object.keys(next)])) patch[k] = next[k];
          setSettings(patch);
        }}
      />
    </section>
  );
}
