import { describe, expect, it } from 'vitest';
import { tieredCost, type Tier } from '../../../src/engine/billing/tiers';

const ladder: Tier[] = [
  { upTo: 100, usdPerUnit: 1 },
  { upTo: 300, usdPerUnit: 0.5 },
  { upTo: null, usdPerUnit: 0.25 },
];

describe('tieredCost', () => {
  it('prices units inside the first step at its price', () => {
    expect(tieredCost(40, ladder)).toBe(40);
  });

  it('is graduated: only the units above a breakpoint get the lower price', () => {
    // 100 × 1 + 50 × 0.5
    expect(tieredCost(150, ladder)).toBe(125);
    // 100 × 1 + 200 × 0.5 + 700 × 0.25
    expect(tieredCost(1000, ladder)).toBe(375);
  });

  it('lands exactly on a breakpoint', () => {
    expect(tieredCost(100, ladder)).toBe(100);
    expect(tieredCost(300, ladder)).toBe(200);
  });

  it('is 0 for nothing and never negative', () => {
    expect(tieredCost(0, ladder)).toBe(0);
    expect(tieredCost(-5, ladder)).toBe(0);
  });

  it('continues the last price past a ladder without an open-ended step', () => {
    // 100 × 1 + 50 × 0.5 (the last step extends)
    expect(
      tieredCost(150, [
        { upTo: 100, usdPerUnit: 1 },
        { upTo: 120, usdPerUnit: 0.5 },
      ]),
    ).toBe(125);
  });

  it('refuses an empty ladder', () => {
    expect(() => tieredCost(1, [])).toThrow(/at least one tier/);
  });
});
