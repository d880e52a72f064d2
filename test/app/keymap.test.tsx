import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import {
  chordLabel,
  chordMatches,
  KEYMAP,
  keysLabel,
  pressed,
  type Chord,
  type Shortcut,
  type ShortcutId,
} from '../../src/app/shortcuts/keymap';
import { ShortcutSheet } from '../../src/app/shortcuts/ShortcutSheet';
import { useShortcuts } from '../../src/app/shortcuts/useShortcuts';
import type { EditorCommands } from '../../src/app/shortcuts/commands';

afterEach(cleanup);

/** Ctrl+Enter runs: the run store stands in, so the test starts no engine. */
const runs = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../src/app/store/run', () => ({
  useRunStore: {
    getState: () => ({
      status: 'idle',
      run: () => {
        runs.count += 1;
      },
    }),
  },
}));

const APP = resolve(import.meta.dirname, '../../src/app');
const ENTRIES = Object.entries(KEYMAP) as [ShortcutId, Shortcut][];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.tsx?$/.test(name) ? [p] : [];
  });
}

/** Every key a person can press, with every combination of modifiers. */
const KEYS = [
  ...'abcdefghijklmnopqrstuvwxyz0123456789',
  ..."?./,;'[]-=`\\!@#$%^&*()+",
  ' ',
  'Enter',
  'Escape',
  'Tab',
  'Backspace',
  'Delete',
  'ArrowLeft',
  'ArrowRight',
  'ArrowUp',
  'ArrowDown',
  'PageUp',
  'PageDown',
  'Home',
  'End',
  'F1',
  'F5',
  'Insert',
];
const PRESSES = KEYS.flatMap((key) =>
  [0, 1, 2, 3, 4, 5, 6, 7].map((m) => ({
    key,
    ctrlKey: (m & 1) !== 0,
    metaKey: false,
    shiftKey: (m & 2) !== 0,
    altKey: (m & 4) !== 0,
  })),
);

function inTable(p: (typeof PRESSES)[number]): ShortcutId[] {
  return ENTRIES.filter(([, s]) => (s.chords as readonly Chord[]).some((c) => chordMatches(c, p))).map(
    ([id]) => id,
  );
}

