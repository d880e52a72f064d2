import { describe, expect, it } from 'vitest';
import { KINDS, NODE_KINDS } from '../../src/engine/kinds/registry';
import { simulate } from '../../src/engine/simulate';
import { expectedRequests } from '../../src/app/classroom/run-options';
import { scenario } from '../engine/helpers';

/**
 * The replay's sampling rate comes from the requests a scenario's sources make, each source
 * kind's rate from its catalog (requestsPerSecond), so a new source kind needs no line in
 * run-options.ts.
 */
describe('expected requests come from every source kind', () => {
  const sources = NODE_KINDS.filter((k) => KINDS[k].traits.source);

  it('every source kind, and no other, gives its rate', () => {
    expect(sources.length).toBeGreaterThanOrEqual(2);
    for (const k of NODE_KINDS)
      expect(typeof KINDS[k].requestsPerSecond, `kinds/${k}/catalog.ts: requestsPerSecond`).toBe(
        KINDS[k].traits.source ? 'function' : 'undefined',
      );
  });

  it.each(sources)('a %s that makes requests in a run is expected to make some', (kind) => {
    // A source alone (its requests go nowhere): its own count is what the service map reads.
    const doc = scenario([{ id: 'src', kind }], [], { durationSeconds: 900 });
    const made = (simulate(doc).nodes.src.metrics as unknown as Record<string, number>)[
      KINDS[kind].serviceMap.count[0]
    ];
    expect(made).toBeGreaterThan(0);
    // Rough by design: the sampling rate only has to be of the right order, and maxTraces caps
    // the traces.
    expect(expectedRequests(doc)).toBeGreaterThan(1);
  });

  it('sums the sources, reading rates as written and ignoring what is not a number', () => {
    const doc = {
      settings: { durationSeconds: 600 },
      nodes: [
        { kind: 'producer', params: { traffic: { ratePerSecond: 5 } } },
        { kind: 'producer', params: { traffic: { ratePerSecond: 2, peakRatePerSecond: 8 } } },
        { kind: 'schedule', params: { rateSeconds: 120 } },
        { kind: 'producer', params: { traffic: { ratePerSecond: 'lots' } } },
        { kind: 'function', params: {} },
        { kind: 'nonsense' },
      ],
    };
    // 5 × 600 + 8 × 600 + 600 / 120 + 10 × 600 (the schema's default rate, as the engine runs it).
    expect(expectedRequests(doc)).toBe(3000 + 4800 + 5 + 6000);
    expect(expectedRequests(null)).toBe(1);
  });
});
