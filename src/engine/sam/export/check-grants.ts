import { isObj } from '../template';

type R = { Type?: unknown; Properties?: unknown; DependsOn?: unknown };

/**
 * Checks that every explicit delivery in a template is allowed by the receiving side, as
 * AWS requires when the stack is deployed or the first event is sent: a function invoked by a
 * load balancer's target group or by a rule has an `AWS::Lambda::Permission` for that service
 * (the target group DependsOn it); a queue or topic written to by a rule, a bucket
 * notification or an SNS subscription has a policy statement for that service (a bucket
 * DependsOn it); a rule's stream or bus target has a RoleArn.
 */
export function checkGrants(resources: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const res = Object.entries(resources).filter((e): e is [string, R] => isObj(e[1]));
  const type = (id: string | undefined) => (id ? (resources[id] as R | undefined)?.Type : undefined);
  const permissions = res.filter(([, r]) => r.Type === 'AWS::Lambda::Permission');
  const permitted = (fn: string, principal: string, from?: string) =>
    permissions.some(([, r]) => {
      const p = isObj(r.Properties) ? r.Properties : {};
      return (
        p.Action === 'lambda:InvokeFunction' &&
        named(p.FunctionName) === fn &&
        p.Principal === principal &&
        (from === undefined || named(p.SourceArn) === from)
      );
    });
  /** The ids of the policies of type `policyType` that let `service` do `action` on `target`. */
  const allowedBy = (policyType: string, listKey: string, target: string, service: string, action: string) =>
    res
      .filter(([, r]) => {
        if (r.Type !== policyType || !isObj(r.Properties)) return false;
        const p = r.Properties;
        const on = Array.isArray(p[listKey]) ? (p[listKey] as unknown[]).map(named) : [];
        const doc = isObj(p.PolicyDocument) ? p.PolicyDocument : {};
        const st = Array.isArray(doc.Statement) ? doc.Statement : [];
        return (
          on.includes(target) &&
          st.some(
            (s) =>
              isObj(s) &&
              s.Effect === 'Allow' &&
              isObj(s.Principal) &&
              s.Principal.Service === service &&
              [s.Action].flat().includes(action),
          )
        );
      })
      .map(([id]) => id);
  const queueAllows = (q: string, service: string) =>
    allowedBy('AWS::SQS::QueuePolicy', 'Queues', q, service, 'sqs:SendMessage');
  const topicAllows = (t: string, service: string) =>
    allowedBy('AWS::SNS::TopicPolicy', 'Topics', t, service, 'sns:Publish');
  const dependsOn = (r: R) => [r.DependsOn ?? []].flat();

  for (const [id, r] of res) {
    const p = isObj(r.Properties) ? r.Properties : {};
    if (r.Type === 'AWS::ElasticLoadBalancingV2::TargetGroup' && p.TargetType === 'lambda') {
      for (const t of Array.isArray(p.Targets) ? p.Targets : []) {
        const fn = isObj(t) ? named(t.Id) : undefined;
        if (!fn) continue;
        const perm = permissions.find(([, x]) => {
          const xp = isObj(x.Properties) ? x.Properties : {};
          return named(xp.FunctionName) === fn && xp.Principal === 'elasticloadbalancing.amazonaws.com';
        });
        if (!perm)
          problems.push(`${id}: ${fn} has no AWS::Lambda::Permission for elasticloadbalancing.amazonaws.com`);
        else if (!dependsOn(r).includes(perm[0]))
          problems.push(
            `${id}: must DependsOn ${perm[0]} (the function is registered only once it may be invoked)`,
          );
      }
    }
    if (r.Type === 'AWS::Events::Rule') {
      for (const t of Array.isArray(p.Targets) ? p.Targets : []) {
        if (!isObj(t)) continue;
        const target = named(t.Arn);
        const kind = type(target);
        if (kind === 'AWS::Serverless::Function' && !permitted(target!, 'events.amazonaws.com', id))
          problems.push(`${id}: target ${target} has no AWS::Lambda::Permission for this rule`);
        if (kind === 'AWS::SQS::Queue' && !queueAllows(target!, 'events.amazonaws.com').length)
          problems.push(`${id}: queue ${target} has no policy letting EventBridge send to it`);
        if (kind === 'AWS::SNS::Topic' && !topicAllows(target!, 'events.amazonaws.com').length)
          problems.push(`${id}: topic ${target} has no policy letting EventBridge publish to it`);
        if (
          (kind === 'AWS::Kinesis::Stream' ||
            kind === 'AWS::Events::EventBus' ||
            kind === 'AWS::Serverless::StateMachine') &&
          !t.RoleArn
        )
          problems.push(`${id}: target ${target} needs a RoleArn`);
        const dlq = isObj(t.DeadLetterConfig) ? named(t.DeadLetterConfig.Arn) : undefined;
        if (dlq && !queueAllows(dlq, 'events.amazonaws.com').length)
          problems.push(`${id}: dead-letter queue ${dlq} has no policy letting EventBridge send to it`);
      }
    }
    if (r.Type === 'AWS::SNS::Subscription' && p.Protocol === 'sqs') {
      const q = named(p.Endpoint);
      if (q && !queueAllows(q, 'sns.amazonaws.com').length)
        problems.push(`${id}: queue ${q} has no policy letting SNS send to it`);
    }
    if (r.Type === 'AWS::S3::Bucket' && isObj(p.NotificationConfiguration)) {
      const cfg = p.NotificationConfiguration;
      const check = (list: unknown, key: string, allows: (x: string) => string[], what: string) => {
        for (const c of Array.isArray(list) ? list : []) {
          const x = isObj(c) ? named(c[key]) : undefined;
          if (!x) continue;
          const by = allows(x);
          if (!by.length) problems.push(`${id}: ${what} ${x} has no policy letting S3 send to it`);
          else if (!by.some((b) => dependsOn(r).includes(b)))
            problems.push(
              `${id}: must DependsOn ${by[0]} (S3 checks the permission when it saves the notification)`,
            );
        }
      };
      check(cfg.QueueConfigurations, 'Queue', (q) => queueAllows(q, 's3.amazonaws.com'), 'queue');
      check(cfg.TopicConfigurations, 'Topic', (t) => topicAllows(t, 's3.amazonaws.com'), 'topic');
    }
  }
  return problems;
}

function named(v: unknown): string | undefined {
  if (!isObj(v)) return undefined;
  if (typeof v.Ref === 'string') return v.Ref;
  const g = v['Fn::GetAtt'];
  return Array.isArray(g) && typeof g[0] === 'string' ? g[0] : undefined;
}
