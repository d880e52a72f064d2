import type { Scenario, ScenarioEdge, ScenarioNode } from '../../scenario/schema';
import { getAtt, logicalIds, ref } from './ids';
import { addGrants } from './grants';
import { LAMBDA_RUNTIME } from './runtimes';
import { pipeResources } from './pipe';
import { stateMachineResource } from './state-machine';

type Res = { Type: string; Properties: Record<string, unknown>; DependsOn?: string[] };
type P = Record<string, unknown>;

/**
 * Logical id of the account's default bus: no resource (a template cannot create it), but the
 * name the import gives the implicit node, so the round trip finds it.
 */
const DEFAULT_BUS = 'DefaultEventBus';

/** Resources this exporter adds beside the nodes' own, so node names never collide with them. */
const SHARED = ['EcsCluster', 'DefaultVpcSubnets', DEFAULT_BUS];

const isDefaultBus = (node: ScenarioNode) => node.kind === 'eventBus' && node.params.busType === 'default';

/** How a rule, a policy or an environment variable names a bus: the default one by its name. */
function busName(node: ScenarioNode, l: string): unknown {
  return l === DEFAULT_BUS && isDefaultBus(node) ? 'default' : ref(l);
}

/** The ARN of a node's resource as a destination or target. */
function arnOf(node: ScenarioNode, l: string): unknown {
  if (l === DEFAULT_BUS && isDefaultBus(node))
    return { 'Fn::Sub': 'arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/default' };
  if (node.kind === 'topic' || node.kind === 'stateMachine') return ref(l);
  if (node.kind === 'table') return getAtt(l, 'StreamArn');
  return getAtt(l, 'Arn');
}

/**
 * The SAM policy template that lets a function's code write to a node (what its environment
 * names): the import ignores policies, so this changes no edge.
 */
function writePolicy(t: ScenarioNode, l: string): P {
  switch (t.kind) {
    case 'queue':
      return { SQSSendMessagePolicy: { QueueName: getAtt(l, 'QueueName') } };
    case 'topic':
      return { SNSPublishMessagePolicy: { TopicName: getAtt(l, 'TopicName') } };
    case 'eventBus':
      return { EventBridgePutEventsPolicy: { EventBusName: busName(t, l) } };
    case 'stream':
      return { KinesisCrudPolicy: { StreamName: ref(l) } };
    case 'bucket':
      return { S3WritePolicy: { BucketName: ref(l) } };
    case 'table':
      return { DynamoDBWritePolicy: { TableName: ref(l) } };
    case 'stateMachine':
      return { StepFunctionsExecutionPolicy: { StateMachineName: getAtt(l, 'Name') } };
    default:
      return { LambdaInvokePolicy: { FunctionName: ref(l) } };
  }
}

/** Lambda's destination Type for a target kind. */
const DEST_TYPE: Partial<Record<string, string>> = {
  queue: 'SQS',
  topic: 'SNS',
  function: 'Lambda',
  eventBus: 'EventBridge',
};

function matchList(m: unknown): string[] | undefined {
  const t = (m as { type?: string[] } | undefined)?.type;
  return t && t.length ? t : undefined;
}

/** EventBridge pattern for a set of event types; every event when there is none. */
function eventPattern(types: string[] | undefined): P {
  return types ? { 'detail-type': types } : { source: [{ prefix: '' }] };
}

function schedule(p: P): { ScheduleExpression: string } {
  if (typeof p.cron === 'string') {
    const f = p.cron.trim().split(/\s+/);
    const five = f.length === 6 ? f.slice(1) : f;
    const [min, hour, dom, mon, dow] = five;
    // EventBridge needs "?" in one of the two day fields, and numbers days 1–7 from Sunday.
    const awsDow =
      dow === '*'
        ? '?'
        : dow.replace(/(^|[^/\d])(\d+)/g, (_m, pre: string, d: string) => `${pre}${Number(d) + 1}`);
    const awsDom = dow === '*' ? dom : '?';
    return { ScheduleExpression: `cron(${min} ${hour} ${awsDom} ${mon} ${awsDow} *)` };
  }
  const minutes = Math.max(1, Math.round((p.rateSeconds as number) / 60));
  return { ScheduleExpression: `rate(${minutes} minute${minutes === 1 ? '' : 's'})` };
}

