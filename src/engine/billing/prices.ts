/**
 * AWS list prices, us-east-1, USD, as data. Every number carries the tag of its source in
 * /work/shared/reference/aws-facts.md (tags resolve in §13 there; confidence per line in
 * §1–§10) and the date of the snapshot it was read from, so a bill can say where each price
 * comes from and a stale price can be found and updated in one place.
 *
 * Prices are written the way AWS quotes them (per 1M requests, per 1,000 requests, per hour)
 * so they can be checked against the page at a glance; meters.ts turns them into a price per
 * unit of what nodes report. Tier breakpoints are monthly, in the counted unit.
 */

/** A price as AWS quotes it: `usd` for every `per` units of `unit`. */
export interface Rate {
  /** null when the facts file could not confirm the price (billed as 0, with the note shown). */
  usd: number | null;
  per: number;
  /** What is counted, e.g. "requests", "GB-s", "hours". */
  unit: string;
  /** Source tags from aws-facts.md §13. */
  source: string;
  /** Date of the source snapshot. */
  asOf: string;
  note?: string;
}

/** A graduated monthly price: each step's `usd` is for `per` units; `upTo` is cumulative per month. */
export interface TieredRate {
  tiers: readonly { upTo: number | null; usd: number }[];
  per: number;
  unit: string;
  source: string;
  asOf: string;
  note?: string;
}

/** A perpetual monthly free allowance (12-month new-account offers are not modelled). */
export interface FreeAllowance {
  monthly: number;
  unit: string;
  source: string;
  asOf: string;
  note?: string;
}

const M = 1e6;

// ---------------------------------------------------------------- Lambda (facts §1.1)

/** Duration ladders are per architecture: x86 and Arm usage never add up toward a breakpoint [L-PRICE]. */
export const LAMBDA = {
  requests: { usd: 0.2, per: M, unit: 'requests', source: '[L-PRICE] [L-PAPI]', asOf: '2025-10' },
  duration: {
    x86_64: {
      tiers: [
        { upTo: 6e9, usd: 0.0000166667 },
        { upTo: 15e9, usd: 0.000015 },
        { upTo: null, usd: 0.0000133334 },
      ],
      per: 1,
      unit: 'GB-s',
      source: '[L-PRICE] [L-PAPI] [L-TIER]',
      asOf: '2025-10',
      note: 'tiers on the monthly on-demand duration (INIT included) of all x86 functions',
    },
    arm64: {
      tiers: [
        { upTo: 7.5e9, usd: 0.0000133334 },
        { upTo: 18.75e9, usd: 0.0000120001 },
        { upTo: null, usd: 0.0000106667 },
      ],
      per: 1,
      unit: 'GB-s',
      source: '[L-PAPI] [L-TIER]',
      asOf: '2025-10',
      note: 'tiers on the monthly on-demand duration (INIT included) of all Arm functions',
    },
  },
  /** INIT is billed like INVOKE for every configuration since 2025-08-01 [L-INIT]; it shares the duration ladder. */
  initBilledSince: '2025-08-01',
  /** Per GB-s of configured ephemeral storage above the free 512 MB, times duration. */
  ephemeralStorage: {
    usd: 0.0000000309,
    per: 1,
    unit: 'GB-s',
    source: '[L-PRICE] [L-PAPI]',
    asOf: '2025-10',
  },
  provisionedConcurrency: {
    x86_64: {
      /** Per GB-s of configured concurrency, for as long as it is enabled. */
      configured: { usd: 0.0000041667, per: 1, unit: 'GB-s', source: '[L-PRICE] [L-PAPI]', asOf: '2025-10' },
      /** Per GB-s of invocations served by the provisioned environments (replaces the on-demand rate). */
      duration: { usd: 0.0000097222, per: 1, unit: 'GB-s', source: '[L-PRICE] [L-PAPI]', asOf: '2025-10' },
    },
    arm64: {
      configured: { usd: 0.0000033334, per: 1, unit: 'GB-s', source: '[L-PAPI]', asOf: '2025-10' },
      duration: { usd: 0.0000077778, per: 1, unit: 'GB-s', source: '[L-PAPI]', asOf: '2025-10' },
    },
    /** The enabled period is rounded up to 5 minutes [L-PRICE]. */
    roundingSeconds: 300,
  },
  free: {
    /** Account-wide, shared by x86 and Arm; not for functions with Provisioned Concurrency [L-PRICE]. */
    requests: { monthly: 1e6, unit: 'requests', source: '[L-PRICE]', asOf: '2026' },
    /** Account-wide, shared by x86 and Arm, on-demand duration and INIT [L-PRICE]. */
    gbSeconds: { monthly: 400_000, unit: 'GB-s', source: '[L-PRICE]', asOf: '2026' },
  },
};

