import type { ImportContext } from '../context';
import { isObj } from '../context';
import { stringOf } from '../intrinsics';
import { esmEdgeParams, esmOnFailure } from './esm';
import { filterPolicyMatch, patternMatch } from './matching';
import { scheduleParams } from './schedule-expr';
import { applyRetryPolicy, busFor } from './events';

/** SAM event source types with no simulator kind. */
const UNSUPPORTED: Record<string, string> = {
  IoTRule: 'IoT rules',
  Cognito: 'Cognito triggers',
  AlexaSkill: 'Alexa skills',
  CloudWatchLogs: 'CloudWatch Logs subscriptions',
  MQ: 'Amazon MQ',
  MSK: 'Amazon MSK',
  SelfManagedKafka: 'self-managed Kafka',
  DocumentDB: 'DocumentDB streams',
};

/**
 * A SAM function's Events, expanded as SAM does: an Api/HttpApi event attaches to the named
 * API or to the implicit one SAM creates; SQS/Kinesis/DynamoDB become event source mappings;
 * SNS a subscription (through an implicit queue with SqsSubscription); S3 a notification;
 * Schedule/ScheduleV2 a rule or schedule; EventBridgeRule/CloudWatchEvent a rule on a bus.
 */
export function expandEvents(ctx: ImportContext, fnId: string, events: Record<string, unknown>): void {
  for (const [name, ev] of Object.entries(events)) {
    if (!isObj(ev)) continue;
    const type = stringOf(ev.Type) ?? '?';
    const p = isObj(ev.Properties) ? ev.Properties : {};
    const via = `${fnId} Events.${name} (${type})`;
    const link = (from: string, params: Record<string, unknown> = {}) =>
      ctx.link({ from, to: fnId, role: 'invoke', params, via });
    switch (type) {
      case 'Api': {
        const api = ctx.target(p.RestApiId) ?? implicitApi(ctx, 'ServerlessRestApi', 'rest');
        link(api);
        break;
      }
      case 'HttpApi': {
        const api = ctx.target(p.ApiId) ?? implicitApi(ctx, 'ServerlessHttpApi', 'http');
        link(api);
        break;
      }
      case 'SQS':
      case 'Kinesis':
      case 'DynamoDB': {
        const src = ctx.target(type === 'SQS' ? p.Queue : p.Stream);
        const node = src ? ctx.node(src) : undefined;
        if (!src || !node) {
          ctx.unwired(
            `${via}: its source ${String(type === 'SQS' ? p.Queue : p.Stream)} is not in this template`,
          );
          break;
        }
        if (type === 'DynamoDB' && node.kind === 'table') node.params.streamEnabled = true;
        link(src, esmEdgeParams(ctx, via, p, node.kind));
        esmOnFailure(ctx, src, via, p);
        break;
      }
      case 'SNS': {
        const topic = ctx.target(p.Topic);
        if (!topic) {
          ctx.unwired(`${via}: topic ${String(p.Topic)} is not in this template`);
          break;
        }
        const m = filterPolicyMatch(p.FilterPolicy);
        if (m.ignored.length)
          ctx.warn(`${via}: filter policy conditions on ${m.ignored.join(', ')} are not simulated`);
        const filter = m.types ? { filter: { type: m.types } } : {};
        if (p.SqsSubscription !== undefined && p.SqsSubscription !== false) {
          const q = ctx.addImplicitNode(
            `${fnId}${name}Queue`,
            'queue',
            {},
            `${fnId} ${name} queue`,
            `${via} SqsSubscription (implicit AWS::SQS::Queue)`,
          );
          ctx.link({ from: topic, to: q.id, role: 'invoke', params: filter, via: `${via} SqsSubscription` });
          const sub = isObj(p.SqsSubscription) ? p.SqsSubscription : {};
          ctx.link({
            from: q.id,
            to: fnId,
            role: 'invoke',
            params: esmEdgeParams(ctx, via, sub, 'queue'),
            via,
          });
        } else link(topic, filter);
        break;
      }
      case 'S3': {
        const bucket = ctx.target(p.Bucket);
        if (!bucket) ctx.unwired(`${via}: bucket ${String(p.Bucket)} is not in this template`);
        else link(bucket);
        break;
      }
      case 'Schedule':
      case 'ScheduleV2': {
        const expr = stringOf(type === 'Schedule' ? p.Schedule : p.ScheduleExpression) ?? '';
        const s = scheduleParams(expr);
        if ('problem' in s) {
          ctx.unwired(`${via}: ${s.problem}`);
          break;
        }
        if (p.Enabled === false || p.State === 'DISABLED')
          ctx.warn(`${via}: disabled in the template; simulated as enabled`);
        const node = ctx.addImplicitNode(
          `${fnId}${name}`,
          'schedule',
          s.params,
          `${fnId} ${name}`,
          `${via} (implicit ${type === 'Schedule' ? 'AWS::Events::Rule' : 'AWS::Scheduler::Schedule'})`,
        );
        link(node.id);
        break;
      }
      case 'EventBridgeRule':
      case 'CloudWatchEvent': {
        const bus = busFor(ctx, p.EventBusName);
        const m = patternMatch(p.Pattern);
        if (m.ignored.length)
          ctx.warn(
            `${via}: pattern fields ${m.ignored.join(', ')} are not simulated (only detail-type, or source, name event types)`,
          );
        if (isObj(p.RetryPolicy)) applyRetryPolicy(ctx, bus, p.RetryPolicy, via);
        if (isObj(p.DeadLetterConfig)) {
          const dlq = ctx.target(p.DeadLetterConfig.Arn);
          if (dlq)
            ctx.link({
              from: bus,
              to: dlq,
              role: 'dlq',
              params: {},
              via: `${via} DeadLetterConfig`,
              forTargets: [fnId],
            });
          else
            ctx.unwired(
              `${via}: its DeadLetterConfig names no queue of this template (SAM would create one); not drawn`,
            );
        }
        link(bus, m.types ? { pattern: { type: m.types } } : {});
        break;
      }
      default:
        ctx.unwired(`${via}: ${UNSUPPORTED[type] ?? `event source type ${type}`} has no simulator kind`);
    }
  }
}

function implicitApi(ctx: ImportContext, id: string, flavor: 'rest' | 'http'): string {
  ctx.addImplicitNode(
    id,
    'apiGateway',
    { flavor },
    id,
    `${id} (implicit ${flavor === 'rest' ? 'AWS::Serverless::Api' : 'AWS::Serverless::HttpApi'} that SAM creates)`,
  );
  return id;
}
