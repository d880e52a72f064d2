import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/engine/kernel/rng';
import { producerCatalog } from '../../../src/engine/kinds/producer/catalog';
import { createProducer } from '../../../src/engine/kinds/producer/create';
import {
  producerParams,
  trafficSchema,
  type ProducerParams,
  type Traffic,
} from '../../../src/engine/kinds/producer/schema';
import { ArrivalProcess, expectedArrivals, rateAt } from '../../../src/engine/kinds/producer/traffic';
import { SimContext, type RunSettings } from '../../../src/engine/sim/context';
import { EdgeRuntime } from '../../../src/engine/sim/edges';
import type { NodeSpec } from '../../../src/engine/kinds/types';
import { COMPLETED } from '../../../src/engine/sim/requests';
import { Sink } from './sink';

const traffic = (t: Partial<Traffic>): Traffic => trafficSchema.parse(t);

/** All arrivals (ms) in [0, untilSeconds). */
function arrivals(t: Traffic, untilSeconds: number, seed = 1): number[] {
  const proc = new ArrivalProcess(t, new Rng(seed, 7));
  const out: number[] = [];
  const end = untilSeconds * 1000;
  for (let a = proc.first(0); a < end; a = proc.next(a)) out.push(a);
  return out;
}

function countIn(times: number[], fromSeconds: number, toSeconds: number): number {
  let n = 0;
  for (const a of times) if (a >= fromSeconds * 1000 && a < toSeconds * 1000) n++;
  return n;
}

/** A count of a (non-homogeneous) Poisson process has variance equal to its mean. */
function expectPoissonCount(n: number, mean: number, sds = 4): void {
  expect(Math.abs(n - mean)).toBeLessThanOrEqual(sds * Math.sqrt(mean) + 1);
}

/** The integral by the midpoint rule over rateAt: an independent check of expectedArrivals. */
function integrate(t: Traffic, a: number, b: number, steps = 200_000): number {
  const h = (b - a) / steps;
  let sum = 0;
  for (let i = 0; i < steps; i++) sum += rateAt(t, a + (i + 0.5) * h);
  return sum * h;
}

const SHAPES: Record<string, { traffic: Traffic; seconds: number }> = {
  poisson: { traffic: traffic({ shape: 'poisson', ratePerSecond: 100 }), seconds: 1000 },
  diurnal: {
    traffic: traffic({ shape: 'diurnal', ratePerSecond: 10, peakRatePerSecond: 200, periodSeconds: 600 }),
    seconds: 3300,
  },
  spike: {
    traffic: traffic({
      shape: 'spike',
      ratePerSecond: 5,
      peakRatePerSecond: 500,
      atSeconds: 100,
      lengthSeconds: 50,
    }),
    seconds: 400,
  },
  ramp: {
    traffic: traffic({
      shape: 'ramp',
      ratePerSecond: 10,
      peakRatePerSecond: 200,
      atSeconds: 100,
      lengthSeconds: 300,
    }),
    seconds: 600,
  },
  trace: {
    traffic: traffic({
      shape: 'trace',
      points: [
        [20, 0],
        [100, 50],
        [100, 10],
        [300, 300],
        [400, 0],
        [450, 40],
      ],
    }),
    seconds: 500,
  },
};

