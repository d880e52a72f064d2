import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { hasBrowser, openApp, waitForSave, type BrowserSession } from './browser';

/** Drags with real mouse events, in steps, so React Flow sees a connection being drawn. */
async function dragMouse(page: Page, from: Locator, to: Locator) {
  const a = (await from.boundingBox())!;
  const b = (await to.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 15 });
  await page.mouse.up();
}

const nodes = (page: Page) => page.locator('.react-flow__node');
const edges = (page: Page) => page.locator('.react-flow__edge');
const isMac = process.platform === 'darwin';
const mod = isMac ? 'Meta' : 'Control';

describe.skipIf(!hasBrowser)('editor', () => {
  let s: BrowserSession;
  let page: Page;
  beforeEach(async () => {
    s = await openApp();
    page = s.page;
  });
  afterEach(async () => {
    await s?.close();
  });

  it('opens on the default template with its nodes and connections on the canvas', async () => {
    expect(await nodes(page).count()).toBe(3);
    expect(await edges(page).count()).toBe(2);
    await expect(page.getByTestId('node-handler').textContent()).resolves.toContain('Handle command');
    await expect(page.locator('#scenario-name').inputValue()).resolves.toBe(
      'API → function (command pattern)',
    );
    await s.screenshot('editor-default-template');
  });

  it('adds nodes by dragging from the palette and by clicking', async () => {
    await page.dragAndDrop('button[data-kind="queue"]', '.react-flow__pane', {
      targetPosition: { x: 300, y: 120 },
    });
    await page.getByTestId('node-queue').waitFor();
    expect(await nodes(page).count()).toBe(4);
    // The new node is selected: the inspector shows its kind.
    await expect(page.locator('#inspector-node-title').textContent()).resolves.toBe('SQS queue');

    await page.getByRole('button', { name: 'Add SNS topic' }).click();
    await page.getByTestId('node-topic').waitFor();
    expect(await nodes(page).count()).toBe(5);
    await s.screenshot('editor-added-nodes');
  });

  it('connects two nodes, and refuses a connection AWS does not allow, saying why', async () => {
    await page.getByRole('button', { name: 'Add SQS queue' }).click();
    await page.getByTestId('node-queue').waitFor();
    // function → queue is a send: allowed.
    await dragMouse(
      page,
      page.locator('[data-id="handler"] .react-flow__handle-right'),
      page.locator('[data-id="queue"] .react-flow__handle-left'),
    );
    await expect.poll(() => edges(page).count()).toBe(3);

    // producer → function is not: the client must go through an API.
    await dragMouse(
      page,
      page.locator('[data-id="clients"] .react-flow__handle-right'),
      page.locator('[data-id="handler"] .react-flow__handle-left'),
    );
    const refusal = page.getByTestId('refusal');
    await refusal.waitFor();
    const text = await refusal.textContent();
    expect(text).toContain('Connection refused');
    expect(text).toContain('cannot hand work to a Lambda function');
    expect(await edges(page).count()).toBe(3);
    await s.screenshot('editor-refused-connection');
  });

  it('flags an invalid parameter on its field and does not write it', async () => {
    await page.getByTestId('node-handler').click();
    const memory = page.getByLabel('Memory', { exact: true });
    await expect(memory.inputValue()).resolves.toBe('512');
    await memory.fill('50');
    const alert = page.locator('[data-field="memoryMB"] .field__error');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('must be 128–10,240 MB');
    expect(await memory.getAttribute('aria-invalid')).toBe('true');
    // The scenario still holds 512 MB: the node's summary says so.
    expect(await page.getByTestId('node-handler').textContent()).toContain('512 MB');
    await s.screenshot('editor-invalid-parameter');

    await memory.fill('1024');
    await expect.poll(() => page.getByTestId('node-handler').textContent()).toContain('1024 MB');
    expect(await alert.count()).toBe(0);
  });

  it('undoes and redoes with the keyboard and the buttons', async () => {
    await page.getByRole('button', { name: 'Add Lambda function' }).click();
    await page.getByTestId('node-function').waitFor();
    expect(await nodes(page).count()).toBe(4);
    await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
    await page.keyboard.press(`${mod}+z`);
    await expect.poll(() => nodes(page).count()).toBe(3);
    await page.keyboard.press(`${mod}+Shift+z`);
    await expect.poll(() => nodes(page).count()).toBe(4);
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await expect.poll(() => nodes(page).count()).toBe(3);
    await page.getByRole('button', { name: 'Redo', exact: true }).click();
    await expect.poll(() => nodes(page).count()).toBe(4);
    await s.screenshot('editor-after-redo');
  });

  it('restores the work after a reload', async () => {
    await page.locator('#scenario-name').fill('My queue experiment');
    await page.getByRole('button', { name: 'Add SQS queue' }).click();
    await page.getByTestId('node-queue').waitFor();
    await waitForSave(page, 'work');
    await page.reload();
    await page.getByTestId('node-queue').waitFor();
    expect(await nodes(page).count()).toBe(4);
    await expect(page.locator('#scenario-name').inputValue()).resolves.toBe('My queue experiment');
    await s.screenshot('editor-restored-after-reload');
  });

  it('lists the errors of an invalid import and keeps the diagram', async () => {
    const bad = {
      format: 'serverless-sim.scenario',
      version: 1,
      name: 'Broken',
      nodes: [
        { id: 'f', kind: 'function', params: { memoryMB: 50 } },
        { id: 'x', kind: 'mainframe' },
      ],
      edges: [],
    };
    await page.getByTestId('import-file').setInputFiles({
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(bad)),
    });
    const dialog = page.getByRole('dialog', { name: 'This file cannot be imported' });
    await dialog.waitFor();
    const text = await dialog.textContent();
    expect(text).toContain('memoryMB');
    expect(text).toContain('must be 128–10,240 MB');
    expect(text).toContain('mainframe');
    expect(text).toContain('Your diagram has not been changed');
    await s.screenshot('editor-import-errors');
    await dialog.getByRole('button', { name: 'OK' }).click();
    expect(await nodes(page).count()).toBe(3);
    await expect(page.locator('#scenario-name').inputValue()).resolves.toBe(
      'API → function (command pattern)',
    );
  });

  it('opens a share link as the same scenario, beside the saved work', async () => {
    await page.locator('#scenario-name').fill('Shared demo');
    await page.getByRole('button', { name: 'Add SNS topic' }).click();
    await page.getByTestId('node-topic').waitFor();
    await page.getByRole('button', { name: 'Share' }).click();
    const url = await page.locator('#share-url').inputValue();
    expect(url).toContain('#s=');
    await page.keyboard.press('Escape');

    // The person's own work moves on after sharing.
    await page.locator('#scenario-name').fill('My own work');
    await waitForSave(page, 'work');

    await page.goto(url);
    await page.reload(); // a hash-only navigation does not reload the page
    await page.getByTestId('node-topic').waitFor();
    await expect(page.locator('#scenario-name').inputValue()).resolves.toBe('Shared demo');
    expect(await nodes(page).count()).toBe(4);
    await page.getByRole('region', { name: 'Shared scenario' }).waitFor();
    await s.screenshot('editor-share-link');

    await page.getByRole('button', { name: 'Back to my work' }).click();
    await expect.poll(() => page.locator('#scenario-name').inputValue()).toBe('My own work');
    expect(page.url()).not.toContain('#s=');
  });

  it("shows the last run's key figures as badges on the nodes, in the dark theme too", async () => {
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    const badges = page.getByTestId('node-handler').locator('.run-badge');
    await badges.first().waitFor({ timeout: 60_000 });
    expect(await badges.allTextContents()).toEqual(
      expect.arrayContaining([expect.stringMatching(/\d[\d,.kM]* inv$/)]),
    );
    await page.getByRole('button', { name: 'Switch to dark theme' }).click();
    await expect(page.locator('html').getAttribute('data-theme')).resolves.toBe('dark');
    await s.screenshot('editor-run-badges-dark');
  });

  it('duplicates with the keyboard, lays out the diagram and shows the shortcut sheet', async () => {
    await page.getByTestId('node-handler').click();
    await page.keyboard.press(`${mod}+d`);
    await page.getByTestId('node-function').waitFor();
    expect(await nodes(page).count()).toBe(4);
    await page.getByRole('button', { name: 'Auto-layout' }).click();
    // The copy no longer overlaps the original once elk has placed it.
    await expect
      .poll(async () => {
        const a = (await page.getByTestId('node-handler').boundingBox())!;
        const b = (await page.getByTestId('node-function').boundingBox())!;
        return a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
      })
      .toBe(true);
    await page.locator('.react-flow__pane').click({ position: { x: 10, y: 10 } });
    await page.keyboard.press('Shift+?');
    const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await sheet.waitFor();
    expect(await sheet.textContent()).toContain('Duplicate the selection');
    await s.screenshot('editor-layout-and-shortcuts');
  });
});
