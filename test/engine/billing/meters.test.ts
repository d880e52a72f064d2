import { describe, expect, it } from 'vitest';
import { METERS, ec2MeterId, meter } from '../../../src/engine/billing/meters';
import { EC2_INSTANCE_TYPES } from '../../../src/engine/billing/prices';

describe('the meter table', () => {
  it('has a meter for every id the kinds are told to use', () => {
    const ids = [
      'lambda.requests',
      'lambda.duration.x86_64',
      'lambda.init.x86_64',
      'lambda.duration.arm64',
      'lambda.init.arm64',
      'lambda.ephemeral',
      'lambda.pc.x86_64',
      'lambda.pcDuration.x86_64',
      'lambda.pc.arm64',
      'lambda.pcDuration.arm64',
      'apigw.rest.requests',
      'apigw.http.requests',
      'sqs.standard.requests',
      'sqs.fifo.requests',
      'sns.publishes',
      'sns.http.deliveries',
      'eventbridge.events',
      'pipes.requests',
      'scheduler.invocations',
      'sfn.standard.transitions',
      'sfn.express.requests',
      'sfn.express.gbSeconds',
      'logs.lambda.ingestedGb',
      'logs.storageGbMonths',
      'xray.tracesRecorded',
      'xray.tracesRetrievedOrScanned',
      'kinesis.shardHours',
      'kinesis.putUnits',
      'kinesis.extendedRetentionShardHours',
      'kinesis.onDemand.streamHours',
      'kinesis.onDemand.gbIn',
      'kinesis.onDemand.gbOut',
      'dynamodb.wru',
      'dynamodb.rru',
      'dynamodb.storageGbMonths',
      's3.put',
      's3.get',
      's3.storageGbMonths',
      'fargate.x86_64.vcpuSeconds',
      'fargate.x86_64.gbSeconds',
      'fargate.arm64.vcpuSeconds',
      'fargate.arm64.gbSeconds',
      'alb.hours',
      'alb.lcuHours',
      'eks.clusterHours',
      ...Object.keys(EC2_INSTANCE_TYPES).map(ec2MeterId),
    ];
    for (const id of ids) expect(meter(id).id).toBe(id);
    expect(Object.keys(METERS).sort()).toEqual([...ids].sort());
  });

  it('gives every meter a unit and a source tag with a date', () => {
    for (const m of Object.values(METERS)) {
      expect(m.unit, m.id).not.toBe('');
      expect(m.source, m.id).toMatch(/\[[A-Z0-9-]+\].*as of /);
    }
  });

  it('has one price object per tier pool, so pooled meters climb one ladder', () => {
    const byPool = new Map<string, unknown>();
    for (const m of Object.values(METERS)) {
      if (byPool.has(m.tierPool)) expect(m.price, m.id).toBe(byPool.get(m.tierPool));
      else byPool.set(m.tierPool, m.price);
    }
    expect(meter('lambda.init.x86_64').tierPool).toBe(meter('lambda.duration.x86_64').tierPool);
    expect(meter('lambda.duration.arm64').tierPool).not.toBe(meter('lambda.duration.x86_64').tierPool);
  });

  it('shares the Lambda GB-s free tier across architectures and INIT, but not with PC', () => {
    const pool = meter('lambda.duration.x86_64').freeTier;
    expect(pool?.monthly).toBe(400_000);
    for (const id of ['lambda.init.x86_64', 'lambda.duration.arm64', 'lambda.init.arm64'])
      expect(meter(id).freeTier).toBe(pool);
    for (const id of [
      'lambda.pc.x86_64',
      'lambda.pcDuration.x86_64',
      'lambda.pc.arm64',
      'lambda.pcDuration.arm64',
    ]) {
      expect(meter(id).freeTier).toBeUndefined();
    }
    expect(meter('apigw.rest.requests').freeTier).toBeUndefined();
    expect(meter('apigw.http.requests').freeTier).toBeUndefined();
  });

  it('prices EC2 per second from the hourly price', () => {
    const m = meter(ec2MeterId('m5.large'));
    expect(m.price).toEqual({ usdPerUnit: 0.096 / 3600 });
  });

  it('throws on an unknown id, naming it, and does not find inherited keys', () => {
    expect(() => meter('sqs.nope')).toThrow(/sqs\.nope/);
    expect(() => meter('toString')).toThrow(/toString/);
  });
});
