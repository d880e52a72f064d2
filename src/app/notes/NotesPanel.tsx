import { Panel } from '@xyflow/react';
import { NotebookText, X } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useClassroom } from '../classroom/store';
import { useScenarioStore } from '../store/scenario';
import { Markdown } from './markdown';

const OPEN_KEY = 'sim.notes.open';

function storedOpen(): boolean {
  try {
    return localStorage.getItem(OPEN_KEY) === '1';
  } catch {
    return false;
  }
}

/**
 * The scenario's notes, rendered as Markdown on the canvas’s top-right corner (they are edited
 * in the inspector when nothing is selected). Starts folded to a button, so that it never
 * hides a node of a diagram someone just opened; opened, it stays open (remembered).
 */
export function NotesPanel() {
  const notes = useScenarioStore((s) => s.doc.notes ?? '');
  const [open, setOpen] = useState(storedOpen);
  // The classroom puts its own panels on the canvas: the notes step aside meanwhile.
  const classroom = useClassroom((s) => s.open);
  useEffect(() => {
    try {
      localStorage.setItem(OPEN_KEY, open ? '1' : '0');
    } catch {
      /* not remembered */
    }
  }, [open]);
  if (!notes.trim() || classroom) return null;
  return (
    <Panel position="top-right" className="notes-panel-slot">
      {open ? (
        <section className="notes-panel" aria-labelledby="notes-panel-title">
          <header className="notes-panel__head">
            <h2 id="notes-panel-title" className="notes-panel__title">
              <NotebookText size={16} aria-hidden="true" /> Notes
            </h2>
            <button
              type="button"
              className="icon-button icon-button--small"
              aria-label="Hide the notes"
              title="Hide the notes"
              aria-expanded="true"
              onClick={() => setOpen(false)}
            >
              <X size={16} aria-hidden="true" />
            </button>
          </header>
          <Markdown source={notes} className="markdown notes-panel__body" />
        </section>
      ) : (
        <button
          type="button"
          className="button notes-panel__show"
          aria-expanded="false"
          onClick={() => setOpen(true)}
        >
          <NotebookText size={16} aria-hidden="true" /> Notes
        </button>
      )}
    </Panel>
  );
}