// ---------------------------------------------------------------- API Gateway (facts §7)

const APIGW_FREE_NOTE =
  'the API Gateway free tier (1M calls/month) is for the first 12 months of new accounts only [APIGW-PRICE], so it is never applied';

export const API_GATEWAY = {
  rest: {
    tiers: [
      { upTo: 333e6, usd: 3.5 },
      { upTo: 1e9, usd: 2.8 },
      { upTo: 20e9, usd: 2.38 },
      { upTo: null, usd: 1.51 },
    ],
    per: M,
    unit: 'requests',
    source: '[APIGW-WP]',
    asOf: '2023–25 whitepaper',
    note: APIGW_FREE_NOTE,
  },
  http: {
    tiers: [
      { upTo: 300e6, usd: 1.0 },
      { upTo: null, usd: 0.9 },
    ],
    per: M,
    unit: 'requests',
    source: '[APIGW-WP]',
    asOf: '2023–25 whitepaper',
    note: `metered in 512 KB increments; ${APIGW_FREE_NOTE}`,
  },
  /** An HTTP API request is billed once per started 512 KB of payload [APIGW-WP]. */
  httpIncrementKb: 512,
};

// ---------------------------------------------------------------- SQS (facts §2.3)

export const SQS = {
  standard: {
    tiers: [
      { upTo: 100e9, usd: 0.4 },
      { upTo: 200e9, usd: 0.3 },
      { upTo: null, usd: 0.24 },
    ],
    per: M,
    unit: 'requests',
    source: '[SQS-PRICE] [SQS-CB]',
    asOf: '2026-03',
    note: 'every API action is a request; each 64 KB chunk of payload is one request; empty receives are billed',
  },
  fifo: {
    usd: 0.5,
    per: M,
    unit: 'requests',
    source: '[SQS-PRICE]',
    asOf: '2026',
    note: 'only the first-tier FIFO price is in the facts file, so volumes above 100B requests/month are priced at it too',
  },
  /** One free allowance for standard and FIFO requests together, every account, perpetual. */
  free: { monthly: 1e6, unit: 'requests', source: '[SQS-PRICE]', asOf: '2026' },
  chunkKb: 64,
};

// ---------------------------------------------------------------- SNS (facts §5)

export const SNS = {
  publishes: {
    usd: 0.5,
    per: M,
    unit: 'requests',
    source: '[SNS-PRICE] [SNS-FAQ]',
    asOf: 'undated page quote',
    note: 'standard topics; each 64 KB chunk of a publish is one request; deliveries to Lambda and SQS are free',
  },
  httpDeliveries: {
    usd: 0.6,
    per: M,
    unit: 'deliveries',
    source: '[SNS-PRICE]',
    asOf: 'undated page quote',
    note: 'HTTP/S deliveries, counted in 64 KB chunks',
  },
  free: {
    publishes: { monthly: 1e6, unit: 'requests', source: '[SNS-PRICE]', asOf: 'undated page quote' },
    httpDeliveries: {
      monthly: 100_000,
      unit: 'deliveries',
      source: '[SNS-PRICE]',
      asOf: 'undated page quote',
    },
  },
  chunkKb: 64,
};

// ---------------------------------------------------------------- EventBridge (facts §6)

export const EVENTBRIDGE = {
  customEvents: {
    usd: 1.0,
    per: M,
    unit: 'events',
    source: '[EB-PRICE] [EB-3P]',
    asOf: '2026-03',
    note: 'custom, SaaS and cross-account events; each 64 KB chunk is one event; no free tier',
  },
  pipesRequests: {
    usd: 0.4,
    per: M,
    unit: 'requests',
    source: '[EB-3P]',
    asOf: '2026-03',
    note: 'EventBridge Pipes: each event that passes the filter, each 64 KB chunk of it one request; no free tier',
  },
  schedulerInvocations: {
    usd: 1.0,
    per: M,
    unit: 'invocations',
    source: '[EB-PRICE-ES] [EB-3P]',
    asOf: '2026-03',
  },
  free: {
    schedulerInvocations: {
      monthly: 14e6,
      unit: 'invocations',
      source: '[EB-PRICE-ES] [EB-3P]',
      asOf: '2026-03',
    },
  },
  chunkKb: 64,
};