describe('traffic rate function', () => {
  it('diurnal has its trough at 0 and its peak at half the period', () => {
    const t = SHAPES.diurnal.traffic;
    expect(rateAt(t, 0)).toBeCloseTo(10, 9);
    expect(rateAt(t, 300)).toBeCloseTo(200, 9);
    expect(rateAt(t, 600)).toBeCloseTo(10, 9);
    expect(rateAt(t, 150)).toBeCloseTo(105, 9);
  });

  it('spike is the peak on [at, at + length) and the baseline elsewhere', () => {
    const t = SHAPES.spike.traffic;
    expect([rateAt(t, 99.999), rateAt(t, 100), rateAt(t, 149.999), rateAt(t, 150)]).toEqual([5, 500, 500, 5]);
  });

  it('ramp holds, rises linearly, then holds the peak', () => {
    const t = SHAPES.ramp.traffic;
    expect(rateAt(t, 0)).toBe(10);
    expect(rateAt(t, 100)).toBe(10);
    expect(rateAt(t, 250)).toBeCloseTo(105, 9);
    expect(rateAt(t, 400)).toBe(200);
    expect(rateAt(t, 10_000)).toBe(200);
  });

  it('trace interpolates, steps at repeated times and is flat past both ends', () => {
    const t = SHAPES.trace.traffic;
    expect(rateAt(t, 0)).toBe(0);
    expect(rateAt(t, 60)).toBeCloseTo(25, 9);
    expect(rateAt(t, 100)).toBe(10);
    expect(rateAt(t, 200)).toBeCloseTo(155, 9);
    expect(rateAt(t, 1000)).toBe(40);
  });

  it.each(Object.keys(SHAPES))('expectedArrivals for %s is the integral of rateAt', (name) => {
    const { traffic: t, seconds } = SHAPES[name];
    for (const [a, b] of [
      [0, seconds],
      [37.5, 123.25],
      [seconds / 3, seconds],
    ]) {
      // The midpoint rule blurs each step of the rate over one of its cells: relative 1e-4.
      const numeric = integrate(t, a, b);
      expect(Math.abs(expectedArrivals(t, a, b) - numeric)).toBeLessThan(1e-4 * Math.max(1, numeric));
    }
    expect(expectedArrivals(t, 50, 50)).toBe(0);
  });

  it('expectedArrivals of a diurnal over whole periods is the mean rate times the time', () => {
    expect(expectedArrivals(SHAPES.diurnal.traffic, 0, 3000)).toBeCloseTo(105 * 3000, 6);
  });
});

