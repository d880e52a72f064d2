/**
 * Every key the app answers to, in one table: the key handlers ask it whether a key press is
 * theirs (`pressed`), React Flow gets its key props from it, and the shortcut sheet is drawn
 * from it. A key that is not here is not answered (test/app/keymap.test.ts checks the sources
 * and the handlers; the e2e test presses some of them).
 */

/** One key press. `mod` is Ctrl, or ⌘ on a Mac. Left out, a modifier must not be held; `'any'`: either. */
export interface Chord {
  /** `KeyboardEvent.key`; a letter matches either case. */
  key: string;
  mod?: boolean | 'any';
  shift?: boolean | 'any';
  alt?: boolean | 'any';
}

export type Section =
  'Build and edit' | 'The canvas' | 'Replay and presentation' | 'Panels, fields and lists';

export interface Shortcut {
  section: Section;
  chords: readonly Chord[];
  /** Where the keys work, when not anywhere on the page ("in the component search"). */
  where?: string;
  what: string;
  /** How the sheet writes the keys, when the chords alone would read badly. */
  label?: string;
}

const ARROWS: readonly Chord[] = [
  { key: 'ArrowLeft' },
  { key: 'ArrowRight' },
  { key: 'ArrowUp' },
  { key: 'ArrowDown' },
];

export const KEYMAP = {
  run: {
    section: 'Build and edit',
    chords: [{ key: 'Enter', mod: true }],
    what: 'Run the simulation (also from a field)',
  },
  undo: {
    section: 'Build and edit',
    chords: [{ key: 'z', mod: true }],
    what: 'Undo (one step per field edit, not per keystroke)',
  },
  redo: {
    section: 'Build and edit',
    chords: [
      { key: 'z', mod: true, shift: true },
      { key: 'y', mod: true },
    ],
    what: 'Redo',
  },
  newDiagram: {
    section: 'Build and edit',
    chords: [{ key: 'n', alt: true }],
    what: 'New blank diagram (undoable)',
  },
  copy: { section: 'Build and edit', chords: [{ key: 'c', mod: true }], what: 'Copy the selected nodes' },
  paste: { section: 'Build and edit', chords: [{ key: 'v', mod: true }], what: 'Paste' },
  duplicate: {
    section: 'Build and edit',
    chords: [{ key: 'd', mod: true }],
    what: 'Duplicate the selection',
  },
  selectAll: { section: 'Build and edit', chords: [{ key: 'a', mod: true }], what: 'Select everything' },
  deleteSelection: {
    section: 'Build and edit',
    chords: [{ key: 'Delete' }, { key: 'Backspace' }],
    what: 'Delete the selection',
  },
  addFirstMatch: {
    section: 'Build and edit',
    chords: [{ key: 'Enter' }],
    where: 'in the component search',
    what: 'Add the first match',
  },
  connect: {
    section: 'Build and edit',
    chords: [{ key: 'c' }],
    what: 'Connect the selected node to… (lists only the targets AWS allows)',
  },
  connectPick: {
    section: 'Build and edit',
    chords: [{ key: 'Enter' }],
    where: 'in "Connect to…"',
    what: 'Make the connection to the chosen node',
  },
  showSheet: { section: 'Build and edit', chords: [{ key: '?', shift: 'any' }], what: 'Show this sheet' },

  multiSelect: {
    section: 'The canvas',
    chords: [{ key: 'Shift' }, { key: 'Meta' }, { key: 'Control' }],
    label: 'Shift (or Ctrl) + click, or drag with Shift',
    what: 'Select several',
  },
  selectNode: {
    section: 'The canvas',
    chords: [{ key: 'Enter' }, { key: ' ' }],
    label: 'Tab, then Enter or Space',
    what: 'Focus a node (nodes come before anything else on the canvas), select it',
  },
  moveNodes: {
    section: 'The canvas',
    // React Flow moves a selected node with an arrow whatever else is held (Shift: 4 times further).
    chords: ARROWS.map((c) => ({ ...c, shift: 'any' as const, mod: 'any' as const, alt: 'any' as const })),
    where: 'on a selected node',
    what: 'Move the selected nodes (with Shift: four times as far)',
  },
  pan: {
    section: 'The canvas',
    chords: [{ key: ' ' }],
    label: 'Space + drag',
    what: 'Pan the view (dragging the background pans too)',
  },
  clearSelection: {
    section: 'The canvas',
    chords: [{ key: 'Escape' }],
    what: 'Clear the selection (or close a dialog)',
  },
  layout: { section: 'The canvas', chords: [{ key: 'l', shift: true }], what: 'Auto-layout' },
  fitView: {
    section: 'The canvas',
    chords: [{ key: 'f', shift: true }],
    what: 'Fit the diagram to the screen',
  },

  presentation: {
    section: 'Replay and presentation',
    chords: [{ key: 'p', shift: 'any' }],
    what: 'Presentation mode on or off',
  },
  playPause: {
    section: 'Replay and presentation',
    chords: [{ key: ' ' }],
    where: 'with the replay open',
    what: 'Play or pause',
  },
  stepForward: {
    section: 'Replay and presentation',
    chords: [{ key: 'ArrowRight' }, { key: 'PageDown' }],
    where: 'with the replay open, not on a node',
    what: 'Next step (a presenter clicker sends Page Down)',
  },
  stepBack: {
    section: 'Replay and presentation',
    chords: [{ key: 'ArrowLeft' }, { key: 'PageUp' }],
    where: 'with the replay open, not on a node',
    what: 'Previous step',
  },
  blank: {
    section: 'Replay and presentation',
    chords: [
      { key: 'b', shift: 'any' },
      { key: '.', shift: 'any' },
    ],
    where: 'presenting',
    what: 'Blank the screen, or show it again',
  },
  leavePresentation: {
    section: 'Replay and presentation',
    chords: [{ key: 'Escape' }],
    where: 'presenting',
    what: 'Leave presentation mode',
  },
  serviceMap: {
    section: 'Replay and presentation',
    chords: [{ key: 'm', shift: 'any' }],
    where: 'with the replay open',
    what: 'Show or hide the service map at its time',
  },

  resizePanel: {
    section: 'Panels, fields and lists',
    chords: [...ARROWS, { key: 'PageUp' }, { key: 'PageDown' }, { key: 'Home' }, { key: 'End' }],
    label: 'Arrow keys, Page Up / Page Down, Home / End',
    where: 'on a panel edge',
    what: 'Resize the panel (in small or big steps, or to its limits)',
  },
  foldPanel: {
    section: 'Panels, fields and lists',
    chords: [{ key: 'Enter' }, { key: ' ' }],
    where: 'on a panel edge',
    what: 'Fold or unfold the panel',
  },
  fieldRevert: {
    section: 'Panels, fields and lists',
    chords: [{ key: 'Escape' }],
    where: 'in a field',
    what: 'Put back the value it had before you typed',
  },
  fieldKeep: {
    section: 'Panels, fields and lists',
    chords: [{ key: 'Enter' }],
    where: 'in a table cell',
    what: 'Keep the value and leave the cell',
  },
  nextTab: {
    section: 'Panels, fields and lists',
    chords: [{ key: 'ArrowLeft' }, { key: 'ArrowRight' }],
    where: 'on the comparison tabs',
    what: 'The other tab',
  },
  pick: {
    section: 'Panels, fields and lists',
    chords: [{ key: 'Enter' }, { key: ' ' }],
    where: 'on a node of the service map',
    what: 'Pick it (its figures, its waterfall)',
  },
  closeHandout: {
    section: 'Panels, fields and lists',
    chords: [{ key: 'Escape' }],
    where: 'in the handout',
    what: 'Close it',
  },
} as const satisfies Record<string, Shortcut>;

