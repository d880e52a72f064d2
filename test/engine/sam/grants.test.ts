import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { exportSam } from '../../../src/engine/sam/export';
import { checkTemplate } from '../../../src/engine/sam/export/check';
import { expectRoundTrip } from './round-trip';

type Res = { Type: string; Properties: Record<string, unknown>; DependsOn?: string[] };

const node = (id: string, kind: string, params: Record<string, unknown> = {}) => ({
  id,
  kind,
  label: id,
  position: { x: 0, y: 0 },
  params,
});
let n = 0;
const edge = (source: string, target: string, role = 'invoke', params: Record<string, unknown> = {}) => ({
  id: `e${++n}`,
  source,
  target,
  role,
  params,
});

/** Every delivery that needs the receiver's permission: load balancer, rules, schedules, notifications, subscriptions. */
const WIRED = {
  format: 'serverless-sim.scenario',
  version: 1,
  name: 'Permissions',
  nodes: [
    node('clients', 'producer'),
    node('alb', 'loadBalancer'),
    node('web', 'function'),
    node('nightly', 'schedule', { rateSeconds: 3600 }),
    node('report', 'function'),
    node('jobs', 'queue'),
    node('alerts', 'topic'),
    node('bus', 'eventBus'),
    node('audit', 'stream', { shards: 1 }),
    node('photos', 'bucket'),
    node('failed', 'queue'),
    node('uploads', 'bucket'),
    node('work', 'queue'),
    node('worker', 'function'),
    node('notify', 'function'),
    node('bounced', 'queue'),
  ],
  edges: [
    edge('clients', 'alb'),
    edge('alb', 'web'),
    edge('web', 'jobs'),
    edge('nightly', 'report'),
    edge('nightly', 'jobs'),
    edge('nightly', 'alerts'),
    edge('nightly', 'bus'),
    edge('bus', 'audit'),
    edge('bus', 'alerts'),
    edge('bus', 'notify'),
    edge('bus', 'failed', 'dlq'),
    edge('uploads', 'work'),
    edge('photos', 'alerts'),
    edge('alerts', 'work'),
    edge('alerts', 'notify'),
    edge('alerts', 'bounced', 'dlq'),
    edge('work', 'worker'),
    edge('jobs', 'worker'),
  ],
};

function exportedResources(doc: unknown): Record<string, Res> {
  const r = exportSam(doc);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  expect(r.problems).toEqual([]);
  return (parse(r.yaml) as { Resources: Record<string, Res> }).Resources;
}

const ofType = (res: Record<string, Res>, type: string) =>
  Object.entries(res).filter(([, r]) => r.Type === type);

