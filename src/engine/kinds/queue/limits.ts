import { SQS } from '../../billing/prices';

/**
 * SQS and the Lambda SQS event source mapping (facts §2). Each constant carries its tag.
 */

/** A ReceiveMessage or DeleteMessageBatch call handles at most 10 messages [SQS-API] (§2.1 "Batches"). */
export const MESSAGES_PER_CALL = 10;

/** Each 64 KB chunk of a request's payload is billed as one request [SQS-PRICE]. */
export const CHUNK_KB = SQS.chunkKb;

/** Long polling waits at most 20 s; an empty answer is still a billed request [SQS-API] [SQS-PRICE]. */
export const LONG_POLL_MS = 20_000;

/** In-flight messages (received, not deleted): about 120,000 standard, 20,000 FIFO [SQS-VIS] [SQS-KR]. */
export const INFLIGHT_MAX_STANDARD = 120_000;
export const INFLIGHT_MAX_FIFO = 20_000;

/** ESM scaling: 5 concurrent batches at first, +300 per minute while messages wait, up to 1,250 [L-SQS-SCALE]. */
export const ESM_INITIAL_CONCURRENCY = 5;
export const ESM_SCALE_PER_MINUTE = 300;
export const ESM_MAX_CONCURRENCY = 1250;
/** One more concurrent batch every 200 ms (= 300 per minute). */
export const ESM_GROW_EVERY_MS = 60_000 / ESM_SCALE_PER_MINUTE;

/** A batch is capped by the 6 MB synchronous invocation payload [L-SQS23]. */
export const ESM_BATCH_MAX_KB = 6 * 1024;

/** When window + function timeout exceed the visibility timeout, it becomes window + timeout + 30 s [L-SQS23]. */
export const ESM_VISIBILITY_MARGIN_MS = 30_000;

/**
 * How long a poller whose batch was throttled waits before it receives again. Not in the
 * facts file (AWS only says the ESM backs off); 1 s, like the start of Lambda's own
 * back-off for throttled asynchronous events [L-ASYNC]. An assumption.
 */
export const THROTTLE_BACKOFF_MS = 1000;

/**
 * A worker service (queue → container) with no free slot while messages wait is asked again
 * after this long. A modelling choice, not an AWS fact.
 */
export const WORKER_RECHECK_MS = 1000;
