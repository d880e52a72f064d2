import { useRef, useState } from 'react';
import { Plus, Upload, X } from 'lucide-react';
import { parseScenarioText } from '../persistence/file-io';
import { TEMPLATES } from '../persistence/templates';
import { useScenarioStore } from '../store/scenario';
import { colorOf } from './compare-colors';
import { MAX_ENTRIES, presetEntries, useCompare, type CompareEntry } from './compare-store';
import { documentTooLarge } from '../../engine/scenario/door';

/** The scenarios being compared, and ways to add more: the diagram, a template, a file, or the preset. */
export function EntryList() {
  const entries = useCompare((s) => s.entries);
  const running = useCompare((s) => s.sweep.phase === 'running' || s.side.status === 'running');
  const [template, setTemplate] = useState(TEMPLATES[0]?.id ?? '');
  const [importError, setImportError] = useState<string | null>(null);
  const file = useRef<HTMLInputElement>(null);
  const full = entries.length >= MAX_ENTRIES;
  const add = (e: Omit<CompareEntry, 'key'>) => useCompare.getState().addEntry(e);

  const onFile = async (f: File) => {
    // Refused by its size before it is read (the limit a pasted document has too).
    const tooLarge = documentTooLarge(f.size);
    if (tooLarge) {
      setImportError(`${f.name}: ${tooLarge}`);
      return;
    }
    const r = parseScenarioText(await f.text());
    if (!r.ok) {
      setImportError(`${f.name}: ${r.errors.slice(0, 3).join('; ')}`);
      return;
    }
    setImportError(null);
    add({ name: r.doc.name, source: 'file', doc: r.doc });
  };

  return (
    <section className="compare-entries" aria-label="Scenarios to compare">
      <ul className="compare-entry-list">
        {entries.map((e, i) => (
          <li key={e.key} className="compare-entry">
            <span className="compare-swatch" style={{ background: colorOf(i) }} aria-hidden="true" />
            <label className="visually-hidden" htmlFor={`compare-name-${e.key}`}>
              Short name of {e.doc.name}
            </label>
            <input
              id={`compare-name-${e.key}`}
              className="input compare-entry-name"
              value={e.name}
              maxLength={40}
              disabled={running}
              onChange={(ev) => useCompare.getState().renameEntry(e.key, ev.target.value)}
            />
            <span className="compare-entry-source" title={e.doc.name}>
              {e.source === 'canvas' ? 'the diagram' : e.source === 'file' ? 'imported' : 'template'} ·{' '}
              {e.doc.name}
            </span>
            <button
              type="button"
              className="icon-button icon-button--small"
              aria-label={`Remove ${e.name}`}
              disabled={running}
              onClick={() => useCompare.getState().removeEntry(e.key)}
            >
              <X size={16} aria-hidden="true" />
            </button>
          </li>
        ))}
        {entries.length === 0 ? (
          <li className="compare-note">No scenarios yet: add two to four below, or open the preset.</li>
        ) : null}
      </ul>
      <div className="compare-add" role="group" aria-label="Add a scenario">
        <button
          type="button"
          className="button"
          disabled={running}
          onClick={() => useCompare.getState().openWith(presetEntries())}
          title="Monolith, tiers, containers and functions: the same workload four ways"
        >
          Open the preset
        </button>
        <button
          type="button"
          className="button"
          disabled={full || running}
          onClick={() => {
            const doc = structuredClone(useScenarioStore.getState().doc);
            add({ name: doc.name, source: 'canvas', doc });
          }}
        >
          <Plus size={16} aria-hidden="true" /> The diagram
        </button>
        <label className="compare-field">
          <span>Template</span>
          <select
            className="input"
            value={template}
            disabled={full || running}
            onChange={(e) => setTemplate(e.target.value)}
          >
            {TEMPLATES.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="button"
          disabled={full || running}
          onClick={() => {
            const t = TEMPLATES.find((x) => x.id === template);
            if (t)
              add({ name: t.id.replace(/^compare-/, ''), source: 'template', doc: structuredClone(t.doc) });
          }}
        >
          <Plus size={16} aria-hidden="true" /> Add template
        </button>
        <button
          type="button"
          className="button"
          disabled={full || running}
          onClick={() => file.current?.click()}
        >
          <Upload size={16} aria-hidden="true" /> Add a file…
        </button>
        <input
          ref={file}
          type="file"
          accept=".json,application/json"
          className="visually-hidden"
          aria-label="Add a scenario file to the comparison"
          tabIndex={-1}
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (f) void onFile(f);
          }}
        />
        <span className="compare-note">
          {entries.length} of {MAX_ENTRIES}
        </span>
      </div>
      {importError ? (
        <p className="compare-error" role="alert">
          Not added: {importError}
        </p>
      ) : null}
    </section>
  );
}
