import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chordMatches, KEYMAP, keysLabel, type Chord, type Shortcut } from '../../src/app/shortcuts/keymap';
import { hasBrowser, openApp, runToEnd, type BrowserSession } from './browser';

const ENTRIES = Object.values(KEYMAP) as Shortcut[];

/** Every key a person can press, alone and with each modifier. */
const KEYS = [
  ...'abcdefghijklmnopqrstuvwxyz0123456789',
  ...'?./,;[]-=',
  ' ',
  'Enter',
  'Escape',
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
];
const PRESSES = KEYS.flatMap((key) =>
  [0, 1, 2, 4].map((m) => ({
    key,
    ctrlKey: (m & 1) !== 0,
    metaKey: false,
    shiftKey: (m & 2) !== 0,
    altKey: (m & 4) !== 0,
  })),
);
const NOT_IN_TABLE = PRESSES.filter(
  (p) => !ENTRIES.some((s) => (s.chords as readonly Chord[]).some((c) => chordMatches(c, p))),
);

/**
 * Presses that are in no row of the keymap, sent to what has the focus: the ones some
 * handler answered anyway (it called preventDefault), which the sheet would not explain.
 */
async function answeredOutsideTable(page: Page): Promise<string[]> {
  return page.evaluate((presses) => {
    const out: string[] = [];
    for (const p of presses) {
      const target = document.activeElement ?? document.body;
      const ev = new KeyboardEvent('keydown', { ...p, bubbles: true, cancelable: true });
      target.dispatchEvent(ev);
      if (ev.defaultPrevented) out.push(JSON.stringify(p));
    }
    return out;
  }, NOT_IN_TABLE);
}

const viewportX = (page: Page, id: string) =>
  page
    .locator(`.react-flow__node[data-id="${id}"]`)
    .evaluate((el) => new DOMMatrix(getComputedStyle(el).transform).e);

describe.skipIf(!hasBrowser)('the keys: the sheet lists every key the app answers to, and they act', () => {
  let s: BrowserSession | undefined;
  afterEach(async () => {
    await s?.close();
    s = undefined;
  });

  it('the sheet shows every row of the keymap, P, Space, the arrows and C among them', async () => {
    s = await openApp({ width: 1440, height: 900 });
    const { page } = s;
    await page.locator('body').focus();
    await page.keyboard.press('?');
    const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await sheet.waitFor();
    const keys = await sheet.locator('kbd').allTextContents();
    for (const entry of ENTRIES) expect(keys).toContain(keysLabel(entry));
    for (const k of [
      'P',
      'Space',
      'Arrow keys',
      '→ or Page Down',
      'C',
      'M',
      'B or .',
      'Alt+N',
      'Shift+L',
      'Shift+F',
    ])
      expect(keys).toContain(k);
    await s.screenshot('shortcut-sheet');
  });

  it('no key outside the keymap is answered: on the page, on a node, with the replay open, presenting', async () => {
    s = await openApp({ width: 1440, height: 900 });
    const { page } = s;
    expect(NOT_IN_TABLE.length).toBeGreaterThan(150);
    await page.locator('body').focus();
    expect(await answeredOutsideTable(page)).toEqual([]);
    await page.locator('.react-flow__node[data-id="api"]').focus();
    await page.keyboard.press('Enter');
    expect(await answeredOutsideTable(page)).toEqual([]);
    await runToEnd(page);
    await page.getByRole('button', { name: 'Replay requests on the canvas' }).click();
    await page.getByTestId('replay-clock').waitFor({ timeout: 60_000 });
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    expect(await answeredOutsideTable(page)).toEqual([]);
    await page.keyboard.press('p');
    await expect.poll(() => page.locator('html').getAttribute('data-present')).toBe('true');
    expect(await answeredOutsideTable(page)).toEqual([]);
  });

  it('C, the arrows, Space, → and P act as the sheet says', async () => {
    s = await openApp({ width: 1440, height: 900 });
    const { page } = s;

    // C on a selected node: the "Connect to…" chooser takes the focus (a topic to connect to).
    await page.getByRole('button', { name: 'Add SNS topic' }).click();
    await page.getByTestId('node-topic').waitFor();
    await page.locator('.react-flow__node[data-id="handler"]').focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('c');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('inspector-connect-to');

    // Arrows on the selected node move it (React Flow's own keys, given by the keymap's row).
    await page.locator('.react-flow__node[data-id="api"]').focus();
    await page.keyboard.press('Enter');
    const x0 = await viewportX(page, 'api');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => viewportX(page, 'api')).toBeGreaterThan(x0);
    await page.keyboard.press('Control+z');

    // The replay: Space plays and pauses, → steps, from the page.
    await runToEnd(page);
    await page.getByRole('button', { name: 'Replay requests on the canvas' }).click();
    const clock = page.getByTestId('replay-clock');
    await clock.waitFor({ timeout: 60_000 });
    // Keys from the page, not from the button just pressed (Space would press it again).
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const t0 = await clock.textContent();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => clock.textContent()).not.toBe(t0);
    await page.keyboard.press('Space');
    await page.getByRole('button', { name: 'Pause', exact: true }).waitFor();
    await page.keyboard.press('Space');
    await page.getByRole('button', { name: 'Play', exact: true }).waitFor();

    // P: presentation mode on, and off again.
    await page.keyboard.press('p');
    await expect.poll(() => page.locator('html').getAttribute('data-present')).toBe('true');
    await page.keyboard.press('p');
    await expect.poll(() => page.locator('html').getAttribute('data-present')).toBeNull();
  });
});
