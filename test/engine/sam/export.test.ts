import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { exportSam } from '../../../src/engine/sam/export';
import { checkTemplate } from '../../../src/engine/sam/export/check';
import { expectRoundTrip } from './round-trip';

const templatesDir = resolve(import.meta.dirname, '../../../src/templates');
const shipped = readdirSync(templatesDir).filter((f) => f.endsWith('.json'));
const load = (f: string) => JSON.parse(readFileSync(join(templatesDir, f), 'utf8'));

type Res = { Type: string; Properties: Record<string, unknown> };

function exported(file: string): Record<string, Res> {
  const r = exportSam(load(file));
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return (parse(r.yaml) as { Resources: Record<string, Res> }).Resources;
}

describe('SAM export', () => {
  it('messaging-dlq: redrive policy, the SQS event with its batching, metadata for what a template cannot say', () => {
    const res = exported('messaging-dlq.json');
    expect(res.Orders.Properties).toEqual({
      VisibilityTimeout: 60,
      MessageRetentionPeriod: 345600,
      DelaySeconds: 0,
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': ['OrdersDlq', 'Arn'] }, maxReceiveCount: 5 },
    });
    const fulfil = res.Fulfil.Properties as {
      Events: Record<string, { Type: string; Properties: object }>;
      Timeout: number;
    };
    expect(fulfil.Timeout).toBe(6);
    expect(fulfil.Events.OrdersMessages).toEqual({
      Type: 'SQS',
      Properties: {
        Queue: { 'Fn::GetAtt': ['Orders', 'Arn'] },
        BatchSize: 10,
        MaximumBatchingWindowInSeconds: 2,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
      },
    });
    // The accepting function writes to the queue through the SDK: named in its environment only.
    expect((res.Accept.Properties.Environment as { Variables: object }).Variables).toEqual({
      ORDERS_URL: { Ref: 'Orders' },
    });
    expect(res.Accept.Properties.Events).toEqual({
      ApiRequest: { Type: 'HttpApi', Properties: { ApiId: { Ref: 'Api' }, Path: '/Accept', Method: 'ANY' } },
    });
  });

  it("a bucket → default bus edge becomes the bucket's EventBridgeConfiguration; the default bus is no resource", () => {
    const doc = {
      format: 'serverless-sim.scenario',
      version: 1,
      name: 'S3 to EventBridge',
      nodes: [
        { id: 'up', kind: 'bucket', label: 'Uploads', position: { x: 0, y: 0 }, params: {} },
        {
          id: 'bus',
          kind: 'eventBus',
          label: 'Default',
          position: { x: 0, y: 0 },
          params: { busType: 'default' },
        },
        { id: 'inbox', kind: 'queue', label: 'Inbox', position: { x: 0, y: 0 }, params: {} },
      ],
      edges: [
        { id: 'e1', source: 'up', target: 'bus', params: {} },
        { id: 'e2', source: 'bus', target: 'inbox', params: { pattern: { type: ['Object Created'] } } },
      ],
    };
    const r = exportSam(doc);
    if (!r.ok) throw new Error(r.errors.join('\n'));
    const res = (parse(r.yaml) as { Resources: Record<string, Res> }).Resources;
    expect(res.Up.Properties).toEqual({
      NotificationConfiguration: { EventBridgeConfiguration: { EventBridgeEnabled: true } },
    });
    expect(Object.values(res).some((x) => x.Type === 'AWS::Events::EventBus')).toBe(false);
    expect(res.DefaultEventBusToInboxRule.Properties.EventBusName).toBe('default');
    expectRoundTrip(doc);
  });

  it('every shipped template exports to a template that passes the hand-written check', () => {
    for (const f of shipped) {
      const r = exportSam(load(f));
      expect(r.ok && r.problems, f).toEqual([]);
    }
  });

  it('the check catches a missing required property, an unknown type and a Ref to nothing', () => {
    expect(
      checkTemplate({
        Resources: {
          Fn: { Type: 'AWS::Serverless::Function', Properties: { Runtime: 'nodejs22.x', Handler: 'x' } },
          Q: {
            Type: 'AWS::SQS::Queue',
            Properties: { RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': ['Gone', 'Arn'] } } },
          },
          'bad-id': { Type: 'AWS::Foo::Bar', Properties: {} },
        },
      }),
    ).toEqual([
      'Fn (AWS::Serverless::Function): CodeUri is required',
      'Q: GetAtt Gone names nothing in the template',
      'bad-id: logical ids must be alphanumeric',
      'bad-id: type AWS::Foo::Bar is not in the checked list',
    ]);
  });

  it('an invalid scenario is refused with the validation messages', () => {
    const r = exportSam({
      format: 'serverless-sim.scenario',
      version: 1,
      nodes: [{ id: 'f', kind: 'function', params: { memoryMB: 1 } }],
    });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors.join('\n')).toContain('memoryMB');
  });

  // cfn-lint (the Python package) runs offline with the resource schemas it ships; used when installed.
  const hasCfnLint = spawnSync('cfn-lint', ['--version']).status === 0;
  it.skipIf(!hasCfnLint)(
    'cfn-lint finds nothing in the exports of the shipped templates',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'sam-export-'));
      const files = shipped.map((f) => {
        const r = exportSam(load(f));
        if (!r.ok) throw new Error(f);
        const path = join(dir, f.replace('.json', '.yaml'));
        writeFileSync(path, r.yaml);
        return path;
      });
      const out = spawnSync('cfn-lint', files, { encoding: 'utf8' });
      expect(out.stdout + out.stderr).toBe('');
      expect(out.status).toBe(0);
    },
    120_000,
  );

  it('npm run export-sam writes the template; a bad file exits 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sam-export-'));
    const root = resolve(import.meta.dirname, '../../..');
    const tsx = join(root, 'node_modules/.bin/tsx');
    const out = join(dir, 't.yaml');
    execFileSync(
      tsx,
      [join(root, 'src/cli/export-sam.ts'), join(templatesDir, 'fan-out.json'), '--out', out],
      { cwd: root },
    );
    expect(readFileSync(out, 'utf8')).toContain('Transform: AWS::Serverless-2016-10-31');
    const bad = spawnSync(tsx, [join(root, 'src/cli/export-sam.ts'), join(dir, 'missing.json')], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('no such file');
  }, 60_000);
});
