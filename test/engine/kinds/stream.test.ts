import { describe, expect, it } from 'vitest';
import type { Result } from '../../../src/engine/result';
import { NO_COLD_START, fnMetrics, run, scenario } from '../helpers';

/** A stream node's metrics (numbers and the per-shard array). */
function streamMetrics(r: Result, id = 's') {
  return r.nodes[id].metrics as Record<string, number> & { shardIteratorAgeSeconds: number[] };
}

function expectConserved(r: Result) {
  const t = r.totals;
  expect(t.requests).toBe(t.completed + t.failed + t.deadLettered + t.dropped + t.inFlight);
}

const constMs = (meanMs: number) => ({ dist: 'constant', meanMs });

interface StreamOpts {
  traffic: Record<string, unknown>;
  stream?: Record<string, unknown>;
  fn?: Record<string, unknown> | null;
  edge?: Record<string, unknown>;
  onFailure?: boolean;
  payloadKB?: number;
  seconds: number;
}

/** producer → stream s (→ function f by a shard poller) (→ topic dlq as on-failure destination). */
function streamScenario(o: StreamOpts) {
  const nodes: { id: string; kind: string; params?: Record<string, unknown> }[] = [
    { id: 'p', kind: 'producer', params: { traffic: o.traffic, payloadKB: o.payloadKB ?? 1 } },
    { id: 's', kind: 'stream', params: o.stream ?? {} },
  ];
  const edges: { source: string; target: string; role?: string; params?: Record<string, unknown> }[] = [
    { source: 'p', target: 's' },
  ];
  if (o.fn !== null) {
    nodes.push({
      id: 'f',
      kind: 'function',
      params: { coldStart: NO_COLD_START, timeoutMs: 60_000, ...(o.fn ?? {}) },
    });
    edges.push({ source: 's', target: 'f', params: o.edge ?? {} });
  }
  if (o.onFailure) {
    nodes.push({ id: 'dlq', kind: 'topic' });
    edges.push({ source: 's', target: 'dlq', role: 'onFailure' });
  }
  return scenario(nodes, edges, { durationSeconds: o.seconds });
}

/** Least-squares slope of y over x. */
function slope(x: number[], y: number[]): number {
  const n = x.length;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
  }
  return sxy / sxx;
}

