import type { ImportContext, Mapper } from '../context';
import { isObj } from '../context';
import { boolOf, numberOf, stringOf } from '../intrinsics';
import { filterPolicyMatch } from './matching';

function jsonish(v: unknown): Record<string, unknown> | undefined {
  if (isObj(v)) return v;
  if (typeof v === 'string') {
    try {
      const o: unknown = JSON.parse(v);
      return isObj(o) ? o : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** SNS subscription (property of a topic, or its own resource) → a delivery edge. */
function subscribe(ctx: ImportContext, topic: string, sub: Record<string, unknown>, via: string): void {
  const protocol = stringOf(sub.Protocol) ?? '?';
  const to = ctx.target(sub.Endpoint);
  if (protocol !== 'sqs' && protocol !== 'lambda') {
    ctx.unwired(`${via}: ${protocol} subscriptions (e-mail, HTTP, SMS, Firehose) have no simulator kind`);
    return;
  }
  if (!to) {
    ctx.unwired(`${via}: endpoint ${String(sub.Endpoint)} is not a resource of this template`);
    return;
  }
  const m = filterPolicyMatch(sub.FilterPolicy);
  if (m.ignored.length)
    ctx.warn(`${via}: filter policy conditions on ${m.ignored.join(', ')} are not simulated`);
  ctx.link({ from: topic, to, role: 'invoke', params: m.types ? { filter: { type: m.types } } : {}, via });
  const redrive = jsonish(sub.RedrivePolicy);
  if (redrive) {
    const dlq = ctx.target(redrive.deadLetterTargetArn);
    if (dlq) ctx.link({ from: topic, to: dlq, role: 'dlq', params: {}, via: `${via} RedrivePolicy` });
  }
}

export const messagingMappers: Mapper[] = [
  {
    types: ['AWS::SQS::Queue'],
    phase: 1,
    map(ctx, id, p) {
      const params: Record<string, unknown> = {};
      if (boolOf(p.FifoQueue)) params.type = 'fifo';
      const set = (k: string, v: number | undefined) => {
        if (v !== undefined) params[k] = v;
      };
      set('visibilityTimeoutSeconds', numberOf(p.VisibilityTimeout));
      set('retentionSeconds', numberOf(p.MessageRetentionPeriod));
      set('deliveryDelaySeconds', numberOf(p.DelaySeconds));
      const redrive = jsonish(p.RedrivePolicy);
      if (redrive) set('maxReceiveCount', numberOf(redrive.maxReceiveCount));
      if (p.ContentBasedDeduplication !== undefined)
        ctx.warn(`${id}: ContentBasedDeduplication is not simulated`);
      ctx.addNode(id, 'queue', params);
    },
  },
  {
    types: ['AWS::SQS::Queue'],
    phase: 2,
    map(ctx, id, p) {
      const redrive = jsonish(p.RedrivePolicy);
      if (!redrive) return;
      const dlq = ctx.target(redrive.deadLetterTargetArn);
      if (dlq)
        ctx.link({
          from: id,
          to: dlq,
          role: 'dlq',
          params: {},
          via: `${id} RedrivePolicy (maxReceiveCount ${String(redrive.maxReceiveCount)})`,
        });
      else
        ctx.unwired(
          `${id}: its dead-letter queue ${String(redrive.deadLetterTargetArn)} is not in this template`,
        );
    },
  },
  {
    types: ['AWS::SNS::Topic'],
    phase: 1,
    map(ctx, id, p) {
      if (boolOf(p.FifoTopic))
        ctx.warn(
          `${id}: a FIFO topic is simulated as a standard topic (ordering and deduplication are not modelled)`,
        );
      ctx.addNode(id, 'topic', {});
    },
  },
  {
    types: ['AWS::SNS::Topic'],
    phase: 2,
    map(ctx, id, p) {
      if (!Array.isArray(p.Subscription)) return;
      p.Subscription.forEach((s, i) => {
        if (isObj(s)) subscribe(ctx, id, s, `${id} Subscription[${i}]`);
      });
    },
  },
  {
    types: ['AWS::SNS::Subscription'],
    phase: 2,
    map(ctx, id, p) {
      const topic = ctx.target(p.TopicArn);
      ctx.handled.add(id);
      if (!topic || !ctx.node(topic)) {
        ctx.unwired(`${id}: topic ${String(p.TopicArn)} is not in this template`);
        ctx.report.notMapped.push({
          logicalId: id,
          type: 'AWS::SNS::Subscription',
          reason: 'its topic is not in this template',
        });
        return;
      }
      subscribe(ctx, topic, p, `${id} (AWS::SNS::Subscription)`);
    },
  },
];
