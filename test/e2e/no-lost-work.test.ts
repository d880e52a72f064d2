import type { Page } from 'playwright-core';
import { afterEach, describe, expect, inject, it } from 'vitest';
import {
  downloadBytes,
  hasBrowser,
  openApp,
  openBrowser,
  SCREENSHOTS,
  waitForSave,
  type BrowserSession,
} from './browser';

const nodes = (page: Page) => page.locator('.react-flow__node');
/**
 * Adds a queue, and waits until it is saved where this tab saves: as the work, in History (a tab
 * that does not save the work), or nowhere (storage refused: the test then checks what it says).
 */
async function addQueue(page: Page, savedAs: 'work' | 'tab-not-saving' | 'nowhere') {
  const before = await nodes(page).count();
  await page.getByRole('button', { name: 'Add SQS queue' }).click();
  await expect.poll(() => nodes(page).count()).toBe(before + 1);
  if (savedAs !== 'nowhere') await waitForSave(page, savedAs);
}

describe.skipIf(!hasBrowser)('no lost work', () => {
  let s: BrowserSession | null = null;
  afterEach(async () => {
    await s?.close();
    s = null;
  });

  it('two tabs on the same work: the second says it does not save, and taking over keeps both edits reachable', async () => {
    s = await openApp({ width: 1366, height: 768 });
    const one = s.page;
    const two = await s.context.newPage();
    await two.setViewportSize({ width: 1366, height: 768 });
    await two.goto(inject('baseUrl'));
    await two.getByTestId('node-clients').waitFor();
    const banner = two.getByRole('alert', { name: 'Saving' });
    await expect.poll(() => banner.textContent()).toMatch(/open in another tab, which saves it/);
    expect(await one.getByRole('alert', { name: 'Saving' }).count()).toBe(0);

    // Both tabs edit: one adds a queue, two adds two queues.
    await addQueue(one, 'work');
    await addQueue(two, 'tab-not-saving');
    await addQueue(two, 'tab-not-saving');
    await two.screenshot({ path: `${SCREENSHOTS}/two-tabs-second-tab-1366.png` });

    // Reloading the first tab keeps its edit; the second tab's edits are unsaved, as it said.
    await one.reload();
    await one.getByTestId('node-clients').waitFor();
    await expect.poll(() => nodes(one).count()).toBe(4);
    // The reloaded page may ask for the lock before the page it replaces has let it go; it waits for
    // its own old page and saves again, telling the person nothing (the second tab, which may have
    // heard the lock come free for that moment, is told again that the first tab saves).
    const oneBanner = one.getByRole('alert', { name: 'Saving' });
    expect(await oneBanner.count()).toBe(0);
    await expect.poll(() => banner.textContent()).toMatch(/open in another tab, which saves it/);

    // The second tab takes over: its diagram is saved, the first tab is told.
    await two.getByRole('button', { name: 'Save here instead' }).click();
    await expect.poll(() => two.getByRole('alert', { name: 'Saving' }).count()).toBe(0);
    await expect
      .poll(() => one.getByRole('alert', { name: 'Saving' }).textContent())
      .toMatch(/Another tab took over saving/);
    await one.screenshot({ path: `${SCREENSHOTS}/two-tabs-taken-over-1366.png` });
    await two.reload();
    await two.getByTestId('node-clients').waitFor();
    await expect.poll(() => nodes(two).count()).toBe(5);

    // The first tab's edit is in the history, and comes back.
    await two.getByRole('button', { name: 'History' }).click();
    const list = two.getByRole('list', { name: 'Saved versions' });
    await list.getByRole('listitem').first().waitFor();
    await two.screenshot({ path: `${SCREENSHOTS}/versions-dialog-1366.png` });
    const rows = await list.getByRole('listitem').allTextContents();
    expect(rows.some((r) => r.includes('4 nodes'))).toBe(true);
    const withFour = list.getByRole('listitem').filter({ hasText: '4 nodes' }).first();
    await withFour.getByRole('button', { name: 'Restore' }).click();
    await expect.poll(() => nodes(two).count()).toBe(4);
  }, 120_000);

  it("two tabs edit the same diagram and both reload, nobody taking over: nothing is lost, the other tab's edits are in History", async () => {
    s = await openApp({ width: 1366, height: 768 });
    const one = s.page;
    const two = await s.context.newPage();
    await two.setViewportSize({ width: 1366, height: 768 });
    await two.goto(inject('baseUrl'));
    await two.getByTestId('node-clients').waitFor();
    const banner = two.getByRole('alert', { name: 'Saving' });
    await expect.poll(() => banner.textContent()).toMatch(/Changes made here are kept in History/);
    await addQueue(one, 'work'); // the saved diagram: 4 nodes
    await addQueue(two, 'tab-not-saving');
    await addQueue(two, 'tab-not-saving'); // this tab's diagram: 5 nodes, kept in History only
    await one.reload();
    await two.reload();
    await one.getByTestId('node-clients').waitFor();
    await two.getByTestId('node-clients').waitFor();
    // Both open the saved diagram; whichever tab saves now, the other says so.
    await expect.poll(() => nodes(one).count()).toBe(4);
    await expect.poll(() => nodes(two).count()).toBe(4);
    await expect
      .poll(async () => (await one.getByRole('alert', { name: 'Saving' }).count()) + (await banner.count()))
      .toBe(1);
    // The second tab's edits are one click away, marked as made in a tab that was not saving.
    await two.getByRole('button', { name: 'History' }).click();
    const row = two
      .getByRole('list', { name: 'Saved versions' })
      .getByRole('listitem')
      .filter({ hasText: '5 nodes' })
      .filter({ hasText: 'edits in a tab that was not saving' });
    await expect.poll(() => row.count()).toBe(1);
    for (const [width, height] of [
      [1366, 768],
      [1440, 900],
      [1920, 1080],
    ]) {
      await two.setViewportSize({ width, height });
      await two.screenshot({ path: `${SCREENSHOTS}/versions-other-tab-${width}.png` });
    }
    await row.getByRole('button', { name: 'Restore' }).click();
    await expect.poll(() => nodes(two).count()).toBe(5);
  }, 120_000);

  it('the tab that saves is closed: the other tab says so, continues saving when asked, and nothing is lost', async () => {
    s = await openApp({ width: 1366, height: 768 });
    const one = s.page;
    const two = await s.context.newPage();
    await two.setViewportSize({ width: 1366, height: 768 });
    await two.goto(inject('baseUrl'));
    await two.getByTestId('node-clients').waitFor();
    const banner = two.getByRole('alert', { name: 'Saving' });
    await expect.poll(() => banner.textContent()).toMatch(/open in another tab, which saves it/);
    await addQueue(one, 'work'); // saved by the first tab
    await addQueue(two, 'tab-not-saving');
    await addQueue(two, 'tab-not-saving'); // not saved: the second tab says so
    await one.close();
    await expect.poll(() => banner.textContent()).toMatch(/other tab that saved this diagram was closed/);
    await two.screenshot({ path: `${SCREENSHOTS}/other-tab-closed-1366.png` });
    await banner.getByRole('button', { name: 'Continue here in this tab' }).click();
    await expect.poll(() => two.getByRole('alert', { name: 'Saving' }).count()).toBe(0);
    await addQueue(two, 'work');
    await two.reload();
    await two.getByTestId('node-clients').waitFor();
    await expect.poll(() => nodes(two).count()).toBe(6);
    expect(await two.getByRole('alert', { name: 'Saving' }).count()).toBe(0);
    // What the closed tab saved last (one queue added) is still in History.
    await two.getByRole('button', { name: 'History' }).click();
    const list = two.getByRole('list', { name: 'Saved versions' });
    await list.getByRole('listitem').first().waitFor();
    expect((await list.getByRole('listitem').allTextContents()).some((r) => r.includes('4 nodes'))).toBe(
      true,
    );
  }, 120_000);

  it('with storage full (every IndexedDB write refused for quota) the app says so, and still edits, runs and exports', async () => {
    s = await openBrowser({ width: 1366, height: 768 });
    await s.context.addInitScript(() => {
      IDBObjectStore.prototype.put = function () {
        // Reads still work; every write fails as a full origin quota does.
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
    });
    const page = s.page;
    await page.goto(inject('baseUrl'));
    await page.getByTestId('node-clients').waitFor();
    await addQueue(page, 'nowhere');
    const banner = page.getByRole('alert', { name: 'Saving' });
    await expect.poll(() => banner.textContent()).toMatch(/storage for this page is full/);
    await s.screenshot('storage-full-1366');
    await addQueue(page, 'nowhere');
    await expect.poll(() => nodes(page).count()).toBe(5);
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page
      .locator('.run-progress-text')
      .filter({ hasText: /^Done:/ })
      .waitFor({ timeout: 60_000 });
    const download = page.waitForEvent('download');
    await banner.getByRole('button', { name: 'Export' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.scenario\.json$/);
    const saved = JSON.parse((await downloadBytes(file)).toString('utf8'));
    expect(saved.nodes).toHaveLength(5);
  }, 120_000);

  it('with the origin really out of quota (DevTools sets it to 1 byte) the app says storage is full, and still edits, runs and exports', async () => {
    s = await openBrowser({ width: 1366, height: 768 });
    const page = s.page;
    // Chromium's own quota, not a stubbed API: IndexedDB transactions abort with QuotaExceededError
    // exactly as they do on a full disk or a full origin.
    const cdp = await s.context.newCDPSession(page);
    await cdp.send('Storage.overrideQuotaForOrigin', {
      origin: new URL(inject('baseUrl')).origin,
      quotaSize: 1,
    });
    await page.goto(inject('baseUrl'));
    await page.getByTestId('node-clients').waitFor();
    await addQueue(page, 'nowhere');
    const banner = page.getByRole('alert', { name: 'Saving' });
    await expect
      .poll(() => banner.textContent(), { timeout: 10_000 })
      .toMatch(/storage for this page is full/);
    for (const [width, height] of [
      [1366, 768],
      [1440, 900],
      [1920, 1080],
    ]) {
      await page.setViewportSize({ width, height });
      await s.screenshot(`storage-quota-${width}`);
    }
    await addQueue(page, 'nowhere');
    await expect.poll(() => nodes(page).count()).toBe(5);
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page
      .locator('.run-progress-text')
      .filter({ hasText: /^Done:/ })
      .waitFor({ timeout: 60_000 });
    const download = page.waitForEvent('download');
    await banner.getByRole('button', { name: 'Export' }).click();
    const saved = JSON.parse((await downloadBytes(await download)).toString('utf8'));
    expect(saved.nodes).toHaveLength(5);
    // A reload with the quota still full brings back what was saved before it filled (here:
    // nothing, so the default diagram), never a broken page.
    await page.reload();
    await page.getByTestId('node-clients').waitFor();
  }, 120_000);

  it('a mistaken template replacing the work can be undone after a reload, from History', async () => {
    s = await openApp({ width: 1920, height: 1080 });
    const page = s.page;
    await page.locator('#scenario-name').fill('My own diagram');
    await addQueue(page, 'work');
    await page.getByRole('button', { name: 'Templates' }).click();
    await page
      .getByRole('button', { name: /^Open template .*fan-out/i })
      .first()
      .click();
    await expect.poll(() => page.locator('#scenario-name').inputValue()).not.toBe('My own diagram');
    await waitForSave(page, 'work');
    await page.reload();
    await page.getByRole('button', { name: 'History' }).click();
    const mine = page
      .getByRole('list', { name: 'Saved versions' })
      .getByRole('listitem')
      .filter({ hasText: 'My own diagram' })
      .first();
    await mine.waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}/versions-dialog-1920.png` });
    await mine.getByRole('button', { name: 'Restore' }).click();
    await expect.poll(() => page.locator('#scenario-name').inputValue()).toBe('My own diagram');
    await expect.poll(() => nodes(page).count()).toBe(4);
  }, 120_000);

  it('with storage denied the app says so, and still edits, runs and exports', async () => {
    s = await openBrowser({ width: 1366, height: 768 });
    await s.context.addInitScript(() => {
      Object.defineProperty(window, 'indexedDB', {
        get() {
          throw new DOMException('The user denied storage', 'SecurityError');
        },
      });
    });
    const page = s.page;
    await page.goto(inject('baseUrl'));
    await page.getByTestId('node-clients').waitFor();
    const banner = page.getByRole('alert', { name: 'Saving' });
    await expect.poll(() => banner.textContent()).toMatch(/does not let the page save/);
    await s.screenshot('storage-denied-1366');
    await addQueue(page, 'nowhere');
    await expect.poll(() => nodes(page).count()).toBe(4);
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page
      .locator('.run-progress-text')
      .filter({ hasText: /^Done:/ })
      .waitFor({ timeout: 60_000 });
    const download = page.waitForEvent('download');
    await banner.getByRole('button', { name: 'Export' }).click();
    expect((await download).suggestedFilename()).toMatch(/\.scenario\.json$/);
  }, 120_000);
});