describe('Kinesis stream → function: throughput and iterator age', () => {
  it('N shards, batch B, duration D: N·B/D records/s; the iterator age grows at (inflow − throughput)/inflow', () => {
    // 2 shards × 100 records / 0.5 s = 400 records/s against an inflow of 600/s: the backlog
    // grows by 200/s, and the oldest unread record at time t arrived at 400·t/600, so its
    // age is t·(600 − 400)/600 = t/3.
    const N = 2;
    const B = 100;
    const D = 0.5;
    const inflow = 600;
    const T = 600;
    const doc = streamScenario({
      traffic: { shape: 'constant', ratePerSecond: inflow },
      stream: { shards: N },
      fn: { duration: constMs(D * 1000) },
      edge: { batchSize: B },
      seconds: T,
    });
    const r = run(doc, { series: true });
    const s = streamMetrics(r);
    const throughput = (N * B) / D;
    expect(s.recordsIn).toBe(inflow * T);
    expect(s.recordsOut / T).toBeGreaterThan(throughput * 0.99);
    expect(s.recordsOut / T).toBeLessThanOrEqual(throughput);
    expect(s.recordsOut % B).toBe(0); // always full batches while behind
    expect(fnMetrics(r, 'f').maxConcurrency).toBe(N);

    const expectedSlope = (inflow - throughput) / inflow; // 1/3
    expect(s.maxIteratorAgeSeconds).toBeGreaterThan(expectedSlope * T * 0.98);
    expect(s.maxIteratorAgeSeconds).toBeLessThan(expectedSlope * T * 1.02);
    for (const age of s.shardIteratorAgeSeconds) expect(age).toBeGreaterThan(expectedSlope * T * 0.95);

    const series = r.series!;
    const t = series.t as number[];
    const age = series['s.iteratorAgeSeconds'] as number[];
    const from = t.findIndex((x) => x >= 60);
    expect(slope(t.slice(from), age.slice(from))).toBeCloseTo(expectedSlope, 2);
    expect(series['s.shard0.iteratorAgeSeconds']).toBeDefined();
    expect(series['s.shard1.iteratorAgeSeconds']).toBeDefined();
    expect(series['s.shard2.iteratorAgeSeconds']).toBeUndefined();
    expect((series['s.recordsIn'] as number[])[100]).toBeCloseTo(inflow, 6);
    expectConserved(r);
    // Records still in the stream are in flight.
    expect(r.totals.inFlight).toBe(s.recordsIn - s.recordsOut);
    expect(r.totals.completed).toBe(s.recordsOut);
  });

  it('parallelizationFactor PF runs PF batches per shard at once: N·PF·B/D', () => {
    const doc = streamScenario({
      traffic: { shape: 'constant', ratePerSecond: 600 },
      stream: { shards: 1 },
      fn: { duration: constMs(500) },
      edge: { batchSize: 50, parallelizationFactor: 4 },
      seconds: 300,
    });
    const r = run(doc);
    const s = streamMetrics(r);
    const throughput = (1 * 4 * 50) / 0.5; // 400/s
    expect(s.recordsOut / 300).toBeGreaterThan(throughput * 0.98);
    expect(s.recordsOut / 300).toBeLessThanOrEqual(throughput);
    expect(fnMetrics(r, 'f').maxConcurrency).toBe(4);
    expectConserved(r);
  });

  it('below capacity every record is read within about a poll interval plus the duration', () => {
    const doc = streamScenario({
      traffic: { shape: 'poisson', ratePerSecond: 200 },
      stream: { shards: 4 },
      fn: { duration: constMs(100) },
      seconds: 600,
    });
    const r = run(doc);
    const s = streamMetrics(r);
    expect(s.recordsOut).toBeGreaterThan(s.recordsIn - 200);
    expect(s.maxIteratorAgeSeconds).toBeLessThan(1 + 0.1 + 0.5);
    // Each shard is polled once a second: about 50 records a batch, one batch per shard-second.
    expect(s.batches).toBeGreaterThan(4 * 600 * 0.95);
    expect(s.batches).toBeLessThanOrEqual(4 * 600 + 4);
    expectConserved(r);
  });

  it('a batch window collects up to the window before invoking', () => {
    // 10 records/s on one shard, batch 100, window 5 s. The window opens at the poll that
    // finds records (on the shard's 1 s ticks) and the batch goes when it closes: one batch
    // of 60 records every 6 s, the first record of each waiting almost 6 s.
    const doc = streamScenario({
      traffic: { shape: 'constant', ratePerSecond: 10 },
      fn: { duration: constMs(10) },
      edge: { batchWindowSeconds: 5 },
      seconds: 600,
    });
    const s = streamMetrics(run(doc));
    // Windows close at 6, 12, … 600 s: 100 batches, the last still running at the end.
    expect(s.batches).toBe(100);
    expect(s.recordsOut).toBe(60 * 99);
    expect(s.maxIteratorAgeSeconds).toBeCloseTo(5.96, 6);
    // A full batch does not wait for the window.
    const full = streamMetrics(
      run(
        streamScenario({
          traffic: { shape: 'constant', ratePerSecond: 10 },
          fn: { duration: constMs(10) },
          edge: { batchSize: 20, batchWindowSeconds: 60 },
          seconds: 600,
        }),
      ),
    );
    expect(full.recordsOut).toBeGreaterThan(5980);
    expect(full.maxIteratorAgeSeconds).toBeLessThan(2.1);
  });

  it('each record is handed on once after its batch succeeds (emitDownstream)', () => {
    const doc = streamScenario({
      traffic: { shape: 'constant', ratePerSecond: 50 },
      stream: { shards: 2 },
      fn: { duration: constMs(50) },
      seconds: 120,
    });
    doc.nodes.push({ id: 'out', kind: 'topic', label: 'out', position: { x: 0, y: 0 }, params: {} });
    doc.edges.push({ id: 'e9', source: 'f', target: 'out', role: 'invoke', params: {} });
    const r = run(doc, { traceSampleRate: 0.01 });
    const s = streamMetrics(r);
    expect((r.nodes.out.metrics as Record<string, number>).published).toBe(s.recordsOut);
    // A sampled record: waits in the stream until its batch starts, then the function runs it.
    const tr = r.traces.find((x) => x.outcome === 'completed')!;
    const [read, fn] = tr.hops;
    expect(read.node).toBe('s');
    expect(fn.node).toBe('f');
    expect(read.endMs).toBe(fn.startMs);
    expect(fn.endMs - fn.startMs).toBeCloseTo(50, 6);
    expect(read.endMs - read.startMs).toBeLessThanOrEqual(1000);
    expect(r.totals.completed).toBe(s.recordsOut);
    expectConserved(r);
  });
});

