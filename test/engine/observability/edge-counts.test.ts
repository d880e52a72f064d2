import { describe, expect, it } from 'vitest';
import { FAST, run, scenario } from '../helpers';

/** What crossed each connection, counted on the edge and checked against the nodes' own counters. */
describe('edge counts in the result (the service map’s connection rates)', () => {
  it('a chain: every request crosses each edge once; the warm-up is not counted', () => {
    const d = scenario(
      [
        { id: 'clients', kind: 'producer', params: { traffic: { shape: 'constant', ratePerSecond: 10 } } },
        { id: 'api', kind: 'apiGateway', params: {} },
        { id: 'fn', kind: 'function', params: FAST },
      ],
      [
        { source: 'clients', target: 'api' },
        { source: 'api', target: 'fn' },
      ],
      { durationSeconds: 200, warmupSeconds: 100 },
    );
    const r = run(d);
    // Constant 10/s over the measured 100 s: 1,000 requests.
    expect(r.totals.requests).toBe(1000);
    expect(r.edges!.e1).toEqual({ source: 'clients', target: 'api', passed: 1000 });
    expect(r.edges!.e2.passed).toBe((r.nodes.fn.metrics as Record<string, number>).invocations);
    expect(r.edges!.e2.passed).toBe(1000);
  });

  it('perRequest 2 sends two messages per invocation; a queue hands them on in batches', () => {
    const d = scenario(
      [
        { id: 'clients', kind: 'producer', params: { traffic: { shape: 'constant', ratePerSecond: 5 } } },
        { id: 'api', kind: 'apiGateway', params: {} },
        { id: 'writer', kind: 'function', params: FAST },
        { id: 'jobs', kind: 'queue', params: {} },
        { id: 'worker', kind: 'function', params: FAST },
      ],
      [
        { source: 'clients', target: 'api' },
        { source: 'api', target: 'writer' },
        { source: 'writer', target: 'jobs', params: { perRequest: 2 } },
        { source: 'jobs', target: 'worker', params: { batchSize: 10, batchWindowSeconds: 2 } },
      ],
      { durationSeconds: 100 },
    );
    const r = run(d);
    const m = (id: string) => r.nodes[id].metrics as Record<string, number>;
    expect(r.edges!.e1.passed).toBe(500);
    expect(r.edges!.e3.passed).toBe(2 * m('writer').invocations);
    expect(r.edges!.e3.passed).toBe(m('jobs').sent);
    // One crossing per batch: the worker's invocations, not the messages.
    expect(r.edges!.e4.passed).toBe(m('jobs').batches);
    expect(r.edges!.e4.passed).toBe(m('worker').invocations);
    expect(r.edges!.e4.passed).toBeLessThan(r.edges!.e3.passed);
  });
});
