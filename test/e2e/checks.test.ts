import lzString from 'lz-string';
import { afterEach, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { hasBrowser, openBrowser, type BrowserSession } from './browser';

/** S3 → SNS → SQS → Lambda, and nothing writing to the bucket: the mistake of issue 10. */
const NO_PRODUCER = {
  format: 'serverless-sim.scenario',
  version: 1,
  name: 'Uploads fan-out, no producer',
  settings: { durationSeconds: 60 },
  nodes: [
    { id: 'uploads', kind: 'bucket', label: 'Uploads', position: { x: 0, y: 0 }, params: {} },
    { id: 'new-files', kind: 'topic', label: 'New files', position: { x: 300, y: 0 }, params: {} },
    {
      id: 'work',
      kind: 'queue',
      label: 'Work queue',
      position: { x: 600, y: 0 },
      params: { visibilityTimeoutSeconds: 60 },
    },
    {
      id: 'worker',
      kind: 'function',
      label: 'Worker',
      position: { x: 900, y: 0 },
      params: { timeoutMs: 10000 },
    },
  ],
  edges: [
    { id: 'e1', source: 'uploads', target: 'new-files', params: {} },
    { id: 'e2', source: 'new-files', target: 'work', params: {} },
    { id: 'e3', source: 'work', target: 'worker', params: {} },
  ],
};

async function openWith(doc: unknown, size: { width: number; height: number }) {
  const s = await openBrowser(size);
  await s.page.goto(`${inject('baseUrl')}#s=${lzString.compressToEncodedURIComponent(JSON.stringify(doc))}`);
  await s.page.getByTestId('node-uploads').waitFor();
  const show = s.page.getByRole('button', { name: 'Show the inspector' });
  if (await show.count()) await show.click();
  return s;
}

describe.skipIf(!hasBrowser)('learner checks in the app', () => {
  let s: BrowserSession | undefined;
  afterEach(async () => {
    await s?.close();
    s = undefined;
  });

  for (const size of [
    { width: 1440, height: 900 },
    { width: 1366, height: 768 },
    { width: 1920, height: 1080 },
  ])
    it(`no producer: the finding names the bucket by label, marks the nodes, and its Fix adds a producer (${size.width}×${size.height})`, async () => {
      s = await openWith(NO_PRODUCER, size);
      const page = s.page;
      const checks = page.getByRole('region', { name: 'Checks' }).or(page.locator('.checks'));
      const finding = page.locator('.finding[data-check="no-traffic"]');
      await finding.waitFor();
      await expect(finding.textContent()).resolves.toContain(
        'Nothing writes to Uploads, so it and what it feeds (New files, Work queue and Worker) stay idle in a run',
      );
      await expect.poll(() => page.getByText('Ready to run').count(), { timeout: 10_000 }).toBe(0);
      // Every node of the dead chain carries a mark with the sentence in its tooltip.
      for (const id of ['uploads', 'new-files', 'work', 'worker'])
        await expect(page.getByTestId(`finding-mark-${id}`).getAttribute('title')).resolves.toContain(
          'Nothing writes to Uploads',
        );
      await s.screenshot(`checks-no-producer-${size.width}`);

      await finding.getByRole('button', { name: /^Fix: Add a producer writing to Uploads$/ }).click();
      await expect.poll(() => finding.count()).toBe(0);
      await page.getByTestId('node-producer').waitFor();
      // The producer lands left of Uploads; if that is off the canvas, the view refits to show it.
      const inside = async () => {
        const canvas = await page.locator('.canvas .react-flow').boundingBox();
        const node = await page.getByTestId('node-producer').boundingBox();
        return (
          !!canvas &&
          !!node &&
          node.x >= canvas.x &&
          node.y >= canvas.y &&
          node.x + node.width <= canvas.x + canvas.width &&
          node.y + node.height <= canvas.y + canvas.height
        );
      };
      await expect.poll(inside, { timeout: 10_000 }).toBe(true);
      await expect.poll(() => page.getByTestId('finding-mark-uploads').count(), { timeout: 10_000 }).toBe(0);
      await expect
        .poll(() => page.getByText('Ready to run: no problems found.').count(), { timeout: 10_000 })
        .toBe(1);
      expect(await checks.count()).toBe(0);
      await s.screenshot(`checks-fixed-${size.width}`);

      // The fix is one undo step.
      await page.keyboard.press('Control+z');
      await finding.waitFor();
      await expect.poll(() => page.getByTestId('node-producer').count(), { timeout: 10_000 }).toBe(0);
    });

  it('a destination on an SQS-fed function: clicking the finding selects the function, whose inspector offers the fix', async () => {
    const doc = structuredClone(NO_PRODUCER);
    doc.nodes.unshift({
      id: 'shop',
      kind: 'producer',
      label: 'Shop',
      position: { x: -300, y: 0 },
      params: {},
    });
    doc.nodes.push({
      id: 'failed',
      kind: 'queue',
      label: 'Failed work',
      position: { x: 1200, y: 0 },
      params: {},
    });
    doc.edges.push({ id: 'e0', source: 'shop', target: 'uploads', params: {} }, {
      id: 'e4',
      source: 'worker',
      target: 'failed',
      params: {},
      role: 'onFailure',
    } as (typeof doc.edges)[0]);
    s = await openWith(doc, { width: 1440, height: 900 });
    const page = s.page;
    const finding = page.locator('.finding[data-check="poller-destination"]');
    await finding.waitFor();
    await expect(finding.textContent()).resolves.toContain(
      "Worker's on-failure destination Failed work will never receive anything",
    );
    await expect(
      finding.getByRole('link', { name: /AWS source \[L-ASYNC\]/ }).getAttribute('href'),
    ).resolves.toBe('https://docs.aws.amazon.com/lambda/latest/dg/invocation-async.html');
    await finding.getByRole('button', { name: /^Worker's on-failure destination/ }).click();
    await expect(page.locator('#inspector-node-title').textContent()).resolves.toBe('Lambda function');
    const here = page
      .getByRole('region', { name: 'Checks on this node' })
      .locator('.finding[data-check="poller-destination"]');
    await here.waitFor();
    await s.screenshot('checks-node-inspector-1440');
    // The connection the finding is about says it too, with the same fix.
    await page.getByRole('button', { name: 'Worker → Failed work (onFailure)' }).click();
    await page.locator('#inspector-edge-title').filter({ hasText: 'Worker → Failed work' }).waitFor();
    const onEdge = page
      .getByRole('region', { name: 'Checks on this connection' })
      .locator('.finding[data-check="poller-destination"]');
    await onEdge.waitFor();
    await s.screenshot('checks-edge-inspector-1440');
    await onEdge
      .getByRole('button', { name: 'Fix: Make Failed work the dead-letter queue of Work queue' })
      .click();
    await expect.poll(() => page.locator('.finding[data-check="poller-destination"]').count()).toBe(0);
  });
});
