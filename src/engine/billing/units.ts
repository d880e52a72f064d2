/**
 * How AWS rounds what it bills, for node kinds to turn simulated work into billable
 * quantities before reporting usage. Sources are tags in aws-facts.md.
 */
import { LAMBDA, PER_SECOND_MINIMUM_SECONDS } from './prices';

/**
 * Simulated times are sums of floats: a duration meant to be exactly 120 ms can come out a
 * hair above it, and rounding that up would bill a whole extra unit.
 */
const EPSILON = 1e-9;

function ceilUnits(x: number): number {
  return Math.ceil(x - EPSILON);
}

/**
 * Lambda duration as billed: rounded up to the granularity (1 ms since 2020-12-01, 100 ms
 * before) [L-1MS]. There is no minimum, so 0 stays 0.
 */
export function billedMs(durationMs: number, granularityMs: number): number {
  if (!(durationMs > 0)) return 0;
  // The 1 ms granularity (every run since 2020) without its division and product by 1, which
  // change nothing: this runs for every invocation.
  if (granularityMs === 1) return ceilUnits(durationMs);
  return ceilUnits(durationMs / granularityMs) * granularityMs;
}

/** GB-s of a Lambda invocation: billed ms × memory, with memory as MB/1024 as AWS's examples do [L-PRICE]. */
export function gbSeconds(billedDurationMs: number, memoryMB: number): number {
  return (billedDurationMs / 1000) * (memoryMB / 1024);
}

/**
 * Billable units of a payload metered in chunks: every started chunk counts and an empty
 * payload still counts once. 64 KB for SQS, SNS and EventBridge [SQS-PRICE] [SNS-PRICE]
 * [EB-PRICE]; 25 KB Kinesis PUT payload units [KDS-OLD]; 512 KB HTTP API increments [APIGW-WP].
 */
export function chunks(kb: number, chunkKb: number): number {
  // Up to one chunk (and an empty or nonsense size) is one unit: the common case, decided
  // without a division (this runs for every message sent, received and published).
  if (!(kb > chunkKb)) return 1;
  return ceilUnits(kb / chunkKb);
}

/**
 * Lambda requests billed for one asynchronous event (from S3, SNS, EventBridge, ...): one for
 * the first 256 KB, then one per further started 64 KB [L-PRICE].
 */
export function asyncEventRequests(kb: number): number {
  const first = 256;
  if (!(kb > first)) return 1;
  return 1 + ceilUnits((kb - first) / 64);
}

/**
 * Seconds billed for one EC2 Linux instance or Fargate task that ran `runSeconds`: per
 * started second with a 60-second minimum [EC2-3P-A] [FG-VANTAGE]. 0 stays 0 (never ran).
 */
export function ec2BilledSeconds(runSeconds: number): number {
  if (!(runSeconds > 0)) return 0;
  return Math.max(PER_SECOND_MINIMUM_SECONDS, ceilUnits(runSeconds));
}

/** Fargate bills like EC2 Linux: per second, 1-minute minimum [FG-VANTAGE]. */
export const fargateBilledSeconds = ec2BilledSeconds;

/**
 * Seconds billed for one period with Provisioned Concurrency enabled: rounded up to
 * 5 minutes [L-PRICE]. 0 stays 0 (never enabled).
 */
export function pcBilledSeconds(seconds: number): number {
  if (!(seconds > 0)) return 0;
  const step = LAMBDA.provisionedConcurrency.roundingSeconds;
  return ceilUnits(seconds / step) * step;
}
