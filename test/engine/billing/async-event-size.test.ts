import { describe, expect, it } from 'vitest';
import { FAST, run, scenario } from '../helpers';

/**
 * A large asynchronous event is billed as more than one Lambda request (facts §1.1 [L-PRICE]):
 * 1 for the first 256 KB, then 1 more per started 64 KB, up to 1 MB. Counted through a run, from
 * the bill's requests line, against the arithmetic done by hand.
 */
function requestsBilled(
  payloadKB: number,
  via: 'eventBus' | 'apiGateway',
): { billed: number; invocations: number } {
  const r = run(
    scenario(
      [
        {
          id: 'p',
          kind: 'producer',
          params: { traffic: { shape: 'constant', ratePerSecond: 1 }, payloadKB },
        },
        { id: 'in', kind: via },
        { id: 'fn', kind: 'function', params: FAST },
      ],
      [
        { source: 'p', target: 'in' },
        { source: 'in', target: 'fn' },
      ],
      { durationSeconds: 60 },
    ),
  );
  const line = r.nodes.fn.cost.items.find((i) => /requests/i.test(i.name))!;
  return { billed: line.quantity, invocations: (r.nodes.fn.metrics as Record<string, number>).invocations };
}

describe('Lambda requests for large asynchronous events [L-PRICE]', () => {
  it('1 MB through EventBridge: 1 + (1,024 − 256) / 64 = 13 requests per event', () => {
    const { billed, invocations } = requestsBilled(1024, 'eventBus');
    expect(invocations).toBeGreaterThan(50);
    expect(billed).toBe(13 * invocations);
  });

  it('256 KB is 1 request, 257 KB 2, 320 KB 2, 321 KB 3', () => {
    for (const [kb, per] of [
      [256, 1],
      [257, 2],
      [320, 2],
      [321, 3],
    ]) {
      const { billed, invocations } = requestsBilled(kb, 'eventBus');
      expect(billed, `${kb} KB`).toBe(per * invocations);
    }
  });

  it('a synchronous call is 1 request whatever its size', () => {
    const { billed, invocations } = requestsBilled(1024, 'apiGateway');
    expect(invocations).toBeGreaterThan(50);
    expect(billed).toBe(invocations);
  });
});
