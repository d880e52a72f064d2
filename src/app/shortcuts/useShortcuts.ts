import { useEffect } from 'react';
import { useRunStore } from '../store/run';
import { useScenarioStore } from '../store/scenario';
import { useSelectionStore } from '../store/scenario-selection';
import type { EditorCommands } from './commands';

/** Typing in a field, or a dialog open: the keys belong to it, not to the canvas. */
function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  if (el.closest?.('dialog[open]')) return true;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

/** Window-level shortcuts (Delete is React Flow's own, so it only acts on the canvas). */
export function useShortcuts(cmd: EditorCommands, openSheet: () => void) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      // Run works from anywhere but a dialog, fields included: edit a value, then Ctrl+Enter.
      if (mod && e.key === 'Enter' && !(e.target as HTMLElement | null)?.closest?.('dialog[open]')) {
        e.preventDefault();
        const run = useRunStore.getState();
        if (run.status !== 'running') void run.run(useScenarioStore.getState().doc);
        return;
      }
      if (isTyping(e.target)) return;
      const key = e.key.toLowerCase();
      let handled = true;
      if (mod && key === 'z' && !e.shiftKey) cmd.undo();
      else if (mod && ((key === 'z' && e.shiftKey) || key === 'y')) cmd.redo();
      else if (mod && key === 'c') cmd.copy();
      else if (mod && key === 'v') cmd.paste();
      else if (mod && key === 'd') cmd.duplicate();
      else if (mod && key === 'a') cmd.selectAll();
      else if (!mod && e.key === '?') openSheet();
      else if (e.altKey && !mod && key === 'n') cmd.newDiagram();
      else if (!mod && !e.altKey && !e.shiftKey && key === 'c') handled = cmd.focusConnectTo();
      else if (!mod && e.shiftKey && key === 'l') void cmd.layout();
      else if (!mod && e.shiftKey && key === 'f') cmd.fitView();
      else if (e.key === 'Escape') useSelectionStore.getState().clear();
      else handled = false;
      if (handled) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [cmd, openSheet]);
}
