import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../../src/engine/scenario/validate';
import { conserved, FAST, metrics, run, scenario } from '../helpers';

/** 2 PUTs/s for 100 s (exactly 200) into a bucket whose EventBridge switch is on. */
function uploads(opts: { bus?: Record<string, unknown>; notify?: boolean; appEvents?: boolean } = {}) {
  const nodes: Parameters<typeof scenario>[0] = [
    { id: 'uploader', kind: 'producer', params: { traffic: { shape: 'constant', ratePerSecond: 2 } } },
    { id: 'photos', kind: 'bucket', params: { notificationDelay: { dist: 'constant', meanMs: 1000 } } },
    { id: 'bus', kind: 'eventBus', params: opts.bus ?? { busType: 'default' } },
    { id: 'thumbs', kind: 'function', params: FAST },
  ];
  const edges: Parameters<typeof scenario>[1] = [
    { source: 'uploader', target: 'photos' },
    { source: 'photos', target: 'bus' },
    { source: 'bus', target: 'thumbs' },
  ];
  if (opts.notify) {
    nodes.push({ id: 'jobs', kind: 'queue' });
    edges.push({ source: 'photos', target: 'jobs' });
  }
  if (opts.appEvents) {
    nodes.push({ id: 'app', kind: 'producer', params: { traffic: { shape: 'constant', ratePerSecond: 1 } } });
    edges.push({ source: 'app', target: 'bus' });
  }
  return scenario(nodes, edges, { durationSeconds: 100 });
}

describe("S3's EventBridge switch", () => {
  it('sends every object event to the default bus, free, and its rules invoke the targets', () => {
    const r = run(uploads());
    expect(metrics(r, 'photos').puts).toBe(200);
    // The last two PUTs (99.25 and 99.75 s) are still on their 1 s way to the bus when the run ends.
    expect(metrics(r, 'photos').eventBridgeEvents).toBe(198);
    expect(metrics(r, 'bus').putEvents).toBe(198);
    expect(metrics(r, 'thumbs').invocations).toBe(198);
    expect(r.nodes.bus.cost.totalUsd).toBe(0);
    conserved(r);
  });

  it('bills the events code puts on the default bus, but not the bucket events', () => {
    const r = run(uploads({ appEvents: true }));
    expect(metrics(r, 'bus').putEvents).toBe(198 + 100);
    expect(r.nodes.bus.cost.totalUsd).toBeCloseTo(100 * (1 / 1e6), 12);
  });

  it('comes on top of the one notification destination: each PUT reaches both', () => {
    const r = run(uploads({ notify: true }));
    expect(metrics(r, 'photos').notifications).toBe(198);
    expect(metrics(r, 'photos').eventBridgeEvents).toBe(198);
    expect(metrics(r, 'jobs').sent).toBe(198);
    expect(metrics(r, 'thumbs').invocations).toBe(198);
    conserved(r);
  });

  it('refuses a custom bus, saying S3 sends only to the default bus', () => {
    const v = validateScenario(uploads({ bus: {} }));
    expect(v.ok).toBe(false);
    expect(v.ok ? '' : v.errors.map((e) => e.message).join('\n')).toMatch(
      /S3 sends its events only to the account's default bus, not to "bus": set that bus's type to default/,
    );
    expect(validateScenario(uploads()).ok).toBe(true);
    expect(validateScenario(uploads({ notify: true })).ok).toBe(true);
  });
});