/**
 * Poison records: the function's errorRate marks each record, once, as poison; a batch fails
 * iff it holds one. 400 records/s for 300 s over 4 shards, and errorRate 1/120,000: the first
 * seed with exactly one poison record is found with short runs (all records arrive in 300 s).
 */
const POISON_TRAFFIC = {
  shape: 'trace',
  points: [
    [0, 400],
    [300, 400],
    [300, 0],
  ],
};
const poisonDoc = (seconds: number, edge: Record<string, unknown> = {}, onFailure = false) =>
  streamScenario({
    traffic: POISON_TRAFFIC,
    stream: { shards: 4 },
    fn: { duration: constMs(100), errorRate: 1 / 120_000 },
    edge: { batchSize: 100, ...edge },
    onFailure,
    seconds,
  });

let poisonSeedCache = 0;
function poisonSeed(): number {
  if (poisonSeedCache) return poisonSeedCache;
  for (let seed = 1; seed < 100; seed++) {
    if (streamMetrics(run(poisonDoc(300), { seed })).poisonRecords === 1) return (poisonSeedCache = seed);
  }
  throw new Error('no seed below 100 gives exactly one poison record');
}

describe('Kinesis stream: a poison record', () => {
  it('blocks its shard while the others flow', () => {
    const seed = poisonSeed();
    const r = run(poisonDoc(600), { seed });
    const s = streamMetrics(r);
    expect(s.poisonRecords).toBe(1);
    const ages = s.shardIteratorAgeSeconds;
    const blocked = ages.indexOf(Math.max(...ages));
    // The blocked shard's oldest record waits since the poison arrived (before 300 s).
    expect(ages[blocked]).toBeGreaterThan(300);
    ages.forEach((a, i) => i !== blocked && expect(a).toBeLessThan(2.5));
    // The three other shards processed all their records; the blocked one nothing after the poison.
    expect(s.recordsOut).toBeGreaterThan(s.recordsIn * 0.7);
    expect(s.recordsOut).toBeLessThan(s.recordsIn);
    // Every failure but the first is a retry; the last retry may still be running at the end.
    expect(s.failedBatches - s.retries).toBeGreaterThanOrEqual(0);
    expect(s.failedBatches - s.retries).toBeLessThanOrEqual(1);
    expect(fnMetrics(r, 'f').errors).toBe(s.failedBatches);
    expectConserved(r);
  });

  it('holds its shard until it expires: the iterator age reaches the retention (24 h)', () => {
    const seed = poisonSeed();
    const T = 86_400 + 1800;
    const r = run(poisonDoc(T), { seed, series: true });
    const s = streamMetrics(r);
    expect(s.poisonRecords).toBe(1);
    const ages = s.shardIteratorAgeSeconds;
    const blocked = ages.indexOf(Math.max(...ages));
    expect(ages[blocked]).toBeCloseTo(86_400, 6);
    expect(s.maxIteratorAgeSeconds).toBeCloseTo(86_400, 6);
    ages.forEach((a, i) => i !== blocked && expect(a).toBeLessThan(2.5));
    // Retried every poll (1 s) after each 100 ms failure, for 24 h: 86,400 / 1.1 ≈ 78,545 retries.
    expect(s.retries).toBeGreaterThan((86_400 - 300) / 1.1);
    expect(s.retries).toBeLessThan(86_400 / 1.1 + 2);
    // Expired: the poison, the records before it in its batch, and those that arrived within
    // one retry cycle (1.1 s, about 100 records/s on the shard) after it: the retry that
    // finds the poison gone finds them gone too. Everything else was processed.
    expect(s.expired).toBeGreaterThanOrEqual(1);
    expect(s.expired).toBeLessThanOrEqual(100 + 1.1 * 100 * 1.5);
    expect(s.recordsOut + s.expired).toBe(s.recordsIn);
    expect(s.deadLettered).toBe(0);
    expect(r.totals.dropped).toBe(s.expired);
    expect(r.totals.completed).toBe(s.recordsOut);
    expect(r.totals.inFlight).toBe(0);
    // The series shows the climb to 24 h and the drop once the shard is free again.
    const series = r.series!;
    const age = series[`s.shard${blocked}.iteratorAgeSeconds`] as number[];
    const t = series.t as number[];
    const at = (sec: number) => age[t.findIndex((x) => x >= sec)];
    expect(at(43_200)).toBeGreaterThan(43_200 - 300);
    expect(at(43_200)).toBeLessThan(43_200 + 120);
    expect(age[age.length - 1]).toBeLessThan(60);
    expectConserved(r);
  }, 60_000);

  it('bisectBatchOnError isolates it: the on-failure destination receives exactly that record', () => {
    const seed = poisonSeed();
    const r = run(poisonDoc(600, { bisectBatchOnError: true, maximumRetryAttempts: 2 }, true), { seed });
    const s = streamMetrics(r);
    expect(s.poisonRecords).toBe(1);
    expect(s.deadLettered).toBe(1);
    expect(s.onFailureMessages).toBe(1);
    expect((r.nodes.dlq.metrics as Record<string, number>).published).toBe(1);
    expect(r.totals.deadLettered).toBe(1);
    expect(s.recordsOut).toBe(s.recordsIn - 1);
    expect(s.expired).toBe(0);
    // Halving a batch of at most 100 down to the single record takes at most 7 splits; then
    // the record alone fails once and twice more on its 2 retries.
    expect(s.bisects).toBeGreaterThanOrEqual(4);
    expect(s.bisects).toBeLessThanOrEqual(7);
    expect(s.retries).toBe(2);
    expect(s.failedBatches).toBe(s.bisects + 3);
    // The shard was held only for the splits and retries, about a second each.
    expect(s.maxIteratorAgeSeconds).toBeLessThan(15);
    expect(r.totals.completed).toBe(r.totals.requests - 1);
    expectConserved(r);
  });

  it('maximumRetryAttempts without bisect gives up the whole batch', () => {
    const seed = poisonSeed();
    const r = run(poisonDoc(600, { maximumRetryAttempts: 3 }, true), { seed });
    const s = streamMetrics(r);
    expect(s.retries).toBe(3);
    expect(s.failedBatches).toBe(4);
    expect(s.onFailureMessages).toBe(1);
    expect(s.deadLettered).toBeGreaterThanOrEqual(1);
    expect(s.deadLettered).toBeLessThanOrEqual(100);
    expect(r.totals.deadLettered).toBe(s.deadLettered);
    expect(s.recordsOut).toBe(s.recordsIn - s.deadLettered);
    // Without a destination the batch is dropped instead.
    const r2 = run(poisonDoc(600, { maximumRetryAttempts: 3 }), { seed });
    const s2 = streamMetrics(r2);
    expect(s2.discarded).toBe(s.deadLettered);
    expect(r2.totals.dropped).toBe(s.deadLettered);
    expectConserved(r);
    expectConserved(r2);
  });

  it('maximumRecordAgeSeconds gives the batch up once its oldest record is older', () => {
    const seed = poisonSeed();
    const r = run(poisonDoc(600, { maximumRecordAgeSeconds: 60 }, true), { seed });
    const s = streamMetrics(r);
    expect(s.onFailureMessages).toBe(1);
    expect(s.deadLettered).toBeGreaterThanOrEqual(1);
    expect(s.deadLettered).toBeLessThanOrEqual(100);
    expect(s.maxIteratorAgeSeconds).toBeGreaterThan(60);
    expect(s.maxIteratorAgeSeconds).toBeLessThan(60 + 1.2);
    expect(s.recordsOut).toBe(s.recordsIn - s.deadLettered);
    expectConserved(r);
  });
});