describe('arrival process', () => {
  it.each(Object.keys(SHAPES))(
    '%s: the arrival count matches expectedArrivals, overall and per window',
    (name) => {
      const { traffic: t, seconds } = SHAPES[name];
      const times = arrivals(t, seconds);
      expectPoissonCount(times.length, expectedArrivals(t, 0, seconds));
      const bins = 20;
      const w = seconds / bins;
      for (let i = 0; i < bins; i++) {
        // 4.5 sd per bin over 100 bins: a correct generator fails this with probability < 1e-3.
        expectPoissonCount(countIn(times, i * w, (i + 1) * w), expectedArrivals(t, i * w, (i + 1) * w), 4.5);
      }
      expect(times.every((a, i) => i === 0 || a >= times[i - 1])).toBe(true);
    },
  );

  it('constant traffic is evenly spaced, exactly, each arrival in the middle of its interval', () => {
    const times = arrivals(traffic({ shape: 'constant', ratePerSecond: 10 }), 60);
    expect(times.length).toBe(600);
    expect(times.every((a, k) => a === (k + 0.5) * 100)).toBe(true);
    const thirds = arrivals(traffic({ shape: 'constant', ratePerSecond: 3 }), 60);
    expect(thirds.length).toBe(180);
    expect(thirds.every((a, k) => a === (k + 0.5) * (1000 / 3))).toBe(true);
    // A window holds the nearest whole number of arrivals: 1 req/s over 1.5 s is one request.
    expect(arrivals(traffic({ shape: 'constant', ratePerSecond: 1 }), 1.5)).toEqual([500]);
  });

  it('constant traffic started late falls on the same grid', () => {
    const proc = new ArrivalProcess(traffic({ shape: 'constant', ratePerSecond: 4 }), new Rng(1));
    expect(proc.first(1000)).toBe(1125);
    expect(proc.first(1125)).toBe(1125);
    expect(proc.first(1126)).toBe(1375);
    expect(proc.next(1375)).toBe(1625);
    expect(proc.next(1400)).toBe(1625);
  });

  it('poisson gaps have mean 1/rate and a coefficient of variation of 1', () => {
    const times = arrivals(traffic({ shape: 'poisson', ratePerSecond: 50 }), 4000, 3);
    const gaps = times.slice(1).map((a, i) => a - times[i]);
    const mean = gaps.reduce((s, g) => s + g, 0) / gaps.length;
    const sd = Math.sqrt(gaps.reduce((s, g) => s + (g - mean) ** 2, 0) / (gaps.length - 1));
    expect(gaps.length).toBeGreaterThan(190_000);
    expect(mean).toBeGreaterThan(20 * 0.99);
    expect(mean).toBeLessThan(20 * 1.01);
    expect(sd / mean).toBeGreaterThan(0.98);
    expect(sd / mean).toBeLessThan(1.02);
  });

  it('a spike raises the rate only inside its window', () => {
    const t = traffic({
      shape: 'spike',
      ratePerSecond: 20,
      peakRatePerSecond: 400,
      atSeconds: 300,
      lengthSeconds: 60,
    });
    const times = arrivals(t, 900, 5);
    const inside = countIn(times, 300, 360) / 60;
    const outside = (countIn(times, 0, 300) + countIn(times, 360, 900)) / 840;
    expect(inside).toBeGreaterThan(400 * 0.95);
    expect(inside).toBeLessThan(400 * 1.05);
    expect(outside).toBeGreaterThan(20 * 0.95);
    expect(outside).toBeLessThan(20 * 1.05);
  });

  it('the same seed gives the same arrivals; another seed gives others', () => {
    for (const { traffic: t } of Object.values(SHAPES)) {
      const a = arrivals(t, 200, 11);
      expect(arrivals(t, 200, 11)).toEqual(a);
      expect(arrivals(t, 200, 12)).not.toEqual(a);
    }
  });

  it('a zero rate everywhere gives no arrivals', () => {
    const zeros: Partial<Traffic>[] = [
      { shape: 'constant', ratePerSecond: 0 },
      { shape: 'poisson', ratePerSecond: 0 },
      { shape: 'diurnal', ratePerSecond: 0, peakRatePerSecond: 0 },
      { shape: 'spike', ratePerSecond: 0, peakRatePerSecond: 0 },
      { shape: 'ramp', ratePerSecond: 0, peakRatePerSecond: 0 },
      {
        shape: 'trace',
        points: [
          [0, 0],
          [100, 0],
        ],
      },
    ];
    for (const z of zeros) expect(new ArrivalProcess(traffic(z), new Rng(1)).first(0)).toBe(Infinity);
  });

  it('a rate that drops to zero for good ends the arrivals', () => {
    const t = traffic({
      shape: 'trace',
      points: [
        [0, 100],
        [10, 100],
        [10, 0],
      ],
    });
    const proc = new ArrivalProcess(t, new Rng(2));
    let last = 0;
    let n = 0;
    for (let a = proc.first(0); a < Infinity; a = proc.next(a)) {
      last = a;
      n++;
    }
    expect(last).toBeLessThan(10_000);
    expectPoissonCount(n, 1000);
  });
});

function context(over: Partial<RunSettings> = {}, series = false): SimContext {
  const settings: RunSettings = {
    durationSeconds: 600,
    warmupSeconds: 0,
    seed: 1,
    region: 'us-east-1',
    includeFreeTier: false,
    lambdaBillingGranularityMs: 1,
    accountConcurrency: 1000,
    startTime: '2025-01-01T00:00:00Z',
    ...over,
  };
  return new SimContext(settings, { series, traceSampleRate: 0, maxTraces: 0 });
}

/** Builds a producer wired to one sink and runs it to the end of the run. */
function runProducer(params: unknown, over: Partial<RunSettings> = {}, series = false) {
  const ctx = context(over, series);
  const spec: NodeSpec<ProducerParams> = {
    id: 'clients',
    kind: 'producer',
    label: 'clients',
    params: producerParams.parse(params),
  };
  const producer = createProducer(ctx, spec, 0);
  const sink = new Sink(ctx, 1);
  ctx.nodes.push(producer, sink);
  producer.out = [
    new EdgeRuntime(
      0,
      { id: 'e', source: 'clients', target: 'sink', role: 'invoke', params: {} },
      producer,
      sink,
      'send',
      (n) => ctx.typeIndex(n),
    ),
  ];
  producer.start(0);
  const q = ctx.queue;
  while (q.peekTime() <= ctx.durationMs && q.pop())
    ctx.nodes[q.poppedHandler >> 4].onEvent(q.poppedHandler & 15, q.poppedArg);
  producer.finish(ctx.durationMs);
  return { ctx, producer, sink };
}

