import { useNotices } from '../canvas/notices';
import { useScenarioStore } from '../store/scenario';
import { useSelectionStore } from '../store/scenario-selection';
import { Dialog } from '../ui/Dialog';
import { TEMPLATES } from './templates';
import { TemplateThumb } from './TemplateThumb';

/** First paragraph of a template's notes: enough to choose by. */
function lead(notes: string): string {
  return notes
    .split(/\n\s*\n/)[0]
    .replace(/[*_`#]/g, '')
    .trim();
}

export function TemplatesDialog({ onClose }: { onClose(): void }) {
  const open = (id: string) => {
    const t = TEMPLATES.find((x) => x.id === id);
    if (!t) return;
    useScenarioStore.getState().load(structuredClone(t.doc));
    useSelectionStore.getState().clear();
    useNotices
      .getState()
      .show(`Opened the template “${t.name}”. Undo (Ctrl+Z) brings back your previous diagram.`);
    onClose();
  };
  return (
    <Dialog title="Templates" onClose={onClose} wide>
      <p className="muted">
        Each template is a small architecture with notes on what to notice. Opening one replaces the diagram;
        undo brings yours back.
      </p>
      <ul className="template-list">
        {TEMPLATES.map((t) => (
          <li key={t.id} className="template-card">
            <TemplateThumb doc={t.doc} />
            <h3 className="template-card__name">{t.name}</h3>
            <p className="template-card__notes" title={lead(t.notes)}>
              {lead(t.notes)}
            </p>
            <p className="template-card__meta">
              {t.doc.nodes.length} components · {t.doc.edges.length} connections
            </p>
            <button
              type="button"
              className="button button--primary"
              onClick={() => open(t.id)}
              aria-label={`Open template ${t.name}`}
            >
              Open
            </button>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
