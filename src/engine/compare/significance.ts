import { differenceInterval, significant, type Interval } from '../stats/interval';
import { verb } from './words';

/**
 * Is one design really cheaper than another at this load, or is the gap noise? Both were run
 * with the same derived seeds (replication i of each shares its seed), so the difference is
 * taken replication by replication and its 95 % interval (Student's t) decides: an interval
 * that excludes 0 is a difference, one that straddles 0 is not.
 */
export interface CostComparison {
  /** The design with the lower mean monthly cost, and the other. */
  cheaper: string;
  dearer: string;
  /** dearer − cheaper, USD a month (mean ≥ 0). */
  difference: Interval;
  significant: boolean;
  /** "functions cost less than monolith by $12 ± $3 a month", or why it cannot be said. */
  sentence: string;
}

export interface Design {
  name: string;
  /** Monthly cost of each replication, in seed order. */
  monthlyCostUsd: readonly number[];
}

export function compareCosts(a: Design, b: Design, load = 'at this load'): CostComparison {
  const d = differenceInterval(a.monthlyCostUsd, b.monthlyCostUsd);
  const aCheaper = d.mean <= 0;
  const cheaper = aCheaper ? a.name : b.name;
  const dearer = aCheaper ? b.name : a.name;
  // The interval of dearer − cheaper: the same width, the sign turned the right way.
  const difference: Interval = aCheaper ? { ...d, mean: -d.mean, lo: -d.hi, hi: -d.lo } : d;
  const sig = significant(difference);
  const n = Math.min(a.monthlyCostUsd.length, b.monthlyCostUsd.length);
  let sentence: string;
  if (n < 2) {
    sentence = `${cheaper} ${verb(cheaper, 'cost')} less than ${dearer} by ${usd(difference.mean, difference.mean)} a month in one run each; run 2 or more replications to tell a difference from noise`;
  } else if (sig) {
    const pm = usdPair(difference.mean, difference.halfWidth);
    sentence = `${cheaper} ${verb(cheaper, 'cost')} less than ${dearer} by ${pm} a month`;
  } else {
    const pm = usdPair(difference.mean, difference.halfWidth);
    sentence = `no significant difference ${load} between ${cheaper} and ${dearer} (${pm} a month over ${n} runs: the 95 % interval includes 0)`;
  }
  return { cheaper, dearer, difference, significant: sig, sentence };
}

/**
 * "$12 ± $3": both rounded alike, to the half-width's precision but never coarser than 1 %
 * of the difference: whole dollars when that is a dollar or more, cents under that, a
 * hundredth of a cent for the tiny sums of a short run.
 */
export function usdPair(mean: number, halfWidth: number): string {
  const scale = Math.max(Math.abs(halfWidth), Math.abs(mean) * 0.01);
  return `${usd(mean, scale)} ± ${usd(halfWidth, scale)}`;
}

function usd(x: number, scale: number): string {
  const digits = scale >= 1 ? 0 : scale >= 0.01 ? 2 : 4;
  const s = Math.abs(x).toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  return `${x < 0 ? '−' : ''}$${s}`;
}
