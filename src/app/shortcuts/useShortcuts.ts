import { useEffect } from 'react';
import { useRunStore } from '../store/run';
import { useScenarioStore } from '../store/scenario';
import { useSelectionStore } from '../store/scenario-selection';
import type { EditorCommands } from './commands';
import { pressed } from './keymap';

/** Typing in a field, or a dialog open: the keys belong to it, not to the canvas. */
function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  if (el.closest?.('dialog[open]')) return true;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

/** Window-level shortcuts, from the keymap (Delete is React Flow's own, so it only acts on the canvas). */
export function useShortcuts(cmd: EditorCommands, openSheet: () => void) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // Run works from anywhere but a dialog, fields included: edit a value, then Ctrl+Enter.
      if (pressed('run', e) && !(e.target as HTMLElement | null)?.closest?.('dialog[open]')) {
        e.preventDefault();
        const run = useRunStore.getState();
        if (run.status !== 'running') void run.run(useScenarioStore.getState().doc);
        return;
      }
      if (isTyping(e.target)) return;
      let handled = true;
      if (pressed('undo', e)) cmd.undo();
      else if (pressed('redo', e)) cmd.redo();
      else if (pressed('copy', e)) cmd.copy();
      else if (pressed('paste', e)) cmd.paste();
      else if (pressed('duplicate', e)) cmd.duplicate();
      else if (pressed('selectAll', e)) cmd.selectAll();
      else if (pressed('showSheet', e)) openSheet();
      else if (pressed('newDiagram', e)) cmd.newDiagram();
      else if (pressed('connect', e)) handled = cmd.focusConnectTo();
      else if (pressed('layout', e)) void cmd.layout();
      else if (pressed('fitView', e)) cmd.fitView();
      else if (pressed('clearSelection', e)) useSelectionStore.getState().clear();
      else handled = false;
      if (handled) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [cmd, openSheet]);
}
