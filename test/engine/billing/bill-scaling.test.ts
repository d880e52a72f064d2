/**
 * How a short run is priced: scaled to a 30-day month, priced, shared back among nodes and
 * scaled down again. Expected values are hand arithmetic.
 */
import { describe, expect, it } from 'vitest';
import { MONTH_SECONDS, priceRun } from '../../../src/engine/billing/bill';

describe('a 10-minute run', () => {
  const factor = (30 * 86400) / 600; // 4,320

  it('(i) scales to a month and back: costUsd = monthlyCostUsd / factor', () => {
    // Two functions share the request meter: a 2,000 requests, b 6,000, with the free tier.
    const bill = priceRun(
      [
        { nodeId: 'a', lines: [{ meter: 'lambda.requests', name: 'requests', quantity: 2000 }] },
        { nodeId: 'b', lines: [{ meter: 'lambda.requests', name: 'requests', quantity: 6000 }] },
      ],
      { measuredSeconds: 600, includeFreeTier: true },
    );
    // month: 8,000 × 4,320 = 34.56M requests; − 1M free = 33.56M × 0.20/M = 6.712
    expect(bill.monthlyCostUsd).toBeCloseTo(33.56 * 0.2, 10);
    expect(bill.costUsd).toBeCloseTo((33.56 * 0.2) / 4320, 12);
    expect(bill.costUsd * factor).toBeCloseTo(bill.monthlyCostUsd, 10);
    // shared 1 : 3
    expect(bill.byNode.a.totalUsd).toBeCloseTo((6.712 * 0.25) / 4320, 12);
    expect(bill.byNode.b.totalUsd).toBeCloseTo((6.712 * 0.75) / 4320, 12);
    expect(bill.byNode.a.monthlyUsd).toBeCloseTo(6.712 * 0.25, 10);
    // the line shows the run's quantity and the effective unit price
    const item = bill.byNode.a.items[0];
    expect(item.quantity).toBe(2000);
    expect(item.unit).toBe('requests');
    expect(item.unitUsd).toBeCloseTo((6.712 * 0.25) / 4320 / 2000, 15);
  });

  it("(i) a short run at a high rate reaches the month's lower tiers", () => {
    // REST API at 200 req/s for 600 s = 120,000 requests → 518.4M a month:
    // 333M × 3.50/M + 185.4M × 2.80/M = 1,165.5 + 519.12 = 1,684.62
    const bill = priceRun(
      [{ nodeId: 'api', lines: [{ meter: 'apigw.rest.requests', name: 'requests', quantity: 120_000 }] }],
      {
        measuredSeconds: 600,
        includeFreeTier: false,
      },
    );
    expect(bill.monthlyCostUsd).toBeCloseTo(1684.62, 8);
    expect(bill.costUsd).toBeCloseTo(1684.62 / 4320, 10);
  });

  it('(i) a whole-month free tier is pro-rated, not spent by one short run', () => {
    // 100,000 requests in 10 minutes = 432M a month, of which 1M free: 431M × 0.20/M
    const bill = priceRun(
      [{ nodeId: 'f', lines: [{ meter: 'lambda.requests', name: 'requests', quantity: 100_000 }] }],
      {
        measuredSeconds: 600,
        includeFreeTier: true,
      },
    );
    expect(bill.costUsd).toBeCloseTo((431 * 0.2) / 4320, 12);
  });
});

describe('priceRun edge cases', () => {
  it('names an unknown meter', () => {
    expect(() =>
      priceRun([{ nodeId: 'x', lines: [{ meter: 'lambda.gpuSeconds', name: 'gpu', quantity: 1 }] }], {
        measuredSeconds: 600,
        includeFreeTier: false,
      }),
    ).toThrow(/lambda\.gpuSeconds/);
  });

  it('refuses negative or non-finite quantities, naming node and meter', () => {
    const bad = (quantity: number) => () =>
      priceRun([{ nodeId: 'q', lines: [{ meter: 'sqs.standard.requests', name: 'requests', quantity }] }], {
        measuredSeconds: 600,
        includeFreeTier: false,
      });
    expect(bad(-1)).toThrow(/"q".*sqs\.standard\.requests/);
    expect(bad(NaN)).toThrow(/sqs\.standard\.requests/);
    expect(bad(Infinity)).toThrow(/sqs\.standard\.requests/);
  });

  it('refuses a measured window that is not positive', () => {
    expect(() => priceRun([], { measuredSeconds: 0, includeFreeTier: false })).toThrow(/measuredSeconds/);
  });

  it('gives a node without usage an empty, zero bill, and prices zero quantities at 0', () => {
    const bill = priceRun(
      [
        { nodeId: 'producer', lines: [] },
        { nodeId: 'f', lines: [{ meter: 'lambda.duration.arm64', name: 'compute', quantity: 0 }] },
      ],
      { measuredSeconds: MONTH_SECONDS, includeFreeTier: true },
    );
    expect(bill.byNode.producer).toEqual({ totalUsd: 0, monthlyUsd: 0, items: [] });
    expect(bill.byNode.f.items[0]).toMatchObject({ quantity: 0, usd: 0, unitUsd: 0 });
    expect(bill.costUsd).toBe(0);
    expect(bill.monthlyCostUsd).toBe(0);
  });

  it('never bills a negative amount, whatever the free tier does', () => {
    const bill = priceRun(
      [{ nodeId: 'f', lines: [{ meter: 'dynamodb.storageGbMonths', name: 'storage', quantity: 1 }] }],
      { measuredSeconds: MONTH_SECONDS, includeFreeTier: true },
    );
    expect(bill.byNode.f.items[0].usd).toBe(0);
  });
});