// ---------------------------------------------------------------- Step Functions (facts §9)

export const STEP_FUNCTIONS = {
  standardTransitions: {
    usd: 0.025,
    per: 1000,
    unit: 'transitions',
    source: '[SFN-PRICE]',
    asOf: 'page snapshot',
    note: 'each step executed is one transition, and so is each retry',
  },
  expressRequests: {
    usd: 1.0,
    per: M,
    unit: 'executions',
    source: '[SFN-3P] [SFN-WS]',
    asOf: '2026',
  },
  expressDuration: {
    usd: 0.00001667,
    per: 1,
    unit: 'GB-s',
    source: '[SFN-PRICE] [SFN-3P]',
    asOf: '2026',
    note: 'the first 1,000 GB-hours a month; the lower rates above that (facts §9, confidence C) are not applied; each execution rounded up to 100 ms, memory in 64 MB chunks',
  },
  free: {
    standardTransitions: {
      monthly: 4000,
      unit: 'transitions',
      source: '[SFN-PRICE]',
      asOf: 'page snapshot',
      note: 'perpetual; Express has none',
    },
  },
};

// ---------------------------------------------------------------- Kinesis Data Streams (facts §3.3)

const KINESIS_OD_GB_NOTE =
  'the us-east-1 on-demand per-GB price was not confirmed (facts §14.1; commonly quoted 0.08/GB in, 0.04/GB out), so it is billed as 0';

export const KINESIS = {
  shardHour: {
    usd: 0.015,
    per: 1,
    unit: 'shard-hours',
    source: '[KDS-OLD] [KDS-C1] [KDS-C2]',
    asOf: '2025–26',
  },
  /** One PUT payload unit is a started 25 KB chunk of a record [KDS-OLD]. */
  putPayloadUnits: {
    usd: 0.014,
    per: M,
    unit: 'PUT payload units',
    source: '[KDS-OLD] [KDS-C1]',
    asOf: 'long-standing',
  },
  putPayloadUnitKb: 25,
  /** Retention from 24 h up to 7 days, per shard-hour on top of the shard-hour. */
  extendedRetentionShardHour: {
    usd: 0.02,
    per: 1,
    unit: 'shard-hours',
    source: '[KDS-C1] [KDS-C2]',
    asOf: '2025',
  },
  onDemand: {
    streamHour: {
      usd: 0.04,
      per: 1,
      unit: 'stream-hours',
      source: '[KDS-PRICE] [KDS-KR]',
      asOf: '2024–26',
      note: '0.04 is confirmed only for ap-northeast-2 (facts §3.3); used for us-east-1',
    },
    gbIn: { usd: null, per: 1, unit: 'GB', source: '[KDS-PRICE]', asOf: '2024–26', note: KINESIS_OD_GB_NOTE },
    gbOut: {
      usd: null,
      per: 1,
      unit: 'GB',
      source: '[KDS-PRICE]',
      asOf: '2024–26',
      note: KINESIS_OD_GB_NOTE,
    },
    /** Data in is rounded up to 1 KB per record [KDS-PRICE]. */
    recordRoundingKb: 1,
  },
};

// ---------------------------------------------------------------- DynamoDB (facts §4)

export const DYNAMODB = {
  /** On-demand prices after the 50 % cut of 2024-11-01 (before: 1.25 and 0.25) [DDB-CUT]. */
  wru: {
    usd: 0.625,
    per: M,
    unit: 'WRU',
    source: '[DDB-CUT] [DDB-3P]',
    asOf: '2024-11-01',
    note: '1 WRU = a write of up to 1 KB',
  },
  rru: {
    usd: 0.125,
    per: M,
    unit: 'RRU',
    source: '[DDB-CUT] [DDB-3P]',
    asOf: '2024-11-01',
    note: '1 RRU = a strongly consistent read of up to 4 KB (eventually consistent: 0.5)',
  },
  storage: {
    usd: 0.25,
    per: 1,
    unit: 'GB-months',
    source: '[DDB-3P]',
    asOf: '2026',
    note: 'Standard table class',
  },
  free: { storageGb: { monthly: 25, unit: 'GB-months', source: '[DDB-3P]', asOf: '2026' } },
};