/**
 * The scenario as a SAM template (the part a template can say): one resource or a few per
 * node, and the wiring as SAM events on functions or as explicit resources (subscriptions,
 * rules, notifications, redrive policies, destinations, target groups). Producers and the
 * simulator-only settings are added as Metadata by exportSam.
 */
export function buildTemplate(s: Scenario): { template: P; logical: Map<string, string> } {
  const nodes = s.nodes.filter((n) => n.kind !== 'producer');
  const logical = logicalIds(
    nodes.map((n) => n.id),
    new Set(SHARED),
  );
  // One default bus stands for the account's; any other one marked default is exported as a
  // bus of its own (the round trip keeps its type in Metadata).
  const defaultBus = nodes.find(isDefaultBus);
  if (defaultBus) logical.set(defaultBus.id, DEFAULT_BUS);
  const L = (id: string) => logical.get(id)!;
  const byId = new Map(s.nodes.map((n) => [n.id, n]));
  const resources: Record<string, Res> = {};
  const add = (id: string, r: Res) => {
    let k = id;
    for (let i = 2; k in resources || (k !== id && logical.has(k)); i++) k = `${id}${i}`;
    resources[k] = r;
    return k;
  };
  const parameters: P = {};
  const edgesFrom = (id: string, role = 'invoke') =>
    s.edges.filter((e) => e.source === id && e.role === role);

  // Nodes.
  for (const n of nodes) {
    const l = L(n.id);
    const p = n.params;
    switch (n.kind) {
      case 'function': {
        const props: P = {
          Runtime: LAMBDA_RUNTIME[p.runtime as string] ?? 'nodejs22.x',
          Handler: 'index.handler',
          CodeUri: `src/${l}/`,
          MemorySize: p.memoryMB,
          Timeout: Math.min(900, Math.max(1, Math.ceil((p.timeoutMs as number) / 1000))),
          Architectures: [p.architecture],
        };
        if ((p.ephemeralStorageMB as number) !== 512) props.EphemeralStorage = { Size: p.ephemeralStorageMB };
        if (p.reservedConcurrency !== undefined) props.ReservedConcurrentExecutions = p.reservedConcurrency;
        if ((p.provisionedConcurrency as number) > 0) {
          props.AutoPublishAlias = 'live';
          props.ProvisionedConcurrencyConfig = { ProvisionedConcurrentExecutions: p.provisionedConcurrency };
        }
        const invoke: P = {
          MaximumRetryAttempts: p.asyncRetries,
          MaximumEventAgeInSeconds: p.maxEventAgeSeconds,
        };
        const dest: P = {};
        for (const [role, key] of [
          ['onSuccess', 'OnSuccess'],
          ['onFailure', 'OnFailure'],
        ] as const) {
          const e = edgesFrom(n.id, role)[0];
          if (!e) continue;
          const t = byId.get(e.target)!;
          dest[key] = { Type: DEST_TYPE[t.kind], Destination: arnOf(t, L(t.id)) };
        }
        if (Object.keys(dest).length) invoke.DestinationConfig = dest;
        props.EventInvokeConfig = invoke;
        // What the function writes to: named in its environment (the import draws no edge from these).
        const env: P = {};
        for (const e of edgesFrom(n.id)) {
          const t = byId.get(e.target)!;
          if (t.kind !== 'function')
            env[
              `${L(t.id).toUpperCase()}_${t.kind === 'queue' ? 'URL' : t.kind === 'stateMachine' ? 'ARN' : 'NAME'}`
            ] = t.kind === 'eventBus' ? busName(t, L(t.id)) : ref(L(t.id));
        }
        if (Object.keys(env).length) props.Environment = { Variables: env };
        const policies = edgesFrom(n.id).map((e) => writePolicy(byId.get(e.target)!, L(e.target)));
        if (policies.length) props.Policies = policies;
        resources[l] = { Type: 'AWS::Serverless::Function', Properties: props };
        break;
      }
      case 'queue': {
        const props: P = {
          VisibilityTimeout: p.visibilityTimeoutSeconds,
          MessageRetentionPeriod: p.retentionSeconds,
          DelaySeconds: p.deliveryDelaySeconds,
        };
        if (p.type === 'fifo') props.FifoQueue = true;
        const dlq = edgesFrom(n.id, 'dlq')[0];
        if (dlq)
          props.RedrivePolicy = {
            deadLetterTargetArn: getAtt(L(dlq.target), 'Arn'),
            maxReceiveCount: p.maxReceiveCount,
          };
        resources[l] = { Type: 'AWS::SQS::Queue', Properties: props };
        break;
      }
      case 'topic':
        resources[l] = { Type: 'AWS::SNS::Topic', Properties: {} };
        break;
      case 'eventBus':
        if (l === DEFAULT_BUS) break;
        resources[l] = {
          Type: 'AWS::Events::EventBus',
          Properties: { Name: { 'Fn::Sub': `\${AWS::StackName}-${l}` } },
        };
        break;
      case 'stream':
        resources[l] = {
          Type: 'AWS::Kinesis::Stream',
          Properties:
            p.mode === 'onDemand'
              ? { StreamModeDetails: { StreamMode: 'ON_DEMAND' }, RetentionPeriodHours: p.retentionHours }
              : { ShardCount: p.shards, RetentionPeriodHours: p.retentionHours },
        };
        break;
      case 'table': {
        const props: P = {
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        };
        if (p.streamEnabled) props.StreamSpecification = { StreamViewType: 'NEW_AND_OLD_IMAGES' };
        resources[l] = { Type: 'AWS::DynamoDB::Table', Properties: props };
        break;
      }
      case 'bucket': {
        const props: P = {};
        const cfg: P = {};
        for (const e of edgesFrom(n.id)) {
          const t = byId.get(e.target)!;
          const entry = { Event: 's3:ObjectCreated:*' };
          if (t.kind === 'queue')
            ((cfg.QueueConfigurations ??= []) as P[]).push({ ...entry, Queue: getAtt(L(t.id), 'Arn') });
          if (t.kind === 'topic')
            ((cfg.TopicConfigurations ??= []) as P[]).push({ ...entry, Topic: ref(L(t.id)) });
        }
        if (edgesFrom(n.id).some((e) => byId.get(e.target)!.kind === 'eventBus'))
          cfg.EventBridgeConfiguration = { EventBridgeEnabled: true };
        if (Object.keys(cfg).length) props.NotificationConfiguration = cfg;
        resources[l] = { Type: 'AWS::S3::Bucket', Properties: props };
        break;
      }
      case 'apiGateway': {
        const t = p.throttle as { ratePerSecond: number; burst: number };
        resources[l] =
          p.flavor === 'rest'
            ? {
                Type: 'AWS::Serverless::Api',
                Properties: {
                  StageName: 'prod',
                  MethodSettings: [
                    {
                      HttpMethod: '*',
                      ResourcePath: '/*',
                      ThrottlingRateLimit: t.ratePerSecond,
                      ThrottlingBurstLimit: t.burst,
                    },
                  ],
                },
              }
            : {
                Type: 'AWS::Serverless::HttpApi',
                Properties: {
                  DefaultRouteSettings: {
                    ThrottlingRateLimit: t.ratePerSecond,
                    ThrottlingBurstLimit: t.burst,
                  },
                },
              };
        break;
      }
      case 'schedule': {
        const targets = edgesFrom(n.id).map((e, i) => ({
          Id: `t${i + 1}`,
          Arn: arnOf(byId.get(e.target)!, L(e.target)),
        }));
        resources[l] = {
          Type: 'AWS::Events::Rule',
          Properties: { ...schedule(p), State: 'ENABLED', Targets: targets },
        };
        break;
      }
      case 'stateMachine':
        resources[l] = stateMachineResource(n, s, L, writePolicy, busName);
        break;
      case 'pipe': {
        const { pipe, role } = pipeResources(n, s, L, arnOf);
        const roleId = add(`${l}Role`, role);
        resources[l] = { ...pipe, Properties: { RoleArn: getAtt(roleId, 'Arn'), ...pipe.Properties } };
        break;
      }
      case 'server': {
        const inst = p.instances as { min: number; max: number };
        const lt = add(`${l}LaunchTemplate`, {
          Type: 'AWS::EC2::LaunchTemplate',
          Properties: {
            LaunchTemplateData: {
              InstanceType: p.instanceType,
              ImageId:
                '{{resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64}}',
            },
          },
        });
        resources[l] = {
          Type: 'AWS::AutoScaling::AutoScalingGroup',
          Properties: {
            MinSize: String(inst.min),
            MaxSize: String(inst.max),
            AvailabilityZones: { 'Fn::GetAZs': '' },
            LaunchTemplate: { LaunchTemplateId: ref(lt), Version: getAtt(lt, 'LatestVersionNumber') },
          },
        };
        if (inst.max > inst.min) {
          const a = p.autoscaling as { targetUtilization: number };
          add(`${l}ScalingPolicy`, {
            Type: 'AWS::AutoScaling::ScalingPolicy',
            Properties: {
              AutoScalingGroupName: ref(l),
              PolicyType: 'TargetTrackingScaling',
              TargetTrackingConfiguration: {
                TargetValue: Math.round(a.targetUtilization * 10000) / 100,
                PredefinedMetricSpecification: { PredefinedMetricType: 'ASGAverageCPUUtilization' },
              },
            },
          });
        }
        break;
      }
      case 'container': {
        if (!resources.EcsCluster) resources.EcsCluster = { Type: 'AWS::ECS::Cluster', Properties: {} };
        if (!parameters.Subnets)
          parameters.Subnets = {
            Type: 'List<AWS::EC2::Subnet::Id>',
            Description: 'Subnets of the Fargate services',
          };
        const tasks = p.tasks as { min: number; max: number };
        const td = add(`${l}Task`, {
          Type: 'AWS::ECS::TaskDefinition',
          Properties: {
            Cpu: String(Math.round((p.vcpu as number) * 1024)),
            Memory: String(Math.round((p.memoryGB as number) * 1024)),
            NetworkMode: 'awsvpc',
            RequiresCompatibilities: ['FARGATE'],
            RuntimePlatform: {
              CpuArchitecture: p.architecture === 'arm64' ? 'ARM64' : 'X86_64',
              OperatingSystemFamily: 'LINUX',
            },
            ContainerDefinitions: [
              {
                Name: 'app',
                Image: 'public.ecr.aws/docker/library/nginx:latest',
                PortMappings: [{ ContainerPort: 80 }],
              },
            ],
          },
        });
        resources[l] = {
          Type: 'AWS::ECS::Service',
          Properties: {
            Cluster: ref('EcsCluster'),
            LaunchType: 'FARGATE',
            DesiredCount: tasks.min,
            TaskDefinition: ref(td),
            NetworkConfiguration: {
              AwsvpcConfiguration: { Subnets: ref('Subnets'), AssignPublicIp: 'ENABLED' },
            },
          },
        };
        if (tasks.max !== tasks.min || tasks.min === 0) {
          const st = add(`${l}ScalableTarget`, {
            Type: 'AWS::ApplicationAutoScaling::ScalableTarget',
            Properties: {
              MinCapacity: tasks.min,
              MaxCapacity: tasks.max,
              ResourceId: { 'Fn::Sub': `service/\${EcsCluster}/\${${l}.Name}` },
              ScalableDimension: 'ecs:service:DesiredCount',
              ServiceNamespace: 'ecs',
            },
          });
          const a = p.autoscaling as { targetUtilization: number };
          add(`${l}ScalingPolicy`, {
            Type: 'AWS::ApplicationAutoScaling::ScalingPolicy',
            Properties: {
              PolicyName: `${l}-target-tracking`,
              PolicyType: 'TargetTrackingScaling',
              ScalingTargetId: ref(st),
              TargetTrackingScalingPolicyConfiguration: {
                TargetValue: Math.round(a.targetUtilization * 10000) / 100,
                PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' },
              },
            },
          });
        }
        break;
      }
      case 'loadBalancer':
        resources[l] = {
          Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
          Properties: { Type: 'application', Subnets: ref('Subnets') },
        };
        if (!parameters.Subnets)
          parameters.Subnets = {
            Type: 'List<AWS::EC2::Subnet::Id>',
            Description: 'Subnets of the load balancer',
          };
        break;
    }
  }

  // Wiring that belongs to the edge rather than to one node.
  const events = new Map<string, P>();
  const eventOn = (fn: string, name: string, ev: P) => {
    const ev0 = events.get(fn) ?? {};
    let k = name;
    for (let i = 2; k in ev0; i++) k = `${name}${i}`;
    ev0[k] = ev;
    events.set(fn, ev0);
  };
  for (const e of s.edges) {
    const src = byId.get(e.source)!;
    const tgt = byId.get(e.target)!;
    if (src.kind === 'producer' || e.role !== 'invoke') continue;
    const ls = L(src.id);
    const lt = L(tgt.id);
    const ep = e.params as P;
    if (tgt.kind === 'function') {
      switch (src.kind) {
        case 'apiGateway':
          eventOn(lt, `${ls}Request`, {
            Type: src.params.flavor === 'rest' ? 'Api' : 'HttpApi',
            Properties:
              src.params.flavor === 'rest'
                ? { RestApiId: ref(ls), Path: `/${lt}`, Method: 'ANY' }
                : { ApiId: ref(ls), Path: `/${lt}`, Method: 'ANY' },
          });
          break;
        case 'queue': {
          const props: P = {
            Queue: getAtt(ls, 'Arn'),
            BatchSize: ep.batchSize,
            MaximumBatchingWindowInSeconds: ep.batchWindowSeconds,
          };
          if (ep.maximumConcurrency !== undefined)
            props.ScalingConfig = { MaximumConcurrency: ep.maximumConcurrency };
          if (ep.reportBatchItemFailures) props.FunctionResponseTypes = ['ReportBatchItemFailures'];
          eventOn(lt, `${ls}Messages`, { Type: 'SQS', Properties: props });
          break;
        }
        case 'stream':
        case 'table': {
          const props: P = {
            Stream: src.kind === 'stream' ? getAtt(ls, 'Arn') : getAtt(ls, 'StreamArn'),
            StartingPosition: 'LATEST',
            BatchSize: ep.batchSize,
            MaximumBatchingWindowInSeconds: ep.batchWindowSeconds,
            ParallelizationFactor: ep.parallelizationFactor,
            MaximumRetryAttempts: ep.maximumRetryAttempts,
            MaximumRecordAgeInSeconds: ep.maximumRecordAgeSeconds,
            BisectBatchOnFunctionError: ep.bisectBatchOnError,
          };
          const fail = edgesFrom(src.id, 'onFailure')[0];
          if (fail)
            props.DestinationConfig = {
              // Type lets SAM give the function's role the right to send there.
              OnFailure: {
                Type: DEST_TYPE[byId.get(fail.target)!.kind],
                Destination: arnOf(byId.get(fail.target)!, L(fail.target)),
              },
            };
          eventOn(lt, `${ls}Records`, {
            Type: src.kind === 'stream' ? 'Kinesis' : 'DynamoDB',
            Properties: props,
          });
          break;
        }
        case 'topic': {
          const props: P = { Topic: ref(ls) };
          const types = matchList(ep.filter);
          if (types) props.FilterPolicy = { type: types };
          const dlq = edgesFrom(src.id, 'dlq')[0];
          if (dlq) props.RedrivePolicy = { deadLetterTargetArn: getAtt(L(dlq.target), 'Arn') };
          eventOn(lt, `${ls}Notifications`, { Type: 'SNS', Properties: props });
          break;
        }
        case 'bucket':
          eventOn(lt, `${ls}Uploads`, {
            Type: 'S3',
            Properties: { Bucket: ref(ls), Events: 's3:ObjectCreated:*' },
          });
          break;
        case 'eventBus': {
          const props: P = { EventBusName: busName(src, ls), Pattern: eventPattern(matchList(ep.pattern)) };
          props.RetryPolicy = {
            MaximumRetryAttempts: src.params.maximumRetryAttempts,
            MaximumEventAgeInSeconds: src.params.maximumEventAgeSeconds,
          };
          const dlq = busDlqFor(s, src.id, tgt.id);
          if (dlq) props.DeadLetterConfig = { Arn: getAtt(L(dlq), 'Arn') };
          eventOn(lt, `${ls}Events`, { Type: 'EventBridgeRule', Properties: props });
          break;
        }
      }
      continue;
    }
    if (tgt.kind === 'stateMachine' && src.kind === 'apiGateway' && src.params.flavor === 'rest') {
      // SAM's Api event starts the workflow (an HTTP API has no such event: that edge travels in Metadata).
      eventOn(lt, `${ls}Request`, {
        Type: 'Api',
        Properties: { RestApiId: ref(ls), Path: `/${lt}`, Method: 'POST' },
      });
      continue;
    }
    if (src.kind === 'topic' && tgt.kind === 'queue') {
      const props: P = { TopicArn: ref(ls), Protocol: 'sqs', Endpoint: getAtt(lt, 'Arn') };
      const types = matchList(ep.filter);
      if (types) props.FilterPolicy = { type: types };
      const dlq = edgesFrom(src.id, 'dlq')[0];
      if (dlq) props.RedrivePolicy = { deadLetterTargetArn: getAtt(L(dlq.target), 'Arn') };
      add(`${ls}To${lt}`, { Type: 'AWS::SNS::Subscription', Properties: props });
    } else if (src.kind === 'eventBus') {
      const target: P = {
        Id: lt.slice(0, 64),
        Arn: arnOf(tgt, lt),
        RetryPolicy: {
          MaximumRetryAttempts: src.params.maximumRetryAttempts,
          MaximumEventAgeInSeconds: src.params.maximumEventAgeSeconds,
        },
      };
      const dlq = busDlqFor(s, src.id, tgt.id);
      if (dlq) target.DeadLetterConfig = { Arn: getAtt(L(dlq), 'Arn') };
      add(`${ls}To${lt}Rule`, {
        Type: 'AWS::Events::Rule',
        Properties: {
          EventBusName: busName(src, ls),
          EventPattern: eventPattern(matchList(ep.pattern)),
          Targets: [target],
        },
      });
    }
  }
  for (const [fn, ev] of events) (resources[fn].Properties as P).Events = ev;

  // Load balancers: a listener forwarding to one target group per target.
  for (const lb of nodes.filter((n) => n.kind === 'loadBalancer')) {
    const l = L(lb.id);
    const targets = s.edges.filter((e) => e.source === lb.id && e.role === 'invoke');
    const groups: { tg: string; edge: ScenarioEdge }[] = [];
    for (const e of targets) {
      const t = byId.get(e.target)!;
      const lt = L(t.id);
      const props: P =
        t.kind === 'function'
          ? { TargetType: 'lambda', Targets: [{ Id: getAtt(lt, 'Arn') }] }
          : {
              TargetType: t.kind === 'container' ? 'ip' : 'instance',
              Port: 80,
              Protocol: 'HTTP',
              VpcId: ref('VpcId'),
            };
      if (t.kind !== 'function' && !parameters.VpcId)
        parameters.VpcId = { Type: 'AWS::EC2::VPC::Id', Description: 'VPC of the target groups' };
      const tg = add(`${l}To${lt}Group`, {
        Type: 'AWS::ElasticLoadBalancingV2::TargetGroup',
        Properties: props,
      });
      groups.push({ tg, edge: e });
      if (t.kind === 'server') ((resources[lt].Properties.TargetGroupARNs ??= []) as unknown[]).push(ref(tg));
      if (t.kind === 'container')
        ((resources[lt].Properties.LoadBalancers ??= []) as unknown[]).push({
          TargetGroupArn: ref(tg),
          ContainerName: 'app',
          ContainerPort: 80,
        });
    }
    const plain = groups.filter((g) => !matchList(g.edge.params.filter));
    const listener = add(`${l}Listener`, {
      Type: 'AWS::ElasticLoadBalancingV2::Listener',
      Properties: {
        LoadBalancerArn: ref(l),
        Port: 80,
        Protocol: 'HTTP',
        DefaultActions:
          plain.length > 0
            ? [
                {
                  Type: 'forward',
                  ForwardConfig: {
                    TargetGroups: plain.map((g) => ({ TargetGroupArn: ref(g.tg), Weight: 1 })),
                  },
                },
              ]
            : [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '404' } }],
      },
    });
    groups
      .filter((g) => matchList(g.edge.params.filter))
      .forEach((g, i) =>
        add(`${l}Rule${i + 1}`, {
          Type: 'AWS::ElasticLoadBalancingV2::ListenerRule',
          Properties: {
            ListenerArn: ref(listener),
            Priority: i + 1,
            Conditions: [
              {
                Field: 'path-pattern',
                PathPatternConfig: {
                  Values: matchList(g.edge.params.filter)!
                    .map((t) => `/${t}*`)
                    .slice(0, 5),
                },
              },
            ],
            Actions: [{ Type: 'forward', TargetGroupArn: ref(g.tg) }],
          },
        }),
      );
  }
  addGrants(resources, add);

  const template: P = {
    AWSTemplateFormatVersion: '2010-09-09',
    Transform: 'AWS::Serverless-2016-10-31',
    Description: s.name,
  };
  if (Object.keys(parameters).length) template.Parameters = parameters;
  template.Resources = resources;
  return { template, logical };
}

/** The dead-letter queue serving one target of a bus: its own (forTargets) or the shared one. */
function busDlqFor(s: Scenario, bus: string, target: string): string | undefined {
  const dlqs = s.edges.filter((e) => e.source === bus && e.role === 'dlq');
  const own = dlqs.find((d) => (d.params.forTargets as string[] | undefined)?.includes(target));
  return (own ?? dlqs.find((d) => !d.params.forTargets))?.target;
}
