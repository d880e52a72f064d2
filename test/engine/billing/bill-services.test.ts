/**
 * Bills of the other services, worked by hand from the facts file (§2.3, §3.3, §4–§8, §10).
 * The measured window is a whole 30-day month unless stated.
 */
import { describe, expect, it } from 'vitest';
import { priceRun } from '../../../src/engine/billing/bill';
import { chunks, ec2BilledSeconds, fargateBilledSeconds } from '../../../src/engine/billing/units';
import type { UsageLine } from '../../../src/engine/billing/types';

const MONTH = 30 * 86400;

const run = (lines: UsageLine[], includeFreeTier = false, measuredSeconds = MONTH) =>
  priceRun([{ nodeId: 'n', lines }], { measuredSeconds, includeFreeTier });

describe('API Gateway', () => {
  it('(f) REST: 400M requests cross the 333M breakpoint', () => {
    const lines: UsageLine[] = [{ meter: 'apigw.rest.requests', name: 'requests', quantity: 400e6 }];
    // 333 × 3.50 + 67 × 2.80 = 1,165.5 + 187.6
    expect(run(lines).costUsd).toBeCloseTo(333 * 3.5 + 67 * 2.8, 6);
    expect(run(lines).costUsd).toBeCloseTo(1353.1, 6);
  });

  it('(f) HTTP: 1M requests cost 1.00, and the 12-month free tier is never applied', () => {
    const lines: UsageLine[] = [{ meter: 'apigw.http.requests', name: 'requests', quantity: 1e6 }];
    expect(run(lines).costUsd).toBeCloseTo(1.0, 10);
    expect(run(lines, true).costUsd).toBeCloseTo(1.0, 10);
    expect(run(lines).byNode.n.items[0].source).toMatch(/12 months/);
  });

  it('(f) HTTP: a 600 KB request is metered as two 512 KB increments', () => {
    const lines: UsageLine[] = [
      { meter: 'apigw.http.requests', name: 'requests', quantity: 1e6 * chunks(600, 512) },
    ];
    expect(run(lines).costUsd).toBeCloseTo(2 * 1.0, 10);
  });
});

describe('SQS', () => {
  it('(g) a 256 KB message is 4 requests (64 KB chunks)', () => {
    // 1M sends of 256 KB = 4M requests × 0.40/M
    const lines: UsageLine[] = [
      { meter: 'sqs.standard.requests', name: 'requests', quantity: 1e6 * chunks(256, 64) },
    ];
    expect(run(lines).costUsd).toBeCloseTo(4 * 0.4, 10);
    // with the 1M free requests: 3 × 0.40
    expect(run(lines, true).costUsd).toBeCloseTo(3 * 0.4, 10);
  });

  it('standard and FIFO share the 1M free requests but not a price', () => {
    const bill = priceRun(
      [
        { nodeId: 's', lines: [{ meter: 'sqs.standard.requests', name: 'requests', quantity: 1e6 }] },
        { nodeId: 'f', lines: [{ meter: 'sqs.fifo.requests', name: 'requests', quantity: 1e6 }] },
      ],
      { measuredSeconds: MONTH, includeFreeTier: true },
    );
    // 2M − 1M free, half each: 0.5M × 0.40 + 0.5M × 0.50
    expect(bill.byNode.s.totalUsd).toBeCloseTo(0.5 * 0.4, 10);
    expect(bill.byNode.f.totalUsd).toBeCloseTo(0.5 * 0.5, 10);
  });
});

describe('SNS, EventBridge, Scheduler', () => {
  it('SNS: publishes after 1M free at 0.50/M; HTTP deliveries after 100k free at 0.60/M', () => {
    const lines: UsageLine[] = [
      { meter: 'sns.publishes', name: 'publishes', quantity: 3e6 },
      { meter: 'sns.http.deliveries', name: 'HTTP deliveries', quantity: 1.1e6 },
    ];
    expect(run(lines).costUsd).toBeCloseTo(3 * 0.5 + 1.1 * 0.6, 10);
    expect(run(lines, true).costUsd).toBeCloseTo(2 * 0.5 + 1 * 0.6, 10);
  });

  it('EventBridge custom events at 1.00/M with no free tier; Scheduler 14M free', () => {
    const lines: UsageLine[] = [
      { meter: 'eventbridge.events', name: 'events', quantity: 2e6 },
      { meter: 'scheduler.invocations', name: 'invocations', quantity: 20e6 },
    ];
    expect(run(lines).costUsd).toBeCloseTo(2 * 1 + 20 * 1, 10);
    expect(run(lines, true).costUsd).toBeCloseTo(2 * 1 + (20 - 14) * 1, 10);
  });
});

