/** The keyboard shortcuts, as the sheet shows them (Ctrl means ⌘ on a Mac). */
export const SHORTCUTS: { keys: string; what: string }[] = [
  { keys: 'Ctrl+Enter', what: 'Run the simulation (also from a field)' },
  { keys: 'Ctrl+Z', what: 'Undo' },
  { keys: 'Ctrl+Shift+Z or Ctrl+Y', what: 'Redo' },
  { keys: 'Ctrl+C', what: 'Copy the selected nodes' },
  { keys: 'Ctrl+V', what: 'Paste' },
  { keys: 'Ctrl+D', what: 'Duplicate the selection' },
  { keys: 'Ctrl+A', what: 'Select everything' },
  { keys: 'Delete or Backspace', what: 'Delete the selection' },
  { keys: 'Shift+click or drag with Shift', what: 'Select several' },
  { keys: 'Tab, then Enter', what: 'Focus a node, select it' },
  { keys: 'Arrow keys', what: 'Move the selected nodes' },
  { keys: 'Shift+L', what: 'Auto-layout' },
  { keys: 'Shift+F', what: 'Fit the diagram to the screen' },
  { keys: 'Escape', what: 'Clear the selection, close a dialog' },
  { keys: '?', what: 'Show this sheet' },
];
