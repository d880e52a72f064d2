import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/engine/simulate';
import { replayData } from '../../src/app/classroom/replay-data';
import { nearestRank, outcomeClassOf, serviceMapAt } from '../../src/app/servicemap/map-at';
import { classroomRunOptions } from '../../src/app/classroom/run-options';

const NO_COLD = { dist: 'constant', meanMs: 0 };

/**
 * 10 requests a second, evenly spaced, through an HTTP API (10 ms of its own) to a function
 * that takes exactly 100 ms (no cold start), for 30 s; every request traced.
 */
function doc(errorRate = 0) {
  return {
    format: 'serverless-sim.scenario',
    version: 1,
    name: 'map at t',
    settings: { durationSeconds: 30, seed: 3 },
    nodes: [
      {
        id: 'clients',
        kind: 'producer',
        label: 'Clients',
        position: { x: 0, y: 0 },
        params: { traffic: { shape: 'constant', ratePerSecond: 10 } },
      },
      { id: 'api', kind: 'apiGateway', label: 'API', position: { x: 260, y: 0 }, params: { flavor: 'http' } },
      {
        id: 'fn',
        kind: 'function',
        label: 'Handler',
        position: { x: 520, y: 0 },
        params: { duration: { dist: 'constant', meanMs: 100 }, coldStart: NO_COLD, errorRate },
      },
    ],
    edges: [
      { id: 'e1', source: 'clients', target: 'api' },
      { id: 'e2', source: 'api', target: 'fn' },
    ],
  };
}

function mapAt(d: ReturnType<typeof doc>, t: number, windowMs?: number) {
  const result = simulate(d, { traceSampleRate: 1, maxTraces: 2000, record: true });
  return serviceMapAt(replayData(result, d), d, t, windowMs);
}

describe('the service map at time t (classroom)', () => {
  it('rates over the last 10 s, latency of the hops that ended in them, by hand', () => {
    const d = doc();
    const map = mapAt(d, 12_000);
    const node = (id: string) => map.nodes.find((n) => n.id === id)!;
    expect(map.measuredSeconds).toBe(10);
    // Evenly spaced at 10/s: 100 requests start in (2 s, 12 s].
    expect(node('api').count).toBe(100);
    expect(node('api').ratePerSecond).toBe(10);
    expect(node('fn').ratePerSecond).toBe(10);
    // The function takes exactly 100 ms; the API answers 10 ms after it (its overhead): 110 ms.
    expect(node('fn').meanMs).toBeCloseTo(100, 9);
    expect(node('fn').p95Ms).toBeCloseTo(100, 9);
    expect(node('api').meanMs).toBeCloseTo(110, 9);
    expect(node('api').p95Ms).toBeCloseTo(110, 9);
    // All OK: 100 ended in the window at the function.
    expect(node('fn').outcomes).toEqual({ ok: 100, error: 0, throttle: 0, fault: 0 });
    // The connection carried each of those calls.
    expect(map.edges.find((e) => e.id === 'e2')!.ratePerSecond).toBe(10);
    expect(map.edges.find((e) => e.id === 'e1')!.ratePerSecond).toBe(10);
    // The clients sent what left along their connection.
    expect(node('clients').ratePerSecond).toBe(10);
    expect(node('clients').outcomes.ok).toBe(100);
    // Positions from the diagram.
    expect(node('fn').x).toBe(520);
  });

  it('at the very start the window is what has elapsed; at 0 nothing has happened', () => {
    const d = doc();
    const at4 = mapAt(d, 4_000);
    expect(at4.measuredSeconds).toBe(4);
    expect(at4.nodes.find((n) => n.id === 'api')!.ratePerSecond).toBe(10);
    const at0 = mapAt(d, 0);
    expect(at0.nodes.every((n) => n.ratePerSecond === 0 && n.meanMs === null)).toBe(true);
    expect(at0.edges.every((e) => e.ratePerSecond === 0)).toBe(true);
  });

  it('a function that always throws: its ring is all Error, the API’s all Fault (502)', () => {
    const map = mapAt(doc(1), 20_000);
    const fn = map.nodes.find((n) => n.id === 'fn')!;
    const api = map.nodes.find((n) => n.id === 'api')!;
    expect(fn.outcomes).toEqual({ ok: 0, error: 100, throttle: 0, fault: 0 });
    expect(api.outcomes).toEqual({ ok: 0, error: 0, throttle: 0, fault: 100 });
  });

  it('a shorter window: 2 s at t = 12 s holds 20 requests', () => {
    const map = mapAt(doc(), 12_000, 2_000);
    expect(map.nodes.find((n) => n.id === 'api')!.count).toBe(20);
    expect(map.nodes.find((n) => n.id === 'api')!.ratePerSecond).toBe(10);
  });

  it('classes and the nearest-rank p95', () => {
    expect(outcomeClassOf('function', 'throttled')).toBe('throttle');
    expect(outcomeClassOf('apiGateway', '502')).toBe('fault');
    expect(outcomeClassOf('server', '5xx')).toBe('fault');
    expect(outcomeClassOf('function', 'timeout')).toBe('fault');
    expect(outcomeClassOf('function', 'error')).toBe('error');
    expect(outcomeClassOf('stateMachine', 'caught')).toBe('error');
    expect(outcomeClassOf('apiGateway', '200')).toBe('ok');
    expect(outcomeClassOf('queue', 'received')).toBe('ok');
    expect(outcomeClassOf('queue', 'deadLettered')).toBe('fault');
    // 1..20: the 95th percentile by nearest rank is the 19th value.
    expect(
      nearestRank(
        [...Array(20).keys()].map((i) => 20 - i),
        0.95,
      ),
    ).toBe(19);
  });
});

