/**
 * One step of a graduated price: units up to `upTo` (cumulative over the month, in the
 * meter's unit) cost `usdPerUnit` each. `upTo: null` is the open-ended last step.
 */
export interface Tier {
  upTo: number | null;
  usdPerUnit: number;
}

/**
 * Cost of `quantity` units on a graduated ladder: each unit is priced at the step it falls
 * in (AWS's tiers are graduated, not all-units: crossing a breakpoint only discounts the
 * units above it). Past the last bounded step, the last step's price continues, so a ladder
 * that forgot its open-ended step still prices every unit.
 */
export function tieredCost(quantity: number, tiers: readonly Tier[]): number {
  if (tiers.length === 0) throw new Error('tieredCost: a price ladder needs at least one tier');
  if (!(quantity > 0)) return 0;
  let usd = 0;
  let from = 0;
  for (let i = 0; i < tiers.length; i++) {
    const tier = tiers[i];
    const last = i === tiers.length - 1;
    const to = tier.upTo === null || last ? Infinity : tier.upTo;
    if (quantity <= from) break;
    usd += (Math.min(quantity, to) - from) * tier.usdPerUnit;
    from = to;
  }
  return usd;
}
