/**
 * Lambda bills worked by hand. The expected values are written as the arithmetic a reader
 * would do with the price page open (facts §1.1), never computed by the code under test.
 * Unless stated, the measured window is a whole 30-day month (2,592,000 s), so the run's
 * cost is the monthly cost.
 */
import { describe, expect, it } from 'vitest';
import { priceRun } from '../../../src/engine/billing/bill';
import { billedMs, gbSeconds } from '../../../src/engine/billing/units';
import type { UsageLine } from '../../../src/engine/billing/types';

const MONTH = 30 * 86400;
const X86_T1 = 0.0000166667;
const X86_T2 = 0.000015;
const ARM_T1 = 0.0000133334;

const month = (lines: Record<string, UsageLine[]>, includeFreeTier = false) =>
  priceRun(
    Object.entries(lines).map(([nodeId, l]) => ({ nodeId, lines: l })),
    { measuredSeconds: MONTH, includeFreeTier },
  );

/** 3,000,000 requests of 120 ms at 512 MB on x86. */
const threeMillion: UsageLine[] = [
  { meter: 'lambda.requests', name: 'requests', quantity: 3_000_000 },
  { meter: 'lambda.duration.x86_64', name: 'compute (x86)', quantity: 3e6 * 0.12 * 0.5 },
];

describe('Lambda on-demand', () => {
  it('(a) bills 3M requests of 120 ms at 512 MB without the free tier', () => {
    const bill = month({ f: threeMillion });
    const [requests, compute] = bill.byNode.f.items;
    expect(requests.usd).toBeCloseTo(3 * 0.2, 10);
    expect(compute.usd).toBeCloseTo(3e6 * 0.12 * 0.5 * X86_T1, 10);
    expect(bill.costUsd).toBeCloseTo(3 * 0.2 + 3e6 * 0.12 * 0.5 * X86_T1, 10); // 3.600006
    expect(bill.byNode.f.totalUsd).toBeCloseTo(3.600006, 10);
    expect(bill.monthlyCostUsd).toBeCloseTo(3.600006, 10);
    expect(compute.unit).toBe('GB-s');
    expect(compute.quantity).toBe(180_000);
    expect(compute.unitUsd).toBeCloseTo(X86_T1, 15);
    expect(compute.source).toMatch(/\[L-PRICE\]/);
  });

  it('(a) with the free tier: 1M requests and 400,000 GB-s come off', () => {
    const bill = month({ f: threeMillion }, true);
    const [requests, compute] = bill.byNode.f.items;
    expect(requests.usd).toBeCloseTo((3 - 1) * 0.2, 10); // 0.40
    expect(requests.unitUsd).toBeCloseTo(0.4 / 3e6, 15);
    // 180,000 GB-s is under the 400,000 GB-s allowance.
    expect(compute.usd).toBe(0);
    expect(bill.costUsd).toBeCloseTo(0.4, 10);
  });

  it('(b) crosses the x86 tier boundary at 6 billion GB-s', () => {
    const bill = month({
      big: [{ meter: 'lambda.duration.x86_64', name: 'compute (x86)', quantity: 7e9 }],
    });
    // 6e9 × tier 1 + 1e9 × tier 2 = 100,000.2 + 15,000
    expect(bill.costUsd).toBeCloseTo(6e9 * X86_T1 + 1e9 * X86_T2, 6);
    expect(bill.costUsd).toBeCloseTo(115_000.2, 6);
  });

  it('(b) INIT shares the duration ladder of its architecture, across nodes', () => {
    const bill = month({
      a: [{ meter: 'lambda.duration.x86_64', name: 'compute (x86)', quantity: 6.5e9 }],
      b: [{ meter: 'lambda.init.x86_64', name: 'INIT (x86)', quantity: 0.5e9 }],
    });
    const total = 6e9 * X86_T1 + 1e9 * X86_T2; // same 7e9 GB-s as above
    expect(bill.costUsd).toBeCloseTo(total, 6);
    // Shared in proportion: a used 6.5/7, b 0.5/7.
    expect(bill.byNode.a.totalUsd).toBeCloseTo((total * 6.5) / 7, 6);
    expect(bill.byNode.b.totalUsd).toBeCloseTo((total * 0.5) / 7, 6);
  });

  it('(c) Arm and x86 do not share a tier ladder', () => {
    const bill = month({
      x: [{ meter: 'lambda.duration.x86_64', name: 'compute (x86)', quantity: 5e9 }],
      y: [{ meter: 'lambda.duration.arm64', name: 'compute (Arm)', quantity: 5e9 }],
    });
    // Each stays in its own tier 1 although together they pass 6e9.
    expect(bill.byNode.x.totalUsd).toBeCloseTo(5e9 * X86_T1, 6); // 83,333.5
    expect(bill.byNode.y.totalUsd).toBeCloseTo(5e9 * ARM_T1, 6); // 66,667
    expect(bill.costUsd).toBeCloseTo(150_000.5, 6);
  });

  it('(c) Arm and x86 share one 400,000 GB-s free tier', () => {
    const bill = month(
      {
        x: [{ meter: 'lambda.duration.x86_64', name: 'compute (x86)', quantity: 300_000 }],
        y: [{ meter: 'lambda.duration.arm64', name: 'compute (Arm)', quantity: 300_000 }],
      },
      true,
    );
    // 600,000 GB-s − 400,000 free = 200,000 billable, shared pro rata: 100,000 each.
    expect(bill.byNode.x.totalUsd).toBeCloseTo(100_000 * X86_T1, 10); // 1.66667
    expect(bill.byNode.y.totalUsd).toBeCloseTo(100_000 * ARM_T1, 10); // 1.33334
    expect(bill.costUsd).toBeCloseTo(3.00001, 10);
  });

  it('(d) 100 ms granularity bills more than 1 ms for short functions', () => {
    // 1M invocations of 20.4 ms at 128 MB.
    const quantity = (granularityMs: number) => 1e6 * gbSeconds(billedMs(20.4, granularityMs), 128);
    const at = (granularityMs: number) =>
      month({ f: [{ meter: 'lambda.duration.x86_64', name: 'compute', quantity: quantity(granularityMs) }] })
        .costUsd;
    // 1 ms: 21 ms → 1e6 × 0.021 × 0.125 = 2,625 GB-s
    expect(quantity(1)).toBeCloseTo(2625, 9);
    expect(at(1)).toBeCloseTo(2625 * X86_T1, 10);
    // 100 ms: 100 ms → 1e6 × 0.1 × 0.125 = 12,500 GB-s
    expect(quantity(100)).toBeCloseTo(12_500, 9);
    expect(at(100)).toBeCloseTo(12_500 * X86_T1, 10);
  });

  it('bills ephemeral storage above 512 MB', () => {
    // 1M invocations of 1 s with 10,240 MB /tmp: (10 − 0.5) GB × 1 s each.
    const bill = month(
      { f: [{ meter: 'lambda.ephemeral', name: 'ephemeral storage', quantity: 1e6 * 9.5 }] },
      true,
    );
    expect(bill.costUsd).toBeCloseTo(9.5e6 * 0.0000000309, 12); // 0.29355
  });
});