describe('Kinesis', () => {
  it('provisioned: shard-hours, PUT payload units, extended retention', () => {
    // 2 shards for 720 h; 10M records of 30 KB = 2 units each; retention 48 h on both shards.
    const lines: UsageLine[] = [
      { meter: 'kinesis.shardHours', name: 'shard-hours', quantity: 2 * 720 },
      { meter: 'kinesis.putUnits', name: 'PUT payload units', quantity: 10e6 * chunks(30, 25) },
      { meter: 'kinesis.extendedRetentionShardHours', name: 'extended retention', quantity: 2 * 720 },
    ];
    expect(run(lines).costUsd).toBeCloseTo(1440 * 0.015 + 20 * 0.014 + 1440 * 0.02, 10); // 21.6 + 0.28 + 28.8
  });

  it('on-demand: stream-hours priced; per-GB prices unconfirmed, billed 0 with a note', () => {
    const bill = run([
      { meter: 'kinesis.onDemand.streamHours', name: 'stream-hours', quantity: 720 },
      { meter: 'kinesis.onDemand.gbIn', name: 'data in', quantity: 100 },
      { meter: 'kinesis.onDemand.gbOut', name: 'data out', quantity: 100 },
    ]);
    expect(bill.costUsd).toBeCloseTo(720 * 0.04, 10);
    expect(bill.byNode.n.items[1].usd).toBe(0);
    expect(bill.byNode.n.items[1].source).toMatch(/not confirmed/);
    expect(bill.byNode.n.items[2].source).toMatch(/not confirmed/);
  });
});

describe('DynamoDB and S3', () => {
  it('DynamoDB on-demand at the post-2024-11-01 prices; 25 GB storage free', () => {
    const lines: UsageLine[] = [
      { meter: 'dynamodb.wru', name: 'writes', quantity: 10e6 },
      { meter: 'dynamodb.rru', name: 'reads', quantity: 40e6 },
      { meter: 'dynamodb.storageGbMonths', name: 'storage', quantity: 30 },
    ];
    expect(run(lines).costUsd).toBeCloseTo(10 * 0.625 + 40 * 0.125 + 30 * 0.25, 10);
    expect(run(lines, true).costUsd).toBeCloseTo(10 * 0.625 + 40 * 0.125 + (30 - 25) * 0.25, 10);
  });

  it('S3: requests per 1,000 and storage tiers at 50 TB (51,200 GB)', () => {
    const lines: UsageLine[] = [
      { meter: 's3.put', name: 'PUT', quantity: 1e6 },
      { meter: 's3.get', name: 'GET', quantity: 1e6 },
      { meter: 's3.storageGbMonths', name: 'storage', quantity: 60 * 1024 },
    ];
    // 1,000 × 0.005 + 1,000 × 0.0004 + 51,200 × 0.023 + 10,240 × 0.022
    expect(run(lines).costUsd).toBeCloseTo(5 + 0.4 + 51_200 * 0.023 + 10_240 * 0.022, 8);
  });
});

describe('EC2, Fargate, ALB', () => {
  it('(h) one m5.large for 30 days = 720 h × 0.096', () => {
    const bill = run([{ meter: 'ec2.m5.large.instanceSeconds', name: 'm5.large', quantity: 30 * 86400 }]);
    expect(bill.costUsd).toBeCloseTo(720 * 0.096, 9); // 69.12
    expect(bill.byNode.n.items[0].unit).toBe('instance-seconds');
  });

  it('(h) EC2 per second with a 60 s minimum: a 45 s instance in a 10-minute run', () => {
    const bill = run(
      [{ meter: 'ec2.t3.micro.instanceSeconds', name: 't3.micro', quantity: ec2BilledSeconds(45) }],
      false,
      600,
    );
    expect(bill.costUsd).toBeCloseTo((60 / 3600) * 0.0104, 12);
  });

  it('(h) Fargate per second with a 60 s minimum', () => {
    // A 0.25 vCPU / 0.5 GB x86 task that lived 45 s, in a 10-minute run: billed 60 s.
    const seconds = fargateBilledSeconds(45);
    const bill = run(
      [
        { meter: 'fargate.x86_64.vcpuSeconds', name: 'vCPU', quantity: 0.25 * seconds },
        { meter: 'fargate.x86_64.gbSeconds', name: 'memory', quantity: 0.5 * seconds },
      ],
      false,
      600,
    );
    expect(bill.costUsd).toBeCloseTo(0.25 * (60 / 3600) * 0.04048 + 0.5 * (60 / 3600) * 0.004445, 12);
  });

  it('(h) Fargate Arm for a month: 1 vCPU, 2 GB', () => {
    const bill = run([
      { meter: 'fargate.arm64.vcpuSeconds', name: 'vCPU', quantity: 1 * MONTH },
      { meter: 'fargate.arm64.gbSeconds', name: 'memory', quantity: 2 * MONTH },
    ]);
    expect(bill.costUsd).toBeCloseTo(720 * 0.03238 + 2 * 720 * 0.00356, 9);
  });

  it('(h) ALB: 720 ALB-hours and LCU-hours', () => {
    const bill = run([
      { meter: 'alb.hours', name: 'load balancer', quantity: 720 },
      { meter: 'alb.lcuHours', name: 'LCUs', quantity: 720 * 2 },
    ]);
    expect(bill.costUsd).toBeCloseTo(720 * 0.0225 + 1440 * 0.008, 10); // 16.2 + 11.52
  });
});
