import lzString from 'lz-string';
import type { Locator, Page } from 'playwright-core';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { hasBrowser, openApp, openBrowser, viewAtRest, type BrowserSession } from './browser';

/** Drags with real mouse events, in steps, so React Flow sees a connection being drawn. */
async function drawEdge(page: Page, from: Locator, to: Locator) {
  // The view may still be fitting itself just after opening: wait until both handles stay put.
  const boxes = async () => JSON.stringify([await from.boundingBox(), await to.boundingBox()]);
  let last = '';
  await expect
    .poll(async () => {
      const now = await boxes();
      const still = now === last;
      last = now;
      return still;
    })
    .toBe(true);
  const a = (await from.boundingBox())!;
  const b = (await to.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 15 });
  await page.mouse.up();
}
const edges = (page: Page) => page.locator('.react-flow__edge');
const handle = (page: Page, id: string, side: 'left' | 'right') =>
  page.locator(`[data-id="${id}"] .react-flow__handle-${side}`);

const fn = (id: string, label: string, x: number, y: number) => ({
  id,
  kind: 'function',
  label,
  position: { x, y },
  params: {},
});

async function openWith(doc: unknown, size: { width: number; height: number }, first: string) {
  const s = await openBrowser(size);
  await s.page.goto(`${inject('baseUrl')}#s=${lzString.compressToEncodedURIComponent(JSON.stringify(doc))}`);
  await s.page.getByTestId(`node-${first}`).waitFor();
  const show = s.page.getByRole('button', { name: 'Show the inspector' });
  if (await show.count()) await show.click();
  return s;
}

/** A bus whose one rule (every event) already has 5 targets, and a sixth function beside it. */
const FIVE_TARGETS = {
  format: 'serverless-sim.scenario',
  version: 1,
  name: 'Six targets on one rule',
  settings: { durationSeconds: 60 },
  nodes: [
    { id: 'shop', kind: 'producer', label: 'Shop', position: { x: 0, y: 200 }, params: {} },
    { id: 'bus', kind: 'eventBus', label: 'Orders bus', position: { x: 300, y: 200 }, params: {} },
    ...['Bill', 'Ship', 'Mail', 'Audit', 'Stock'].map((l, i) => fn(`f${i}`, l, 700, i * 110)),
    fn('f5', 'Loyalty', 700, 560),
  ],
  edges: [
    { id: 'e0', source: 'shop', target: 'bus', params: {} },
    ...[0, 1, 2, 3, 4].map((i) => ({ id: `r${i}`, source: 'bus', target: `f${i}`, params: {} })),
  ],
};

/** A bucket that already notifies one function, and a second function beside it. */
const ONE_NOTIFICATION = {
  format: 'serverless-sim.scenario',
  version: 1,
  name: 'Uploads',
  settings: { durationSeconds: 60 },
  nodes: [
    { id: 'users', kind: 'producer', label: 'Users', position: { x: 0, y: 100 }, params: {} },
    { id: 'uploads', kind: 'bucket', label: 'Uploads', position: { x: 300, y: 100 }, params: {} },
    fn('thumbs', 'Thumbnails', 650, 0),
    fn('index', 'Index', 650, 220),
  ],
  edges: [
    { id: 'e0', source: 'users', target: 'uploads', params: {} },
    { id: 'e1', source: 'uploads', target: 'thumbs', params: {} },
  ],
};

describe.skipIf(!hasBrowser)('checks that refuse', () => {
  let s: BrowserSession | undefined;
  afterEach(async () => {
    await s?.close();
    s = undefined;
  });

  it('a sixth target on one EventBridge rule: ⛔ with the sentence, the mark on the bus, its source, and Run refuses', async () => {
    s = await openWith(FIVE_TARGETS, { width: 1440, height: 900 }, 'bus');
    const page = s.page;
    await expect.poll(() => page.locator('.finding[data-check="rule-targets"]').count()).toBe(0);
    await drawEdge(page, handle(page, 'bus', 'right'), handle(page, 'f5', 'left'));
    const finding = page.locator('.finding[data-check="rule-targets"]');
    await finding.waitFor();
    // The new connection is selected; with nothing selected the inspector lists every check.
    await page.locator('.canvas .react-flow__pane').click({ position: { x: 5, y: 5 } });
    await expect
      .poll(() => page.getByText('1 problem to fix before running').count(), { timeout: 10_000 })
      .toBe(1);
    await expect(finding.textContent()).resolves.toContain(
      'Orders bus sends every event to 6 targets, but an EventBridge rule has at most 5',
    );
    await expect(finding.getByRole('link', { name: /AWS source \[EB-TARGETS\]/ }).count()).resolves.toBe(1);
    await expect(page.getByTestId('finding-mark-bus').getAttribute('title')).resolves.toContain(
      'an EventBridge rule has at most 5',
    );
    for (const [w, h] of [
      [1366, 768],
      [1440, 900],
      [1920, 1080],
    ]) {
      await page.setViewportSize({ width: w, height: h });
      await viewAtRest(page);
      await s.screenshot(`checks-rule-targets-${w}`);
    }
    await page.getByRole('button', { name: /Run/ }).first().click();
    await expect
      .poll(() => page.getByText(/The diagram cannot run yet: 1 problem/).count(), { timeout: 10_000 })
      .toBe(1);
    await s.screenshot('checks-rule-targets-run-refused-1920');
    // The sentence names the nodes by label; no internal path ("edges[6]") beside it.
    await expect(page.locator('.run-issues').textContent()).resolves.not.toMatch(/edges\[/);
    // The sign is drawn (an emoji would be an empty box without an emoji font).
    await expect(finding.locator('.finding__icon svg.stop-icon').count()).resolves.toBe(1);
    // Undo takes the sixth target away, and the diagram may run again.
    await page.keyboard.press('Control+z');
    await expect.poll(() => finding.count(), { timeout: 10_000 }).toBe(0);
  });

  it('a second S3 notification destination is refused while drawing, with the way to fan out', async () => {
    s = await openWith(ONE_NOTIFICATION, { width: 1366, height: 768 }, 'uploads');
    const page = s.page;
    await expect.poll(() => edges(page).count()).toBe(2);
    await drawEdge(page, handle(page, 'uploads', 'right'), handle(page, 'index', 'left'));
    const refusal = page.getByTestId('refusal');
    await refusal.waitFor();
    await expect(refusal.textContent()).resolves.toContain(
      'Bucket Uploads already notifies Thumbnails, and one S3 event type can have only one destination. To reach Index too, let the bucket notify an SNS topic and subscribe both to it.',
    );
    expect(await edges(page).count()).toBe(2);
    await s.screenshot('checks-s3-second-destination-1366');
  });

  it('a JSON file that is not a scenario is told so, and the diagram is kept', async () => {
    s = await openApp({ width: 1440, height: 900 });
    const page = s.page;
    await page.getByTestId('node-clients').waitFor();
    await page.getByTestId('import-file').setInputFiles({
      name: 'package.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify({ name: 'my-app', version: '1.0.0', dependencies: {} })),
    });
    const dialog = page.getByRole('dialog', { name: 'This file cannot be imported' });
    await dialog.waitFor();
    const said = await dialog.textContent();
    expect(said).toContain('this is not a scenario file');
    expect(said).toContain('"name", "version", "dependencies"');
    expect(said).not.toContain('must be 1');
    await s.screenshot('checks-not-a-scenario-1440');
    await dialog.getByRole('button', { name: 'OK' }).click();
    await page.getByTestId('node-clients').waitFor();
  });
});
