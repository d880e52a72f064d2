import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/engine/simulate';
import { replayData } from '../../src/app/classroom/replay-data';
import { nearestRank, outcomeClassOf, serviceMapAt } from '../../src/app/servicemap/map-at';

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
    expect(outcomeClassOf('throttled')).toBe('throttle');
    expect(outcomeClassOf('502')).toBe('fault');
    expect(outcomeClassOf('5xx')).toBe('fault');
    expect(outcomeClassOf('timeout')).toBe('fault');
    expect(outcomeClassOf('error')).toBe('error');
    expect(outcomeClassOf('caught')).toBe('error');
    expect(outcomeClassOf('200')).toBe('ok');
    expect(outcomeClassOf('received')).toBe('ok');
    // 1..20: the 95th percentile by nearest rank is the 19th value.
    expect(
      nearestRank(
        [...Array(20).keys()].map((i) => 20 - i),
        0.95,
      ),
    ).toBe(19);
  });
});
