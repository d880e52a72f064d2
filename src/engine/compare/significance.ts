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
  return compareFigure(a.name, a.monthlyCostUsd, b.name, b.monthlyCostUsd, {
    load,
    pair: usdPair,
    single: (x) => usd(x, x),
    better: (name) => `${verb(name, 'cost')} less than`,
    unit: ' a month',
    subject: '',
  });
}

/** The same question of the 95th-percentile latency: which design answers faster, and is it real? */
export type LatencyComparison = Omit<CostComparison, 'cheaper' | 'dearer'> & {
  faster: string;
  slower: string;
};

export interface LatencyDesign {
  name: string;
  /** p95 latency of each replication, in seed order. */
  latencyP95Ms: readonly number[];
}

export function compareLatencies(
  a: LatencyDesign,
  b: LatencyDesign,
  load = 'at this load',
): LatencyComparison {
  const c = compareFigure(a.name, a.latencyP95Ms, b.name, b.latencyP95Ms, {
    load,
    pair: msPair,
    single: (x) => ms(x, x),
    better: (name) => `${verb(name, 'answer')} faster than`,
    unit: ' at p95',
    subject: ' in p95 latency',
  });
  return {
    faster: c.cheaper,
    slower: c.dearer,
    difference: c.difference,
    significant: c.significant,
    sentence: c.sentence,
  };
}

interface Phrasing {
  load: string;
  pair: (mean: number, halfWidth: number) => string;
  single: (x: number) => string;
  /** "costs less than", "answers faster than": what the lower figure earns its design. */
  better: (name: string) => string;
  unit: string;
  /** What "no significant difference" is about, when it is not the cost. */
  subject: string;
}

/** Lower is better for every figure compared here (cost, latency). */
function compareFigure(
  aName: string,
  aSamples: readonly number[],
  bName: string,
  bSamples: readonly number[],
  p: Phrasing,
): CostComparison {
  const d = differenceInterval(aSamples, bSamples);
  const aLower = d.mean <= 0;
  const cheaper = aLower ? aName : bName;
  const dearer = aLower ? bName : aName;
  // The interval of dearer − cheaper: the same width, the sign turned the right way.
  const difference: Interval = aLower ? { ...d, mean: -d.mean, lo: -d.hi, hi: -d.lo } : d;
  const sig = significant(difference);
  const n = Math.min(aSamples.length, bSamples.length);
  const pm = p.pair(difference.mean, difference.halfWidth);
  let sentence: string;
  if (n < 2) {
    sentence = `${cheaper} ${p.better(cheaper)} ${dearer} by ${p.single(difference.mean)}${p.unit} in one run each; run 2 or more replications to tell a difference from noise`;
  } else if (sig) {
    sentence = `${cheaper} ${p.better(cheaper)} ${dearer} by ${pm}${p.unit}`;
  } else {
    sentence = `no significant difference${p.subject} ${p.load} between ${cheaper} and ${dearer} (${pm}${p.unit} over ${n} runs: the 95 % interval includes 0)`;
  }
  return { cheaper, dearer, difference, significant: sig, sentence };
}

/** "42 ± 5 ms", to the half-width's precision but never coarser than 1 % of the difference. */
export function msPair(mean: number, halfWidth: number): string {
  const scale = Math.max(Math.abs(halfWidth), Math.abs(mean) * 0.01);
  return `${ms(mean, scale).replace(/ ms$/, '')} ± ${ms(halfWidth, scale)}`;
}

function ms(x: number, scale: number): string {
  // Runs that do not vary at all (constant durations) read "0 ± 0 ms", not "0.00 ± 0.00 ms".
  const digits = scale >= 1 || scale === 0 ? 0 : scale >= 0.1 ? 1 : 2;
  const s = Math.abs(x).toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  return `${x < 0 ? '−' : ''}${s} ms`;
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
