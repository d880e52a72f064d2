import { pipeWiring } from '../../kinds/pipe/wiring';
import type { Scenario, ScenarioNode } from '../../scenario/schema';
import { getAtt } from './ids';

type P = Record<string, unknown>;
type Res = { Type: string; Properties: P };

/** Where each source kind's records carry the event type, for the filter's pattern. */
function typePattern(sourceKind: string, types: string[]): P {
  if (sourceKind === 'queue') return { body: { type: types } };
  if (sourceKind === 'table') return { dynamodb: { NewImage: { type: { S: types } } } };
  return { data: { type: types } };
}

/** What the pipe's role must allow on a target, by kind. */
const TARGET_ACTIONS: Record<string, string[]> = {
  function: ['lambda:InvokeFunction'],
  stateMachine: ['states:StartExecution', 'states:StartSyncExecution'],
  queue: ['sqs:SendMessage'],
  topic: ['sns:Publish'],
  eventBus: ['events:PutEvents'],
  stream: ['kinesis:PutRecord', 'kinesis:PutRecords'],
};

/**
 * A pipe node as `AWS::Pipes::Pipe` with the role it needs (read the source, call the
 * enrichment, deliver to the target): the source edge's batching as SourceParameters, the
 * source's on-failure queue as its DeadLetterConfig, the filter as a pattern on the event's
 * `type`, the enrichment and the target by ARN.
 */
export function pipeResources(
  n: ScenarioNode,
  s: Scenario,
  L: (id: string) => string,
  arnOf: (node: ScenarioNode, logicalId: string) => unknown,
): { pipe: Res; role: Res } {
  const byId = new Map(s.nodes.map((x) => [x.id, x]));
  const inEdge = s.edges.find((e) => e.target === n.id && e.role === 'invoke');
  const src = inEdge ? byId.get(inEdge.source) : undefined;
  const out = s.edges
    .filter((e) => e.source === n.id && e.role === 'invoke')
    .map((e) => ({
      target: e.target,
      targetKind: byId.get(e.target)!.kind,
      targetLabel: byId.get(e.target)!.label,
    }));
  const wiring = pipeWiring(n.params.enrichment as string, out);
  const target = wiring.targets[0] ? byId.get(wiring.targets[0].target) : undefined;
  const enrich = wiring.enrichment ? byId.get(wiring.enrichment.target) : undefined;

  // RoleArn is set by the caller, once the role has its logical id.
  const props: P = {};
  const allow: P[] = [];
  if (src) {
    const sl = L(src.id);
    const arn = src.kind === 'table' ? getAtt(sl, 'StreamArn') : getAtt(sl, 'Arn');
    props.Source = arn;
    const ep = inEdge!.params as P;
    const sp: P = {};
    if (src.kind === 'queue') {
      sp.SqsQueueParameters = {
        BatchSize: ep.batchSize,
        MaximumBatchingWindowInSeconds: ep.batchWindowSeconds,
      };
      allow.push({
        Effect: 'Allow',
        Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'],
        Resource: arn,
      });
    } else {
      const stream: P = {
        StartingPosition: 'LATEST',
        BatchSize: ep.batchSize,
        MaximumBatchingWindowInSeconds: ep.batchWindowSeconds,
        ParallelizationFactor: ep.parallelizationFactor,
        MaximumRetryAttempts: ep.maximumRetryAttempts,
        MaximumRecordAgeInSeconds: ep.maximumRecordAgeSeconds,
      };
      if (ep.bisectBatchOnError) stream.OnPartialBatchItemFailure = 'AUTOMATIC_BISECT';
      const dlq = s.edges.find((e) => e.source === src.id && e.role === 'onFailure');
      const dlqNode = dlq ? byId.get(dlq.target) : undefined;
      if (dlqNode?.kind === 'queue') {
        stream.DeadLetterConfig = { Arn: getAtt(L(dlqNode.id), 'Arn') };
        allow.push({ Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: getAtt(L(dlqNode.id), 'Arn') });
      }
      sp[src.kind === 'table' ? 'DynamoDBStreamParameters' : 'KinesisStreamParameters'] = stream;
      allow.push({
        Effect: 'Allow',
        Action:
          src.kind === 'table'
            ? [
                'dynamodb:DescribeStream',
                'dynamodb:GetRecords',
                'dynamodb:GetShardIterator',
                'dynamodb:ListStreams',
              ]
            : [
                'kinesis:DescribeStream',
                'kinesis:DescribeStreamSummary',
                'kinesis:GetRecords',
                'kinesis:GetShardIterator',
                'kinesis:ListShards',
                'kinesis:ListStreams',
                'kinesis:SubscribeToShard',
              ],
        Resource: arn,
      });
    }
    const types = (n.params.filter as { type?: string[] } | undefined)?.type;
    if (types?.length)
      sp.FilterCriteria = { Filters: [{ Pattern: JSON.stringify(typePattern(src.kind, types)) }] };
    props.SourceParameters = sp;
  }
  if (enrich) {
    props.Enrichment = getAtt(L(enrich.id), 'Arn');
    allow.push({ Effect: 'Allow', Action: ['lambda:InvokeFunction'], Resource: getAtt(L(enrich.id), 'Arn') });
  }
  if (target) {
    const tl = L(target.id);
    props.Target = arnOf(target, tl);
    if (target.kind === 'stateMachine')
      props.TargetParameters = {
        StepFunctionStateMachineParameters: {
          InvocationType: target.params.workflowType === 'express' ? 'REQUEST_RESPONSE' : 'FIRE_AND_FORGET',
        },
      };
    allow.push({ Effect: 'Allow', Action: TARGET_ACTIONS[target.kind] ?? [], Resource: arnOf(target, tl) });
  }
  const role: Res = {
    Type: 'AWS::IAM::Role',
    Properties: {
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: { Service: 'pipes.amazonaws.com' }, Action: 'sts:AssumeRole' },
        ],
      },
      Policies: [{ PolicyName: 'pipe', PolicyDocument: { Version: '2012-10-17', Statement: allow } }],
    },
  };
  return { pipe: { Type: 'AWS::Pipes::Pipe', Properties: props }, role };
}