export type ShortcutId = keyof typeof KEYMAP;

export const SECTIONS: readonly Section[] = [
  'Build and edit',
  'The canvas',
  'Replay and presentation',
  'Panels, fields and lists',
];

type KeyLike = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>;

function same(a: string, b: string): boolean {
  return a.length === 1 && b.length === 1 ? a.toLowerCase() === b.toLowerCase() : a === b;
}

/** Whether a key press is one of `chord`'s. */
export function chordMatches(c: Chord, e: KeyLike): boolean {
  if (!same(c.key, e.key)) return false;
  const held = (want: boolean | 'any' | undefined, is: boolean) => want === 'any' || Boolean(want) === is;
  return held(c.mod, e.ctrlKey || e.metaKey) && held(c.alt, e.altKey) && held(c.shift, e.shiftKey);
}

/** Whether a key press is the shortcut `id`. */
export function pressed(id: ShortcutId, e: KeyLike): boolean {
  return (KEYMAP[id].chords as readonly Chord[]).some((c) => chordMatches(c, e));
}

/** The keys of `id` as React Flow's key props take them (a key name, or several). */
export function flowKeys(id: ShortcutId): string[] {
  return (KEYMAP[id].chords as readonly Chord[]).map((c) => c.key);
}

const KEY_NAMES: Record<string, string> = {
  ' ': 'Space',
  ArrowLeft: '←',
  ArrowRight: '→',
  ArrowUp: '↑',
  ArrowDown: '↓',
  PageUp: 'Page Up',
  PageDown: 'Page Down',
  Meta: '⌘',
  Control: 'Ctrl',
};

/** One chord as the sheet writes it: "Ctrl+Shift+Z", "Alt+N", "Space", "→". */
export function chordLabel(c: Chord): string {
  const name = KEY_NAMES[c.key] ?? (c.key.length === 1 ? c.key.toUpperCase() : c.key);
  return `${c.mod === true ? 'Ctrl+' : ''}${c.alt === true ? 'Alt+' : ''}${c.shift === true ? 'Shift+' : ''}${name}`;
}

/** A shortcut's keys as the sheet writes them; the four arrows together are "Arrow keys". */
export function keysLabel(s: Shortcut): string {
  if (s.label) return s.label;
  const chords = [...s.chords];
  const arrows = ARROWS.every((a) => chords.some((c) => c.key === a.key && c.mod !== true && c.alt !== true));
  const rest = arrows ? chords.filter((c) => !c.key.startsWith('Arrow')) : chords;
  return [...(arrows ? ['Arrow keys'] : []), ...rest.map(chordLabel)].join(' or ');
}
