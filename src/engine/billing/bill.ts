/**
 * Turns the usage nodes report over a run into money.
 *
 * AWS prices by the month and by the account: tiers are monthly breakpoints on the total of
 * every resource on a meter, and free tiers are monthly allowances shared across the account.
 * A run lasts minutes, so pricing its raw quantities would put everything in the first tier
 * and let one short run swallow a whole month's free tier. Instead the run's usage is scaled
 * to a 30-day month at the same rate, the month is priced per meter, each meter's monthly
 * cost is shared back among the nodes in proportion to their billable quantities, and each
 * share is scaled back down to the run. A run's cost is therefore "this run's slice of a
 * month like this one".
 */
import type { CostItem, NodeCost, UsageLine } from './types';
import { keyedRecord } from '../own-keys';
import { meter, type Meter } from './meters';
import { tieredCost } from './tiers';

/** The month AWS-style estimates use, and what monthlyCostUsd means. */
export const MONTH_SECONDS = 30 * 86400;

export interface NodeUsage {
  nodeId: string;
  lines: UsageLine[];
}

export interface PriceRunOptions {
  /** Length of the window the quantities were measured over (run minus warm-up). */
  measuredSeconds: number;
  /** Subtract the perpetual monthly free tiers (API Gateway's 12-month offer never is). */
  includeFreeTier: boolean;
}

export interface RunBill {
  byNode: Record<string, NodeCost>;
  /** For the measured window. */
  costUsd: number;
  /** The same usage rate over a 30-day month. */
  monthlyCostUsd: number;
}

interface Entry {
  nodeId: string;
  line: UsageLine;
  meter: Meter;
  /** Quantity scaled to the month. */
  monthly: number;
  /** Monthly quantity left after the free tier. */
  billable: number;
  monthlyUsd: number;
}

export function priceRun(nodes: NodeUsage[], opts: PriceRunOptions): RunBill {
  const { measuredSeconds } = opts;
  if (!(measuredSeconds > 0) || !Number.isFinite(measuredSeconds)) {
    throw new Error(`priceRun: measuredSeconds must be a positive number of seconds, got ${measuredSeconds}`);
  }
  const factor = MONTH_SECONDS / measuredSeconds;

  const seen = new Set<string>();
  const entries: Entry[] = [];
  for (const node of nodes) {
    if (seen.has(node.nodeId)) throw new Error(`priceRun: node "${node.nodeId}" reported usage twice`);
    seen.add(node.nodeId);
    for (const line of node.lines) {
      const m = meter(line.meter);
      if (!(line.quantity >= 0) || !Number.isFinite(line.quantity)) {
        throw new Error(
          `Node "${node.nodeId}" reported ${line.quantity} on meter "${line.meter}": quantities are finite and never negative`,
        );
      }
      const monthly = line.quantity * factor;
      entries.push({ nodeId: node.nodeId, line, meter: m, monthly, billable: monthly, monthlyUsd: 0 });
    }
  }

  if (opts.includeFreeTier) applyFreeTiers(entries);
  priceTierPools(entries);

  const byNode = keyedRecord<NodeCost>();
  for (const node of nodes) byNode[node.nodeId] = { totalUsd: 0, monthlyUsd: 0, items: [] };
  let monthlyCostUsd = 0;
  for (const e of entries) {
    const usd = e.monthlyUsd / factor;
    const item: CostItem = {
      name: e.line.name,
      quantity: e.line.quantity,
      unit: e.meter.unit,
      unitUsd: e.line.quantity > 0 ? usd / e.line.quantity : 0,
      usd,
      source: e.meter.source,
    };
    const bill = byNode[e.nodeId];
    bill.items.push(item);
    bill.totalUsd += usd;
    bill.monthlyUsd = (bill.monthlyUsd ?? 0) + e.monthlyUsd;
    monthlyCostUsd += e.monthlyUsd;
  }
  let costUsd = 0;
  for (const id of Object.keys(byNode)) costUsd += byNode[id].totalUsd;
  return { byNode, costUsd, monthlyCostUsd };
}

/**
 * Each free pool's allowance is taken from the pooled monthly quantity of the usage allowed
 * to draw on it, shared in proportion to that usage. AWS does not say which usage the free
 * tier covers first (it credits usage as it accrues); at a steady mix, as in a run scaled to
 * a month, that is the proportional split. Usage marked noFreeTier keeps its full quantity.
 */
function applyFreeTiers(entries: Entry[]): void {
  const eligible = new Map<string, { monthly: number; allowance: number }>();
  for (const e of entries) {
    const pool = e.meter.freeTier;
    if (!pool || e.line.noFreeTier) continue;
    const p = eligible.get(pool.id) ?? { monthly: 0, allowance: pool.monthly };
    p.monthly += e.monthly;
    eligible.set(pool.id, p);
  }
  for (const e of entries) {
    const pool = e.meter.freeTier;
    if (!pool || e.line.noFreeTier) continue;
    const p = eligible.get(pool.id)!;
    if (p.monthly <= 0) continue;
    const freeShare = Math.min(p.allowance, p.monthly) / p.monthly;
    e.billable = Math.max(0, e.monthly * (1 - freeShare));
  }
}

/**
 * Prices each tier pool's billable monthly total on its ladder once, then gives each entry
 * its share in proportion to its billable quantity (for a flat price this is simply
 * quantity × price, so every unit costs the same whichever node used it).
 */
function priceTierPools(entries: Entry[]): void {
  const pools = new Map<string, Entry[]>();
  for (const e of entries) {
    const list = pools.get(e.meter.tierPool);
    if (list) list.push(e);
    else pools.set(e.meter.tierPool, [e]);
  }
  for (const [poolId, list] of pools) {
    const price = list[0].meter.price;
    for (const e of list) {
      if (e.meter.price !== price)
        throw new Error(
          `Meters of tier pool "${poolId}" have different prices (${list[0].meter.id}, ${e.meter.id})`,
        );
    }
    if ('usdPerUnit' in price) {
      for (const e of list) e.monthlyUsd = e.billable * price.usdPerUnit;
      continue;
    }
    let total = 0;
    for (const e of list) total += e.billable;
    if (total <= 0) continue;
    const poolUsd = tieredCost(total, price.tiers);
    for (const e of list) e.monthlyUsd = Math.max(0, (poolUsd * e.billable) / total);
  }
}
