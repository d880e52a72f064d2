import type { SimContext } from '../../sim/context';

/**
 * The Region's Lambda concurrency, shared by every function of the run: functions with
 * reserved concurrency take theirs out of the pool; the others share what is left
 * (facts §1.2: default quota 1,000 [L-Q23]; reserve at most quota − 100 [L-CONC]).
 */
export class LambdaAccount {
  reservedTotal = 0;
  /** Environments busy in functions without reserved concurrency. */
  unreservedBusy = 0;

  constructor(readonly limit: number) {}

  get unreservedLimit(): number {
    return Math.max(0, this.limit - this.reservedTotal);
  }
}

export function lambdaAccount(ctx: SimContext): LambdaAccount {
  return ctx.shared('lambda.account', () => new LambdaAccount(ctx.settings.accountConcurrency));
}

/**
 * Scaling rate since Nov 2023: each function may add 1,000 execution environments every
 * 10 seconds, refilled continuously and not accruing beyond 1,000 [L-SCALE] [L-SCALE-BLOG].
 */
export const SCALING_BURST = 1000;
export const SCALING_REFILL_PER_MS = 1000 / 10_000;

/** One vCPU at 1,769 MB; CPU share is proportional to memory below that [L-Q23]. */
export const ONE_VCPU_MB = 1769;

/** Asynchronous invocation: retries after about 1 and 2 minutes [L-ASYNC]. */
export const ASYNC_RETRY_DELAYS_MS = [60_000, 120_000];
/** Throttled async events go back to the queue, backing off from 1 s up to 5 min [L-ASYNC]. */
export const THROTTLE_BACKOFF_START_MS = 1000;
export const THROTTLE_BACKOFF_MAX_MS = 300_000;
