import { isObj } from '../template';
import { getAtt, ref } from './ids';

type Res = { Type: string; Properties: Record<string, unknown>; DependsOn?: string[] };
type P = Record<string, unknown>;

/**
 * The resource policies, permissions and roles an exported template needs to deploy and to
 * deliver: what a service must be allowed before it can invoke a function or write to a queue,
 * topic, stream or bus. SAM adds these for the events it expands (Api, SQS, SNS, S3,
 * EventBridgeRule…) and for EventInvokeConfig destinations; the explicit resources the exporter
 * writes (rules, subscriptions, bucket notifications, target groups) get them here:
 *
 * - a target group of a function: an `AWS::Lambda::Permission` for Elastic Load Balancing,
 *   which must exist before the function is registered (the group DependsOn it);
 * - a rule's function target: a permission for EventBridge from that rule;
 * - a rule's queue or topic target, or its dead-letter queue: the queue's or topic's policy
 *   lets EventBridge send (an SNS subscription's queue and dead-letter queue likewise for SNS);
 * - a rule's stream, event bus or state machine target: a role EventBridge assumes to put
 *   records or events, or to start the execution;
 * - a bucket's queue or topic notification: S3 checks that it may send when the notification
 *   is created, so the bucket DependsOn the policy.
 *
 * Source conditions name the rule or topic where that makes no cycle; a bucket or a SAM
 * event's generated rule is named by the account instead (the bucket's ARN would depend on
 * the policy that depends on the bucket).
 */