describe('producer node', () => {
  it('opens one request per arrival, hands it on and completes it', () => {
    const { ctx, producer, sink } = runProducer({ traffic: { shape: 'constant', ratePerSecond: 10 } });
    expect(sink.times.length).toBe(6000);
    expect(ctx.requests.entered).toBe(6000);
    expect(ctx.requests.ended[COMPLETED]).toBe(6000);
    expect(ctx.requests.inFlight).toBe(0);
    expect(producer.metrics()).toEqual({ requests: 6000, meanRatePerSecond: 10 });
  });

  it('event types follow their weights; a zero weight is never drawn', () => {
    const { ctx, sink } = runProducer({
      traffic: { shape: 'poisson', ratePerSecond: 100 },
      eventTypes: [
        { name: 'A', weight: 1 },
        { name: 'B', weight: 3 },
        { name: 'Never', weight: 0 },
        { name: 'C', weight: 6 },
      ],
    });
    const n = sink.types.length;
    const counts = ['A', 'B', 'Never', 'C'].map(
      (name) => sink.types.filter((x) => x === ctx.typeIndex(name)).length,
    );
    expect(counts[2]).toBe(0);
    const expected = [0.1, 0.3, 0.6].map((w) => w * n);
    const chi2 = [counts[0], counts[1], counts[3]].reduce(
      (s, c, i) => s + (c - expected[i]) ** 2 / expected[i],
      0,
    );
    // Two degrees of freedom: P(chi2 > 20) is 4.5e-5.
    expect(chi2).toBeLessThan(20);
  });

  it('spreads FIFO message groups over [0, messageGroups)', () => {
    const { sink } = runProducer({ traffic: { shape: 'constant', ratePerSecond: 20 }, messageGroups: 4 });
    const counts = [0, 1, 2, 3].map((g) => sink.groups.filter((x) => x === g).length);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(12000);
    for (const c of counts) expectPoissonCount(c, 3000, 5);
  });

  it('counts only the measured window and records the rate series', () => {
    const { ctx, producer } = runProducer(
      { traffic: { shape: 'constant', ratePerSecond: 5 } },
      { warmupSeconds: 100 },
      true,
    );
    expect(producer.metrics()).toEqual({ requests: 2500, meanRatePerSecond: 5 });
    const s = ctx.series!;
    const series = s.toRecord()['clients.requests'];
    const warm = Math.round(100 / s.bucketSeconds);
    expect(series.slice(0, warm).every((x) => x === 0)).toBe(true);
    const measured = series.slice(warm);
    expect(measured.reduce((a, b) => a + b, 0) * s.bucketSeconds).toBeCloseTo(2500, 6);
  });

  it('keeps its arrival times when the event-type mix changes', () => {
    const one = runProducer({ traffic: { shape: 'poisson', ratePerSecond: 20 } }).sink.times;
    const mixed = runProducer({
      traffic: { shape: 'poisson', ratePerSecond: 20 },
      eventTypes: [{ name: 'A' }, { name: 'B' }],
      messageGroups: 8,
    }).sink.times;
    expect(mixed).toEqual(one);
  });

  it('summarises its traffic for the canvas', () => {
    expect(producerCatalog.summary(producerParams.parse({}))).toBe('poisson · 10 req/s · 1 KB');
    expect(producerCatalog.summary(producerParams.parse({ traffic: { shape: 'diurnal' } }))).toBe(
      'diurnal · 10–100 req/s · 1 KB',
    );
  });
});