describe('the keymap: one table for the key handlers and the shortcut sheet', () => {
  it('no key handler in the app reads a key except through the keymap', () => {
    const offenders: string[] = [];
    for (const file of sources(APP)) {
      const rel = relative(APP, file);
      if (rel === join('shortcuts', 'keymap.ts')) continue;
      const text = readFileSync(file, 'utf8');
      const listens = /onKeyDown|onKeyUp|onKeyPress|['"]key(down|up|press)['"]/.test(text);
      // A handler asks the keymap (pressed, or React Flow's key props through flowKeys).
      if (listens && !/\bpressed\(/.test(text)) offenders.push(`${rel}: listens to keys without the keymap`);
      text.split('\n').forEach((line, i) => {
        const ev = String.raw`\b(?:e|ev|evt|event|nativeEvent)`;
        const literal = new RegExp(
          String.raw`${ev}\.key\s*[!=]==?\s*['"\`]|['"\`]\s*[!=]==?\s*${ev}\.key\b|${ev}\.key\.(?:startsWith|endsWith|includes|toLowerCase)|includes\(\s*${ev}\.key|switch\s*\(\s*${ev}\.key|${ev}\.(?:code|keyCode|which)\b`,
        );
        if (literal.test(line)) offenders.push(`${rel}:${i + 1}: ${line.trim()}`);
        if (/KeyCode=\{(?!flowKeys\()/.test(line)) offenders.push(`${rel}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(offenders).toEqual([]);
  });

  it('the sheet shows every entry of the table, with its keys and where they work', () => {
    render(<ShortcutSheet onClose={() => {}} />);
    const dialog = screen.getByRole('dialog', { hidden: true });
    for (const [id, s] of ENTRIES) {
      const row = dialog.querySelector(`tr[data-shortcut="${id}"]`);
      expect(row, id).not.toBeNull();
      expect(row!.querySelector('kbd')!.textContent).toBe(keysLabel(s));
      expect(row!.textContent).toContain(s.what);
      if (s.where) expect(row!.textContent).toContain(s.where);
    }
    expect(dialog.querySelectorAll('tr[data-shortcut]')).toHaveLength(ENTRIES.length);
  });

  it('every chord is named by its row: the letter, the modifiers, Space, the arrows', () => {
    for (const [id, s] of ENTRIES) {
      const label = keysLabel(s);
      for (const c of s.chords as readonly Chord[]) {
        const named =
          label.includes(chordLabel(c)) ||
          (c.key.startsWith('Arrow') && label.includes('Arrow keys')) ||
          (['Shift', 'Meta', 'Control'].includes(c.key) && /Shift|Ctrl/.test(label));
        expect(named, `${id}: ${chordLabel(c)} in "${label}"`).toBe(true);
      }
    }
    expect(keysLabel(KEYMAP.redo)).toBe('Ctrl+Shift+Z or Ctrl+Y');
    expect(keysLabel(KEYMAP.moveNodes)).toBe('Arrow keys');
    expect(keysLabel(KEYMAP.presentation)).toBe('P');
    expect(keysLabel(KEYMAP.playPause)).toBe('Space');
    expect(keysLabel(KEYMAP.blank)).toBe('B or .');
    expect(keysLabel(KEYMAP.stepForward)).toBe('→ or Page Down');
  });

  it('a press matches its chord only with the modifiers the chord names', () => {
    const p = (
      key: string,
      mods: Partial<Record<'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey', boolean>> = {},
    ) => ({
      key,
      ctrlKey: false,
      metaKey: false,
      shiftKey: false,
      altKey: false,
      ...mods,
    });
    expect(pressed('undo', p('z', { ctrlKey: true }))).toBe(true);
    expect(pressed('undo', p('z', { metaKey: true }))).toBe(true);
    expect(pressed('undo', p('Z', { ctrlKey: true, shiftKey: true }))).toBe(false);
    expect(pressed('redo', p('Z', { ctrlKey: true, shiftKey: true }))).toBe(true);
    expect(pressed('connect', p('c'))).toBe(true);
    expect(pressed('connect', p('C', { shiftKey: true }))).toBe(false);
    expect(pressed('connect', p('c', { ctrlKey: true }))).toBe(false);
    expect(pressed('presentation', p('P', { shiftKey: true }))).toBe(true);
    expect(pressed('layout', p('l'))).toBe(false);
    expect(pressed('layout', p('L', { shiftKey: true }))).toBe(true);
    expect(pressed('newDiagram', p('n', { altKey: true }))).toBe(true);
    expect(pressed('newDiagram', p('n'))).toBe(false);
  });

  it('the window shortcuts act on exactly the keys of their rows, and on no other key', () => {
    const calls: string[] = [];
    const cmd = new Proxy(
      {},
      {
        get: (_t, name: string) => () => {
          calls.push(name);
          return true;
        },
      },
    ) as EditorCommands;
    const openSheet = vi.fn(() => calls.push('openSheet'));
    function Probe() {
      useShortcuts(cmd, openSheet);
      return null;
    }
    render(<Probe />);
    // What each command of the window handler is called by, from the table.
    const handler: Partial<Record<ShortcutId, string>> = {
      undo: 'undo',
      redo: 'redo',
      copy: 'copy',
      paste: 'paste',
      duplicate: 'duplicate',
      selectAll: 'selectAll',
      showSheet: 'openSheet',
      newDiagram: 'newDiagram',
      connect: 'focusConnectTo',
      layout: 'layout',
      fitView: 'fitView',
    };
    const answered: string[] = [];
    for (const press of PRESSES) {
      calls.length = 0;
      runs.count = 0;
      const ev = new KeyboardEvent('keydown', { ...press, bubbles: true, cancelable: true });
      document.body.dispatchEvent(ev);
      const ids = inTable(press);
      if (ev.defaultPrevented) {
        answered.push(
          chordLabel({ key: press.key, mod: press.ctrlKey, shift: press.shiftKey, alt: press.altKey }),
        );
        // Answered: the press is in the table, and called that row's command (Escape clears the selection).
        expect(ids.length, `${JSON.stringify(press)} answered but not in the table`).toBeGreaterThan(0);
        const expected = ids.map((id) => handler[id]).filter(Boolean);
        if (ids.includes('run')) expect(runs.count).toBe(1);
        else if (ids.includes('clearSelection')) expect(calls).toEqual([]);
        else expect(expected, JSON.stringify(press)).toContain(calls[0]);
      } else {
        expect(calls, JSON.stringify(press)).toEqual([]);
        expect(runs.count, JSON.stringify(press)).toBe(0);
      }
    }
    // And every row of the window handler is answered.
    for (const id of Object.keys(handler) as ShortcutId[])
      for (const c of KEYMAP[id].chords as readonly Chord[]) {
        if (c.shift === 'any') continue;
        expect(answered, id).toContain(chordLabel(c));
      }
    expect(answered).toContain('Escape');
    expect(answered).toContain('Ctrl+Enter');
  });
});
