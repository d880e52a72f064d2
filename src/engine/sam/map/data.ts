import type { ImportContext, Mapper } from '../context';
import { isObj } from '../context';
import { boolOf, numberOf, stringOf } from '../intrinsics';

function configs(v: unknown): Record<string, unknown>[] {
  return Array.isArray(v) ? v.filter(isObj) : [];
}

function notifications(ctx: ImportContext, bucket: string, n: Record<string, unknown>): void {
  const groups: [string, string][] = [
    ['LambdaConfigurations', 'Function'],
    ['QueueConfigurations', 'Queue'],
    ['TopicConfigurations', 'Topic'],
  ];
  for (const [list, key] of groups) {
    configs(n[list]).forEach((c, i) => {
      const via = `${bucket} NotificationConfiguration.${list}[${i}] (${String(c.Event)})`;
      const to = ctx.target(c[key]);
      if (to) ctx.link({ from: bucket, to, role: 'invoke', params: {}, via });
      else ctx.unwired(`${via}: ${String(c[key])} is not a resource of this template`);
    });
  }
  const eb = isObj(n.EventBridgeConfiguration) ? n.EventBridgeConfiguration : undefined;
  if (eb && boolOf(eb.EventBridgeEnabled) !== false)
    ctx.link({
      from: bucket,
      to: ctx.defaultBus(),
      role: 'invoke',
      params: {},
      via: `${bucket} NotificationConfiguration.EventBridgeConfiguration (S3 sends every object event to the default bus)`,
    });
}

export const dataMappers: Mapper[] = [
  {
    types: ['AWS::Kinesis::Stream'],
    phase: 1,
    map(ctx, id, p) {
      const params: Record<string, unknown> = {};
      const mode = isObj(p.StreamModeDetails) ? stringOf(p.StreamModeDetails.StreamMode) : undefined;
      if (mode === 'ON_DEMAND') params.mode = 'onDemand';
      const shards = numberOf(p.ShardCount);
      if (shards !== undefined) params.shards = shards;
      const hours = numberOf(p.RetentionPeriodHours);
      if (hours !== undefined) params.retentionHours = hours;
      ctx.addNode(id, 'stream', params);
    },
  },
  {
    types: ['AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable', 'AWS::Serverless::SimpleTable'],
    phase: 1,
    map(ctx, id, p) {
      const params: Record<string, unknown> = {};
      const billing = stringOf(p.BillingMode);
      const provisioned =
        billing === 'PROVISIONED' || (billing === undefined && p.ProvisionedThroughput !== undefined);
      if (provisioned)
        ctx.assume(
          `${id}: provisioned capacity is billed as on-demand (the simulator's table is on-demand only)`,
        );
      if (isObj(p.StreamSpecification)) params.streamEnabled = true;
      ctx.addNode(id, 'table', params);
    },
  },
  {
    types: ['AWS::S3::Bucket'],
    phase: 1,
    map(ctx, id) {
      ctx.addNode(id, 'bucket', {});
    },
  },
  {
    types: ['AWS::S3::Bucket'],
    phase: 2,
    map(ctx, id, p) {
      if (isObj(p.NotificationConfiguration)) notifications(ctx, id, p.NotificationConfiguration);
    },
  },
];
