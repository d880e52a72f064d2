import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { simulate } from '../../src/engine/simulate';
import { KINDS, NODE_KINDS } from '../../src/engine/kinds/registry';
import { nodeFiguresAt } from '../../src/app/classroom/at-time';
import { replayData } from '../../src/app/classroom/replay-data';
import { classroomRunOptions } from '../../src/app/classroom/run-options';
import { scenario } from '../engine/helpers';

/**
 * Every figure a kind's catalog declares as read from the recording (MetricInfo.recorded), on
 * every template with a node of that kind: the replay's value at a scrubbed t equals the
 * figure of a run that ends at t. A descriptor the replay cannot read (a counter the runtime
 * does not record, a level or record code it does not write, a wrong formula) fails here, and
 * a declared figure no template reads fails the last test. The templates are cut to 4 minutes
 * (warm-ups to 1), so each costs three short runs.
 */

const TEMPLATES_DIR = join(import.meta.dirname, '../../src/templates');
/** What this test reads of a scenario (the rest goes to simulate as it is). */
interface Doc {
  settings: { durationSeconds: number; warmupSeconds?: number };
  nodes: { id: string; kind: keyof typeof KINDS }[];
}

const docs: [string, () => Doc][] = readdirSync(TEMPLATES_DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => [f.slice(0, -5), () => JSON.parse(readFileSync(join(TEMPLATES_DIR, f), 'utf8'))]);
// What no template has: a table's stream, read by a function that fails now and then.
docs.push([
  "a table's stream",
  () =>
    scenario(
      [
        { id: 'app', kind: 'producer', params: { traffic: { shape: 'poisson', ratePerSecond: 20 } } },
        { id: 'orders', kind: 'table', params: { streamEnabled: true } },
        { id: 'reader', kind: 'function', params: { errorRate: 0.3 } },
      ],
      [
        { source: 'app', target: 'orders' },
        { source: 'orders', target: 'reader' },
      ],
      { durationSeconds: 120, warmupSeconds: 30, seed: 3 },
    ) as unknown as Doc,
]);
// A burst in the warm-up: the queue's deepest backlog of the measured window (from the value
// held when it opened) is below the whole run's, as metrics/level.ts counts a max.
docs.push([
  'a burst in the warm-up',
  () =>
    scenario(
      [
        {
          id: 'app',
          kind: 'producer',
          params: {
            traffic: {
              shape: 'spike',
              ratePerSecond: 2,
              peakRatePerSecond: 200,
              atSeconds: 5,
              lengthSeconds: 10,
            },
          },
        },
        { id: 'jobs', kind: 'queue' },
        { id: 'worker', kind: 'function', params: { reservedConcurrency: 2, duration: { meanMs: 200 } } },
      ],
      [
        { source: 'app', target: 'jobs' },
        { source: 'jobs', target: 'worker', params: { batchSize: 1 } },
      ],
      { durationSeconds: 120, warmupSeconds: 30, seed: 5 },
    ) as unknown as Doc,
]);

/** Every declared recorded figure, `kind.metric`, with how many nodes' values were compared. */
const compared = new Map<string, number>();
for (const kind of NODE_KINDS)
  for (const [m, info] of Object.entries(KINDS[kind].metrics))
    if (info.recorded !== undefined) compared.set(`${kind}.${m}`, 0);

/** Counters the runtimes recorded increment by increment, `kind.metric`. */
const recordedCounters = new Set<string>();
/** Kinds whose nodes recorded their insides (not only counters). */
const recordedInsides = new Set<string>();