export function addGrants(resources: Record<string, Res>, add: (id: string, r: Res) => string): void {
  const queueStatements = new Map<string, P[]>();
  const topicStatements = new Map<string, P[]>();
  const policyFor = new Map<string, string>();
  const bucketNeeds = new Map<string, Set<string>>();
  const typeOf = (id: string) => resources[id]?.Type;

  const allowQueue = (q: string, service: string, condition: P, sid: string) => {
    const list = queueStatements.get(q) ?? [];
    if (list.some((s) => s.Sid === sid)) return;
    list.push({
      Sid: sid,
      Effect: 'Allow',
      Principal: { Service: service },
      Action: 'sqs:SendMessage',
      Resource: getAtt(q, 'Arn'),
      Condition: condition,
    });
    queueStatements.set(q, list);
  };
  const allowTopic = (t: string, service: string, condition: P, sid: string) => {
    const list = topicStatements.get(t) ?? [];
    if (list.some((s) => s.Sid === sid)) return;
    list.push({
      Sid: sid,
      Effect: 'Allow',
      Principal: { Service: service },
      Action: 'sns:Publish',
      Resource: ref(t),
      Condition: condition,
    });
    topicStatements.set(t, list);
  };
  const fromArn = (arn: unknown): P => ({ ArnEquals: { 'aws:SourceArn': arn } });
  const fromAccount: P = { StringEquals: { 'aws:SourceAccount': ref('AWS::AccountId') } };
  const anyRule: P = {
    ArnLike: {
      'aws:SourceArn': { 'Fn::Sub': 'arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:rule/*' },
    },
  };

  for (const [id, r] of Object.entries({ ...resources })) {
    const props = r.Properties;
    if (r.Type === 'AWS::Events::Rule') {
      for (const t of (props.Targets as P[] | undefined) ?? []) {
        const target = named(t.Arn);
        if (!target) continue;
        switch (typeOf(target)) {
          case 'AWS::Serverless::Function':
            add(`${id}Invoke${target}`, {
              Type: 'AWS::Lambda::Permission',
              Properties: {
                Action: 'lambda:InvokeFunction',
                FunctionName: getAtt(target, 'Arn'),
                Principal: 'events.amazonaws.com',
                SourceArn: getAtt(id, 'Arn'),
              },
            });
            break;
          case 'AWS::SQS::Queue':
            allowQueue(target, 'events.amazonaws.com', fromArn(getAtt(id, 'Arn')), `From${id}`);
            break;
          case 'AWS::SNS::Topic':
            allowTopic(target, 'events.amazonaws.com', fromArn(getAtt(id, 'Arn')), `From${id}`);
            break;
          case 'AWS::Kinesis::Stream':
            t.RoleArn = getAtt(
              targetRole(
                add,
                `${id}To${target}Role`,
                ['kinesis:PutRecord', 'kinesis:PutRecords'],
                getAtt(target, 'Arn'),
              ),
              'Arn',
            );
            break;
          case 'AWS::Serverless::StateMachine':
            t.RoleArn = getAtt(
              targetRole(add, `${id}To${target}Role`, ['states:StartExecution'], ref(target)),
              'Arn',
            );
            break;
          case 'AWS::Events::EventBus':
            t.RoleArn = getAtt(
              targetRole(add, `${id}To${target}Role`, ['events:PutEvents'], getAtt(target, 'Arn')),
              'Arn',
            );
            break;
        }
        const dlq = isObj(t.DeadLetterConfig) ? named(t.DeadLetterConfig.Arn) : undefined;
        if (dlq && typeOf(dlq) === 'AWS::SQS::Queue')
          allowQueue(dlq, 'events.amazonaws.com', fromArn(getAtt(id, 'Arn')), `From${id}`);
      }
    }
    if (r.Type === 'AWS::Serverless::Function' && isObj(props.Events)) {
      for (const ev of Object.values(props.Events)) {
        if (!isObj(ev) || !isObj(ev.Properties)) continue;
        const ep = ev.Properties;
        // SAM makes the rule or subscription and its permission, but not the dead-letter queue's policy.
        if (ev.Type === 'EventBridgeRule' && isObj(ep.DeadLetterConfig)) {
          const dlq = named(ep.DeadLetterConfig.Arn);
          if (dlq) allowQueue(dlq, 'events.amazonaws.com', anyRule, 'FromEventBridgeRules');
        }
        if (ev.Type === 'SNS' && isObj(ep.RedrivePolicy)) {
          const dlq = named(ep.RedrivePolicy.deadLetterTargetArn);
          const topic = named(ep.Topic);
          if (dlq && topic) allowQueue(dlq, 'sns.amazonaws.com', fromArn(ref(topic)), `From${topic}`);
        }
      }
    }
    if (r.Type === 'AWS::SNS::Subscription' && props.Protocol === 'sqs') {
      const topic = named(props.TopicArn);
      const q = named(props.Endpoint);
      if (topic && q) allowQueue(q, 'sns.amazonaws.com', fromArn(ref(topic)), `From${topic}`);
      const dlq = isObj(props.RedrivePolicy) ? named(props.RedrivePolicy.deadLetterTargetArn) : undefined;
      if (topic && dlq) allowQueue(dlq, 'sns.amazonaws.com', fromArn(ref(topic)), `From${topic}`);
    }
    if (r.Type === 'AWS::S3::Bucket' && isObj(props.NotificationConfiguration)) {
      const cfg = props.NotificationConfiguration;
      const needs = new Set<string>();
      for (const c of (cfg.QueueConfigurations as P[] | undefined) ?? []) {
        const q = named(c.Queue);
        if (!q) continue;
        allowQueue(q, 's3.amazonaws.com', fromAccount, 'FromS3');
        needs.add(`queue:${q}`);
      }
      for (const c of (cfg.TopicConfigurations as P[] | undefined) ?? []) {
        const t = named(c.Topic);
        if (!t) continue;
        allowTopic(t, 's3.amazonaws.com', fromAccount, 'FromS3');
        needs.add(`topic:${t}`);
      }
      if (needs.size) bucketNeeds.set(id, needs);
    }
    if (r.Type === 'AWS::ElasticLoadBalancingV2::TargetGroup' && props.TargetType === 'lambda') {
      const deps: string[] = [];
      for (const t of (props.Targets as P[] | undefined) ?? []) {
        const fn = named(t.Id);
        if (!fn) continue;
        deps.push(
          add(`${id}Invoke${fn}`, {
            Type: 'AWS::Lambda::Permission',
            Properties: {
              Action: 'lambda:InvokeFunction',
              FunctionName: getAtt(fn, 'Arn'),
              Principal: 'elasticloadbalancing.amazonaws.com',
            },
          }),
        );
      }
      if (deps.length) r.DependsOn = [...(r.DependsOn ?? []), ...deps];
    }
  }

  for (const [q, statements] of queueStatements)
    policyFor.set(
      `queue:${q}`,
      add(`${q}Policy`, {
        Type: 'AWS::SQS::QueuePolicy',
        Properties: {
          Queues: [ref(q)],
          PolicyDocument: { Version: '2012-10-17', Statement: statements },
        },
      }),
    );
  for (const [t, statements] of topicStatements)
    policyFor.set(
      `topic:${t}`,
      add(`${t}Policy`, {
        Type: 'AWS::SNS::TopicPolicy',
        Properties: {
          Topics: [ref(t)],
          PolicyDocument: { Version: '2012-10-17', Statement: statements },
        },
      }),
    );
  for (const [bucket, needs] of bucketNeeds) {
    const r = resources[bucket];
    r.DependsOn = [...(r.DependsOn ?? []), ...[...needs].map((n) => policyFor.get(n)!)];
  }
}

/** The resource a Ref or GetAtt names. */
function named(v: unknown): string | undefined {
  if (!isObj(v)) return undefined;
  if (typeof v.Ref === 'string') return v.Ref;
  const g = v['Fn::GetAtt'];
  return Array.isArray(g) && typeof g[0] === 'string' ? g[0] : undefined;
}

/** A role EventBridge assumes to deliver to a stream or another bus. */
function targetRole(
  add: (id: string, r: Res) => string,
  id: string,
  actions: string[],
  resource: unknown,
): string {
  return add(id, {
    Type: 'AWS::IAM::Role',
    Properties: {
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sts:AssumeRole' },
        ],
      },
      Policies: [
        {
          PolicyName: 'deliver',
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Action: actions, Resource: resource }],
          },
        },
      ],
    },
  });
}
