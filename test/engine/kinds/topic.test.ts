import { describe, expect, it } from 'vitest';
import { SNS_MANAGED_RETRIES, snsManagedRetryDelayMs } from '../../../src/engine/kinds/topic/retry';
import { conserved, FAST, fnMetrics, metrics, run, scenario } from '../helpers';

/** 10 publishes/s for 100 s (constant: exactly 1,000), 3 OrderPlaced to 1 OrderCancelled. */
function fanOut(payloadKB = 1) {
  return scenario(
    [
      {
        id: 'shop',
        kind: 'producer',
        params: {
          traffic: { shape: 'constant', ratePerSecond: 10 },
          payloadKB,
          eventTypes: [
            { name: 'OrderPlaced', weight: 3 },
            { name: 'OrderCancelled', weight: 1 },
          ],
        },
      },
      { id: 'orders', kind: 'topic' },
      { id: 'audit', kind: 'function', params: FAST },
      { id: 'ship', kind: 'function', params: FAST },
      { id: 'refund', kind: 'function', params: FAST },
      { id: 'stats', kind: 'function', params: FAST },
    ],
    [
      { source: 'shop', target: 'orders' },
      { source: 'orders', target: 'audit' },
      { source: 'orders', target: 'ship', params: { filter: { type: ['OrderPlaced'] } } },
      { source: 'orders', target: 'refund', params: { filter: { type: ['OrderCancelled'] } } },
      { source: 'orders', target: 'stats', params: { filter: { type: ['OrderPlaced', 'OrderCancelled'] } } },
    ],
    { durationSeconds: 100 },
  );
}

describe('SNS topic', () => {
  it('delivers each publish to every subscription whose filter matches', () => {
    const r = run(fanOut());
    const m = metrics(r, 'orders');
    expect(m.published).toBe(1000);
    const placed = fnMetrics(r, 'ship').invocations;
    const cancelled = fnMetrics(r, 'refund').invocations;
    // Every publish is one of the two types: 3:1 by weight (binomial sd ≈ 14 around 750).
    expect(placed + cancelled).toBe(1000);
    expect(placed).toBeGreaterThan(700);
    expect(placed).toBeLessThan(800);
    // audit (no filter) 1,000 + ship P + refund C + stats (both types) 1,000 = 3,000.
    expect(m.delivered).toBe(1000 + placed + cancelled + 1000);
    expect(m.delivered).toBe(3000);
    // 4 subscriptions × 1,000 publishes − 3,000 deliveries.
    expect(m.filteredOut).toBe(1000);
    expect(fnMetrics(r, 'audit').invocations).toBe(1000);
    expect(fnMetrics(r, 'stats').invocations).toBe(1000);
    // Each publish is one request that fans out: it completes when all its deliveries have.
    expect(r.totals.requests).toBe(1000);
    expect(r.totals.completed).toBe(1000);
    conserved(r);
  });

  it('a publish no subscription wants completes at once', () => {
    const doc = fanOut();
    doc.edges = doc.edges.filter((e) => e.target !== 'audit' && e.target !== 'stats' && e.target !== 'ship');
    doc.nodes = doc.nodes.filter((n) => !['audit', 'stats', 'ship'].includes(n.id));
    const r = run(doc);
    const m = metrics(r, 'orders');
    expect(m.delivered + m.filteredOut).toBe(1000);
    expect(m.delivered).toBe(fnMetrics(r, 'refund').invocations);
    expect(r.totals.completed).toBe(1000);
    conserved(r);
  });

  it('bills publishes in 64 KB chunks; deliveries to Lambda are free', () => {
    // 100 KB = 2 chunks: 1,000 publishes = 2,000 requests × $0.50 / 1M = $0.001.
    const r = run(fanOut(100));
    const cost = r.nodes.orders.cost;
    expect(cost.items).toHaveLength(1);
    expect(cost.items[0].quantity).toBe(2000);
    expect(cost.totalUsd).toBeCloseTo((2000 * 0.5) / 1e6, 12);
    conserved(r);
  });

  it('records the publish rate as the series "<id>.published"', () => {
    const r = run(fanOut(), { series: true });
    const s = r.series!;
    const published = s['orders.published'] as number[];
    const total = published.reduce((a, b) => a + b, 0) * s.bucketSeconds;
    expect(total).toBeCloseTo(1000, 6);
    expect(published[10]).toBeCloseTo(10, 6);
    conserved(r);
  });

  it('delivers to an SQS subscription as a message', () => {
    const doc = fanOut();
    doc.nodes.push({ id: 'inbox', kind: 'queue', label: 'inbox', position: { x: 0, y: 0 }, params: {} });
    doc.nodes.push({
      id: 'worker',
      kind: 'function',
      label: 'worker',
      position: { x: 0, y: 0 },
      params: FAST,
    });
    doc.edges.push({
      id: 'q1',
      source: 'orders',
      target: 'inbox',
      role: 'invoke',
      params: { filter: { type: ['OrderCancelled'] } },
    });
    doc.edges.push({ id: 'q2', source: 'inbox', target: 'worker', role: 'invoke', params: {} });
    const r = run(doc);
    const m = metrics(r, 'orders');
    const cancelled = fnMetrics(r, 'refund').invocations;
    expect(m.delivered).toBe(3000 + cancelled);
    expect(metrics(r, 'inbox').sent).toBe(cancelled);
    conserved(r);
  });
});

describe('SNS retry policy for AWS-managed endpoints', () => {
  it('has the documented phases: 3 immediate, 2 at 1 s, 10 from 1 s to 20 s, then 100,000 at 20 s', () => {
    expect(SNS_MANAGED_RETRIES).toBe(100_015);
    expect([1, 2, 3].map(snsManagedRetryDelayMs)).toEqual([0, 0, 0]);
    expect([4, 5].map(snsManagedRetryDelayMs)).toEqual([1000, 1000]);
    // Backoff: retries 6..15, geometric from 1 s to 20 s (ratio 20^(1/9) ≈ 1.395).
    const backoff = Array.from({ length: 10 }, (_, i) => snsManagedRetryDelayMs(6 + i));
    expect(backoff[0]).toBeCloseTo(1000, 9);
    expect(backoff[9]).toBeCloseTo(20_000, 9);
    for (let i = 1; i < 10; i++) expect(backoff[i] / backoff[i - 1]).toBeCloseTo(20 ** (1 / 9), 12);
    expect(snsManagedRetryDelayMs(16)).toBe(20_000);
    expect(snsManagedRetryDelayMs(100_015)).toBe(20_000);
    expect(snsManagedRetryDelayMs(100_016)).toBe(-1);
    expect(snsManagedRetryDelayMs(0)).toBe(-1);
  });

  it('spans about 23 days in all', () => {
    let ms = 0;
    for (let k = 1; k <= SNS_MANAGED_RETRIES; k++) ms += snsManagedRetryDelayMs(k);
    // 2 × 1 s + (20^(10/9) − 1) / (20^(1/9) − 1) s ≈ 68.1 s + 100,000 × 20 s.
    const q = 20 ** (1 / 9);
    const expected = 2 + (q ** 10 - 1) / (q - 1) + 2_000_000;
    expect(ms / 1000).toBeCloseTo(expected, 6);
    expect(ms / 86_400_000).toBeGreaterThan(23.1);
    expect(ms / 86_400_000).toBeLessThan(23.2);
  });
});
