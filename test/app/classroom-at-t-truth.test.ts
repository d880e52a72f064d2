import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/engine/simulate';
import { approxReason, nodeFiguresAt } from '../../src/app/classroom/at-time';
import { counterAtT, counterText } from '../../src/app/classroom/counters';
import { replayData } from '../../src/app/classroom/replay-data';
import { classroomRunOptions, expectedRequests } from '../../src/app/classroom/run-options';
import { badgesFor } from '../../src/app/canvas/run-badges';
import type { NodeKind } from '../../src/engine/kinds/vocabulary';

const template = (name: string) =>
  JSON.parse(readFileSync(resolve(import.meta.dirname, `../../src/templates/${name}.json`), 'utf8'));

/**
 * The template cut short enough that the replay traces every request (so its counts are exact):
 * shortened by a fifth at a time, never below its warm-up + 5 s. A template too busy for that
 * fails with a message rather than looping.
 */
function fullyTraced(name: string, warmupSeconds: number, doc = template(name)) {
  const shortest = warmupSeconds + 5;
  doc.settings.warmupSeconds = warmupSeconds;
  doc.settings.durationSeconds = 120;
  while (expectedRequests(doc) > 1500 && doc.settings.durationSeconds > shortest)
    doc.settings.durationSeconds = Math.max(shortest, Math.floor(doc.settings.durationSeconds * 0.8));
  if (expectedRequests(doc) > 1500)
    throw new Error(
      `${name}: about ${Math.round(expectedRequests(doc))} requests by its warm-up + 5 s (${shortest} s), more than the 1,500 a fully traced replay takes: pick a shorter warm-up or a quieter template`,
    );
  return doc;
}

const metricsOf = (r: ReturnType<typeof simulate>, id: string) =>
  r.nodes[id].metrics as unknown as Record<string, number>;

describe('a replay at t shows only figures of t', () => {
  // Templates whose badges and lesson counters cover every way a figure at t is found: the
  // recording (functions; a fleet's instances and utilisation, with and without a warm-up),
  // traced hops (arrivals, throttles, a pipe's reads and filtered events, a bus's deliveries).
  const cases: [string, number][] = [
    ['limits-timeout-concurrency', 0],
    ['five-criteria', 0],
    ['eventbridge-pipes', 0],
    ['eventbridge-routing', 0],
    ['compare-monolith', 30],
    ['observability-costs', 25],
    ['compare-tiered', 0],
    ['messaging-dlq', 0],
    ['upload-transcode-notify', 0],
    // Counters the engine records increment by increment (REC_COUNT): a topic's publishes, a
    // state machine's executions, a bus's matches, several sources' requests, a function's
    // async retries (a stream's records handled: the whole template, below).
    ['fan-out', 0],
    ['orchestration-vs-choreography', 0],
    ['s3-eventbridge', 0],
    ['sync-vs-async', 20],
  ];
  for (const [name, warmup] of cases)
    it(`${name}: every badge and lesson counter at a scrubbed t is the run's that ends at t, or is left off with a reason`, () => {
      const doc = fullyTraced(name, warmup);
      const full = simulate(doc, { ...classroomRunOptions(doc), series: true });
      const data = replayData(full, doc);
      const end = doc.settings.durationSeconds;
      let compared = 0;
      let leftOff = 0;
      // Not in the last seconds: a hop is traced when it ends (see at-time.ts).
      for (const t of [end * 0.2 + 0.37, end * 0.55 + 0.11, end * 0.8 - 0.29]) {
        const upTo = simulate(doc, { durationSeconds: t });
        for (const n of doc.nodes) {
          const at = nodeFiguresAt(data, n.id, n.kind, t * 1000);
          const truth = metricsOf(upTo, n.id);
          for (const [k, v] of Object.entries(at?.values ?? {})) {
            expect(v, `${n.id}.${k} at ${t} s`).toBe(truth[k]);
            expect(at!.approx.has(k), `${n.id}.${k} is exact`).toBe(false);
            compared++;
          }
          // The node's badges at t: each is the run's that ends at t; the rest are left off.
          const shown = badgesFor(n.kind as NodeKind, at?.values);
          const whole = badgesFor(n.kind as NodeKind, truth);
          for (const b of shown)
            expect(
              whole.map((w) => w.text),
              `${n.id} at ${t} s`,
            ).toContain(b.text);
        }
        for (const path of doc.lesson.counters as string[]) {
          const c = counterAtT(data, path, t * 1000);
          expect(c.atEnd).toBe(false);
          if (c.notAtT) {
            // Left off, saying why; never the whole run's figure.
            expect(counterText(c)).toBe('—');
            expect(c.notAtT).toMatch(/whole run/);
            leftOff++;
            continue;
          }
          const [scope, id, , metric] = path.split('.');
          const truth =
            scope === 'totals'
              ? (upTo.totals as unknown as Record<string, number>)[id]
              : metricsOf(upTo, id)[metric];
          expect(c.value, `${path} at ${t} s`).toBe(truth);
          compared++;
        }
      }
      expect(compared).toBeGreaterThan(10);
      console.log(`${name}: ${compared} figures equal at t, ${leftOff} counters left off`);
    });

  it('gives a fleet its mean utilisation at t and a function its most concurrent calls at t, across a warm-up', () => {
    const doc = fullyTraced('compare-monolith', 30);
    const data = replayData(simulate(doc, classroomRunOptions(doc)), doc);
    // Before the warm-up ends a run measures from 0; after, from the warm-up's end.
    expect(doc.settings.durationSeconds).toBeGreaterThanOrEqual(60);
    for (const t of [12.4, 29.9, 30.4, 47.77, 57.2]) {
      const truth = metricsOf(simulate(doc, { durationSeconds: t }), 'app');
      const at = nodeFiguresAt(data, 'app', 'server', t * 1000)!;
      expect(truth.meanUtilization).toBeGreaterThan(0);
      expect(at.values.meanUtilization, `utilisation at ${t} s`).toBe(truth.meanUtilization);
    }
    const fn = fullyTraced('limits-timeout-concurrency', 20);
    const fd = replayData(simulate(fn, classroomRunOptions(fn)), fn);
    const seen = new Set<number>();
    for (let t = 3.3; t < fn.settings.durationSeconds; t += 7.1) {
      const v = nodeFiguresAt(fd, 'report', 'function', t * 1000)!.values.maxConcurrency;
      const truth = metricsOf(simulate(fn, { durationSeconds: t }), 'report').maxConcurrency;
      expect(v, `max concurrency at ${t} s`).toBe(truth);
      seen.add(v);
    }
    expect(Math.max(...seen), 'calls ran at once').toBeGreaterThan(0);
  });
});

