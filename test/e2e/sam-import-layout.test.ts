import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hasBrowser, openApp, viewAtRest, type BrowserSession } from './browser';

const ROOT = resolve(import.meta.dirname, '../..');
/** The shared corpus, read in place: ../shared from the project, ../../shared from a worktree. */
const CORPUS = [
  resolve(ROOT, '../shared/corpus/serverless-patterns'),
  resolve(ROOT, '../../shared/corpus/serverless-patterns'),
].find((d) => existsSync(d));
if (!CORPUS) console.warn('sam-import-layout: ../shared/corpus/serverless-patterns is absent; skipped');

type Box = { id: string; x: number; y: number; width: number; height: number };

const overlap = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

async function nodeBoxes(page: Page): Promise<Box[]> {
  return page.locator('.react-flow__node').evaluateAll((els) =>
    els.map((e) => {
      const r = e.getBoundingClientRect();
      return { id: e.getAttribute('data-id') ?? '', x: r.x, y: r.y, width: r.width, height: r.height };
    }),
  );
}

/** The smallest node label as drawn on screen, in CSS px: its font size times the canvas zoom. */
async function smallestLabelPx(page: Page): Promise<number> {
  return page.evaluate(() => {
    const t = getComputedStyle(document.querySelector('.react-flow__viewport')!).transform;
    const zoom = t === 'none' ? 1 : new DOMMatrix(t).a;
    const sizes = [...document.querySelectorAll('.kind-node__label')].map((e) =>
      parseFloat(getComputedStyle(e).fontSize),
    );
    return Math.min(...sizes) * zoom;
  });
}

/**
 * A workflow as an engineer writes it: an API and a schedule start a state machine that calls
 * four functions (one Choice branch, a Parallel pair, a Map) and catches failures into a
 * queue; uploads reach it through the default bus. Written here because the corpus keeps its
 * definitions in files beside the templates.
 */
const WORKFLOW = `Transform: AWS::Serverless-2016-10-31
Resources:
  Reserve: { Type: AWS::Serverless::Function, Properties: { Runtime: nodejs22.x, Handler: i.h, CodeUri: s/ } }
  Charge: { Type: AWS::Serverless::Function, Properties: { Runtime: nodejs22.x, Handler: i.h, CodeUri: s/ } }
  Ship: { Type: AWS::Serverless::Function, Properties: { Runtime: nodejs22.x, Handler: i.h, CodeUri: s/ } }
  Refund: { Type: AWS::Serverless::Function, Properties: { Runtime: nodejs22.x, Handler: i.h, CodeUri: s/ } }
  Failed: { Type: AWS::SQS::Queue }
  Uploads:
    Type: AWS::S3::Bucket
    Properties: { NotificationConfiguration: { EventBridgeConfiguration: { EventBridgeEnabled: true } } }
  OrderFlow:
    Type: AWS::Serverless::StateMachine
    Properties:
      Type: EXPRESS
      Events:
        Post: { Type: Api, Properties: { Path: /orders, Method: post } }
        Nightly: { Type: Schedule, Properties: { Schedule: rate(1 hour) } }
        Upload: { Type: EventBridgeRule, Properties: { Pattern: { detail-type: [Object Created] } } }
      Definition:
        StartAt: Refund?
        States:
          Refund?:
            Type: Choice
            Choices: [{ Variable: $.type, StringEquals: refund, Next: Give back }]
            Default: Reserve and charge
          Give back: { Type: Task, Resource: !GetAtt Refund.Arn, Next: Reserve and charge }
          Reserve and charge:
            Type: Parallel
            Branches:
              - { StartAt: Reserve, States: { Reserve: { Type: Task, Resource: !GetAtt Reserve.Arn, End: true } } }
              - { StartAt: Charge, States: { Charge: { Type: Task, Resource: !GetAtt Charge.Arn, End: true } } }
            Retry: [{ ErrorEquals: [States.ALL], MaxAttempts: 2 }]
            Catch: [{ ErrorEquals: [States.ALL], Next: Note failure }]
            Next: Ship items
          Ship items:
            Type: Map
            MaxConcurrency: 10
            ItemProcessor: { StartAt: Ship, States: { Ship: { Type: Task, Resource: !GetAtt Ship.Arn, End: true } } }
            End: true
          Note failure:
            Type: Task
            Resource: arn:aws:states:::sqs:sendMessage
            Parameters: { QueueUrl: !Ref Failed, MessageBody.$: $ }
            Next: Stop
          Stop: { Type: Fail }
`;

