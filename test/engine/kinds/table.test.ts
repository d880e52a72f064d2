import { describe, expect, it } from 'vitest';
import { readUnits, writeUnits } from '../../../src/engine/kinds/table/runtime';
import type { Result } from '../../../src/engine/result';
import { ScenarioError } from '../../../src/engine/scenario/issues';
import { NO_COLD_START, run, scenario } from '../helpers';

const FAST = { duration: { dist: 'constant', meanMs: 10 }, coldStart: NO_COLD_START };

function conserved(r: Result): void {
  const t = r.totals;
  expect(t.requests).toBe(t.completed + t.failed + t.deadLettered + t.dropped + t.inFlight);
}

function metrics(r: Result, id: string): Record<string, number> {
  return r.nodes[id].metrics as Record<string, number>;
}

/** 10 writes/s for 100 s (constant: exactly 1,000). */
function writes(table: Record<string, unknown>, settings: Record<string, unknown> = {}, perRequest = 1) {
  return scenario(
    [
      { id: 'app', kind: 'producer', params: { traffic: { shape: 'constant', ratePerSecond: 10 } } },
      { id: 'orders', kind: 'table', params: table },
    ],
    [{ source: 'app', target: 'orders', params: { perRequest } }],
    { durationSeconds: 100, ...settings },
  );
}

describe('DynamoDB capacity units', () => {
  it('a write costs 1 WRU per started KB', () => {
    expect(writeUnits(0.1)).toBe(1);
    expect(writeUnits(1)).toBe(1);
    expect(writeUnits(1.001)).toBe(2);
    expect(writeUnits(2.5)).toBe(3);
    expect(writeUnits(400)).toBe(400);
  });

  it('a read costs 1 RRU per started 4 KB when strong, half when eventual', () => {
    expect(readUnits(1, 'strong')).toBe(1);
    expect(readUnits(4, 'strong')).toBe(1);
    expect(readUnits(4.5, 'strong')).toBe(2);
    expect(readUnits(9, 'strong')).toBe(3);
    expect(readUnits(1, 'eventual')).toBe(0.5);
    expect(readUnits(9, 'eventual')).toBe(1.5);
  });
});

describe('DynamoDB table', () => {
  it('counts WRU and RRU by item size, and each write completes its path', () => {
    // 9 KB items: 9 WRU per write; 2 strong reads per write of ceil(9 / 4) = 3 RRU: 6 RRU.
    const r = run(writes({ itemKB: 9, readsPerRequest: 2, readConsistency: 'strong' }));
    const m = metrics(r, 'orders');
    expect(m.writes).toBe(1000);
    expect(m.reads).toBe(2000);
    expect(m.wru).toBe(9000);
    expect(m.rru).toBe(6000);
    expect(r.totals.completed).toBe(1000);
    conserved(r);
  });

  it('eventually consistent reads cost half', () => {
    // 2.5 KB: 3 WRU per write; 0.5 read per write × ceil(2.5 / 4) × 0.5 = 0.25 RRU per write.
    const r = run(writes({ itemKB: 2.5, readsPerRequest: 0.5 }));
    const m = metrics(r, 'orders');
    expect(m.wru).toBe(3000);
    expect(m.rru).toBe(250);
    conserved(r);
  });

  it('every write sent counts: perRequest writes per request', () => {
    const r = run(writes({}, {}, 3));
    expect(metrics(r, 'orders').writes).toBe(3000);
    expect(metrics(r, 'orders').wru).toBe(3000);
    expect(r.totals.requests).toBe(1000);
    expect(r.totals.completed).toBe(1000);
    conserved(r);
  });

  it('bills WRU, RRU and storage', () => {
    const r = run(writes({ itemKB: 9, readsPerRequest: 2, readConsistency: 'strong', storedGB: 50 }, { durationSeconds: 1000 }));
    const items = Object.fromEntries(r.nodes.orders.cost.items.map((i) => [i.name, i]));
    // 10,000 writes × 9 WRU = 90,000 WRU × $0.625 / 1M = $0.05625.
    expect(items['write request units'].quantity).toBe(90_000);
    expect(items['write request units'].usd).toBeCloseTo(0.05625, 12);
    // 10,000 × 6 RRU = 60,000 RRU × $0.125 / 1M = $0.0075.
    expect(items['read request units'].quantity).toBe(60_000);
    expect(items['read request units'].usd).toBeCloseTo(0.0075, 12);
    // 50 GB for 1,000 s = 50 × 1,000 / 2,592,000 GB-months = 0.019290… × $0.25 = $0.0048225…
    const gbMonths = (50 * 1000) / 2_592_000;
    expect(items.storage.quantity).toBeCloseTo(gbMonths, 12);
    expect(items.storage.usd).toBeCloseTo(gbMonths * 0.25, 12);
    expect(r.nodes.orders.cost.totalUsd).toBeCloseTo(0.05625 + 0.0075 + gbMonths * 0.25, 12);
    conserved(r);
  });

  it('with the free tier, the first 25 GB-months per month of storage are free', () => {
    // 50 GB held all month: 25 free, 25 billed; the run's slice is half the storage price.
    const r = run(writes({ storedGB: 50 }, { durationSeconds: 1000, includeFreeTier: true }));
    const storage = r.nodes.orders.cost.items.find((i) => i.name === 'storage')!;
    expect(storage.usd).toBeCloseTo(((50 * 1000) / 2_592_000) * 0.25 * 0.5, 12);
    conserved(r);
  });

  it('refuses to run a table with its stream on (not simulated yet), saying which node', () => {
    const doc = scenario(
      [
        { id: 'app', kind: 'producer' },
        { id: 'orders', kind: 'table', params: { streamEnabled: true } },
        { id: 'react', kind: 'function', params: FAST },
      ],
      [
        { source: 'app', target: 'orders' },
        { source: 'orders', target: 'react' },
      ],
    );
    let error: unknown;
    try {
      run(doc);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScenarioError);
    const issue = (error as ScenarioError).issues[0];
    expect(issue.path).toBe('nodes[1].params.streamEnabled');
    expect(issue.nodeId).toBe('orders');
    expect(issue.message).toMatch(/DynamoDB streams are not simulated yet/);
  });
});
