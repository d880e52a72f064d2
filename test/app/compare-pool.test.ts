import { describe, expect, it } from 'vitest';
import type { EngineClient } from '../../src/worker/engine-client';
import type { RunOutcome } from '../../src/worker/protocol';
import { createEnginePool } from '../../src/worker/pool';

/** A client whose runs end when the test says, or when cancelled. */
function fakeClients() {
  const started: { scenario: unknown; end(): void }[] = [];
  let made = 0;
  const make = (): EngineClient => {
    made++;
    let current: ((o: RunOutcome) => void) | null = null;
    return {
      run(scenario) {
        return new Promise((resolve) => {
          current = resolve;
          started.push({ scenario, end: () => resolve({ status: 'done', result: { scenario } as never }) });
        });
      },
      cancel() {
        current?.({ status: 'cancelled', result: null });
      },
      dispose() {},
    };
  };
  return { make, started, made: () => made };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('engine pool', () => {
  it('runs at most `size` at once and answers in the tasks’ order', async () => {
    const f = fakeClients();
    const pool = createEnginePool(f.make, 2);
    const settled: number[] = [];
    const all = pool.runAll(
      [0, 1, 2, 3].map((i) => ({ scenario: i, options: {} })),
      (i) => settled.push(i),
    );
    await tick();
    expect(f.started.map((s) => s.scenario)).toEqual([0, 1]);
    f.started[1].end();
    await tick();
    expect(f.started.map((s) => s.scenario)).toEqual([0, 1, 2]);
    f.started[0].end();
    await tick();
    f.started[3].end();
    f.started[2].end();
    const out = await all;
    expect(
      out.map((o) => (o.status === 'done' ? (o.result as unknown as { scenario: number }).scenario : -1)),
    ).toEqual([0, 1, 2, 3]);
    expect(settled).toEqual([1, 0, 3, 2]);
    expect(f.made()).toBe(2);
  });

  it('cancel stops the runs under way and skips the rest', async () => {
    const f = fakeClients();
    const pool = createEnginePool(f.make, 2);
    const all = pool.runAll([0, 1, 2, 3, 4].map((i) => ({ scenario: i, options: {} })));
    await tick();
    pool.cancel();
    const out = await all;
    expect(out.map((o) => o.status)).toEqual([
      'cancelled',
      'cancelled',
      'cancelled',
      'cancelled',
      'cancelled',
    ]);
    // Only the first two ever started.
    expect(f.started).toHaveLength(2);
  });
});
