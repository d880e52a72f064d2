import { describe, expect, it } from 'vitest';
import { conserved, FAST, fnMetrics, metrics, run, scenario } from '../helpers';

/** 5 uploads/s for 200 s (constant: at 0.1, 0.3, … 199.9 s, exactly 1,000), notified after 250 ms. */
function uploads(bucket: Record<string, unknown> = {}, target = true) {
  return scenario(
    [
      { id: 'users', kind: 'producer', params: { traffic: { shape: 'constant', ratePerSecond: 5 } } },
      {
        id: 'uploads',
        kind: 'bucket',
        params: { notificationDelay: { dist: 'constant', meanMs: 250 }, ...bucket },
      },
      { id: 'thumb', kind: 'function', params: FAST },
    ],
    [{ source: 'users', target: 'uploads' }, ...(target ? [{ source: 'uploads', target: 'thumb' }] : [])],
    { durationSeconds: 200 },
  );
}

describe('S3 bucket', () => {
  it("sends one event notification per PUT, which continues the PUT's path", () => {
    const r = run(uploads());
    const m = metrics(r, 'uploads');
    expect(m.puts).toBe(1000);
    // The last PUT (199.9 s) would notify at 200.15 s, after the end: still in flight.
    expect(m.notifications).toBe(999);
    expect(fnMetrics(r, 'thumb').invocations).toBe(999);
    expect(r.totals.requests).toBe(1000);
    expect(r.totals.inFlight).toBe(1);
    expect(r.totals.completed).toBe(999);
    // Every request: 250 ms to the notification + 10 ms in the function.
    expect(r.totals.latencyMs.mean).toBeCloseTo(260, 6);
    expect(r.totals.latencyMs.max).toBeCloseTo(260, 6);
    conserved(r);
  });

  it('without a destination a PUT completes at once', () => {
    const r = run(uploads({}, false));
    expect(metrics(r, 'uploads').puts).toBe(1000);
    expect(metrics(r, 'uploads').notifications).toBe(0);
    expect(r.totals.completed).toBe(1000);
    expect(r.totals.latencyMs.max).toBe(0);
    conserved(r);
  });

  it('notifies after the default delay: about a second, sometimes much more', () => {
    const doc = uploads();
    delete doc.nodes[1].params.notificationDelay;
    const r = run(doc);
    // lognormal, mean 1 s, p99 10 s: the mean of ~1,000 requests lies near 1 s + 10 ms.
    expect(r.totals.latencyMs.mean).toBeGreaterThan(800);
    expect(r.totals.latencyMs.mean).toBeLessThan(1300);
    expect(r.totals.latencyMs.p99).toBeGreaterThan(4000);
    conserved(r);
  });

  it('fans out through SNS: one notification per PUT, one delivery per subscriber', () => {
    const doc = scenario(
      [
        { id: 'users', kind: 'producer', params: { traffic: { shape: 'constant', ratePerSecond: 5 } } },
        { id: 'uploads', kind: 'bucket', params: { notificationDelay: { dist: 'constant', meanMs: 250 } } },
        { id: 'uploaded', kind: 'topic' },
        { id: 'thumb', kind: 'function', params: FAST },
        { id: 'index', kind: 'function', params: FAST },
      ],
      [
        { source: 'users', target: 'uploads' },
        { source: 'uploads', target: 'uploaded' },
        { source: 'uploaded', target: 'thumb' },
        { source: 'uploaded', target: 'index' },
      ],
      { durationSeconds: 200 },
    );
    const r = run(doc);
    expect(metrics(r, 'uploads').notifications).toBe(999);
    expect(metrics(r, 'uploaded').published).toBe(999);
    expect(metrics(r, 'uploaded').delivered).toBe(1998);
    expect(fnMetrics(r, 'thumb').invocations).toBe(999);
    expect(fnMetrics(r, 'index').invocations).toBe(999);
    expect(r.totals.completed).toBe(999);
    conserved(r);
  });

  it('notifies an SQS queue: one message per PUT', () => {
    const doc = scenario(
      [
        { id: 'users', kind: 'producer', params: { traffic: { shape: 'constant', ratePerSecond: 5 } } },
        { id: 'uploads', kind: 'bucket', params: { notificationDelay: { dist: 'constant', meanMs: 250 } } },
        { id: 'inbox', kind: 'queue' },
        { id: 'thumb', kind: 'function', params: FAST },
      ],
      [
        { source: 'users', target: 'uploads' },
        { source: 'uploads', target: 'inbox' },
        { source: 'inbox', target: 'thumb' },
      ],
      { durationSeconds: 200 },
    );
    const r = run(doc);
    expect(metrics(r, 'uploads').notifications).toBe(999);
    expect(metrics(r, 'inbox').sent).toBe(999);
    conserved(r);
  });

  it('refuses a second notification destination', () => {
    const doc = uploads();
    doc.nodes.push({ id: 'other', kind: 'function', label: 'other', position: { x: 0, y: 0 }, params: FAST });
    doc.edges.push({ id: 'e9', source: 'uploads', target: 'other', role: 'invoke', params: {} });
    expect(() => run(doc)).toThrow(/to one place only, so it cannot also notify other/);
  });

  it('bills PUTs, GETs and storage', () => {
    const r = run(uploads({ storedGB: 100, getsPerPut: 2 }));
    const items = Object.fromEntries(r.nodes.uploads.cost.items.map((i) => [i.name, i]));
    // 1,000 PUTs × $0.005 / 1,000 = $0.005.
    expect(items['PUT requests'].quantity).toBe(1000);
    expect(items['PUT requests'].usd).toBeCloseTo(0.005, 12);
    // 2 GETs per PUT: 2,000 × $0.0004 / 1,000 = $0.0008.
    expect(items['GET requests'].quantity).toBe(2000);
    expect(items['GET requests'].usd).toBeCloseTo(0.0008, 12);
    // 100 GB for 200 s = 100 × 200 / 2,592,000 GB-months = 0.0077160… × $0.023 = $0.000177469…
    const gbMonths = (100 * 200) / 2_592_000;
    expect(items['storage (Standard)'].quantity).toBeCloseTo(gbMonths, 12);
    expect(items['storage (Standard)'].usd).toBeCloseTo(gbMonths * 0.023, 12);
    expect(r.nodes.uploads.cost.totalUsd).toBeCloseTo(0.005 + 0.0008 + gbMonths * 0.023, 12);
    conserved(r);
  });
});
