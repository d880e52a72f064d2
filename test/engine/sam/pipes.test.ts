import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { exportSam } from '../../../src/engine/sam/export';
import { importTemplate } from '../../../src/engine/sam/import';
import { validateScenario } from '../../../src/engine/scenario/validate';
import { edge, imported, node } from './helpers';
import { cfnLint, expectRoundTrip, hasCfnLint } from './round-trip';
import { corpusFiles, importCorpusFile, shortRun } from './corpus';

/** One hand-written template per rule of the EventBridge Pipes mapping. */
describe('SAM import: EventBridge Pipes', () => {
  it('an SQS source with its batching, a filter, an enrichment function and a state machine target', () => {
    const { doc, report } = imported(`
Resources:
  Orders:
    Type: AWS::SQS::Queue
  Enrich:
    Type: AWS::Lambda::Function
    Properties: { Runtime: nodejs22.x, Handler: i.h, Role: arn:aws:iam::123456789012:role/x, Code: { ZipFile: x } }
  Flow:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      StateMachineType: EXPRESS
      RoleArn: arn:aws:iam::123456789012:role/x
      Definition: { StartAt: W, States: { W: { Type: Wait, Seconds: 1, End: true } } }
  OrdersPipe:
    Type: AWS::Pipes::Pipe
    Properties:
      RoleArn: arn:aws:iam::123456789012:role/x
      Source: !GetAtt Orders.Arn
      SourceParameters:
        SqsQueueParameters: { BatchSize: 5, MaximumBatchingWindowInSeconds: 2 }
        FilterCriteria:
          Filters:
            - Pattern: '{"body": {"type": ["OrderPlaced", "OrderPaid"], "amount": [{"numeric": [">", 100]}]}}'
      Enrichment: !GetAtt Enrich.Arn
      Target: !Ref Flow
      TargetParameters:
        StepFunctionStateMachineParameters: { InvocationType: REQUEST_RESPONSE }
`);
    expect(node(doc, 'OrdersPipe').params).toEqual({
      filter: { type: ['OrderPlaced', 'OrderPaid'] },
      enrichment: 'Enrich',
    });
    expect(edge(doc, 'Orders', 'OrdersPipe').params).toEqual({ batchSize: 5, batchWindowSeconds: 2 });
    edge(doc, 'OrdersPipe', 'Enrich');
    edge(doc, 'OrdersPipe', 'Flow');
    expect(report.warnings.join('\n')).toContain('body.amount (a matcher other than plain values)');
    // The producer in front of the queue sends the types the filter lets through.
    expect(node(doc, 'traffic-Orders').params.eventTypes).toEqual([
      { name: 'OrderPaid', weight: 1 },
      { name: 'OrderPlaced', weight: 1 },
    ]);
    expect(report.notMapped.some((n) => n.type === 'AWS::Pipes::Pipe')).toBe(false);
    expect(validateScenario(doc).ok).toBe(true);
    const t = shortRun(doc).totals;
    expect(t.requests).toBeGreaterThan(0);
    expect(t.requests).toBe(t.completed + t.failed + t.deadLettered + t.dropped + t.inFlight);
  });

  it('a DynamoDB stream source: stream turned on, shard-poller fields on the edge, DeadLetterConfig as the on-failure queue', () => {
    const { doc, report } = imported(`
Resources:
  Orders:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      KeySchema: [{ AttributeName: pk, KeyType: HASH }]
      AttributeDefinitions: [{ AttributeName: pk, AttributeType: S }]
  Dlq:
    Type: AWS::SQS::Queue
  Bus:
    Type: AWS::Events::EventBus
    Properties: { Name: app }
  Inserted:
    Type: AWS::Pipes::Pipe
    Properties:
      RoleArn: arn:aws:iam::123456789012:role/x
      Source: !GetAtt Orders.StreamArn
      SourceParameters:
        FilterCriteria: { Filters: [{ Pattern: '{ "eventName": ["INSERT"] }' }] }
        DynamoDBStreamParameters:
          StartingPosition: LATEST
          BatchSize: 10
          ParallelizationFactor: 2
          MaximumRetryAttempts: 3
          MaximumRecordAgeInSeconds: 600
          OnPartialBatchItemFailure: AUTOMATIC_BISECT
          DeadLetterConfig: { Arn: !GetAtt Dlq.Arn }
      Target: !GetAtt Bus.Arn
      TargetParameters:
        EventBridgeEventBusParameters: { DetailType: OrderCreated, Source: app.orders }
`);
    expect(node(doc, 'Orders').params).toEqual({ streamEnabled: true });
    expect(node(doc, 'Inserted').params).toEqual({ filter: { type: ['INSERT'] } });
    expect(edge(doc, 'Orders', 'Inserted').params).toEqual({
      batchSize: 10,
      parallelizationFactor: 2,
      maximumRetryAttempts: 3,
      maximumRecordAgeSeconds: 600,
      bisectBatchOnError: true,
    });
    edge(doc, 'Orders', 'Dlq', 'onFailure');
    edge(doc, 'Inserted', 'Bus');
    expect(report.warnings.join('\n')).toContain('DetailType "OrderCreated" is not simulated');
    expect(validateScenario(doc).ok).toBe(true);
  });

  it('export writes the pipe with its role, and the import of the bare template gives the same pipe back', () => {
    const at = { x: 0, y: 0 };
    const doc = {
      format: 'serverless-sim.scenario',
      version: 1,
      name: 'Pipe',
      nodes: [
        { id: 'in', kind: 'producer', label: 'Clients', position: at, params: {} },
        { id: 'orders', kind: 'queue', label: 'Orders', position: at, params: {} },
        {
          id: 'pipe',
          kind: 'pipe',
          label: 'Orders pipe',
          position: at,
          params: { filter: { type: ['A'] }, enrichment: 'enrich', filterShare: 0.5 },
        },
        { id: 'enrich', kind: 'function', label: 'Enrich', position: at, params: {} },
        { id: 'out', kind: 'topic', label: 'Out', position: at, params: {} },
      ],
      edges: [
        { id: 'e0', source: 'in', target: 'orders', params: {} },
        { id: 'e1', source: 'orders', target: 'pipe', params: { batchSize: 4 } },
        { id: 'e2', source: 'pipe', target: 'enrich', params: {} },
        { id: 'e3', source: 'pipe', target: 'out', params: {} },
      ],
    };
    expect(validateScenario(doc).ok).toBe(true);
    const yaml = expectRoundTrip(doc);
    const r = exportSam(doc);
    if (!r.ok) throw new Error(r.errors.join('\n'));
    const res = (
      parse(r.yaml) as { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> }
    ).Resources;
    expect(res.Pipe.Type).toBe('AWS::Pipes::Pipe');
    expect(res.Pipe.Properties).toMatchObject({
      RoleArn: { 'Fn::GetAtt': ['PipeRole', 'Arn'] },
      Source: { 'Fn::GetAtt': ['Orders', 'Arn'] },
      SourceParameters: {
        SqsQueueParameters: { BatchSize: 4, MaximumBatchingWindowInSeconds: 0 },
        FilterCriteria: { Filters: [{ Pattern: '{"body":{"type":["A"]}}' }] },
      },
      Enrichment: { 'Fn::GetAtt': ['Enrich', 'Arn'] },
      Target: { Ref: 'Out' },
    });
    expect(res.PipeRole.Type).toBe('AWS::IAM::Role');
    const bare = importTemplate(yaml.slice(0, yaml.indexOf('\nMetadata:')), 'bare.yaml');
    if (!bare.ok) throw new Error(bare.reason);
    // filterShare is not a template setting: it travels in Metadata only.
    expect(node(bare.doc, 'Pipe').params).toEqual({ filter: { type: ['A'] }, enrichment: 'Enrich' });
    expect(edge(bare.doc, 'Orders', 'Pipe').params).toEqual({ batchSize: 4, batchWindowSeconds: 0 });
    edge(bare.doc, 'Pipe', 'Out');
  });

  // Without the corpus (../shared beside the project) there is nothing to lint: cfn-lint given
  // no file reads an empty template from its input and fails. corpus.test.ts says it is missing.
  it.skipIf(!hasCfnLint || corpusFiles().length === 0)(
    'cfn-lint finds nothing in the exports of the corpus templates with state machines or pipes',
    () => {
      const yamls: Record<string, string> = {};
      for (const file of corpusFiles()) {
        const r = importCorpusFile(file);
        if (!r.ok || !r.doc.nodes.some((n) => n.kind === 'stateMachine' || n.kind === 'pipe')) continue;
        const e = exportSam(r.doc);
        if (!e.ok) throw new Error(e.errors.join('\n'));
        yamls[file.replace(/\.\w+$/, '')] = e.yaml;
      }
      expect(Object.keys(yamls).length).toBeGreaterThanOrEqual(9);
      const out = cfnLint(yamls);
      expect(out.text).toBe('');
      expect(out.status).toBe(0);
    },
    120_000,
  );
});
