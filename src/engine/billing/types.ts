/**
 * What a node reports for billing: quantities in AWS's own units over the measured part of
 * the run. Prices are not the node's business: the billing module turns usage into money,
 * because tiers and free tiers are monthly and shared across nodes (Lambda's free tier is
 * account-wide, its duration tiers are per architecture).
 */
export interface UsageLine {
  /** Key into the meter table in billing/meters.ts, e.g. "lambda.requests". */
  meter: string;
  /** Shown on the bill, e.g. "requests", "compute (x86)". */
  name: string;
  /** Quantity over the measured window, in the meter's unit. */
  quantity: number;
  /**
   * This usage may not draw on the meter's free tier. Lambda's free tier does not apply to
   * functions with Provisioned Concurrency [L-PRICE], so such a function marks its requests
   * and on-demand duration with it; their free allowance then goes to the other functions.
   */
  noFreeTier?: boolean;
}

/** One line of a node's bill, as in the result format. */
export interface CostItem {
  name: string;
  quantity: number;
  unit: string;
  /** Effective unit price after tiers and free tier (usd / quantity), 0 when quantity is 0. */
  unitUsd: number;
  usd: number;
  /** Where the price comes from (facts file tag and date). */
  source: string;
}

export interface NodeCost {
  /** For the measured window of the run. */
  totalUsd: number;
  /** The same usage over a 30-day month (what the run's rate would cost per month). */
  monthlyUsd?: number;
  items: CostItem[];
}
