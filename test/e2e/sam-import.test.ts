import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { downloadBytes, hasBrowser, openApp, type BrowserSession } from './browser';

const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Description: Orders through a queue
Resources:
  OrdersApi:
    Type: AWS::Serverless::HttpApi
  Accept:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      CodeUri: src/
      Environment: { Variables: { QUEUE_URL: !Ref Orders } }
      Events:
        Post: { Type: HttpApi, Properties: { ApiId: !Ref OrdersApi, Path: /orders, Method: post } }
  Orders:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: 60
      RedrivePolicy: { deadLetterTargetArn: !GetAtt OrdersDlq.Arn, maxReceiveCount: 5 }
  OrdersDlq:
    Type: AWS::SQS::Queue
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.13
      Handler: app.handler
      CodeUri: src/
      MemorySize: 512
      Events:
        Jobs: { Type: SQS, Properties: { Queue: !GetAtt Orders.Arn, BatchSize: 10 } }
  WorkerRole:
    Type: AWS::IAM::Role
    Properties: { AssumeRolePolicyDocument: {} }
`;

async function dropTemplate(page: Page) {
  await page.getByTestId('import-file').setInputFiles({
    name: 'template.yaml',
    mimeType: 'application/yaml',
    buffer: Buffer.from(TEMPLATE),
  });
  const dialog = page.getByRole('dialog', { name: 'Import template.yaml' });
  await dialog.waitFor();
  return dialog;
}

describe.skipIf(!hasBrowser)('importing a SAM template', () => {
  let s: BrowserSession;
  afterEach(async () => s?.close());

  for (const [width, height] of [
    [1440, 900],
    [1920, 1080],
  ]) {
    it(`shows the report before anything changes, then opens, lays out and runs the diagram (${width}×${height})`, async () => {
      s = await openApp({ width, height });
      const page = s.page;
      const dialog = await dropTemplate(page);
      const text = await dialog.textContent();
      expect(text).toContain('Worker (function) ← Worker (AWS::Serverless::Function)');
      expect(text).toContain('Orders → Worker');
      expect(text).toContain('IAM: permissions are not simulated');
      expect(text).toContain('Set the traffic');
      expect(text).toContain('traffic-OrdersApi');
      await s.screenshot(`sam-import-report-${width}`);

      // Cancel: the diagram on the canvas is the one from before.
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await page.getByTestId('node-clients').waitFor();
      expect(await page.getByTestId('node-Worker').count()).toBe(0);

      const again = await dropTemplate(page);
      await again.getByRole('button', { name: 'Open this diagram' }).click();
      await page.getByTestId('node-Worker').waitFor();
      expect(await page.getByTestId('node-clients').count()).toBe(0);
      for (const id of ['OrdersApi', 'Accept', 'Orders', 'OrdersDlq', 'traffic-OrdersApi'])
        await page.getByTestId(`node-${id}`).waitFor();
      // The producer whose traffic is to be set is selected, and the notice says so.
      await expect
        .poll(() => page.getByText('Set the traffic of traffic-OrdersApi').count())
        .toBeGreaterThan(0);
      await s.screenshot(`sam-import-opened-${width}`);

      // Laid out left to right: producer, API, function, queue, worker.
      const x = async (id: string) => (await page.getByTestId(`node-${id}`).boundingBox())!.x;
      expect(await x('traffic-OrdersApi')).toBeLessThan(await x('OrdersApi'));
      expect(await x('OrdersApi')).toBeLessThan(await x('Accept'));
      expect(await x('Orders')).toBeLessThan(await x('Worker'));

      await page.getByRole('button', { name: 'Run', exact: true }).click();
      const badges = page.getByTestId('node-Accept').locator('.run-badge');
      await badges.first().waitFor({ timeout: 60_000 });
      await s.screenshot(`sam-import-ran-${width}`);
    });
  }

  it('a template file dropped on the canvas opens the same report; the diagram changes only on accept', async () => {
    s = await openApp({ width: 1440, height: 900 });
    const page = s.page;
    const canvas = page.locator('.canvas');
    const box = (await canvas.boundingBox())!;
    const at = { clientX: box.x + box.width / 2, clientY: box.y + box.height / 2 };
    // What a desktop drag carries: a DataTransfer holding a File (built in the page, as the browser would).
    const files = await page.evaluateHandle((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], 'template.yaml', { type: 'application/yaml' }));
      return dt;
    }, TEMPLATE);

    await canvas.dispatchEvent('dragenter', { dataTransfer: files, ...at });
    await canvas.dispatchEvent('dragover', { dataTransfer: files, ...at });
    // While the file is over the canvas, the canvas says it is a drop zone.
    const zone = page.getByTestId('file-drop-zone');
    await zone.waitFor();
    expect(await zone.textContent()).toContain('Drop to import');
    const zoneBox = (await zone.boundingBox())!;
    expect(zoneBox.width).toBeGreaterThan(box.width * 0.9);
    await s.screenshot('sam-drop-zone-1440');

    await canvas.dispatchEvent('drop', { dataTransfer: files, ...at });
    const dialog = page.getByRole('dialog', { name: 'Import template.yaml' });
    await dialog.waitFor();
    expect(await zone.count()).toBe(0);
    expect(await dialog.textContent()).toContain('Orders → Worker');
    // The report is up and the diagram underneath is still the old one.
    expect(await page.getByTestId('node-clients').count()).toBe(1);
    expect(await page.getByTestId('node-Worker').count()).toBe(0);

    await dialog.getByRole('button', { name: 'Open this diagram' }).click();
    for (const id of ['OrdersApi', 'Accept', 'Orders', 'OrdersDlq', 'Worker', 'traffic-OrdersApi'])
      await page.getByTestId(`node-${id}`).waitFor();
    expect(await page.getByTestId('node-clients').count()).toBe(0);

    // Undo brings the previous diagram back in one step.
    await page.keyboard.press('Control+z');
    await page.getByTestId('node-clients').waitFor();
    expect(await page.getByTestId('node-Worker').count()).toBe(0);
  });

  it('a dragged file that leaves the canvas clears the highlight; a palette drag still adds a node', async () => {
    s = await openApp({ width: 1440, height: 900 });
    const page = s.page;
    const canvas = page.locator('.canvas');
    const files = await page.evaluateHandle(() => {
      const dt = new DataTransfer();
      dt.items.add(new File(['{}'], 'x.json', { type: 'application/json' }));
      return dt;
    });
    await canvas.dispatchEvent('dragover', { dataTransfer: files });
    await page.getByTestId('file-drop-zone').waitFor();
    await canvas.dispatchEvent('dragleave', { dataTransfer: files });
    await page.getByTestId('file-drop-zone').waitFor({ state: 'detached' });

    // A file dropped outside the canvas does not navigate away from the app.
    const url = page.url();
    await page.locator('body').dispatchEvent('drop', { dataTransfer: files });
    expect(page.url()).toBe(url);

    // The palette's own drag-and-drop (no files in it) still adds a node, with no drop zone.
    const before = await page.locator('.react-flow__node').count();
    const item = page.locator('.palette__item').first();
    const flow = page.locator('.canvas .react-flow__pane');
    await item.dragTo(flow, { targetPosition: { x: 80, y: 80 } });
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(before + 1);
    expect(await page.getByTestId('file-drop-zone').count()).toBe(0);
  });

  it('a dropped file that is neither a template nor a scenario is refused by name, nothing changes', async () => {
    s = await openApp();
    const page = s.page;
    const canvas = page.locator('.canvas');
    const files = await page.evaluateHandle(() => {
      const dt = new DataTransfer();
      dt.items.add(new File(['hello'], 'notes.txt', { type: 'text/plain' }));
      return dt;
    });
    await canvas.dispatchEvent('dragover', { dataTransfer: files });
    await canvas.dispatchEvent('drop', { dataTransfer: files });
    const dialog = page.getByRole('dialog', { name: 'This file cannot be imported' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('notes.txt');
    expect(await dialog.textContent()).toContain('.yaml');
    await dialog.getByRole('button', { name: 'OK' }).click();
    await page.getByTestId('node-clients').waitFor();
  });

  it('a template that cannot be read says where and why, and changes nothing', async () => {
    s = await openApp();
    const page = s.page;
    await page.getByTestId('import-file').setInputFiles({
      name: 'broken.yaml',
      mimeType: 'application/yaml',
      buffer: Buffer.from(
        'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !Reff x\n',
      ),
    });
    const dialog = page.getByRole('dialog', { name: 'This file cannot be imported' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('line 5');
    await dialog.getByRole('button', { name: 'OK' }).click();
    await page.getByTestId('node-clients').waitFor();
  });

  it('exports the diagram as a SAM template from the export menu', async () => {
    s = await openApp();
    const page = s.page;
    // The export menu sits in the results dock, which a run opens.
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page.getByTestId('node-handler').locator('.run-badge').first().waitFor({ timeout: 60_000 });
    await page.locator('details.export-menu > summary').first().click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('menuitem', { name: 'SAM template' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.template\.yaml$/);
    const yaml = (await downloadBytes(download)).toString('utf8');
    expect(yaml).toContain('Transform: AWS::Serverless-2016-10-31');
    expect(yaml).toContain('AWS::Serverless::Function');
    expect(yaml).toContain('ServerlessSim');
  });
});
