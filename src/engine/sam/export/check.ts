import { isObj } from '../template';
import { checkGrants } from './check-grants';

/**
 * An offline check of exported templates against a hand-written list: every resource type the
 * exporter writes, with the properties CloudFormation (and SAM) require for it, and each SAM
 * event type with its required properties; plus Ref / GetAtt / Sub naming only parameters,
 * pseudo parameters and resources of the template, alphanumeric logical ids, and the
 * permissions and policies explicit deliveries need (check-grants.ts). (The npm
 * package cfn-lint runs offline but ships a resource specification from 2019 that rejects
 * current properties, so it is not used; see the README.)
 */
export const REQUIRED: Record<string, string[]> = {
  'AWS::Serverless::Function': ['Runtime', 'Handler', 'CodeUri'],
  'AWS::Serverless::Api': ['StageName'],
  'AWS::Serverless::HttpApi': [],
  'AWS::Serverless::StateMachine': ['Definition'],
  'AWS::Pipes::Pipe': ['RoleArn', 'Source', 'Target'],
  'AWS::SQS::Queue': [],
  'AWS::SNS::Topic': [],
  'AWS::SNS::Subscription': ['TopicArn', 'Protocol'],
  'AWS::Events::EventBus': ['Name'],
  'AWS::Events::Rule': [],
  'AWS::Kinesis::Stream': [],
  'AWS::DynamoDB::Table': ['KeySchema'],
  'AWS::S3::Bucket': [],
  'AWS::EC2::LaunchTemplate': ['LaunchTemplateData'],
  'AWS::AutoScaling::AutoScalingGroup': ['MinSize', 'MaxSize'],
  'AWS::AutoScaling::ScalingPolicy': ['AutoScalingGroupName'],
  'AWS::ECS::Cluster': [],
  'AWS::ECS::TaskDefinition': [],
  'AWS::ECS::Service': [],
  'AWS::ApplicationAutoScaling::ScalableTarget': [
    'MaxCapacity',
    'MinCapacity',
    'ResourceId',
    'ScalableDimension',
    'ServiceNamespace',
  ],
  'AWS::ApplicationAutoScaling::ScalingPolicy': ['PolicyName', 'PolicyType'],
  'AWS::ElasticLoadBalancingV2::LoadBalancer': [],
  'AWS::ElasticLoadBalancingV2::Listener': ['DefaultActions', 'LoadBalancerArn'],
  'AWS::ElasticLoadBalancingV2::ListenerRule': ['Actions', 'Conditions', 'Priority'],
  'AWS::ElasticLoadBalancingV2::TargetGroup': [],
  'AWS::Lambda::Permission': ['Action', 'FunctionName', 'Principal'],
  'AWS::SQS::QueuePolicy': ['PolicyDocument', 'Queues'],
  'AWS::SNS::TopicPolicy': ['PolicyDocument', 'Topics'],
  'AWS::IAM::Role': ['AssumeRolePolicyDocument'],
};

export const REQUIRED_EVENT: Record<string, string[]> = {
  Api: ['Path', 'Method'],
  HttpApi: [],
  SQS: ['Queue'],
  Kinesis: ['Stream', 'StartingPosition'],
  DynamoDB: ['Stream', 'StartingPosition'],
  SNS: ['Topic'],
  S3: ['Bucket', 'Events'],
  EventBridgeRule: ['Pattern'],
  Schedule: ['Schedule'],
};

const PSEUDO = new Set([
  'AWS::Region',
  'AWS::AccountId',
  'AWS::StackName',
  'AWS::StackId',
  'AWS::Partition',
  'AWS::URLSuffix',
  'AWS::NoValue',
]);

export function checkTemplate(t: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const resources = isObj(t.Resources) ? t.Resources : {};
  const params = isObj(t.Parameters) ? t.Parameters : {};
  const known = (name: string) => name in resources || name in params || PSEUDO.has(name);
  if (Object.keys(resources).length === 0) problems.push('Resources is empty');
  for (const [id, r] of Object.entries(resources)) {
    if (!/^[A-Za-z0-9]{1,255}$/.test(id)) problems.push(`${id}: logical ids must be alphanumeric`);
    if (!isObj(r) || typeof r.Type !== 'string') {
      problems.push(`${id}: no Type`);
      continue;
    }
    const req = REQUIRED[r.Type];
    if (!req) {
      problems.push(`${id}: type ${r.Type} is not in the checked list`);
      continue;
    }
    const props = isObj(r.Properties) ? r.Properties : {};
    for (const k of req) if (props[k] === undefined) problems.push(`${id} (${r.Type}): ${k} is required`);
    if (
      (r.Type === 'AWS::Serverless::Function' || r.Type === 'AWS::Serverless::StateMachine') &&
      isObj(props.Events)
    ) {
      for (const [name, ev] of Object.entries(props.Events)) {
        const type = isObj(ev) ? String(ev.Type) : '?';
        const need = REQUIRED_EVENT[type];
        if (!need) {
          problems.push(`${id}.Events.${name}: event type ${type} is not in the checked list`);
          continue;
        }
        const ep = isObj(ev) && isObj(ev.Properties) ? ev.Properties : {};
        for (const k of need)
          if (ep[k] === undefined) problems.push(`${id}.Events.${name} (${type}): ${k} is required`);
      }
    }
    if (
      r.Type === 'AWS::Serverless::Function' &&
      props.ProvisionedConcurrencyConfig &&
      !props.AutoPublishAlias
    )
      problems.push(`${id}: ProvisionedConcurrencyConfig needs AutoPublishAlias`);
    if (
      r.Type === 'AWS::AutoScaling::AutoScalingGroup' &&
      !props.LaunchTemplate &&
      !props.LaunchConfigurationName &&
      !props.InstanceId
    )
      problems.push(`${id}: an Auto Scaling group needs a LaunchTemplate`);
    for (const d of [r.DependsOn ?? []].flat())
      if (typeof d !== 'string' || !(d in resources))
        problems.push(`${id}: DependsOn ${String(d)} names nothing in the template`);
    walkRefs(r.Properties, (name, how) => {
      if (!known(name)) problems.push(`${id}: ${how} ${name} names nothing in the template`);
    });
  }
  problems.push(...checkGrants(resources));
  return problems;
}

function walkRefs(v: unknown, f: (name: string, how: string) => void): void {
  if (Array.isArray(v)) return v.forEach((x) => walkRefs(x, f));
  if (!isObj(v)) return;
  for (const [k, x] of Object.entries(v)) {
    if (k === 'Ref' && typeof x === 'string') f(x, 'Ref');
    else if (k === 'Fn::GetAtt' && Array.isArray(x) && typeof x[0] === 'string') f(x[0], 'GetAtt');
    else if (k === 'Fn::Sub' && typeof x === 'string')
      for (const m of x.matchAll(/\$\{([A-Za-z0-9:]+)(?:\.[A-Za-z0-9.]+)?\}/g)) f(m[1], 'Sub');
    else walkRefs(x, f);
  }
}
