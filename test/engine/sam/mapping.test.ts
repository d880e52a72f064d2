import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../../src/engine/scenario/validate';
import { edge, imported, node } from './helpers';

/** One hand-written template per mapping rule: the value in the template lands on the right field. */
describe('SAM import: mapping rules', () => {
  it('a RedrivePolicy becomes a dlq edge, and its maxReceiveCount the queue’s', () => {
    const { doc } = imported(`
Resources:
  Orders:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: 90
      MessageRetentionPeriod: 86400
      DelaySeconds: 5
      RedrivePolicy:
        deadLetterTargetArn: !GetAtt OrdersDlq.Arn
        maxReceiveCount: 3
  OrdersDlq:
    Type: AWS::SQS::Queue
`);
    expect(node(doc, 'Orders').params).toEqual({
      visibilityTimeoutSeconds: 90,
      retentionSeconds: 86400,
      deliveryDelaySeconds: 5,
      maxReceiveCount: 3,
    });
    edge(doc, 'Orders', 'OrdersDlq', 'dlq');
  });

  it('a RedrivePolicy written as a JSON string (CloudFormation allows both) and a FIFO queue', () => {
    const { doc } = imported(`
Resources:
  Jobs:
    Type: AWS::SQS::Queue
    Properties:
      FifoQueue: true
      RedrivePolicy: '{"deadLetterTargetArn": "\${JobsDlq.Arn}", "maxReceiveCount": 7}'
  JobsDlq:
    Type: AWS::SQS::Queue
    Properties: { FifoQueue: true }
`);
    expect(node(doc, 'Jobs').params).toMatchObject({ type: 'fifo', maxReceiveCount: 7 });
    edge(doc, 'Jobs', 'JobsDlq', 'dlq');
  });

  it('an SNS FilterPolicy becomes the edge filter, and the producer emits those types', () => {
    const { doc, report } = imported(`
Resources:
  Topic:
    Type: AWS::SNS::Topic
  Big:
    Type: AWS::SQS::Queue
  Sub:
    Type: AWS::SNS::Subscription
    Properties:
      TopicArn: !Ref Topic
      Protocol: sqs
      Endpoint: !GetAtt Big.Arn
      FilterPolicy:
        eventType: [OrderPlaced, OrderCancelled]
        amount: [{ numeric: [">", 100] }]
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Events:
        FromBig:
          Type: SQS
          Properties: { Queue: !GetAtt Big.Arn }
`);
    expect(edge(doc, 'Topic', 'Big').params).toEqual({ filter: { type: ['OrderPlaced', 'OrderCancelled'] } });
    expect(report.warnings.join(' ')).toContain('amount');
    const producer = doc.nodes.find((n) => n.kind === 'producer')!;
    expect(producer.params.eventTypes).toEqual([
      { name: 'OrderCancelled', weight: 1 },
      { name: 'OrderPlaced', weight: 1 },
    ]);
    edge(doc, producer.id, 'Topic');
  });

  it('an SQS event source mapping’s fields land on the edge', () => {
    const { doc } = imported(`
Transform: AWS::Serverless-2016-10-31
Resources:
  Q:
    Type: AWS::SQS::Queue
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Events:
        Poll:
          Type: SQS
          Properties:
            Queue: !GetAtt Q.Arn
            BatchSize: 50
            MaximumBatchingWindowInSeconds: 4
            ScalingConfig: { MaximumConcurrency: 20 }
            FunctionResponseTypes: [ReportBatchItemFailures]
`);
    expect(edge(doc, 'Q', 'Fn').params).toEqual({
      batchSize: 50,
      batchWindowSeconds: 4,
      maximumConcurrency: 20,
      reportBatchItemFailures: true,
    });
  });

  it('a Kinesis AWS::Lambda::EventSourceMapping: shard-poller fields and the on-failure destination', () => {
    const { doc, report } = imported(`
Resources:
  S:
    Type: AWS::Kinesis::Stream
    Properties: { ShardCount: 4, RetentionPeriodHours: 48 }
  Failed:
    Type: AWS::SQS::Queue
  Fn:
    Type: AWS::Lambda::Function
    Properties: { Runtime: java21, MemorySize: 1024, Timeout: 60 }
  Map:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      EventSourceArn: !GetAtt S.Arn
      FunctionName: !Ref Fn
      BatchSize: 200
      MaximumBatchingWindowInSeconds: 2
      ParallelizationFactor: 3
      BisectBatchOnFunctionError: true
      MaximumRetryAttempts: 4
      MaximumRecordAgeInSeconds: 3600
      DestinationConfig:
        OnFailure: { Destination: !GetAtt Failed.Arn }
`);
    expect(node(doc, 'S').params).toEqual({ shards: 4, retentionHours: 48 });
    expect(node(doc, 'Fn').params).toMatchObject({ runtime: 'java21', memoryMB: 1024, timeoutMs: 60000 });
    expect(edge(doc, 'S', 'Fn').params).toEqual({
      batchSize: 200,
      batchWindowSeconds: 2,
      parallelizationFactor: 3,
      bisectBatchOnError: true,
      maximumRetryAttempts: 4,
      maximumRecordAgeSeconds: 3600,
    });
    edge(doc, 'S', 'Failed', 'onFailure');
    expect(report.edges.find((e) => e.source === 'S' && e.target === 'Fn')!.from).toContain('Map');
  });

  it('!Sub and !If take the parameters’ defaults; a false condition leaves a resource out', () => {
    const { doc, report } = imported(`
Parameters:
  Env: { Type: String, Default: prod }
  Memory: { Type: Number, Default: 2048 }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  IsDev: !Not [!Condition IsProd]
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: !Sub '\${Env}-worker'
      Runtime: nodejs22.x
      MemorySize: !If [IsProd, !Ref Memory, 128]
      Timeout: !If [IsDev, 3, 30]
      Events:
        Q:
          Type: SQS
          Properties: { Queue: !Sub 'arn:aws:sqs:\${AWS::Region}:\${AWS::AccountId}:\${Jobs.QueueName}' }
  Jobs:
    Type: AWS::SQS::Queue
  DevOnly:
    Type: AWS::SQS::Queue
    Condition: IsDev
`);
    expect(node(doc, 'Fn').params).toMatchObject({ memoryMB: 2048, timeoutMs: 30000 });
    edge(doc, 'Jobs', 'Fn');
    expect(doc.nodes.some((n) => n.id === 'DevOnly')).toBe(false);
    expect(report.notMapped.find((n) => n.logicalId === 'DevOnly')!.reason).toContain('IsDev is false');
  });

  it('Globals reach every function; the implicit API of Api events is created', () => {
    const { doc, report } = imported(`
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: python3.13
    MemorySize: 512
    Timeout: 10
    Architectures: [arm64]
Resources:
  A:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        Get: { Type: Api, Properties: { Path: /a, Method: get } }
  B:
    Type: AWS::Serverless::Function
    Properties:
      MemorySize: 1024
      Events:
        Post: { Type: Api, Properties: { Path: /b, Method: post } }
`);
    expect(node(doc, 'A').params).toEqual({
      runtime: 'python3.13',
      memoryMB: 512,
      timeoutMs: 10000,
      architecture: 'arm64',
    });
    expect(node(doc, 'B').params.memoryMB).toBe(1024);
    expect(node(doc, 'ServerlessRestApi').params).toEqual({ flavor: 'rest' });
    edge(doc, 'ServerlessRestApi', 'A');
    edge(doc, 'ServerlessRestApi', 'B');
    expect(report.trafficToSet.map((t) => t.target)).toEqual(['ServerlessRestApi']);
  });

  it('environment variables and IAM policies that name a resource make no edge', () => {
    const { doc, report } = imported(`
Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::HttpApi
  Writer:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Environment: { Variables: { QUEUE_URL: !Ref Out, TABLE: !Ref T } }
      Policies:
        - SQSSendMessagePolicy: { QueueName: !GetAtt Out.QueueName }
      Events:
        Http: { Type: HttpApi, Properties: { ApiId: !Ref Api } }
  Out:
    Type: AWS::SQS::Queue
  T:
    Type: AWS::DynamoDB::Table
    Properties: { BillingMode: PAY_PER_REQUEST }
`);
    expect(doc.edges.filter((e) => e.source === 'Writer')).toEqual([]);
    expect(node(doc, 'Api').params).toEqual({ flavor: 'http' });
    // The queue hands nothing on, so it gets no producer either.
    expect(report.trafficToSet.map((t) => t.target)).toEqual(['Api']);
  });

  it('an EventBridge rule: pattern → edge pattern, RetryPolicy → the bus, DeadLetterConfig → dlq edge', () => {
    const { doc } = imported(`
Resources:
  Bus:
    Type: AWS::Events::EventBus
    Properties: { Name: orders }
  Fn:
    Type: AWS::Lambda::Function
    Properties: { Runtime: nodejs22.x }
  Dlq:
    Type: AWS::SQS::Queue
  Rule:
    Type: AWS::Events::Rule
    Properties:
      EventBusName: orders
      EventPattern:
        source: [shop]
        detail-type: [OrderPlaced]
      Targets:
        - Id: fn
          Arn: !GetAtt Fn.Arn
          RetryPolicy: { MaximumRetryAttempts: 4, MaximumEventAgeInSeconds: 600 }
          DeadLetterConfig: { Arn: !GetAtt Dlq.Arn }
        - Id: audit
          Arn: !GetAtt Audit.Arn
  Audit:
    Type: AWS::SQS::Queue
`);
    expect(edge(doc, 'Bus', 'Fn').params).toEqual({ pattern: { type: ['OrderPlaced'] } });
    expect(node(doc, 'Bus').params).toEqual({ maximumRetryAttempts: 4, maximumEventAgeSeconds: 600 });
    // The dead-letter queue belongs to the one target that names it, not to the audit queue.
    expect(edge(doc, 'Bus', 'Dlq', 'dlq').params).toEqual({ forTargets: ['Fn'] });
    edge(doc, 'Bus', 'Audit');
  });

  it('schedules: a rate rule, a cron ScheduleV2 event; event invoke config with destinations', () => {
    const { doc } = imported(`
Transform: AWS::Serverless-2016-10-31
Resources:
  Nightly:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      ReservedConcurrentExecutions: 5
      EventInvokeConfig:
        MaximumRetryAttempts: 1
        MaximumEventAgeInSeconds: 120
        DestinationConfig:
          OnSuccess: { Type: SQS, Destination: !GetAtt Done.Arn }
          OnFailure: { Type: SNS, Destination: !Ref Alarm }
      Events:
        Night: { Type: ScheduleV2, Properties: { ScheduleExpression: 'cron(0 2 * * ? *)' } }
  Every5:
    Type: AWS::Events::Rule
    Properties:
      ScheduleExpression: rate(5 minutes)
      Targets: [{ Id: t, Arn: !GetAtt Nightly.Arn }]
  Done:
    Type: AWS::SQS::Queue
  Alarm:
    Type: AWS::SNS::Topic
`);
    expect(node(doc, 'Every5').params).toEqual({ rateSeconds: 300 });
    expect(node(doc, 'NightlyNight').params).toEqual({ cron: '0 2 * * *' });
    expect(node(doc, 'Nightly').params).toMatchObject({
      reservedConcurrency: 5,
      asyncRetries: 1,
      maxEventAgeSeconds: 120,
    });
    edge(doc, 'Nightly', 'Done', 'onSuccess');
    edge(doc, 'Nightly', 'Alarm', 'onFailure');
    edge(doc, 'Every5', 'Nightly');
    edge(doc, 'NightlyNight', 'Nightly');
  });

  it('DynamoDB and S3: a stream event turns the stream on; a bucket notification becomes an edge', () => {
    const { doc } = imported(`
Transform: AWS::Serverless-2016-10-31
Resources:
  T:
    Type: AWS::Serverless::SimpleTable
  Up:
    Type: AWS::S3::Bucket
    Properties:
      NotificationConfiguration:
        QueueConfigurations: [{ Event: 's3:ObjectCreated:*', Queue: !GetAtt Q.Arn }]
  Q:
    Type: AWS::SQS::Queue
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Events:
        Changes:
          Type: DynamoDB
          Properties: { Stream: !GetAtt T.StreamArn, StartingPosition: LATEST, BatchSize: 10 }
        Jobs:
          Type: SQS
          Properties: { Queue: !GetAtt Q.Arn }
`);
    expect(node(doc, 'T').params).toEqual({ streamEnabled: true });
    expect(edge(doc, 'T', 'Fn').params).toEqual({ batchSize: 10 });
    edge(doc, 'Up', 'Q');
    expect(validateScenario(doc).ok).toBe(true);
  });

  it("S3's EventBridgeConfiguration sends the bucket's events to the default bus, whose rules deliver them", () => {
    const { doc, report } = imported(`
Resources:
  Uploads:
    Type: AWS::S3::Bucket
    Properties:
      NotificationConfiguration:
        EventBridgeConfiguration: { EventBridgeEnabled: true }
  Off:
    Type: AWS::S3::Bucket
    Properties:
      NotificationConfiguration:
        EventBridgeConfiguration: { EventBridgeEnabled: false }
  OnUpload:
    Type: AWS::Events::Rule
    Properties:
      EventPattern: { detail-type: [Object Created] }
      Targets: [{ Id: q, Arn: !GetAtt Inbox.Arn }]
  Inbox:
    Type: AWS::SQS::Queue
`);
    expect(node(doc, 'DefaultEventBus').params).toEqual({ busType: 'default' });
    edge(doc, 'Uploads', 'DefaultEventBus');
    expect(doc.edges.filter((e) => e.source === 'Off')).toEqual([]);
    expect(edge(doc, 'DefaultEventBus', 'Inbox').params).toEqual({ pattern: { type: ['Object Created'] } });
    // The bucket is the entry point (the bus is written to by the bucket, not by a producer).
    expect(doc.edges.find((e) => e.target === 'Uploads')?.source).toBe('traffic-Uploads');
    expect(report.unwired).toEqual([]);
    expect(validateScenario(doc).ok).toBe(true);
  });

  it('API throttling from a stage; an ALB forwarding to a Fargate service and an Auto Scaling group', () => {
    const { doc } = imported(`
Resources:
  Rest:
    Type: AWS::ApiGateway::RestApi
  Stage:
    Type: AWS::ApiGateway::Stage
    Properties:
      RestApiId: !Ref Rest
      StageName: prod
      MethodSettings: [{ HttpMethod: '*', ResourcePath: '/*', ThrottlingRateLimit: 100, ThrottlingBurstLimit: 50 }]
  Alb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
  Listener:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: !Ref Alb
      DefaultActions: [{ Type: forward, TargetGroupArn: !Ref TgEcs }]
  Rule:
    Type: AWS::ElasticLoadBalancingV2::ListenerRule
    Properties:
      ListenerArn: !Ref Listener
      Actions: [{ Type: forward, TargetGroupArn: !Ref TgAsg }]
  TgEcs:
    Type: AWS::ElasticLoadBalancingV2::TargetGroup
  TgAsg:
    Type: AWS::ElasticLoadBalancingV2::TargetGroup
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties: { Cpu: '1024', Memory: '2048' }
  Svc:
    Type: AWS::ECS::Service
    Properties:
      LaunchType: FARGATE
      TaskDefinition: !Ref Task
      DesiredCount: 2
      LoadBalancers: [{ TargetGroupArn: !Ref TgEcs, ContainerPort: 80 }]
  Lt:
    Type: AWS::EC2::LaunchTemplate
    Properties: { LaunchTemplateData: { InstanceType: c5.xlarge } }
  Asg:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties:
      MinSize: '2'
      MaxSize: '6'
      LaunchTemplate: { LaunchTemplateId: !Ref Lt, Version: '1' }
      TargetGroupARNs: [!Ref TgAsg]
  Policy:
    Type: AWS::AutoScaling::ScalingPolicy
    Properties:
      AutoScalingGroupName: !Ref Asg
      PolicyType: TargetTrackingScaling
      TargetTrackingConfiguration: { TargetValue: 50, PredefinedMetricSpecification: { PredefinedMetricType: ASGAverageCPUUtilization } }
`);
    expect(node(doc, 'Rest').params).toEqual({ flavor: 'rest', throttle: { ratePerSecond: 100, burst: 50 } });
    expect(node(doc, 'Svc').params).toEqual({ vcpu: 1, memoryGB: 2, tasks: { min: 2, max: 2 } });
    const asg = node(doc, 'Asg').params;
    expect(asg.instances).toEqual({ min: 2, max: 6 });
    expect((asg.autoscaling as { targetUtilization: number }).targetUtilization).toBe(0.5);
    edge(doc, 'Alb', 'Svc');
    edge(doc, 'Alb', 'Asg');
    expect(validateScenario(doc).ok).toBe(true);
  });

  it('a value out of the simulator’s range falls back to the default, with a warning naming it', () => {
    const { doc, report } = imported(`
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties: { Runtime: nodejs22.x, MemorySize: 64 }
`);
    expect(node(doc, 'Fn').params.memoryMB).toBeUndefined();
    expect(report.warnings.join('\n')).toMatch(/memoryMB.*128/);
  });
});
