/**
 * The meter table: what a node may report usage on, in which unit, and how a month of it is
 * priced. Node kinds name a meter in each UsageLine; bill.ts prices each meter (or tier pool)
 * once for the whole account, because that is how AWS applies tiers and free tiers.
 *
 * Meter ids (unit in brackets):
 *   lambda.requests                        [requests]  free tier 1M/month (pool lambda.requests)
 *   lambda.duration.x86_64                 [GB-s]      tier pool lambda.onDemand.x86_64, free pool lambda.gbSeconds
 *   lambda.init.x86_64                     [GB-s]      same ladder and free pool as the x86 duration
 *   lambda.duration.arm64                  [GB-s]      tier pool lambda.onDemand.arm64, free pool lambda.gbSeconds
 *   lambda.init.arm64                      [GB-s]      same ladder and free pool as the Arm duration
 *   lambda.ephemeral                       [GB-s]      (configured storage − 512 MB) × duration
 *   lambda.pc.x86_64, lambda.pc.arm64      [GB-s]      Provisioned Concurrency configured; no free tier
 *   lambda.pcDuration.x86_64, .arm64       [GB-s]      duration served by PC environments; no free tier
 *   apigw.rest.requests                    [requests]  tiered
 *   apigw.http.requests                    [requests]  tiered; 512 KB increments (units.chunks)
 *   sqs.standard.requests                  [requests]  tiered; 64 KB chunks; free pool sqs.requests
 *   sqs.fifo.requests                      [requests]  64 KB chunks; free pool sqs.requests
 *   sns.publishes                          [requests]  64 KB chunks; free 1M/month
 *   sns.http.deliveries                    [deliveries] 64 KB chunks; free 100k/month
 *   eventbridge.events                     [events]    custom events, 64 KB chunks
 *   scheduler.invocations                  [invocations] free 14M/month
 *   pipes.requests                         [requests]  events after the filter, 64 KB chunks
 *   sfn.standard.transitions               [transitions] free 4,000/month
 *   sfn.express.requests                   [executions]
 *   sfn.express.gbSeconds                  [GB-s]      100 ms rounding and 64 MB chunks applied by the node
 *   kinesis.shardHours                     [shard-hours]
 *   kinesis.putUnits                       [PUT payload units] 25 KB chunks
 *   kinesis.extendedRetentionShardHours    [shard-hours]
 *   kinesis.onDemand.streamHours           [stream-hours]
 *   kinesis.onDemand.gbIn, .gbOut          [GB]        price not confirmed: billed as 0, with a note
 *   dynamodb.wru, dynamodb.rru             [WRU], [RRU] on-demand
 *   dynamodb.storageGbMonths               [GB-months] free 25 GB-months/month
 *   s3.put, s3.get                         [requests]
 *   s3.storageGbMonths                     [GB-months] tiered (Standard)
 *   ec2.<type>.instanceSeconds             [instance-seconds] one per EC2_INSTANCE_TYPES entry
 *   fargate.x86_64.vcpuSeconds, fargate.arm64.vcpuSeconds   [vCPU-seconds]
 *   fargate.x86_64.gbSeconds,   fargate.arm64.gbSeconds     [GB-seconds]
 *   alb.hours                              [ALB-hours]
 *   alb.lcuHours                           [LCU-hours]
 *   eks.clusterHours                       [cluster-hours] one cluster for the whole run
 *   logs.lambda.ingestedGb                 [GB]        Lambda's vended-log ladder; free 5 GB/month
 *   logs.storageGbMonths                   [GB-months] archived (compressed) logs; free 5 GB-months/month
 *   xray.tracesRecorded                    [traces]    free 100,000/month
 *   xray.tracesRetrievedOrScanned          [traces]    recorded × reads per trace; free 1,000,000/month
 *
 * Time-based quantities (hours, seconds, GB-months) are what the resource used during the
 * measured window, e.g. a bucket of 100 GB over 10 minutes reports 100 × 600 / 2,592,000
 * GB-months. Rounding rules that apply per launch or per enable period (EC2's 60 s minimum,
 * PC's 5 minutes) belong to the node (billing/units.ts); a resource that is up for the
 * whole run reports the run's seconds unrounded, since it would be up all month.
 */