// ---------------------------------------------------------------- S3 (facts §8)

/** 50 TB and 500 TB, in GB as the AWS price list counts them (1 TB = 1,024 GB). */
const TB = 1024;

export const S3 = {
  standardStorage: {
    tiers: [
      { upTo: 50 * TB, usd: 0.023 },
      { upTo: 500 * TB, usd: 0.022 },
      { upTo: null, usd: 0.021 },
    ],
    per: 1,
    unit: 'GB-months',
    source: '[S3-PAPI]',
    asOf: '2025-10',
  },
  put: {
    usd: 0.005,
    per: 1000,
    unit: 'requests',
    source: '[S3-PAPI]',
    asOf: '2025-10',
    note: 'PUT, COPY, POST, LIST',
  },
  get: {
    usd: 0.0004,
    per: 1000,
    unit: 'requests',
    source: '[S3-PAPI]',
    asOf: '2025-10',
    note: 'GET and other requests',
  },
};

// ---------------------------------------------------------------- EC2, Fargate, ALB (facts §10)

export type Architecture = 'x86_64' | 'arm64';

export interface Ec2InstanceType {
  vcpu: number;
  memoryGiB: number;
  arch: Architecture;
  /** Linux on-demand. */
  hourly: Rate;
}

const ec2 = (
  vcpu: number,
  memoryGiB: number,
  arch: Architecture,
  usd: number,
  source = '[EC2-3P]',
): Ec2InstanceType => ({
  vcpu,
  memoryGiB,
  arch,
  hourly: { usd, per: 1, unit: 'hours', source, asOf: '2026-06' },
});

/**
 * The instance types the simulator offers, smallest first within a family. The `server`
 * kind picks from these and the inspector finds the smallest one that fits a monolith.
 */
export const EC2_INSTANCE_TYPES: Record<string, Ec2InstanceType> = {
  't3.micro': ec2(2, 1, 'x86_64', 0.0104),
  't3.small': ec2(2, 2, 'x86_64', 0.0208),
  't3.medium': ec2(2, 4, 'x86_64', 0.0416),
  'c5.large': ec2(2, 4, 'x86_64', 0.085),
  'm5.large': ec2(2, 8, 'x86_64', 0.096),
  'm5.xlarge': ec2(4, 16, 'x86_64', 0.192),
  // Half of m7g.xlarge's 0.1632/h, which the Lambda pricing page states [L-PRICE].
  'm7g.large': ec2(2, 8, 'arm64', 0.0816, '[L-PRICE] [EC2-3P]'),
};

/** EC2 Linux and Fargate bill per second with a 60-second minimum [EC2-3P-A] [FG-VANTAGE]. */
export const PER_SECOND_MINIMUM_SECONDS = 60;

export const FARGATE = {
  x86_64: {
    vcpu: { usd: 0.04048, per: 1, unit: 'vCPU-hours', source: '[FG-VANTAGE] [FG-3P]', asOf: '2021 → 2026' },
    memory: { usd: 0.004445, per: 1, unit: 'GB-hours', source: '[FG-VANTAGE] [FG-3P]', asOf: '2021 → 2026' },
  },
  arm64: {
    vcpu: { usd: 0.03238, per: 1, unit: 'vCPU-hours', source: '[FG-VANTAGE]', asOf: '2021 → 2026' },
    memory: { usd: 0.00356, per: 1, unit: 'GB-hours', source: '[FG-VANTAGE]', asOf: '2021 → 2026' },
  },
} satisfies Record<Architecture, { vcpu: Rate; memory: Rate }>;

export const ALB = {
  hour: { usd: 0.0225, per: 1, unit: 'ALB-hours', source: '[ALB-PRICE]', asOf: 'undated page quotes' },
  lcuHour: {
    usd: 0.008,
    per: 1,
    unit: 'LCU-hours',
    source: '[ALB-PRICE]',
    asOf: 'undated page quotes',
    note: 'an LCU-hour is billed on the highest of: 25 new connections/s, 3,000 active connections/min, 1 GB/h processed (0.4 GB/h for Lambda targets), 1,000 rule evaluations/s [ALB-LCU]',
  },
} satisfies Record<string, Rate>;