describe("fullyTraced() (this file's helper)", () => {
  it('stops at the warm-up + 5 s and fails saying why on a template too busy to trace fully', () => {
    // api-function with its clients at 100 requests a second: 3,500 by 35 s (the search used to loop forever).
    const busy = template('api-function');
    busy.nodes.find((n: { id: string }) => n.id === 'clients').params.traffic.ratePerSecond = 100;
    expect(() => fullyTraced('api-function', 30, busy)).toThrow(
      /api-function: about 3500 requests by its warm-up \+ 5 s \(35 s\)/,
    );
    // A quiet one is cut to fit, no shorter than its warm-up + 5 s.
    const quiet = fullyTraced('limits-timeout-concurrency', 20);
    expect(quiet.settings.durationSeconds).toBeGreaterThanOrEqual(25);
    expect(expectedRequests(quiet)).toBeLessThanOrEqual(1500);
  });
});

describe('counters the recorder keeps per increment', () => {
  // Whole templates (sampled replays, warm-ups as shipped): each figure that a replay used to
  // leave off ("not counted at t") is now the count of a run that ends at t, and exact.
  const figures: [string, string, string][] = [
    ['fan-out', 'uploaded', 'published'],
    ['messaging-dlq', 'orders', 'received'],
    ['messaging-dlq', 'orders-dlq', 'sent'],
    ['kinesis-analytics', 'clickstream', 'recordsOut'],
    ['eventbridge-pipes', 'pipe', 'filteredOut'],
    ['limits-timeout-concurrency', 'report', 'throttles'],
    ['limits-timeout-concurrency', 'users', 'requests'],
    // A container host pool's figures (its levels recorded on each of its services).
    ['ecs-on-ec2', 'web', 'hostsMax'],
    ['ecs-on-ec2', 'web', 'hostsMean'],
    ['ecs-on-ec2', 'web', 'tasksPerHost'],
    ['ecs-on-ec2', 'web', 'idleCapacity'],
    ['compare-eks', 'apiService', 'idleCapacity'],
    ['compare-eks', 'renderService', 'hostsMax'],
  ];
  const names = [...new Set(figures.map((f) => f[0]))];
  for (const name of names)
    it(`${name}: ${figures
      .filter((f) => f[0] === name)
      .map((f) => `${f[1]}.${f[2]}`)
      .join(', ')} at a scrubbed t equal a run that ends at t`, () => {
      const doc = template(name);
      const data = replayData(simulate(doc, classroomRunOptions(doc)), doc);
      const end = doc.settings.durationSeconds;
      const seen = new Map<string, Set<number>>();
      for (const t of [end * 0.13 + 0.41, end * 0.52 - 0.17, end * 0.91 + 0.03]) {
        const upTo = simulate(doc, { durationSeconds: t });
        for (const [, id, metric] of figures.filter((f) => f[0] === name)) {
          const kind = doc.nodes.find((n: { id: string }) => n.id === id).kind;
          const at = nodeFiguresAt(data, id, kind, t * 1000);
          expect(at?.values[metric], `${id}.${metric} at ${t} s`).toBe(metricsOf(upTo, id)[metric]);
          expect(at!.approx.has(metric), `${id}.${metric} is exact`).toBe(false);
          const c = counterAtT(data, `nodes.${id}.metrics.${metric}`, t * 1000);
          expect(c.notAtT, `${id}.${metric} is counted at t`).toBeUndefined();
          if (!seen.has(id + metric)) seen.set(id + metric, new Set());
          seen.get(id + metric)!.add(at!.values[metric]);
        }
      }
      // The figures move with t (a check that cannot pass on a constant).
      for (const [k, v] of seen) expect(Math.max(...v), `${k} went up`).toBeGreaterThan(0);
    }, 120_000);

  it("api-function with its gateway's throttle below the clients' rate: the gateway's own 429s (no hop) at a scrubbed t equal a run that ends at t", () => {
    const doc = template('api-function');
    // 20 requests a second against a limit of 16 with a burst of 20: some 429s all run long.
    doc.nodes.find((n: { id: string }) => n.id === 'api').params.throttle = { ratePerSecond: 16, burst: 20 };
    doc.settings.durationSeconds = 240;
    const options = classroomRunOptions(doc);
    expect(options.traceSampleRate, 'the replay samples this run').toBeLessThan(1);
    const data = replayData(simulate(doc, options), doc);
    const seen: number[] = [];
    for (const t of [31.7, 118.43, 227.09]) {
      const truth = metricsOf(simulate(doc, { durationSeconds: t }), 'api').throttled;
      const at = nodeFiguresAt(data, 'api', 'apiGateway', t * 1000)!;
      expect(at.values.throttled, `api.throttled at ${t} s`).toBe(truth);
      expect(at.approx.has('throttled'), 'exact, not estimated').toBe(false);
      const c = counterAtT(data, 'nodes.api.metrics.throttled', t * 1000);
      expect(c.notAtT).toBeUndefined();
      expect(c.value, `the lesson counter at ${t} s`).toBe(truth);
      seen.push(truth);
    }
    // It throttled, more as time went on (a check that cannot pass on 0 or a constant).
    expect(seen[0]).toBeGreaterThan(0);
    expect(seen[2]).toBeGreaterThan(seen[1]);
  }, 60_000);

  it('a counter past its share of the recording is left off, not frozen at its last record', () => {
    const doc = template('limits-timeout-concurrency');
    // A recording of 2,000 bytes a part: the users' requests fill their half early.
    const data = replayData(simulate(doc, { ...classroomRunOptions(doc), record: 2000 }), doc);
    const users = data.result.recording!.nodes.find((n) => n.id === 'users')!;
    const cut = users.countersTruncatedAtMs![users.counters!.indexOf('requests')]!;
    expect(cut).toBeGreaterThan(0);
    const before = nodeFiguresAt(data, 'users', 'producer', cut - 1)!;
    const upTo = simulate(doc, { durationSeconds: (cut - 1) / 1000 });
    expect(before.values.requests).toBe(metricsOf(upTo, 'users').requests);
    expect(nodeFiguresAt(data, 'users', 'producer', cut + 1)?.values.requests).toBeUndefined();
  }, 60_000);
});

