/**
 * What a function's CloudWatch Logs cost: bytes written per invocation, ingested per GB and
 * kept per GB-month for the log group's retention (prices in billing/prices.ts).
 */
import { CLOUDWATCH_LOGS } from '../billing/prices';

/**
 * What one ordinary invocation writes: Lambda's own START, END and REPORT lines (formats from
 * the Lambda developer guide's log examples, e.g.
 * https://docs.aws.amazon.com/lambda/latest/dg/ruby-logging.html, and the REPORT fields
 * Duration, Billed Duration, Memory Size, Max Memory Used) plus one line of the handler's own,
 * as Node's console.log writes it (timestamp, request id, level, message). A cold start adds
 * "Init Duration" to REPORT (about 25 bytes), left out of the typical invocation.
 */
export const TYPICAL_INVOCATION_LOG_LINES: readonly string[] = [
  'START RequestId: 8f507cfc-xmpl-4697-b07a-ac58fc914c95 Version: $LATEST\n',
  '2026-12-07T03:00:00.000Z\t8f507cfc-xmpl-4697-b07a-ac58fc914c95\tINFO\torder 12345 stored\n',
  'END RequestId: 8f507cfc-xmpl-4697-b07a-ac58fc914c95\n',
  'REPORT RequestId: 8f507cfc-xmpl-4697-b07a-ac58fc914c95\tDuration: 102.25 ms\tBilled Duration: 103 ms\tMemory Size: 128 MB\tMax Memory Used: 70 MB\t\n',
];

/**
 * Bytes of the lines above: they are ASCII, so one byte per character. 71 (START) + 86 (the
 * handler's line) + 52 (END) + 143 (REPORT) = 352 bytes per invocation (a test spells it out).
 */
export const DEFAULT_LOG_BYTES_PER_INVOCATION = TYPICAL_INVOCATION_LOG_LINES.reduce(
  (n, l) => n + l.length,
  0,
);

/** AWS bills log volume in GB of 2^30 bytes. */
export const BYTES_PER_GB = 1024 ** 3;

/** The log group's retention as the bill counts it: 0 means never expire (AWS's default). */
export function billedRetentionDays(retentionDays: number): number {
  return retentionDays === 0 ? CLOUDWATCH_LOGS.neverExpireBilledDays : retentionDays;
}

/**
 * GB-months of archived storage that `ingestedGb` of logs cost, the way the bill projects a
 * run to a month: at a steady rate with retention R days, the log group holds R days of logs,
 * compressed, all month; so each GB ingested accounts for compression × R/30 GB-months, and
 * the bill's scaling of the run to 30 days turns that into the month's stored volume.
 */
export function storageGbMonths(ingestedGb: number, retentionDays: number): number {
  return ingestedGb * CLOUDWATCH_LOGS.storageCompression * (billedRetentionDays(retentionDays) / 30);
}