// The largest diagrams the corpus gives (15 and 10 nodes), and a state machine with its callers
// and callees, opened at a laptop's size.
const CASES: { file: string; text?: string }[] = [
  { file: 'lambda-eventbridge-sns-sam.yaml' },
  { file: 'lambda-esm-kinesis-filters-sam.yaml' },
  { file: 'sns-sqs-fanout.yaml' },
  { file: 'order-workflow.yaml', text: WORKFLOW },
];

describe.skipIf(!hasBrowser || !CORPUS)('an imported corpus template reads without moving anything', () => {
  let s: BrowserSession | undefined;
  afterEach(async () => {
    await s?.close();
    s = undefined;
  });

  for (const { file, text } of CASES) {
    it(`${file} at 1440×900: every node on screen, none overlapping, labels at least 10 px, nothing covering`, async () => {
      s = await openApp({ width: 1440, height: 900 });
      const page = s.page;
      await page.getByTestId('import-file').setInputFiles({
        name: file,
        mimeType: 'application/yaml',
        buffer: text !== undefined ? Buffer.from(text) : readFileSync(join(CORPUS!, file)),
      });
      const dialog = page.getByRole('dialog', { name: `Import ${file}` });
      await dialog.getByRole('button', { name: 'Open this diagram' }).click();
      await dialog.waitFor({ state: 'detached' });
      const count = await page.locator('.react-flow__node').count();
      expect(count).toBeGreaterThan(2);
      // The fit settles after the nodes are measured.
      await viewAtRest(page);
      await s.screenshot(`sam-import-layout-${file.replace(/\.ya?ml$/, '')}-1440`);

      const flow = (await page.locator('.canvas__flow').boundingBox())!;
      const nodes = await nodeBoxes(page);
      for (const n of nodes) {
        expect(n.x, n.id).toBeGreaterThanOrEqual(flow.x);
        expect(n.y, n.id).toBeGreaterThanOrEqual(flow.y);
        expect(n.x + n.width, n.id).toBeLessThanOrEqual(flow.x + flow.width);
        expect(n.y + n.height, n.id).toBeLessThanOrEqual(flow.y + flow.height);
      }
      const pairs: string[] = [];
      for (let i = 0; i < nodes.length; i++)
        for (let j = i + 1; j < nodes.length; j++)
          if (overlap(nodes[i], nodes[j])) pairs.push(`${nodes[i].id} / ${nodes[j].id}`);
      expect(pairs).toEqual([]);
      expect(await smallestLabelPx(page)).toBeGreaterThanOrEqual(10);

      // Nothing docked on the canvas (legend, map, zoom buttons, message strip) sits on a node.
      const overlays = await page.locator('.canvas .react-flow__panel, .canvas .notice').evaluateAll((els) =>
        els
          .filter((e) => (e as HTMLElement).offsetParent !== null)
          .map((e) => {
            const r = e.getBoundingClientRect();
            return { id: (e as HTMLElement).className, x: r.x, y: r.y, width: r.width, height: r.height };
          }),
      );
      const covered = overlays.flatMap((o) =>
        nodes.filter((n) => overlap(o, n)).map((n) => `${o.id} on ${n.id}`),
      );
      expect(covered).toEqual([]);
    });
  }
});