describe('Lambda Provisioned Concurrency', () => {
  it('(e) 10 environments × 1,024 MB for a 30-day month', () => {
    const configured = 10 * 1 * 2_592_000; // GB-s
    const lines: UsageLine[] = [
      { meter: 'lambda.pc.x86_64', name: 'provisioned concurrency', quantity: configured },
    ];
    const expected = 10 * 1 * 2_592_000 * 0.0000041667; // 108.000864
    expect(month({ f: lines }).costUsd).toBeCloseTo(expected, 9);
    // Not free-tier eligible.
    expect(month({ f: lines }, true).costUsd).toBeCloseTo(expected, 9);
  });

  it('(e) PC duration at its own rate, and Arm PC', () => {
    const bill = month({
      x: [{ meter: 'lambda.pcDuration.x86_64', name: 'PC compute', quantity: 1_000_000 }],
      y: [{ meter: 'lambda.pc.arm64', name: 'provisioned concurrency', quantity: 1_000_000 }],
      z: [{ meter: 'lambda.pcDuration.arm64', name: 'PC compute', quantity: 1_000_000 }],
    });
    expect(bill.byNode.x.totalUsd).toBeCloseTo(1e6 * 0.0000097222, 10);
    expect(bill.byNode.y.totalUsd).toBeCloseTo(1e6 * 0.0000033334, 10);
    expect(bill.byNode.z.totalUsd).toBeCloseTo(1e6 * 0.0000077778, 10);
  });

  it('(e) a function with PC gets no free tier; the others keep all of it', () => {
    const bill = month(
      {
        pc: [
          { meter: 'lambda.requests', name: 'requests', quantity: 1_000_000, noFreeTier: true },
          { meter: 'lambda.duration.x86_64', name: 'compute above PC', quantity: 100_000, noFreeTier: true },
        ],
        plain: [
          { meter: 'lambda.requests', name: 'requests', quantity: 1_500_000 },
          { meter: 'lambda.duration.x86_64', name: 'compute', quantity: 300_000 },
        ],
      },
      true,
    );
    // pc pays for everything: 1 × 0.20 + 100,000 × tier 1
    expect(bill.byNode.pc.totalUsd).toBeCloseTo(0.2 + 100_000 * X86_T1, 10);
    // plain: (1.5M − 1M) × 0.20/M; 300,000 GB-s is inside the 400,000 allowance
    expect(bill.byNode.plain.totalUsd).toBeCloseTo(0.5 * 0.2, 10);
  });
});