/**
 * The EKS cluster fee, per cluster per hour while the cluster exists, for a Kubernetes version
 * in standard support (extended support costs 0.60): "you will continue to pay $0.10 per
 * cluster per hour" [EKS-PRICE], AWS Containers blog, "Amazon EKS extended support for
 * Kubernetes versions pricing", https://aws.amazon.com/blogs/containers/amazon-eks-extended-support-for-kubernetes-versions-pricing/
 * (read through the search tool's stored copy; also vantage.sh/blog/amazon-eks-extended-support-cost-kubernetes).
 * Not in the facts file. The nodes are EC2 instances, billed on the EC2 meters.
 */
export const EKS = {
  clusterHour: {
    usd: 0.1,
    per: 1,
    unit: 'cluster-hours',
    source: '[EKS-PRICE]',
    asOf: '2024-04',
    note: 'standard support; a Kubernetes version in extended support costs 0.60 per cluster-hour',
  },
} satisfies Record<string, Rate>;

// ---------------------------------------------------------------- CloudWatch Logs and X-Ray (not in the facts file)
//
// These prices are not in aws-facts.md; they were read from the pages cited beside each one
// (searched 2026-12-07). 1 GB is 2^30 bytes and 1 TB is 1,024 GB, as AWS's price list counts them.
// Their source tags, in the facts file's style (the bill shows the tag):
//   [CW-PRICE]  https://aws.amazon.com/cloudwatch/pricing/ as quoted by
//               https://hykell.com/knowledge-base/aws-cloudwatch-logs-pricing and
//               https://c3x.dev/blog/cloudwatch-logs-cost-optimization (us-east-1, 2026)
//   [CW-LAMBDA] Lambda logs as vended logs since 2025-05-01: https://www.duckbillgroup.com/?p=9080,
//               https://www.thenextgentechinsider.com/aws-lambda-cheaper-cloudwatch-logs-more-logging-options
//   [CW-CALC]   the AWS Pricing Calculator's 15 % storage compression factor, quoted in
//               https://dev.classmethod.jp/articles/compare-archive-cost-cloudwatchlogs-s3/ (2021)
//   [CW-BILL]   an AWS bill with both free-tier lines: https://github.com/hylang/hy/files/7528529/billing.pdf
//   [XRAY-PRICE] https://aws.amazon.com/xray/pricing/ (German and Chinese editions:
//               https://aws.amazon.com/de/xray/pricing/, https://aws.amazon.com/cn/xray/pricing/)

// https://aws.amazon.com/cloudwatch/pricing/ (Logs, Standard class: $0.50/GB ingested,
// $0.03/GB-month archived), as quoted by https://hykell.com/knowledge-base/aws-cloudwatch-logs-pricing
// and https://c3x.dev/blog/cloudwatch-logs-cost-optimization (us-east-1, 2026).
const LOGS_SOURCE = '[CW-PRICE]';

