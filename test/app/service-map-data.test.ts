import { describe, expect, it } from 'vitest';
import template from '../../src/templates/api-function.json';
import { simulate } from '../../src/engine/simulate';
import { figuresOf, serviceMapOf, sharesOf, slowestTraces } from '../../src/app/servicemap/map-data';

describe('service map figures', () => {
  it('a function: throttles are Throttle, handler errors Error, timeouts Fault, the rest OK', () => {
    const f = figuresOf('function', { invocations: 100, throttles: 10, errors: 5, timeouts: 3 });
    expect(f.count).toBe(110);
    expect(f.outcomes).toEqual({ ok: 92, error: 5, throttle: 10, fault: 3 });
    const s = sharesOf(f.outcomes);
    expect(s.ok + s.error + s.throttle + s.fault).toBeCloseTo(1, 12);
    expect(s.throttle).toBeCloseTo(10 / 110, 12);
  });

  it('API Gateway: 429 is Throttle, 5xx and 504 are Faults; unanswered requests are in no class', () => {
    const f = figuresOf('apiGateway', { requests: 50, ok: 40, throttled: 4, errors: 3, timeouts: 2 });
    expect(f.outcomes).toEqual({ ok: 40, error: 0, throttle: 4, fault: 5 });
  });

  it('a run: rates over the measured seconds, edges from the engine’s own counts, slowest traces first', () => {
    const result = simulate(template, { traceSampleRate: 0.1, maxTraces: 500 });
    const map = serviceMapOf(result, template);
    expect(map.measuredSeconds).toBe(600);
    const api = map.nodes.find((n) => n.id === 'api')!;
    expect(api.ratePerSecond * 600).toBe((result.nodes.api.metrics as Record<string, number>).requests);
    expect(api.x).toBe(template.nodes.find((n) => n.id === 'api')!.position.x);
    const e2 = map.edges.find((e) => e.id === 'e2')!;
    expect(e2.ratePerSecond * 600).toBe((result.nodes.handler.metrics as Record<string, number>).invocations);
    const slow = slowestTraces(result, 'handler', 5);
    expect(slow).toHaveLength(5);
    for (let i = 1; i < slow.length; i++) expect(slow[i - 1].hopMs).toBeGreaterThanOrEqual(slow[i].hopMs);
    // The slowest hop is the longest of all the sampled hops through the handler, found by hand.
    const longest = Math.max(
      ...result.traces.flatMap((t) =>
        t.hops.filter((h) => h.node === 'handler').map((h) => h.endMs - h.startMs),
      ),
    );
    expect(slow[0].hopMs).toBe(longest);
  });
});
