import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Result } from '../../../src/engine/result';
import { Simulation, type SimulateOptions } from '../../../src/engine/simulate';
import { scenario } from '../helpers';

const templates = resolve(import.meta.dirname, '../../../src/templates');

function templateDoc(name: string, settings: Record<string, unknown>) {
  const doc = JSON.parse(readFileSync(resolve(templates, name), 'utf8'));
  doc.settings = { ...doc.settings, ...settings };
  return doc;
}

/** Every bill line a priced run can show: finite, never negative. */
function expectValidBill(r: Result): void {
  expect(r.totals.costUsd).toBeGreaterThanOrEqual(0);
  expect(Number.isFinite(r.totals.monthlyCostUsd)).toBe(true);
  for (const [id, n] of Object.entries(r.nodes)) {
    expect(n.cost, id).toBeDefined();
    for (const item of n.cost!.items) {
      expect(
        Number.isFinite(item.quantity) && item.quantity >= 0,
        `${id} ${item.name} ${item.quantity}`,
      ).toBe(true);
      expect(item.usd).toBeGreaterThanOrEqual(0);
    }
  }
}

function runStopped(doc: unknown, options: SimulateOptions, slice = 1000): Result {
  const sim = Simulation.create(doc, options);
  while (!sim.step(slice));
  return sim.result();
}

const LONG_WARMUP = { warmupSeconds: 3000, durationSeconds: 6000 };

describe('a run stopped at any moment has a valid bill of what was measured', () => {
  const names = readdirSync(templates).filter((f) => f.endsWith('.json'));
  for (const name of names) {
    it(`${name}: stopped by the event budget, or by Stop, before and after the warm-up`, () => {
      const doc = templateDoc(name, LONG_WARMUP);
      for (const maxEvents of [1, 5000, 200_000]) expectValidBill(runStopped(doc, { maxEvents }));
      // Stop (the app's cancel flag) at the first look, and a few looks later.
      for (const looks of [1, 5]) {
        let n = 0;
        const r = runStopped(doc, { shouldCancel: () => ++n >= looks });
        // (The flag is looked at every 1,024 events: a small template may end before a look.)
        if (r.incomplete) expect(r.incomplete.reason).toBe('cancelled');
        expectValidBill(r);
      }
    });
  }

  it('a stream stopped during the warm-up bills no shard-hours and says nothing was measured', () => {
    const sim = Simulation.create(templateDoc('kinesis-analytics.json', LONG_WARMUP));
    sim.step(2000);
    sim.cancel();
    expect(sim.step(1)).toBe(true);
    const r = sim.result();
    expectValidBill(r);
    expect(r.incomplete?.reason).toBe('cancelled');
    expect(r.totals.costUsd).toBe(0);
    expect(r.warnings.join('\n')).toMatch(/during the warm-up.*nothing was measured/);
  });

  it('provisioned concurrency stopped before the warm-up ends: no negative provisioned hours', () => {
    const doc = scenario(
      [
        { id: 'tick', kind: 'schedule', params: { rateSeconds: 60 } },
        {
          id: 'f1',
          kind: 'function',
          params: {
            architecture: 'arm64',
            provisionedConcurrency: 2,
            duration: { dist: 'constant', meanMs: 5 },
          },
        },
      ],
      [{ source: 'tick', target: 'f1' }],
      LONG_WARMUP,
    );
    let calls = 0;
    for (const options of [
      { shouldCancel: () => ++calls > 0 },
      { maxEvents: 10 },
      { maxWallMs: 0 },
    ] satisfies SimulateOptions[]) {
      const r = runStopped(doc, options, 10);
      expect(r.simulatedSeconds).toBeLessThan(3000);
      expectValidBill(r);
    }
  });

  it('stopped after the warm-up, provisioned hours cover exactly the measured part', () => {
    const doc = scenario(
      [
        { id: 'tick', kind: 'schedule', params: { rateSeconds: 60 } },
        {
          id: 'f1',
          kind: 'function',
          params: {
            architecture: 'arm64',
            provisionedConcurrency: 2,
            duration: { dist: 'constant', meanMs: 5 },
          },
        },
      ],
      [{ source: 'tick', target: 'f1' }],
      { warmupSeconds: 100, durationSeconds: 6000 },
    );
    const sim = Simulation.create(doc);
    while (sim.progress < 0.5) sim.step(50);
    sim.cancel();
    sim.step(1);
    const r = sim.result();
    expectValidBill(r);
    const pc = r.nodes.f1.cost!.items.find((i) => i.name === 'provisioned concurrency')!;
    // 2 environments × 0.125 GB (128 MB) × measured seconds, in GB-seconds.
    const measured = r.simulatedSeconds - 100;
    expect(pc.quantity).toBeCloseTo(2 * 0.125 * measured, 3);
  });
});
