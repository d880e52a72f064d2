import { describe, expect, it } from 'vitest';
import template from '../../src/templates/api-function.json';
import { createEngineApi, type PackedOutcome } from '../../src/worker/engine-api';
import { unpackSeries } from '../../src/worker/series-transfer';
import { simulate } from '../../src/engine/simulate';

function unpacked(o: PackedOutcome) {
  if (o.status === 'error' || !o.packed) throw new Error(`expected a result, got ${JSON.stringify(o)}`);
  return unpackSeries(o.packed);
}

describe('engine API (the object the worker exposes)', () => {
  it('runs a scenario in slices, reports rising progress, and returns the same result as simulate()', async () => {
    const api = createEngineApi();
    const progress: number[] = [];
    const outcome = await api.run(1, template, {}, (f) => void progress.push(f));
    expect(outcome.status).toBe('done');
    const result = unpacked(outcome);
    expect(result.format).toBe('serverless-sim.result');
    expect(result.totals.requests).toBeGreaterThan(0);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)).toBe(1);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);

    // Slicing must not change the simulation: same scenario + seed = same numbers.
    const direct = simulate(template, { series: true });
    expect(result.totals).toEqual(direct.totals);
    expect(result.nodes).toEqual(direct.nodes);
    expect(result.series).toEqual(direct.series);
  });

  it('packs the series into one transferable buffer and unpacks them intact', async () => {
    const outcome = await createEngineApi().run(1, template, {});
    if (outcome.status !== 'done') throw new Error(outcome.status);
    const { packed } = outcome;
    expect(packed.data).toBeInstanceOf(Float64Array);
    expect(packed.names).toContain('handler.concurrency');
    // The structured-clone part carries no series data.
    expect((packed.result.series as Record<string, unknown>)['handler.concurrency']).toEqual([]);
    const series = unpackSeries(packed).series!;
    expect((series['handler.concurrency'] as number[]).length).toBe(series.t.length);
  });

  it('reports an invalid scenario as data: the issues, each with its path', async () => {
    const bad = structuredClone(template) as { nodes: { params: Record<string, unknown> }[] };
    bad.nodes[2].params.memoryMB = 64;
    const outcome = await createEngineApi().run(1, bad, {});
    expect(outcome.status).toBe('error');
    if (outcome.status !== 'error' || outcome.error.kind !== 'invalid') throw new Error('expected invalid');
    expect(outcome.error.issues.length).toBeGreaterThan(0);
    const issue = outcome.error.issues.find((i) => i.path.includes('memoryMB'));
    expect(issue).toBeDefined();
    expect(issue!.nodeId).toBe('handler');
    expect(issue!.message).toMatch(/128/);
    // Everything in it survives structured clone (it crosses the worker boundary).
    expect(structuredClone(outcome)).toEqual(outcome);
  });

  it('reports a document that is not a scenario at all as invalid, not as a crash', async () => {
    const outcome = await createEngineApi().run(1, 'not a scenario', {});
    expect(outcome.status).toBe('error');
    if (outcome.status === 'error') expect(outcome.error.kind).toBe('invalid');
  });

  it('stops at the next slice when cancelled and returns the partial result, marked cancelled', async () => {
    const api = createEngineApi();
    let cancelledAt = -1;
    // Cancel from the first progress report: the run has done one slice, far from the end.
    const outcome = await api.run(7, template, { durationSeconds: 86_400 }, (f) => {
      if (cancelledAt < 0) {
        cancelledAt = f;
        api.cancel(7);
      }
    });
    expect(outcome.status).toBe('cancelled');
    const result = unpacked(outcome);
    expect(result.incomplete?.reason).toBe('cancelled');
    expect(result.simulatedSeconds).toBeLessThan(86_400);
    const t = result.totals;
    expect(t.completed + t.failed + t.deadLettered + t.dropped + t.inFlight).toBe(t.requests);
  });

  it('forgets a cancel once its run has ended, so the next run with that id runs', async () => {
    const api = createEngineApi();
    api.cancel(3);
    await api.run(3, template, { durationSeconds: 86_400 });
    const again = await api.run(3, template, { durationSeconds: 5 });
    expect(again.status).toBe('done');
  });
});