export const CLOUDWATCH_LOGS = {
  /**
   * Lambda's own logs are "vended logs" since 2025-05-01 and priced on a volume ladder whose
   * first step is the Standard class's $0.50/GB: first 10 TB $0.50, next 20 TB $0.25, next
   * 20 TB $0.10, above 50 TB $0.05 per GB. Sources: https://www.duckbillgroup.com/?p=9080
   * (60 TB/month: $30,000 before, $12,500 after = 10×0.5 + 20×0.25 + 20×0.10 + 10×0.05 TB·$/GB)
   * and https://www.thenextgentechinsider.com/aws-lambda-cheaper-cloudwatch-logs-more-logging-options.
   */
  lambdaIngestion: {
    tiers: [
      { upTo: 10 * TB, usd: 0.5 },
      { upTo: 30 * TB, usd: 0.25 },
      { upTo: 50 * TB, usd: 0.1 },
      { upTo: null, usd: 0.05 },
    ],
    per: 1,
    unit: 'GB',
    source: '[CW-PRICE] [CW-LAMBDA]',
    asOf: '2025-05-01 → 2026',
    note: 'Lambda logs (START, END, REPORT and your own lines) as ingested, uncompressed',
  },
  /** Archived (stored) logs, billed on their compressed size. */
  storage: {
    usd: 0.03,
    per: 1,
    unit: 'GB-months',
    source: `${LOGS_SOURCE} [CW-CALC]`,
    asOf: '2026',
    note: 'stored compressed: the AWS Pricing Calculator assumes 15 % of the ingested size',
  },
  /**
   * The AWS Pricing Calculator's "storage compression factor" for archived logs: stored data
   * is 15 % of the ingested volume (quoted from the calculator in
   * https://dev.classmethod.jp/articles/compare-archive-cost-cloudwatchlogs-s3/, 2021).
   */
  storageCompression: 0.15,
  /**
   * Perpetual free tier, one allowance each for ingestion and for storage; an AWS bill shows
   * both lines ("First 5GB per month of log data ingested is free", "First 5GB-mo per month of
   * logs storage is free"): https://github.com/hylang/hy/files/7528529/billing.pdf (2021-11),
   * and https://hykell.com/kb/platform-specific-guides/aws-cloudwatch-logs-pricing (2026).
   */
  free: {
    ingestionGb: {
      monthly: 5,
      unit: 'GB',
      source: '[CW-BILL] [CW-PRICE]',
      asOf: '2021-11 → 2026',
      note: 'whether vended Lambda logs draw on it is not stated; applied',
    },
    storageGbMonths: {
      monthly: 5,
      unit: 'GB-months',
      source: '[CW-BILL] [CW-PRICE]',
      asOf: '2021-11 → 2026',
    },
  },
  /**
   * A new log group never expires its events (retention "Never expire" is the default):
   * https://hivebook.wiki/wiki/cloudwatch-logs-cost-never-expire-retention-and-cardinality-blowups
   * and https://help.nops.io/inform/supported-recommendations/set-cloudwatch-logs-retention.md.
   * The retention values AWS accepts (PutRetentionPolicy, retentionInDays):
   * https://boto3.amazonaws.com/v1/documentation/api/1.28.43/reference/services/logs/client/put_retention_policy.html
   */
  retentionDays: [
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
  ] as readonly number[],
  /**
   * Logs that never expire have no steady month: storage grows by a month of logs every month.
   * The bill shows the month one year after the log group started, when it holds about a
   * year (365 days) of logs; the note on the line says it keeps growing.
   */
  neverExpireBilledDays: 365,
};

// https://aws.amazon.com/xray/pricing/, read in its German and Chinese editions
// (https://aws.amazon.com/de/xray/pricing/, https://aws.amazon.com/cn/xray/pricing/): $5.00 per
// million traces recorded, $0.50 per million retrieved or scanned; free each month 100,000
// recorded and 1,000,000 retrieved or scanned; a trace is one request to the application.
const XRAY_SOURCE = '[XRAY-PRICE]';

export const XRAY = {
  /** A trace is one request through the application, however many services it crosses. */
  tracesRecorded: {
    usd: 5.0,
    per: M,
    unit: 'traces',
    source: XRAY_SOURCE,
    asOf: '2026',
    note: 'one trace per sampled request, whatever number of traced nodes it crosses',
  },
  /**
   * Traces read back: scanned by a query (the console's trace list, filter expressions, the
   * service map) or retrieved whole (a trace opened). One price for both; AWS's own example
   * scans 620,000 and retrieves 155,000 traces a month for 148,800 recorded, about 5 reads per
   * trace recorded (same pages).
   */
  tracesRetrievedOrScanned: {
    usd: 0.5,
    per: M,
    unit: 'traces',
    source: XRAY_SOURCE,
    asOf: '2026',
    note: 'traces recorded × the node’s reads per trace (how often people query them: your estimate)',
  },
  free: {
    tracesRecorded: { monthly: 100_000, unit: 'traces', source: XRAY_SOURCE, asOf: '2026' },
    tracesRetrievedOrScanned: { monthly: 1_000_000, unit: 'traces', source: XRAY_SOURCE, asOf: '2026' },
  },
  /**
   * The default sampling rule: the first request each second (the reservoir) and 5 % of the
   * others (the fixed rate). AWS's X-Ray sampling spec: "By default, the X-Ray SDK records the
   * first request each second, and five percent of any additional requests"
   * (aws-observability/aws-otel-playground, accessories/aws-xray-sampling-spec.md; also
   * https://oneuptime.com/blog/post/2026-02-12-xray-sampling-rules/view).
   */
  defaultRule: { reservoirPerSecond: 1, fixedRate: 0.05 },
};