describe('Kinesis stream: writes', () => {
  it('throttles a shard at 1,000 records/s: a hot key on one shard', () => {
    // 2,000 records/s, all with one key: the shard's bucket (1,000 at the start) refills at
    // 1,000/s, so 1,000 + 1,000 × 60 records get in; the writer retries the others 3 times.
    const doc = streamScenario({
      traffic: { shape: 'constant', ratePerSecond: 2000 },
      stream: { shards: 4, hotKeyFraction: 1 },
      fn: null,
      seconds: 60,
    });
    const r = run(doc);
    const s = streamMetrics(r);
    expect(s.recordsIn).toBeGreaterThanOrEqual(61_000 - 2);
    expect(s.recordsIn).toBeLessThanOrEqual(61_000);
    // Records still waiting for a retry at the end are in flight: at most 0.7 s of arrivals.
    const retrying = r.totals.inFlight - s.recordsIn;
    expect(retrying).toBeGreaterThan(0);
    expect(retrying).toBeLessThanOrEqual(2000 * 0.7);
    expect(s.writesDropped).toBe(120_000 - s.recordsIn - retrying);
    expect(s.writeThrottles).toBeGreaterThanOrEqual(4 * s.writesDropped);
    expect(r.totals.dropped).toBe(s.writesDropped);
    expectConserved(r);
  });

  it('a hot key throttles shard 0 while the other shards take their share', () => {
    // 3,000/s over 4 shards, half on the hot key: shard 0 is offered 1,500 + 375 = 1,875/s and
    // takes 1,000/s; shards 1–3 take their 375/s each. In: 1,000 + 120 × (1,000 + 3 × 375).
    const doc = streamScenario({
      traffic: { shape: 'constant', ratePerSecond: 3000 },
      stream: { shards: 4, hotKeyFraction: 0.5 },
      fn: { duration: constMs(100) },
      edge: { batchSize: 1000 },
      seconds: 120,
    });
    const r = run(doc);
    const s = streamMetrics(r);
    const expectedIn = 1000 + 120 * (1000 + 3 * 375);
    expect(s.recordsIn).toBeGreaterThan(expectedIn * 0.99);
    expect(s.recordsIn).toBeLessThan(expectedIn * 1.01);
    const expectedDropped = 120 * 875 - 1000;
    expect(s.writesDropped).toBeGreaterThan(expectedDropped * 0.98);
    expect(s.writesDropped).toBeLessThan(expectedDropped * 1.02);
    expectConserved(r);
  });

  it('throttles a shard at 1 MB/s', () => {
    // 800 records/s of 2 KB = 1,600 KB/s offered: 1,024 KB/s gets in, 512 records/s.
    const doc = streamScenario({
      traffic: { shape: 'constant', ratePerSecond: 800 },
      payloadKB: 2,
      fn: null,
      seconds: 60,
    });
    const s = streamMetrics(run(doc));
    expect(s.recordsIn).toBeGreaterThanOrEqual(512 + 512 * 60 - 2);
    expect(s.recordsIn).toBeLessThanOrEqual(512 + 512 * 60);
  });

  it('on-demand mode limits only the hot key', () => {
    const doc = streamScenario({
      traffic: { shape: 'constant', ratePerSecond: 3000 },
      stream: { mode: 'onDemand', shards: 4 },
      fn: null,
      seconds: 30,
    });
    const s = streamMetrics(run(doc));
    expect(s.recordsIn).toBe(90_000);
    expect(s.writeThrottles).toBe(0);
  });
});

