/**
 * EventBridge retries a delivery that failed with a retriable error "for 24 hours and up to
 * 185 times with exponential back off and jitter" [EB-DLQ]; AWS publishes neither the base
 * nor the cap. The simulator's choice (an assumption, not an AWS number):
 *
 * - base 1 s, doubling each retry, capped at 10 min;
 * - "equal jitter" from AWS's backoff-and-jitter article, which the EventBridge page links:
 *   half the step is fixed, the other half uniform, so a delay lies in [step/2, step).
 *
 * With these, the default 185 retries take about 22 h on average (10 growing steps, then
 * 175 of 7.5 min on average): the count and the 24 h age limit end a delivery at about the
 * same time, as the documented pairing of the two defaults suggests.
 */
export const EB_RETRY_BASE_MS = 1000;
export const EB_RETRY_CAP_MS = 600_000;

/** The un-jittered step before retry number `retry` (1 = the first retry). */
export function eventBridgeRetryStepMs(retry: number): number {
  const n = Math.max(1, retry) - 1;
  // 2^30 s is far past the cap; keeps the power finite for any retry count.
  return Math.min(EB_RETRY_CAP_MS, EB_RETRY_BASE_MS * 2 ** Math.min(n, 30));
}

/** Delay before retry number `retry`, given a uniform draw u in [0, 1). */
export function eventBridgeRetryDelayMs(retry: number, u: number): number {
  const step = eventBridgeRetryStepMs(retry);
  return step / 2 + (u * step) / 2;
}