import {
  ALB,
  API_GATEWAY,
  CLOUDWATCH_LOGS,
  DYNAMODB,
  EC2_INSTANCE_TYPES,
  EKS,
  EVENTBRIDGE,
  FARGATE,
  KINESIS,
  LAMBDA,
  S3,
  SNS,
  SQS,
  STEP_FUNCTIONS,
  XRAY,
  type Architecture,
  type FreeAllowance,
  type Rate,
  type TieredRate,
} from './prices';
import type { Tier } from './tiers';

/** One perpetual monthly free allowance, shared by every meter that points at it. */
export interface FreeTierPool {
  id: string;
  /** Monthly amount, in the unit of the meters sharing it. */
  monthly: number;
  source: string;
}

export type MeterPrice = { usdPerUnit: number } | { tiers: readonly Tier[] };

export interface Meter {
  id: string;
  /** Unit of the quantity nodes report and the bill shows. */
  unit: string;
  /** Per unit of `unit`; tier breakpoints are monthly quantities of the whole tier pool. */
  price: MeterPrice;
  /** Meters whose monthly quantities add up on one tier ladder (same price object); the meter's own id if alone. */
  tierPool: string;
  /** The free allowance this meter draws on, if any. */
  freeTier?: FreeTierPool;
  /** Where the price comes from: facts-file tags and snapshot dates, and any caveat. */
  source: string;
}

const HOUR = 3600;

function describe(rate: Rate | TieredRate, free?: FreeTierPool, extraNote?: string): string {
  let text = `${rate.source}, as of ${rate.asOf}`;
  if (free)
    text += `; free tier ${free.monthly.toLocaleString('en-US')}/month shared in pool ${free.id} ${free.source}`;
  if (rate.note) text += `; ${rate.note}`;
  if (extraNote) text += `; ${extraNote}`;
  return text;
}

function freePool(id: string, allowance: FreeAllowance): FreeTierPool {
  return { id, monthly: allowance.monthly, source: `${allowance.source}, as of ${allowance.asOf}` };
}

interface MeterOptions {
  tierPool?: string;
  freeTier?: FreeTierPool;
  note?: string;
}

/**
 * A flat-priced meter. `unitsPerQuoted` converts AWS's quoted unit to the meter's unit
 * (3,600 when an hourly price is metered in seconds).
 */
function flat(id: string, unit: string, rate: Rate, unitsPerQuoted = 1, opts: MeterOptions = {}): Meter {
  const usdPerUnit = (rate.usd ?? 0) / rate.per / unitsPerQuoted;
  return {
    id,
    unit,
    price: { usdPerUnit },
    tierPool: opts.tierPool ?? id,
    freeTier: opts.freeTier,
    source: describe(rate, opts.freeTier, opts.note),
  };
}

/** Built once per TieredRate, so meters sharing a tier pool share the very same price object. */
const ladders = new Map<TieredRate, MeterPrice>();
function ladder(rate: TieredRate): MeterPrice {
  let price = ladders.get(rate);
  if (!price) {
    price = { tiers: rate.tiers.map((t) => ({ upTo: t.upTo, usdPerUnit: t.usd / rate.per })) };
    ladders.set(rate, price);
  }
  return price;
}

function tiered(id: string, unit: string, rate: TieredRate, opts: MeterOptions = {}): Meter {
  return {
    id,
    unit,
    price: ladder(rate),
    tierPool: opts.tierPool ?? id,
    freeTier: opts.freeTier,
    source: describe(rate, opts.freeTier, opts.note),
  };
}

