import { describe, expect, it } from 'vitest';
import { readUnits, writeUnits } from '../../../src/engine/kinds/table/runtime';
import { conserved, FAST, fnMetrics, metrics, run, scenario } from '../helpers';

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
    const r = run(
      writes(
        { itemKB: 9, readsPerRequest: 2, readConsistency: 'strong', storedGB: 50 },
        { durationSeconds: 1000 },
      ),
    );
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
});

/** A table with its stream on, read by `readers` functions; writes at `rate`/s for `seconds`. */
function streamed(opts: {
  rate: number;
  seconds: number;
  itemKB?: number;
  readers?: number;
  reader?: Record<string, unknown>;
  edge?: Record<string, unknown>;
}) {
  const readers = Array.from({ length: opts.readers ?? 1 }, (_, i) => `react${i + 1}`);
  return scenario(
    [
      { id: 'app', kind: 'producer', params: { traffic: { shape: 'constant', ratePerSecond: opts.rate } } },
      { id: 'orders', kind: 'table', params: { streamEnabled: true, itemKB: opts.itemKB ?? 1 } },
      ...readers.map((id) => ({ id, kind: 'function', params: { ...FAST, ...opts.reader } })),
    ],
    [
      { source: 'app', target: 'orders' },
      ...readers.map((id) => ({ source: 'orders', target: id, params: opts.edge ?? {} })),
    ],
    { durationSeconds: opts.seconds },
  );
}

describe('DynamoDB stream', () => {
  it('hands every write to the stream reader, polled 4 times a second', () => {
    // 10 writes/s at 50, 150, 250 … ms; shard 0 is polled at 0, 250, 500 … ms.
    const r = run(streamed({ rate: 10, seconds: 100 }));
    const m = metrics(r, 'orders');
    expect(m.writes).toBe(1000);
    expect(m.streamRecords).toBe(1000);
    expect(m.streamShards).toBe(1);
    // About 2.5 records per poll: one batch per 250 ms tick, 4 per second.
    expect(m.batches).toBeGreaterThanOrEqual(398);
    expect(m.batches).toBeLessThanOrEqual(400);
    expect(fnMetrics(r, 'react1').invocations).toBe(m.batches);
    expect(m.recordsOut + r.totals.inFlight).toBe(1000);
    expect(r.totals.completed).toBe(m.recordsOut);
    // A record waits for the next tick (< 250 ms), then 10 ms in the function.
    expect(r.totals.latencyMs.max).toBeLessThanOrEqual(260 + 1e-6);
    expect(r.totals.latencyMs.max).toBeGreaterThan(200);
    expect(r.totals.latencyMs.mean).toBeGreaterThan(100);
    expect(r.totals.latencyMs.mean).toBeLessThan(170);
    conserved(r);
  });

  it('reading the stream is free: the bill has only WRU, RRU and storage', () => {
    const r = run(streamed({ rate: 10, seconds: 100 }));
    expect(r.nodes.orders.cost.items.map((i) => i.name)).toEqual([
      'write request units',
      'read request units',
      'storage',
    ]);
    expect(r.nodes.orders.cost.items[0].quantity).toBe(1000);
    conserved(r);
  });

  it('has one shard per 1,000 WRU/s of peak write rate, and every reader gets every record', () => {
    // 2,500 writes/s of 1 KB = 2,500 WRU/s: 3 shards; of 2 KB = 5,000 WRU/s: 5 shards.
    const one = run(streamed({ rate: 2500, seconds: 4, readers: 2 }));
    const m = metrics(one, 'orders');
    expect(m.streamShards).toBe(3);
    expect(m.streamRecords).toBe(10_000);
    expect(fnMetrics(one, 'react1').invocations + fnMetrics(one, 'react2').invocations).toBe(m.batches);
    // Two readers: two paths per write; a write completes when both have processed it. The
    // writes of the last poll interval (about 2,500 × 0.25 s) are still in flight at the end.
    const { completed, inFlight } = one.totals;
    expect(completed + inFlight).toBe(10_000);
    expect(inFlight).toBeLessThanOrEqual(700);
    expect(m.recordsOut).toBeGreaterThanOrEqual(2 * completed);
    expect(m.recordsOut).toBeLessThanOrEqual(2 * completed + inFlight);
    conserved(one);
    const two = run(streamed({ rate: 2500, seconds: 4, itemKB: 2 }));
    expect(metrics(two, 'orders').streamShards).toBe(5);
    expect(metrics(two, 'orders').wru).toBe(20_000);
    conserved(two);
  });

  it('a failing batch is retried, then its records are given up (dropped without a destination)', () => {
    // Every batch fails; maximumRetryAttempts 1: each batch runs twice, then is discarded.
    const r = run(
      streamed({ rate: 10, seconds: 100, reader: { errorRate: 1 }, edge: { maximumRetryAttempts: 1 } }),
    );
    const m = metrics(r, 'orders');
    expect(m.recordsOut).toBe(0);
    expect(m.failedBatches).toBe(m.batches);
    expect(m.retries).toBeGreaterThan(0);
    expect(m.discarded + r.totals.inFlight).toBe(1000);
    expect(r.totals.dropped).toBe(m.discarded);
    conserved(r);
  });

  it('a stream nobody reads: each write completes at once', () => {
    const doc = streamed({ rate: 10, seconds: 100 });
    doc.nodes = doc.nodes.filter((n) => n.kind !== 'function');
    doc.edges = doc.edges.filter((e) => e.source !== 'orders');
    const r = run(doc);
    expect(metrics(r, 'orders').writes).toBe(1000);
    expect(r.totals.completed).toBe(1000);
    expect(r.totals.latencyMs.max).toBe(0);
    conserved(r);
  });
});