describe('Kinesis stream: retention and bills', () => {
  it('with no consumer, records expire after the retention (24 h); bill: shard-hours and 25 KB PUT units', () => {
    // One record every 100 s, at 50, 150, 250 … s, for 48 h: 1,728 records; those that arrived
    // at or before 24 h (864 of them) expire before the end.
    const doc = streamScenario({
      traffic: { shape: 'constant', ratePerSecond: 0.01 },
      stream: { shards: 2 },
      payloadKB: 30,
      fn: null,
      seconds: 48 * 3600,
    });
    const r = run(doc);
    const s = streamMetrics(r);
    expect(s.recordsIn).toBe(1728);
    expect(s.expired).toBe(864);
    expect(r.totals.dropped).toBe(864);
    expect(r.totals.inFlight).toBe(864);
    expectConserved(r);
    const items = r.nodes.s.cost.items;
    const shardHours = items.find((i) => i.name === 'shard-hours')!;
    const putUnits = items.find((i) => i.name.startsWith('PUT payload units'))!;
    expect(shardHours.quantity).toBeCloseTo(2 * 48, 9);
    expect(shardHours.usd).toBeCloseTo(96 * 0.015, 9); // 1.44
    expect(putUnits.quantity).toBe(1728 * 2); // 30 KB = 2 units of 25 KB
    expect(putUnits.usd).toBeCloseTo((3456 * 0.014) / 1e6, 12);
    expect(items.find((i) => i.name.startsWith('extended retention'))).toBeUndefined();
    expect(r.nodes.s.cost.totalUsd).toBeCloseTo(1.44 + (3456 * 0.014) / 1e6, 9);
  });

  it('retention of 48 h keeps them, and adds extended-retention shard-hours', () => {
    const doc = streamScenario({
      traffic: { shape: 'constant', ratePerSecond: 0.01 },
      stream: { shards: 2, retentionHours: 48 },
      fn: null,
      seconds: 48 * 3600,
    });
    const r = run(doc);
    const s = streamMetrics(r);
    expect(s.expired).toBe(0);
    expect(r.totals.inFlight).toBe(1728);
    const ext = r.nodes.s.cost.items.find((i) => i.name.startsWith('extended retention'))!;
    expect(ext.quantity).toBeCloseTo(96, 9);
    expect(ext.usd).toBeCloseTo(96 * 0.02, 9);
    expect(r.nodes.s.cost.totalUsd).toBeCloseTo(96 * 0.015 + 96 * 0.02 + (1728 * 0.014) / 1e6, 9);
  });

  it('on-demand bills stream-hours; data in (1 KB minimum per record) and out at unconfirmed prices', () => {
    const doc = streamScenario({
      traffic: { shape: 'constant', ratePerSecond: 100 },
      stream: { mode: 'onDemand', shards: 2 },
      payloadKB: 0.5,
      fn: { duration: constMs(10) },
      seconds: 3600,
    });
    const r = run(doc);
    const s = streamMetrics(r);
    const items = r.nodes.s.cost.items;
    expect(items.find((i) => i.name === 'on-demand stream-hours')!.usd).toBeCloseTo(0.04, 9);
    const gbIn = items.find((i) => i.name.startsWith('on-demand data in'))!;
    expect(gbIn.quantity).toBeCloseTo(360_000 / (1024 * 1024), 12); // each 0.5 KB record counts 1 KB
    expect(gbIn.usd).toBe(0);
    expect(gbIn.name).toMatch(/not confirmed/);
    const gbOut = items.find((i) => i.name.startsWith('on-demand data out'))!;
    // Read: every batch invoked (the last ones may still be running at the end).
    expect(gbOut.quantity).toBeGreaterThanOrEqual((s.recordsOut * 0.5) / (1024 * 1024));
    expect(gbOut.quantity).toBeLessThanOrEqual((s.recordsIn * 0.5) / (1024 * 1024));
    expect(gbOut.usd).toBe(0);
    expect(r.nodes.s.cost.totalUsd).toBeCloseTo(0.04, 9);
  });

  it('a record before its batch expires in a blocked shard; every path ends once', () => {
    // errorRate 1: every record is poison, so the one shard stays blocked: each batch is
    // retried until its records expire one after another. One record every 100 s for 26 h.
    const doc = streamScenario({
      traffic: { shape: 'constant', ratePerSecond: 0.01 },
      fn: { duration: constMs(100), errorRate: 1 },
      seconds: 26 * 3600,
    });
    const r = run(doc);
    const s = streamMetrics(r);
    // 936 records; those that arrived by 2 h (72) expired; the rest wait behind them.
    expect(s.recordsIn).toBe(936);
    expect(s.expired).toBe(72);
    expect(s.recordsOut).toBe(0);
    expect(s.maxIteratorAgeSeconds).toBeCloseTo(86_400, 6);
    expect(r.totals.dropped).toBe(72);
    expect(r.totals.inFlight).toBe(936 - 72);
    expectConserved(r);
  });
});

describe('Kinesis stream: many shards', () => {
  it('per-shard series for the first 16 shards only; the array metric has one entry per shard', () => {
    const doc = streamScenario({
      traffic: { shape: 'poisson', ratePerSecond: 200 },
      stream: { shards: 20 },
      fn: { duration: constMs(50) },
      seconds: 60,
    });
    const r = run(doc, { series: true });
    const s = streamMetrics(r);
    expect(s.shardIteratorAgeSeconds).toHaveLength(20);
    expect(r.series!['s.shard15.iteratorAgeSeconds']).toBeDefined();
    expect(r.series!['s.shard16.iteratorAgeSeconds']).toBeUndefined();
    expect(fnMetrics(r, 'f').maxConcurrency).toBeLessThanOrEqual(20);
    expectConserved(r);
  });
});