describe('"≈" only on figures estimated from sampled requests', () => {
  it("a sampled run's recorded figures (a function's invocations, cold starts, errors, peak) are exact and not marked; traced counts are scaled and say why", () => {
    const doc = template('api-function');
    const options = classroomRunOptions(doc);
    expect(options.traceSampleRate, 'the replay samples this run').toBeLessThan(1);
    const data = replayData(simulate(doc, options), doc);
    expect(data.scale).toBeGreaterThan(1);
    for (const t of [4.25, 19.6, 241.05]) {
      const upTo = simulate(doc, { durationSeconds: t });
      const fn = nodeFiguresAt(data, 'handler', 'function', t * 1000)!;
      for (const k of ['invocations', 'coldStarts', 'errors', 'timeouts', 'maxConcurrency']) {
        expect(fn.values[k], `${k} at ${t} s`).toBe(metricsOf(upTo, 'handler')[k]);
        expect(fn.approx.has(k), `${k} is not marked ≈`).toBe(false);
      }
      const c = counterAtT(data, 'nodes.handler.metrics.invocations', t * 1000);
      expect(c.approx).toBe(false);
      expect(counterText(c)).not.toMatch(/≈/);
      // The API's requests come from the traced requests, 1 in `scale`: estimated, marked.
      const api = nodeFiguresAt(data, 'api', 'apiGateway', t * 1000)!;
      expect(api.approx.has('requests')).toBe(true);
      expect(api.exact).toBe(false);
      const total = counterAtT(data, 'totals.requests', t * 1000);
      expect(total.approx).toBe(true);
      expect(counterText(total)).toMatch(/^≈ /);
    }
    expect(approxReason(data.scale)).toContain(`1 request in ${Math.round(data.scale)}`);
  });
});
