/**
 * SNS delivery retry policy for AWS-managed endpoints (Lambda, SQS, Firehose), facts §5
 * [SNS-RETRY]: 3 retries with no delay, 2 one second apart, 10 backing off exponentially
 * from 1 s to 20 s, then 100,000 twenty seconds apart: 100,015 in all, over about 23 days.
 *
 * The simulator never needs it today: Lambda's asynchronous Invoke and SQS SendMessage
 * accept every delivery (the event then meets Lambda's own queue and retries, or waits in
 * the queue), so no delivery to them fails. It is kept here, pure and tested, for endpoints
 * that can refuse (HTTP/S and the like) when they are modelled.
 *
 * AWS adds jitter to these delays [SNS-RETRY]; the function gives the nominal schedule and a
 * caller that needs jitter draws it from its node's rng.
 */

/** [SNS-RETRY] phases of the AWS-managed policy. */
export const SNS_IMMEDIATE_RETRIES = 3;
export const SNS_PRE_BACKOFF_RETRIES = 2;
export const SNS_PRE_BACKOFF_DELAY_MS = 1000;
export const SNS_BACKOFF_RETRIES = 10;
export const SNS_BACKOFF_MIN_MS = 1000;
export const SNS_BACKOFF_MAX_MS = 20_000;
export const SNS_POST_BACKOFF_RETRIES = 100_000;
export const SNS_POST_BACKOFF_DELAY_MS = 20_000;
/** 100,015 [SNS-RETRY]. */
export const SNS_MANAGED_RETRIES =
  SNS_IMMEDIATE_RETRIES + SNS_PRE_BACKOFF_RETRIES + SNS_BACKOFF_RETRIES + SNS_POST_BACKOFF_RETRIES;

/** Ratio between consecutive backoff delays: 10 delays from 1 s to 20 s, geometric. */
const BACKOFF_RATIO = (SNS_BACKOFF_MAX_MS / SNS_BACKOFF_MIN_MS) ** (1 / (SNS_BACKOFF_RETRIES - 1));

/**
 * Delay in ms before retry number `retry` (1 = the first retry after the failed first
 * attempt) under the AWS-managed policy, or -1 when the policy is used up and the message
 * goes to the subscription's dead-letter queue (or is discarded).
 */
export function snsManagedRetryDelayMs(retry: number): number {
  if (!(retry >= 1) || retry > SNS_MANAGED_RETRIES) return -1;
  let k = retry;
  if (k <= SNS_IMMEDIATE_RETRIES) return 0;
  k -= SNS_IMMEDIATE_RETRIES;
  if (k <= SNS_PRE_BACKOFF_RETRIES) return SNS_PRE_BACKOFF_DELAY_MS;
  k -= SNS_PRE_BACKOFF_RETRIES;
  if (k <= SNS_BACKOFF_RETRIES) return SNS_BACKOFF_MIN_MS * BACKOFF_RATIO ** (k - 1);
  return SNS_POST_BACKOFF_DELAY_MS;
}