describe('SAM export: the permissions AWS needs for explicit deliveries', () => {
  const res = exportedResources(WIRED);

  it('a load balancer target group of a function: a permission for ELB, and the group waits for it', () => {
    const [[tgId, tg]] = ofType(res, 'AWS::ElasticLoadBalancingV2::TargetGroup');
    expect(tg.Properties.TargetType).toBe('lambda');
    const perm = res[tg.DependsOn![0]];
    expect(perm).toEqual({
      Type: 'AWS::Lambda::Permission',
      Properties: {
        Action: 'lambda:InvokeFunction',
        FunctionName: { 'Fn::GetAtt': ['Web', 'Arn'] },
        Principal: 'elasticloadbalancing.amazonaws.com',
      },
    });
    expect(tgId).toBe('AlbToWebGroup');
  });

  it("a schedule's function target: a permission for EventBridge from that rule only", () => {
    const perms = ofType(res, 'AWS::Lambda::Permission').map(([, r]) => r.Properties);
    expect(perms).toContainEqual({
      Action: 'lambda:InvokeFunction',
      FunctionName: { 'Fn::GetAtt': ['Report', 'Arn'] },
      Principal: 'events.amazonaws.com',
      SourceArn: { 'Fn::GetAtt': ['Nightly', 'Arn'] },
    });
    // The bus → notify rule is a SAM EventBridgeRule event: SAM writes that permission itself.
    expect(perms.filter((p) => p.Principal === 'events.amazonaws.com')).toHaveLength(1);
  });

  it('queues: one policy per queue, a statement per sender (rule, S3, SNS), each limited to its source', () => {
    const jobs = ofType(res, 'AWS::SQS::QueuePolicy').filter(
      ([, r]) => JSON.stringify(r.Properties.Queues) === JSON.stringify([{ Ref: 'Jobs' }]),
    );
    expect(jobs).toHaveLength(1);
    expect((jobs[0][1].Properties.PolicyDocument as { Statement: unknown[] }).Statement).toEqual([
      {
        Sid: 'FromNightly',
        Effect: 'Allow',
        Principal: { Service: 'events.amazonaws.com' },
        Action: 'sqs:SendMessage',
        Resource: { 'Fn::GetAtt': ['Jobs', 'Arn'] },
        Condition: { ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': ['Nightly', 'Arn'] } } },
      },
    ]);
    const work = res.WorkPolicy.Properties.PolicyDocument as {
      Statement: { Sid: string; Principal: object }[];
    };
    expect(work.Statement.map((s) => [s.Sid, s.Principal])).toEqual([
      ['FromS3', { Service: 's3.amazonaws.com' }],
      ['FromAlerts', { Service: 'sns.amazonaws.com' }],
    ]);
    // The dead-letter queues: the bus's rules and the topic's subscriptions may send to them.
    expect(JSON.stringify(res.FailedPolicy)).toContain('events.amazonaws.com');
    expect(JSON.stringify(res.BouncedPolicy)).toContain('sns.amazonaws.com');
  });

  it('a bucket notifying a queue or a topic waits for its policy (S3 checks it when it saves)', () => {
    expect(res.Uploads.DependsOn).toEqual(['WorkPolicy']);
    expect(res.Photos.DependsOn).toEqual(['AlertsPolicy']);
    const st = (res.AlertsPolicy.Properties.PolicyDocument as { Statement: { Sid: string }[] }).Statement;
    expect(st.map((s) => s.Sid).sort()).toEqual(['FromBusToAlertsRule', 'FromNightly', 'FromS3']);
  });

  it('a rule delivering to a stream or another bus gets a role EventBridge assumes', () => {
    const rules = ofType(res, 'AWS::Events::Rule').flatMap(
      ([, r]) => r.Properties.Targets as Record<string, unknown>[],
    );
    const toStream = rules.find((t) => JSON.stringify(t.Arn).includes('Audit'))!;
    const toBus = rules.filter((t) => JSON.stringify(t.Arn).includes('"Bus"'));
    expect(toStream.RoleArn).toBeDefined();
    const role = res[(toStream.RoleArn as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0]];
    expect(role.Type).toBe('AWS::IAM::Role');
    expect(JSON.stringify(role.Properties)).toContain('kinesis:PutRecord');
    expect(toBus.length).toBe(1);
    for (const t of toBus) expect(t.RoleArn).toBeDefined();
  });

  it("a function's SDK writes get SAM policy templates, and a stream's on-failure destination its Type", () => {
    expect(res.Web.Properties.Policies).toEqual([
      { SQSSendMessagePolicy: { QueueName: { 'Fn::GetAtt': ['Jobs', 'QueueName'] } } },
    ]);
    const bisect = JSON.parse(
      readFileSync(resolve(import.meta.dirname, '../../../src/templates/kinesis-poison-bisect.json'), 'utf8'),
    ) as unknown;
    const out = exportedResources(bisect);
    const events = Object.values(out).flatMap((r) =>
      r.Type === 'AWS::Serverless::Function'
        ? Object.values(
            (r.Properties.Events ?? {}) as Record<
              string,
              { Type: string; Properties: Record<string, unknown> }
            >,
          )
        : [],
    );
    const kinesis = events.find((e) => e.Type === 'Kinesis')!;
    expect((kinesis.Properties.DestinationConfig as { OnFailure: { Type: string } }).OnFailure.Type).toBe(
      'SQS',
    );
  });

  it('the round trip still gives back the same scenario', () => {
    expectRoundTrip(WIRED);
  });

  it('the check names each missing permission and policy', () => {
    const stripped = Object.fromEntries(
      Object.entries(res)
        .filter(([, r]) => !/Permission|QueuePolicy|TopicPolicy|IAM::Role/.test(r.Type))
        .map(([id, r]) => {
          const { DependsOn: _d, ...rest } = r;
          const props = JSON.parse(
            JSON.stringify(rest.Properties, (k, v) => (k === 'RoleArn' ? undefined : v)),
          );
          return [id, { ...rest, Properties: props }];
        }),
    );
    const problems = checkTemplate({ Resources: stripped });
    expect(problems).toEqual(
      expect.arrayContaining([
        'AlbToWebGroup: Web has no AWS::Lambda::Permission for elasticloadbalancing.amazonaws.com',
        'Nightly: target Report has no AWS::Lambda::Permission for this rule',
        'Nightly: queue Jobs has no policy letting EventBridge send to it',
        'Nightly: topic Alerts has no policy letting EventBridge publish to it',
        'Nightly: target Bus needs a RoleArn',
        'BusToAuditRule: target Audit needs a RoleArn',
        'Uploads: queue Work has no policy letting S3 send to it',
        'Photos: topic Alerts has no policy letting S3 send to it',
        'AlertsToWork: queue Work has no policy letting SNS send to it',
      ]),
    );
    // With the permission but no DependsOn, the order is what is wrong.
    const unordered = { ...res, AlbToWebGroup: { ...res.AlbToWebGroup, DependsOn: undefined } };
    expect(checkTemplate({ Parameters: { Subnets: {} }, Resources: unordered })).toEqual([
      'AlbToWebGroup: must DependsOn AlbToWebGroupInvokeWeb (the function is registered only once it may be invoked)',
    ]);
  });

  const hasCfnLint = spawnSync('cfn-lint', ['--version']).status === 0;
  it.skipIf(!hasCfnLint)(
    'cfn-lint finds nothing in the export',
    () => {
      const r = exportSam(WIRED);
      if (!r.ok) throw new Error(r.errors.join('\n'));
      const path = join(mkdtempSync(join(tmpdir(), 'sam-grants-')), 'permissions.yaml');
      writeFileSync(path, r.yaml);
      const out = spawnSync('cfn-lint', [path], { encoding: 'utf8' });
      expect(out.stdout + out.stderr).toBe('');
      expect(out.status).toBe(0);
    },
    60_000,
  );
});