describe('each figure a catalog declares as recorded is read at t as a run that ends at t has it', () => {
  for (const [name, make] of docs)
    it(
      name,
      () => {
        const doc = make();
        doc.settings.durationSeconds = Math.min(doc.settings.durationSeconds, 240);
        doc.settings.warmupSeconds = Math.min(doc.settings.warmupSeconds ?? 0, 60);
        const result = simulate(doc, classroomRunOptions(doc));
        for (const n of result.recording?.nodes ?? []) {
          for (const c of n.counters ?? []) recordedCounters.add(`${n.kind}.${c}`);
          if (!n.countersOnly) recordedInsides.add(n.kind);
        }
        const data = replayData(result, doc);
        const end = doc.settings.durationSeconds;
        // Inside the warm-up (a run that short measures from 0) and well after it.
        for (const t of [Math.min(end * 0.2, 50) + 0.37, end * 0.75 - 0.29]) {
          const truth = simulate(doc, { durationSeconds: t }).nodes;
          for (const n of doc.nodes) {
            const at = nodeFiguresAt(data, n.id, n.kind, t * 1000);
            const values = at?.values ?? {};
            const metrics = truth[n.id].metrics as unknown as Record<string, number>;
            for (const [m, info] of Object.entries(KINDS[n.kind].metrics)) {
              // Not read from the recording: a count of sampled traces, scaled (the only source's requests).
              if (info.recorded === undefined || values[m] === undefined || at!.approx.has(m)) continue;
              expect(Number.isFinite(values[m]), `${n.id}.${m} at ${t} s`).toBe(true);
              expect(values[m], `${name}: ${n.id}.${m} (${n.kind}) at ${t} s`).toBe(metrics[m]);
              compared.set(`${n.kind}.${m}`, compared.get(`${n.kind}.${m}`)! + 1);
            }
          }
        }
      },
      60_000,
    );

  it('every counter a runtime records is declared `increments` in its catalog', () => {
    expect(recordedCounters.size).toBeGreaterThan(20);
    const undeclared = [...recordedCounters].filter((km) => {
      const [kind, m] = km.split('.') as [keyof typeof KINDS, string];
      return KINDS[kind].metrics[m as never]?.['recorded'] !== 'increments';
    });
    expect(undeclared, 'declare these with recorded: increments').toEqual([]);
  });

  it('the kinds whose runtimes record their insides are those whose catalogs say what the replay draws', () => {
    const drawn = NODE_KINDS.filter((k) => KINDS[k].insides !== undefined);
    expect([...recordedInsides].sort()).toEqual([...drawn].sort());
  });

  it('every declared recorded figure was compared on some template', () => {
    const never = [...compared].filter(([, n]) => n === 0).map(([k]) => k);
    expect(never, 'no template reads these at t: add a case that does, or fix the declaration').toEqual([]);
  });

  it('past its part of the recording, a figure shows its traced estimate where its catalog gives one (atT), else is left off', () => {
    const doc = JSON.parse(readFileSync(join(TEMPLATES_DIR, 'limits-timeout-concurrency.json'), 'utf8'));
    // 2,000 bytes a part: the environments' part and the users' requests stop early.
    const data = replayData(simulate(doc, { ...classroomRunOptions(doc), record: 2000 }), doc);
    const rec = data.result.recording!;
    const users = rec.nodes.find((n) => n.id === 'users')!;
    const usersCut = users.countersTruncatedAtMs![users.counters!.indexOf('requests')]!;
    expect(rec.truncatedAtMs).toBeGreaterThan(0);
    expect(usersCut).toBeGreaterThan(0);
    const t = Math.max(rec.truncatedAtMs!, usersCut) + 1000;
    const report = nodeFiguresAt(data, 'report', 'function', t)!;
    // Invocations: recorded (REC_ENV_BUSY) and counted from hops (atT 'hops'); the most at
    // once: recorded only.
    expect(KINDS.function.metrics.invocations.atT).toBe('hops');
    expect(report.values.invocations).toBeGreaterThan(0);
    expect(report.approx.has('invocations')).toBe(data.scale > 1);
    expect(report.values.maxConcurrency).toBeUndefined();
    // A source's requests where there are several: recorded only.
    expect(nodeFiguresAt(data, 'users', 'producer', t)?.values.requests).toBeUndefined();
  });

  afterAll(() => {
    console.log(`compared ${[...compared.values()].reduce((a, b) => a + b, 0)} recorded figures at t`);
  });
});
