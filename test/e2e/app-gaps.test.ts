import lzString from 'lz-string';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hasBrowser, openBrowser, type BrowserSession } from './browser';

const mod = process.platform === 'darwin' ? 'Meta' : 'Control';

/** A producer of two event types, a bus, and a function behind a rule. */
const BUS_SCENARIO = {
  format: 'serverless-sim.scenario',
  version: 1,
  name: 'Bus routing',
  notes:
    '## Read me\n\nOrders go **through a bus**, see [the docs](https://aws.amazon.com/eventbridge/).\n\n- one\n- two\n\n<img src=x onerror="window.__pwned=1"> [bad](javascript:alert(1))',
  settings: { durationSeconds: 60, seed: 3 },
  nodes: [
    {
      id: 'shop',
      kind: 'producer',
      label: 'Shop',
      position: { x: 0, y: 0 },
      params: {
        traffic: { shape: 'poisson', ratePerSecond: 5 },
        eventTypes: [
          { name: 'OrderPlaced', weight: 3 },
          { name: 'OrderCancelled', weight: 1 },
        ],
      },
    },
    { id: 'bus', kind: 'eventBus', label: 'Bus', position: { x: 300, y: 0 }, params: {} },
    { id: 'fn', kind: 'function', label: 'Fulfil', position: { x: 600, y: 0 }, params: {} },
  ],
  edges: [
    { id: 'e1', source: 'shop', target: 'bus', params: {} },
    { id: 'e2', source: 'bus', target: 'fn', params: { pattern: { type: ['OrderPlaced'] } } },
  ],
};

describe.skipIf(!hasBrowser)('app: notes, filters, traffic shapes, run shortcut, results dock', () => {
  let s: BrowserSession;
  let page: Page;
  beforeEach(async () => {
    s = await openBrowser({ width: 1440, height: 900 });
    page = s.page;
  });
  afterEach(async () => {
    await s?.close();
  });

  async function openDefault() {
    await page.goto(inject('baseUrl'));
    await page.getByTestId('node-clients').waitFor();
  }

  it('runs on Ctrl/Cmd+Enter, from a field too, and lists the shortcut in the ? sheet', async () => {
    await openDefault();
    await page.locator('#scenario-name').focus();
    await page.keyboard.press(`${mod}+Enter`);
    await page
      .locator('.run-progress-text')
      .filter({ hasText: /^Done:/ })
      .waitFor({ timeout: 60_000 });
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('?');
    const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect.poll(() => sheet.getByText('Ctrl+Enter').count(), { timeout: 10_000 }).toBe(1);
    await s.screenshot('gaps-shortcut-sheet');
  });

  it('renders the notes as Markdown beside the diagram, never as HTML', async () => {
    await page.goto(
      `${inject('baseUrl')}#s=${lzString.compressToEncodedURIComponent(JSON.stringify(BUS_SCENARIO))}`,
    );
    await page.getByTestId('node-shop').waitFor();
    const notes = page.locator('.notes-panel');
    // Folded at first, so that it hides no node; a button opens it.
    await page.getByRole('button', { name: 'Notes' }).click();
    await expect
      .poll(() => notes.getByRole('heading', { name: 'Read me' }).count(), { timeout: 10_000 })
      .toBe(1);
    await expect(notes.locator('strong').textContent()).resolves.toBe('through a bus');
    await expect.poll(() => notes.locator('li').count(), { timeout: 10_000 }).toBe(2);
    await expect(notes.locator('a').getAttribute('href')).resolves.toBe(
      'https://aws.amazon.com/eventbridge/',
    );
    // Raw HTML stays text; a javascript: link is not a link.
    await expect.poll(() => notes.locator('img').count(), { timeout: 10_000 }).toBe(0);
    await expect(notes.textContent()).resolves.toContain('<img src=x');
    await expect.poll(() => notes.locator('a').count(), { timeout: 10_000 }).toBe(1);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await s.screenshot('gaps-notes-panel');
    await page.getByRole('button', { name: 'Hide the notes' }).click();
    await expect.poll(() => notes.count(), { timeout: 10_000 }).toBe(0);
    await page.getByRole('button', { name: 'Notes' }).click();
    await notes.waitFor();
  });

  it('picks an edge pattern from the event types the producers emit', async () => {
    await page.goto(
      `${inject('baseUrl')}#s=${lzString.compressToEncodedURIComponent(JSON.stringify(BUS_SCENARIO))}`,
    );
    await page.getByTestId('node-shop').waitFor();
    await page.getByTestId('rf__edge-e2').click({ force: true });
    const picker = page.locator('fieldset.event-types');
    await picker.waitFor();
    const placed = picker.getByLabel('OrderPlaced');
    const cancelled = picker.getByLabel('OrderCancelled');
    await expect(placed.isChecked()).resolves.toBe(true);
    await expect(cancelled.isChecked()).resolves.toBe(false);
    await cancelled.check();
    await expect(picker.locator('.field__help').first().textContent()).resolves.toMatch(
      /Only OrderPlaced, OrderCancelled pass/,
    );
    await s.screenshot('gaps-edge-pattern');
    await placed.uncheck();
    await cancelled.uncheck();
    await expect(picker.locator('.field__help').first().textContent()).resolves.toMatch(/All events pass/);
  });

  it('shows only the traffic fields the chosen shape uses', async () => {
    await openDefault();
    await page.getByTestId('node-clients').click();
    const shape = page.locator('[data-field="traffic.shape"] select');
    await shape.waitFor();
    const titles = () => page.locator('[data-field^="traffic."] .field__label').allTextContents();
    await shape.selectOption('poisson');
    expect(await titles()).toEqual(['Arrivals', 'Mean rate']);
    await shape.selectOption('spike');
    expect(await titles()).toEqual([
      'Arrivals',
      'Baseline rate',
      'Spike rate',
      'Spike starts at',
      'Spike length',
    ]);
    await s.screenshot('gaps-traffic-spike');
    await shape.selectOption('diurnal');
    expect(await titles()).toEqual(['Arrivals', 'Trough rate', 'Peak rate', 'Period']);
  });

  it('resizes the results by dragging their top edge, and collapses them', async () => {
    await openDefault();
    // The results drawer opens when a run ends.
    await page.keyboard.press('Control+Enter');
    await page
      .locator('.run-progress-text')
      .filter({ hasText: /^Done:/ })
      .waitFor({ timeout: 60_000 });
    const slot = page.locator('.results-slot');
    const before = (await slot.boundingBox())!.height;
    const edge = (await page.getByRole('separator', { name: 'Resize the results panel' }).boundingBox())!;
    await page.mouse.move(edge.x + edge.width / 2, edge.y + 3);
    await page.mouse.down();
    await page.mouse.move(edge.x + edge.width / 2, edge.y - 120, { steps: 8 });
    await page.mouse.up();
    expect((await slot.boundingBox())!.height).toBeGreaterThan(before + 100);
    await page.getByRole('button', { name: 'Hide the results' }).click();
    expect((await slot.boundingBox())!.height).toBeLessThan(80);
    await s.screenshot('gaps-results-collapsed');
  });
});