/**
 * X-Ray's classes as its documentation states them, written out here and not read from the
 * catalogs: 429 and throttles are Throttle, 4xx and handled errors Error, 5xx, timeouts and
 * work given up Fault.
 */
const XRAY_CLASS: Record<string, 'ok' | 'error' | 'throttle' | 'fault'> = {
  '200': 'ok',
  ok: 'ok',
  received: 'ok',
  error: 'error',
  itemFailed: 'error',
  throttled: 'throttle',
  '500': 'fault',
  '502': 'fault',
  '504': 'fault',
  timeout: 'fault',
  deadLettered: 'fault',
};

describe('the service map’s colours come from the kinds’ catalogs', () => {
  it('a run with throttles, errors and faults: each node’s rings count its hops by X-Ray class', () => {
    const steady = (rate: number) => ({ traffic: { shape: 'constant', ratePerSecond: rate } });
    const d = {
      format: 'serverless-sim.scenario',
      version: 1,
      name: 'throttles and errors',
      settings: { durationSeconds: 40, seed: 5 },
      nodes: [
        { id: 'clients', kind: 'producer', label: 'Clients', position: { x: 0, y: 0 }, params: steady(8) },
        {
          id: 'api',
          kind: 'apiGateway',
          label: 'API',
          position: { x: 260, y: 0 },
          params: { timeoutMs: 1000 },
        },
        {
          id: 'fn',
          kind: 'function',
          label: 'Handler',
          position: { x: 520, y: 0 },
          params: { errorRate: 0.2, timeoutMs: 1000, duration: { meanMs: 300 }, coldStart: NO_COLD },
        },
        { id: 'jobs', kind: 'queue', label: 'Jobs', position: { x: 260, y: 200 }, params: {} },
        {
          id: 'tight',
          kind: 'function',
          label: 'Worker',
          position: { x: 520, y: 200 },
          params: { reservedConcurrency: 1, errorRate: 0.1, duration: { meanMs: 500 }, coldStart: NO_COLD },
        },
      ],
      edges: [
        { id: 'e1', source: 'clients', target: 'api' },
        { id: 'e2', source: 'api', target: 'fn' },
        { id: 'e3', source: 'clients', target: 'jobs' },
        { id: 'e4', source: 'jobs', target: 'tight' },
      ],
    };
    const result = simulate(d, classroomRunOptions(d));
    const data = replayData(result, d);
    expect(data.scale).toBe(1);
    const end = result.simulatedSeconds * 1000;
    const map = serviceMapAt(data, d, end, end);
    const expected = new Map<string, Record<string, number>>();
    for (const tr of result.traces)
      for (const h of tr.hops) {
        const cls = XRAY_CLASS[h.outcome];
        expect(cls, `outcome "${h.outcome}" in the test's X-Ray table`).toBeDefined();
        if (h.endMs > end) continue;
        const o = expected.get(h.node) ?? { ok: 0, error: 0, throttle: 0, fault: 0 };
        o[cls]++;
        expected.set(h.node, o);
      }
    for (const [id, o] of expected) expect(map.nodes.find((n) => n.id === id)!.outcomes, id).toEqual(o);
    // Every class is on screen somewhere: the handler's errors, the worker's throttles, the API's 5xx.
    const total = (c: 'error' | 'throttle' | 'fault') => map.nodes.reduce((s, n) => s + n.outcomes[c], 0);
    expect(total('error')).toBeGreaterThan(0);
    expect(total('throttle')).toBeGreaterThan(0);
    expect(total('fault')).toBeGreaterThan(0);
    expect(map.nodes.find((n) => n.id === 'tight')!.outcomes.throttle).toBeGreaterThan(0);
    expect(map.nodes.find((n) => n.id === 'api')!.outcomes.fault).toBeGreaterThan(0);
  });
});

describe('the replay’s service map on a template that throttles', () => {
  it('limits-timeout-concurrency: the report function’s throttles show at t, as in the run', () => {
    const d = JSON.parse(
      readFileSync(
        resolve(import.meta.dirname, '../../src/templates/limits-timeout-concurrency.json'),
        'utf8',
      ),
    );
    d.settings.durationSeconds = 300;
    const result = simulate(d, classroomRunOptions(d));
    const throttles = (result.nodes.report.metrics as Record<string, number>).throttles;
    expect(throttles).toBeGreaterThan(0);
    // Traced throttled hops, counted from the traces (not from the map under test).
    const traced = result.traces
      .flatMap((tr) => tr.hops)
      .filter((h) => h.node === 'report' && h.outcome === 'throttled');
    expect(traced.length).toBeGreaterThan(0);
    const map = serviceMapAt(replayData(result, d), d, 300_000, 300_000);
    // The map scales the traced hops up by the replay's sampling (1 request in N traced).
    const rate = classroomRunOptions(d).traceSampleRate!;
    expect(rate).toBeLessThan(1);
    expect(map.nodes.find((n) => n.id === 'report')!.outcomes.throttle).toBeCloseTo(traced.length / rate, 6);
  });
});