// Free allowances shared across meters (facts §1.1, §2.3, §4, §5, §6).
const LAMBDA_REQUESTS_FREE = freePool('lambda.requests', LAMBDA.free.requests);
const LAMBDA_GB_S_FREE = freePool('lambda.gbSeconds', LAMBDA.free.gbSeconds);
const SQS_FREE = freePool('sqs.requests', SQS.free);

const ARCHS: Architecture[] = ['x86_64', 'arm64'];

export function ec2MeterId(instanceType: string): string {
  return `ec2.${instanceType}.instanceSeconds`;
}

function buildMeters(): Meter[] {
  const list: Meter[] = [
    flat('lambda.requests', 'requests', LAMBDA.requests, 1, {
      freeTier: LAMBDA_REQUESTS_FREE,
      note: 'functions with Provisioned Concurrency get no free tier',
    }),
    flat('lambda.ephemeral', 'GB-s', LAMBDA.ephemeralStorage, 1, {
      note: 'configured ephemeral storage above 512 MB, times duration',
    }),
  ];
  for (const arch of ARCHS) {
    const onDemand = `lambda.onDemand.${arch}`;
    list.push(
      tiered(`lambda.duration.${arch}`, 'GB-s', LAMBDA.duration[arch], {
        tierPool: onDemand,
        freeTier: LAMBDA_GB_S_FREE,
      }),
      tiered(`lambda.init.${arch}`, 'GB-s', LAMBDA.duration[arch], {
        tierPool: onDemand,
        freeTier: LAMBDA_GB_S_FREE,
        note: `INIT billed like INVOKE since ${LAMBDA.initBilledSince} [L-INIT]`,
      }),
      flat(`lambda.pc.${arch}`, 'GB-s', LAMBDA.provisionedConcurrency[arch].configured, 1, {
        note: 'Provisioned Concurrency configured; enabled period rounded up to 5 minutes; no free tier',
      }),
      flat(`lambda.pcDuration.${arch}`, 'GB-s', LAMBDA.provisionedConcurrency[arch].duration, 1, {
        note: 'duration served by Provisioned Concurrency; no free tier',
      }),
    );
  }
  list.push(
    tiered('apigw.rest.requests', 'requests', API_GATEWAY.rest),
    tiered('apigw.http.requests', 'requests', API_GATEWAY.http),
    tiered('sqs.standard.requests', 'requests', SQS.standard, { freeTier: SQS_FREE }),
    flat('sqs.fifo.requests', 'requests', SQS.fifo, 1, {
      freeTier: SQS_FREE,
      note: 'each 64 KB chunk of payload is one request',
    }),
    flat('sns.publishes', 'requests', SNS.publishes, 1, {
      freeTier: freePool('sns.publishes', SNS.free.publishes),
    }),
    flat('sns.http.deliveries', 'deliveries', SNS.httpDeliveries, 1, {
      freeTier: freePool('sns.http.deliveries', SNS.free.httpDeliveries),
    }),
    flat('eventbridge.events', 'events', EVENTBRIDGE.customEvents),
    flat('pipes.requests', 'requests', EVENTBRIDGE.pipesRequests, 1, {
      note: 'counted after the filter, in 64 KB chunks; no free tier [EB-3P]',
    }),
    flat('scheduler.invocations', 'invocations', EVENTBRIDGE.schedulerInvocations, 1, {
      freeTier: freePool('scheduler.invocations', EVENTBRIDGE.free.schedulerInvocations),
    }),
    flat('sfn.standard.transitions', 'transitions', STEP_FUNCTIONS.standardTransitions, 1, {
      freeTier: freePool('sfn.standard.transitions', STEP_FUNCTIONS.free.standardTransitions),
    }),
    flat('sfn.express.requests', 'executions', STEP_FUNCTIONS.expressRequests),
    flat('sfn.express.gbSeconds', 'GB-s', STEP_FUNCTIONS.expressDuration),
    flat('kinesis.shardHours', 'shard-hours', KINESIS.shardHour, 1, { note: 'no free tier [KDS-OLD]' }),
    flat('kinesis.putUnits', 'PUT payload units', KINESIS.putPayloadUnits, 1, {
      note: 'one unit per started 25 KB of a record',
    }),
    flat('kinesis.extendedRetentionShardHours', 'shard-hours', KINESIS.extendedRetentionShardHour, 1, {
      note: 'retention above 24 h, up to 7 days',
    }),
    flat('kinesis.onDemand.streamHours', 'stream-hours', KINESIS.onDemand.streamHour),
    flat('kinesis.onDemand.gbIn', 'GB', KINESIS.onDemand.gbIn, 1, {
      note: 'data in, 1 KB minimum per record',
    }),
    flat('kinesis.onDemand.gbOut', 'GB', KINESIS.onDemand.gbOut, 1, { note: 'data out' }),
    flat('dynamodb.wru', 'WRU', DYNAMODB.wru),
    flat('dynamodb.rru', 'RRU', DYNAMODB.rru),
    flat('dynamodb.storageGbMonths', 'GB-months', DYNAMODB.storage, 1, {
      freeTier: freePool('dynamodb.storage', DYNAMODB.free.storageGb),
    }),
    flat('s3.put', 'requests', S3.put),
    flat('s3.get', 'requests', S3.get),
    tiered('s3.storageGbMonths', 'GB-months', S3.standardStorage),
  );
  for (const [type, spec] of Object.entries(EC2_INSTANCE_TYPES)) {
    list.push(
      flat(ec2MeterId(type), 'instance-seconds', spec.hourly, HOUR, {
        note: `${type}, Linux on-demand, priced per hour, billed per second`,
      }),
    );
  }
  for (const arch of ARCHS) {
    list.push(
      flat(`fargate.${arch}.vcpuSeconds`, 'vCPU-seconds', FARGATE[arch].vcpu, HOUR, {
        note: 'Linux; priced per hour, billed per second',
      }),
      flat(`fargate.${arch}.gbSeconds`, 'GB-seconds', FARGATE[arch].memory, HOUR, {
        note: 'Linux; priced per hour, billed per second',
      }),
    );
  }
  list.push(flat('alb.hours', 'ALB-hours', ALB.hour), flat('alb.lcuHours', 'LCU-hours', ALB.lcuHour));
  list.push(flat('eks.clusterHours', 'cluster-hours', EKS.clusterHour));
  list.push(
    tiered('logs.lambda.ingestedGb', 'GB', CLOUDWATCH_LOGS.lambdaIngestion, {
      freeTier: freePool('logs.ingestion', CLOUDWATCH_LOGS.free.ingestionGb),
    }),
    flat('logs.storageGbMonths', 'GB-months', CLOUDWATCH_LOGS.storage, 1, {
      freeTier: freePool('logs.storage', CLOUDWATCH_LOGS.free.storageGbMonths),
    }),
    flat('xray.tracesRecorded', 'traces', XRAY.tracesRecorded, 1, {
      freeTier: freePool('xray.tracesRecorded', XRAY.free.tracesRecorded),
    }),
    flat('xray.tracesRetrievedOrScanned', 'traces', XRAY.tracesRetrievedOrScanned, 1, {
      freeTier: freePool('xray.tracesRetrievedOrScanned', XRAY.free.tracesRetrievedOrScanned),
    }),
  );
  return list;
}

export const METERS: Readonly<Record<string, Meter>> = Object.fromEntries(
  buildMeters().map((m) => [m.id, m]),
);

/** The meter with this id; an unknown id is a bug in a node kind, so it throws. */
export function meter(id: string): Meter {
  const m = Object.hasOwn(METERS, id) ? METERS[id] : undefined;
  if (!m) throw new Error(`Unknown billing meter "${id}"`);
  return m;
}
