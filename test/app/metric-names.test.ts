import { describe, expect, expectTypeOf, it } from 'vitest';
import { KINDS, NODE_KINDS } from '../../src/engine/kinds/registry';
import {
  metricNum,
  metricsOf,
  seriesKey,
  type MetricName,
  type SeriesName,
  type TotalName,
} from '../../src/engine/kinds/names';
import { defineCatalog, NO_TRAITS } from '../../src/engine/kinds/catalog-types';
import { LABELS, SERIES_OF } from '../../src/app/classroom/counters';
import { TROUBLE_SERIES } from '../../src/app/compare/side-by-side-data';
import { KEY_METRICS } from '../../src/app/results/NodeIntervals';

/**
 * The app's tables of metric and series names (badges at t, lesson counters, the side-by-side
 * view, per-node intervals) are typed from the kinds' catalogs, so a stale name is a type error
 * (checked by `npm run typecheck`), and every name in them is one a catalog declares.
 */
const TOTALS: readonly TotalName[] = [
  'requests',
  'completed',
  'failed',
  'deadLettered',
  'dropped',
  'inFlight',
  'costUsd',
  'monthlyCostUsd',
];
const anyMetric = new Set(NODE_KINDS.flatMap((k) => Object.keys(KINDS[k].metrics)));
const anySeries = new Set(NODE_KINDS.flatMap((k) => Object.keys(KINDS[k].series)));

describe('metric and series names in the app come from the catalogs', () => {
  it('the tables are typed with the catalogs’ names', () => {
    expectTypeOf(LABELS).toEqualTypeOf<Partial<Record<TotalName | MetricName, string>>>();
    expectTypeOf(SERIES_OF).toEqualTypeOf<Partial<Record<MetricName, SeriesName>>>();
    expectTypeOf(TROUBLE_SERIES).toEqualTypeOf<readonly SeriesName[]>();
    expectTypeOf(KEY_METRICS).toEqualTypeOf<readonly MetricName[]>();
    // A name no catalog declares, or one of another kind, does not compile.
    // @ts-expect-error: a function has no metric "invocation"
    metricNum('function', {}, 'invocation');
    // @ts-expect-error: "sent" is a queue's metric, not a function's
    metricsOf('function', ['sent']);
    // @ts-expect-error: a producer records no "ticks" series (a schedule does)
    seriesKey('producer', 'p', 'ticks');
    expect(seriesKey('schedule', 'nightly', 'ticks')).toBe('nightly.ticks');
    expect(metricNum('queue', { sent: 7 }, 'sent')).toBe(7);
  });

  it('counts at t: each metric counted from hops that ended so names its own kind’s outcomes', () => {
    let named = 0;
    for (const kind of NODE_KINDS)
      for (const [m, info] of Object.entries(KINDS[kind].metrics)) {
        const how = info.atT;
        if (!how || typeof how === 'string') continue;
        for (const o of how.endedWith) {
          expect(Object.keys(KINDS[kind].outcomes), `${kind}.${m} ended with ${o}`).toContain(o);
          named++;
        }
      }
    expect(named).toBeGreaterThan(5);
    // An outcome the kind does not declare does not compile.
    defineCatalog({
      kind: 'k',
      title: 'K',
      group: 'storage',
      description: '',
      inSentence: 'a k',
      params: {} as never,
      summary: () => '',
      // @ts-expect-error: "timeout" is not among this kind's outcomes
      metrics: { misses: { role: 'counter', label: 'Misses', atT: { endedWith: ['timeout'] } } },
      series: {},
      outcomes: { hit: 'ok', miss: 'error' },
      traits: NO_TRAITS,
      serviceMap: { count: [] },
      meters: [],
      connections: [],
    });
  });

  it('lesson counters: labels name totals or declared metrics; each metric’s series is declared by a kind that has both', () => {
    for (const name of Object.keys(LABELS))
      expect(TOTALS.includes(name as TotalName) || anyMetric.has(name), name).toBe(true);
    for (const [metric, series] of Object.entries(SERIES_OF)) {
      const both = NODE_KINDS.filter(
        (k) => Object.hasOwn(KINDS[k].metrics, metric) && Object.hasOwn(KINDS[k].series, series),
      );
      expect(both.length, `${metric} → ${series}`).toBeGreaterThan(0);
    }
  });

  it("a source's count (the service map's, the lesson's requests at t) is also its rate series", () => {
    const sources = NODE_KINDS.filter((k) => KINDS[k].traits.source);
    expect(sources).toEqual(['producer', 'schedule']);
    for (const k of sources) {
      const count = KINDS[k].serviceMap.count[0];
      expect(Object.keys(KINDS[k].metrics), k).toContain(count);
      expect(KINDS[k].series[count]?.sampling, k).toBe('rate');
    }
  });

  it('side by side and per-node intervals: every name is declared', () => {
    for (const s of TROUBLE_SERIES) expect(anySeries.has(s), s).toBe(true);
    for (const m of KEY_METRICS) expect(anyMetric.has(m), m).toBe(true);
  });
});
