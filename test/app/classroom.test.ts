import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/engine/simulate';
import { counterAt, counterAtT } from '../../src/app/classroom/counters';
import { exactAt, nodeFiguresAt } from '../../src/app/classroom/at-time';
import { chainPoint, edgePolyline, pointAt } from '../../src/app/classroom/geometry';
import { buildInternals, coldInitAt, functionAt } from '../../src/app/classroom/internals';
import { advance, clockText, stopAt } from '../../src/app/classroom/playback';
import { buildReplay, dotsAt, nextEvent, prevEvent, visitAt } from '../../src/app/classroom/replay';
import { momentUrl, parseMoment } from '../../src/app/classroom/share-moment';
import { layoutWaterfall, ticksThatFit } from '../../src/app/classroom/waterfall';
import { graphOf, replayData } from '../../src/app/classroom/replay-data';
import { decodeShare } from '../../src/app/persistence/share-link';
import { normalizeDoc } from '../../src/app/store/scenario-doc';
import { validateScenario } from '../../src/engine/scenario/validate';
import { badgesFor } from '../../src/app/canvas/run-badges';
import type { NodeKind } from '../../src/engine/kinds/vocabulary';
import { scenario } from '../engine/helpers';
import { insidesRoom } from '../../src/app/classroom/insides-room';
import { roomBelow } from '../../src/app/classroom/draw-internals';

const template = (name: string) =>
  JSON.parse(readFileSync(resolve(import.meta.dirname, `../../src/templates/${name}.json`), 'utf8'));

function runOf(name: string, durationSeconds?: number) {
  const doc = template(name);
  if (durationSeconds) doc.settings.durationSeconds = durationSeconds;
  const result = simulate(doc, { series: true, traceSampleRate: 1, maxTraces: 2000, record: true });
  const g = graphOf(doc);
  return { doc, result, replay: buildReplay(result, g), internals: buildInternals(result.recording) };
}

describe('replay: the state at time t', () => {
  const { result, replay } = runOf('api-function', 30);

  it('has one visit per hop, the API visit the parent of the function call', () => {
    const [a, b] = replay.visitsOf[0];
    const vs = replay.visits.slice(a, b);
    expect(vs.map((v) => v.node)).toEqual(['api', 'handler']);
    expect(vs[1].parent).toBe(0);
    expect(vs[1].sync).toBe(true);
    // The client waits: the API's answer travels back to the producer.
    expect(vs[0].legOut?.edges).toEqual(['e1']);
    expect(vs[0].legOut?.reverse).toEqual([true]);
  });

  it('is a pure function of t: the same t gives the same dots, whatever came before', () => {
    const v = replay.visits[50];
    const t = (v.showMs + v.hideMs) / 2;
    const direct = dotsAt(replay, t);
    // Visit other times first ("scrub" around), then come back.
    for (const x of [29_000, 0, 5_000, 20_000]) dotsAt(replay, x);
    expect(dotsAt(replay, t)).toEqual(direct);
    expect(direct.length).toBeGreaterThan(0);
  });

  it('finds the dots at t through its index exactly as a look at every visit does', () => {
    for (let t = 0; t <= 30_000; t += 137.5) {
      const all = replay.visits.flatMap((v, i) => visitAt(v, i, t) ?? []);
      expect(dotsAt(replay, t)).toEqual(all);
    }
    // A long visit (longer than 95 % of them) is found in the middle of its stay as well.
    const long = replay.visits.reduce((a, v) => (v.hideMs - v.showMs > a.hideMs - a.showMs ? v : a));
    const mid = (long.showMs + long.hideMs) / 2;
    expect(dotsAt(replay, mid).some((d) => d.visit === replay.visits.indexOf(long))).toBe(true);
  });

  it('moves a dot along the edge into the node, then keeps it at the node', () => {
    const v = replay.visits.find((x) => x.node === 'handler' && x.legIn)!;
    const during = dotsAt(replay, (v.legIn!.t0 + v.legIn!.t1) / 2).find(
      (d) => d.visit === replay.visits.indexOf(v),
    )!;
    expect(during.place.at).toBe('edges');
    const after = dotsAt(replay, (v.arriveMs + v.endMs) / 2).find(
      (d) => d.visit === replay.visits.indexOf(v),
    )!;
    expect(after.place).toMatchObject({ at: 'node', node: 'handler' });
  });

  it('marks cold starts: the first requests are cold, shown as cold dots at the function', () => {
    const cold = replay.visits.find((v) => v.cold)!;
    expect(cold).toBeDefined();
    const d = dotsAt(replay, (cold.arriveMs + cold.endMs) / 2).find(
      (x) => x.visit === replay.visits.indexOf(cold),
    )!;
    expect(d.style).toBe('cold');
  });

  it('steps from recorded moment to recorded moment, forwards and back to the same place', () => {
    const t1 = nextEvent(replay, 1000);
    const t2 = nextEvent(replay, t1);
    expect(t1).toBeGreaterThan(1000);
    expect(t2).toBeGreaterThan(t1);
    expect(prevEvent(replay, t2)).toBe(t1);
    // A lesson stop is a moment too.
    expect(nextEvent(replay, 1000, [1000.5])).toBe(1000.5);
    expect(result.traces.length).toBeGreaterThan(100);
  });
});

describe('playback', () => {
  it('advances by real time × speed and stops exactly on a pause point', () => {
    expect(advance(1000, 16, 2, [], 60_000)).toEqual({ timeMs: 1032, stop: null, ended: false });
    expect(advance(1000, 100, 100, [5000, 9000], 60_000)).toEqual({ timeMs: 5000, stop: 0, ended: false });
    // From the stop itself playback goes on past it.
    expect(advance(5000, 10, 1, [5000], 60_000).stop).toBeNull();
    expect(advance(59_990, 100, 1, [], 60_000)).toEqual({ timeMs: 60_000, stop: null, ended: true });
    expect(stopAt(5000, [1000, 5000])).toBe(1);
  });

  it('formats the clock', () => {
    expect(clockText(4200)).toBe('4.20 s');
    expect(clockText(42_000)).toBe('42.0 s');
    expect(clockText(185_200)).toBe('3:05.2');
  });

  it('playing in many small frames lands where one scrub does', () => {
    const { replay } = runOf('api-function', 20);
    let t = 0;
    for (let i = 0; i < 300; i++) t = advance(t, 16.6667, 0.5, [], replay.durationMs).timeMs;
    expect(t).toBeCloseTo(300 * 16.6667 * 0.5, 6);
    // Landing on t by playing or by a jump from the end gives the same picture.
    const played = dotsAt(replay, t);
    dotsAt(replay, replay.durationMs);
    expect(dotsAt(replay, t)).toEqual(played);
    expect(played.length).toBeGreaterThan(0);
  });
});

describe('function internals from the recording', () => {
  const { internals, result } = runOf('cold-starts-keep-alive');
  const tl = internals.functions.get('fn')!;

  it('has environments busy during a burst and none after the keep-alive', () => {
    const during = functionAt(tl, 30_000);
    expect(during.envs.length).toBeGreaterThan(0);
    expect(during.limit).toBe(1000);
    // The first burst ends at 60 s; keep-alive 300 s: all gone by 360 s, before the second at 420 s.
    expect(functionAt(tl, 400_000).envs).toEqual([]);
    // 30 s after the second burst ends they are idle, draining their keep-alive.
    const idle = functionAt(tl, 510_000).envs;
    expect(idle.length).toBeGreaterThan(0);
    expect(idle.every((e) => e.phase === 'idle' && e.keepAliveLeft! > 0 && e.keepAliveLeft! < 1)).toBe(true);
  });

  it("knows each cold start's INIT time, as the waterfall shows it", () => {
    const g = graphOf(template('cold-starts-keep-alive'));
    const replay = buildReplay(result, g);
    const cold = replay.visits.find((v) => v.cold)!;
    const init = coldInitAt(internals, 'fn', cold.startMs);
    expect(init).toBeGreaterThan(50);
    const wf = layoutWaterfall(
      replay,
      cold.trace,
      (id) => id.toUpperCase(),
      (n, t) => coldInitAt(internals, n, t),
    );
    const row = wf.rows.find((r) => r.node === 'fn')!;
    expect(row.cold).toBe(true);
    expect(row.initMs).toBe(init);
    expect(row.initW! * wf.totalMs).toBeCloseTo(init!, 6);
    expect(row.label).toBe('FN');
  });
});

describe('waterfall layout', () => {
  it('lays out hops as fractions of the trace, nested under the synchronous caller', () => {
    const { replay } = runOf('api-function', 10);
    const wf = layoutWaterfall(replay, 0, (id) => id);
    expect(wf.rows.map((r) => [r.node, r.depth])).toEqual([
      ['api', 0],
      ['handler', 1],
    ]);
    for (const r of wf.rows) {
      expect(r.x).toBeGreaterThanOrEqual(0);
      expect(r.x + r.w).toBeLessThanOrEqual(1 + 1e-9);
    }
    expect(wf.ticks[0]).toBe(0);
  });

  it('shows retries and the wait before them', () => {
    const { replay } = runOf('sync-vs-async', 300);
    const i = replay.traces.findIndex((t) => t.hops.some((h) => (h.retry ?? 0) > 0));
    expect(i).toBeGreaterThanOrEqual(0);
    const wf = layoutWaterfall(replay, i, (id) => id);
    const retry = wf.rows.find((r) => r.retry > 0)!;
    // Lambda waits about a minute before the first retry of an async event.
    expect(retry.waitMs).toBeGreaterThan(30_000);
    const dots = dotsAt(replay, replay.visits.find((v) => v.retry > 0 && v.trace === i)!.startMs + 1);
    expect(dots.some((d) => d.trace === i && d.style === 'retry')).toBe(true);
  });
});

describe('waterfall time axis', () => {
  const ticks = [0, 200, 400, 600];
  it('keeps every tick where the track has room for them', () => {
    // 682 ms on 600 px: 200 ms is 176 px apart.
    expect(ticksThatFit(ticks, 682, 600, 72)).toEqual(ticks);
  });
  it('keeps every second tick on a narrow track (the service map side panel)', () => {
    // On 150 px a 200 ms step is 44 px: two steps (88 px) clear a 72 px label.
    expect(ticksThatFit(ticks, 682, 150, 72)).toEqual([0, 400]);
  });
  it('keeps only 0 when no two labels fit, and every tick before the track is measured', () => {
    expect(ticksThatFit(ticks, 682, 50, 72)).toEqual([0]);
    expect(ticksThatFit(ticks, 682, 0, 72)).toEqual(ticks);
  });
});

describe('geometry', () => {
  it('follows the edge bezier from handle to handle', () => {
    const line = edgePolyline({ x: 0, y: 0 }, { x: 200, y: 100 });
    expect(pointAt(line, 0)).toEqual({ x: 0, y: 0 });
    const end = pointAt(line, 1);
    expect(end.x).toBeCloseTo(200);
    expect(end.y).toBeCloseTo(100);
    const mid = chainPoint([line], [true], 0.25)!;
    expect(mid.x).toBeGreaterThan(100);
  });
});

describe('lessons', () => {
  it('every lesson in the templates validates and its counters name real metrics', () => {
    const names = readdirSync(resolve(import.meta.dirname, '../../src/templates'))
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.replace(/\.json$/, ''));
    const withLesson = names.filter((n) => template(n).lesson);
    expect(withLesson.length).toBeGreaterThanOrEqual(13);
    for (const name of withLesson) {
      const doc = template(name);
      const v = validateScenario(doc);
      expect(v.ok, name).toBe(true);
      expect(doc.lesson.steps.length, name).toBeGreaterThan(0);
      const result = simulate(doc, { series: true });
      for (const path of doc.lesson.counters as string[]) {
        const parts = path.split('.');
        if (parts[0] === 'nodes')
          expect(result.nodes[parts[1]]?.metrics[parts[3]], `${name}: ${path}`).toBeDefined();
        const c = counterAt(result, path, result.simulatedSeconds * 1000);
        expect(Number.isFinite(c.value)).toBe(true);
      }
    }
  }, 300_000);

  it('refuses a lesson with a bad counter path or steps out of order', () => {
    const doc = template('api-function');
    doc.lesson.counters = ['nodes.handler.coldStarts'];
    doc.lesson.steps = [doc.lesson.steps[1], doc.lesson.steps[0]];
    const v = validateScenario(doc);
    expect(v.ok).toBe(false);
    if (!v.ok)
      expect(v.errors.map((e) => e.path)).toEqual(
        expect.arrayContaining(['lesson.counters[0]', 'lesson.steps']),
      );
  });

  it('counts up with time where a series exists', () => {
    const { result } = runOf('cold-starts-keep-alive');
    const early = counterAt(result, 'nodes.fn.metrics.invocations', 30_000);
    const late = counterAt(result, 'nodes.fn.metrics.invocations', 720_000);
    expect(early.atEnd).toBe(false);
    expect(early.value).toBeLessThan(late.value);
    expect(late.value).toBe(result.nodes.fn.metrics.invocations);
    expect(counterAt(result, 'totals.completed', 0).atEnd).toBe(true);
  });
});

describe('share link to a moment', () => {
  it('carries the scenario, the time and the lesson; the scenario part still decodes', () => {
    const doc = normalizeDoc(template('api-function'));
    const url = momentUrl(
      doc,
      { timeMs: 42_000, lesson: true, speed: 0.5 },
      { origin: 'https://x.test', pathname: '/' },
    );
    const hash = url.slice(url.indexOf('#'));
    expect(parseMoment(hash)).toEqual({ timeMs: 42_000, lesson: true, speed: 0.5 });
    const decoded = decodeShare(hash);
    expect(decoded?.ok && (decoded.json as { lesson: { title: string } }).lesson.title).toBe(
      template('api-function').lesson.title,
    );
    expect(parseMoment('#s=abc')).toBeNull();
  });
});

describe('the engine recording for the replay', () => {
  it('changes nothing in the run, and stops at its limit saying so', () => {
    const doc = template('api-function');
    doc.settings.durationSeconds = 60;
    const plain = simulate(doc, { series: true });
    const recorded = simulate(doc, { series: true, record: true, traceSampleRate: 1, maxTraces: 100 });
    expect(recorded.totals).toEqual(plain.totals);
    expect(recorded.nodes).toEqual(plain.nodes);
    expect(plain.recording).toBeUndefined();
    // A limit of 2,000 bytes a part: the environments' part fills and stops, within it.
    const small = simulate(doc, { record: 2000 });
    expect(small.recording!.partBytes[0]).toBeLessThanOrEqual(2000);
    expect(small.recording!.count).toBeGreaterThan(100);
    expect(small.recording!.truncatedAtMs).toBeGreaterThan(0);
    expect(small.warnings.some((w) => w.includes('replay recording stopped'))).toBe(true);
    expect(buildInternals(small.recording).truncatedAtMs).toBe(small.recording!.truncatedAtMs);
  });
});

describe('big counters from the recording', () => {
  it('count invocations and cold starts up to t exactly (as a run that ends at t does)', () => {
    const doc = JSON.parse(
      readFileSync(resolve(import.meta.dirname, '../../src/templates/api-function.json'), 'utf8'),
    );
    const full = simulate(doc, { durationSeconds: 30, record: true, series: true });
    for (const t of [0.32, 1.7, 12.25]) {
      const upTo = simulate(doc, { durationSeconds: t });
      for (const metric of ['invocations', 'coldStarts']) {
        const c = counterAt(full, `nodes.handler.metrics.${metric}`, t * 1000);
        expect(c.atEnd).toBe(false);
        expect(c.value, `${metric} at ${t} s`).toBe(
          (upTo.nodes.handler.metrics as Record<string, number>)[metric],
        );
      }
    }
  });
});

describe('everything on screen at time t', () => {
  it('badges and counters at a scrubbed t equal those of a run that ends at t', () => {
    const doc = template('api-function');
    doc.settings.durationSeconds = 30;
    const full = simulate(doc, { series: true, traceSampleRate: 1, maxTraces: 2000, record: true });
    const data = replayData(full, doc);
    expect(exactAt(data)).toBe(true);
    // Not in the last second: a hop is traced when it ends, so one still going when the run
    // stops is not in the trace (the run that ends at t counts its arrival).
    for (const t of [0.32, 1.7, 12.25, 28.9]) {
      const upTo = simulate(doc, { durationSeconds: t });
      const m = (id: string) => upTo.nodes[id].metrics as Record<string, number>;
      const api = nodeFiguresAt(data, 'api', 'apiGateway', t * 1000)!;
      const fn = nodeFiguresAt(data, 'handler', 'function', t * 1000)!;
      const clients = nodeFiguresAt(data, 'clients', 'producer', t * 1000)!;
      expect(api.values.requests, `API requests at ${t} s`).toBe(m('api').requests);
      expect(fn.values.invocations, `invocations at ${t} s`).toBe(m('handler').invocations);
      expect(fn.values.coldStarts, `cold starts at ${t} s`).toBe(m('handler').coldStarts);
      expect(clients.values.requests, `sent at ${t} s`).toBe(m('clients').requests);
      expect(counterAtT(data, 'totals.requests', t * 1000).value).toBe(upTo.totals.requests);
      expect(counterAtT(data, 'totals.completed', t * 1000).value).toBe(upTo.totals.completed);
    }
    // At the end: the whole run's count, but for the requests still at the API when it stopped.
    const stillGoing = full.traces.filter((tr) => !tr.hops.some((h) => h.node === 'api')).length;
    expect(nodeFiguresAt(data, 'api', 'apiGateway', 30_000)!.values.requests + stillGoing).toBe(
      (full.nodes.api.metrics as Record<string, number>).requests,
    );
  });
});

describe('badges at t on the kinds that hold work', () => {
  it("queues (retries, a dead-letter queue), streams with two readers, batches that fail, a fleet: each badge is a run's that ends at t", () => {
    const fn = (meanMs: number, extra: Record<string, unknown> = {}) => ({
      coldStart: { dist: 'lognormal', meanMs: 200, p99Ms: 400 },
      duration: { dist: 'exponential', meanMs },
      ...extra,
    });
    const traffic = (r: number) => ({ traffic: { shape: 'poisson', ratePerSecond: r } });
    const doc = scenario(
      [
        { id: 'orders', kind: 'producer', params: traffic(8) },
        { id: 'queue', kind: 'queue', params: { visibilityTimeoutSeconds: 5, maxReceiveCount: 2 } },
        { id: 'dlq', kind: 'queue' },
        // Batches of up to 5 that fail a third of the time, and time out now and then.
        { id: 'worker', kind: 'function', params: fn(400, { errorRate: 0.3, timeoutMs: 1200 }) },
        { id: 'clicks', kind: 'producer', params: traffic(8) },
        { id: 'stream', kind: 'stream', params: { shards: 2 } },
        { id: 'slow', kind: 'function', params: fn(600, { timeoutMs: 1500 }) },
        { id: 'fast', kind: 'function', params: fn(80) },
        { id: 'users', kind: 'producer', params: traffic(8) },
        { id: 'lb', kind: 'loadBalancer' },
        {
          id: 'web',
          kind: 'server',
          params: {
            instances: { min: 2, max: 3 },
            concurrencyPerInstance: 4,
            duration: { dist: 'exponential', meanMs: 300 },
          },
        },
      ],
      [
        { source: 'orders', target: 'queue' },
        { source: 'queue', target: 'worker', params: { batchSize: 5, maximumConcurrency: 2 } },
        { source: 'queue', target: 'dlq', role: 'dlq' },
        { source: 'clicks', target: 'stream' },
        { source: 'stream', target: 'slow', params: { batchSize: 5 } },
        { source: 'stream', target: 'fast', params: { batchSize: 20, parallelizationFactor: 2 } },
        { source: 'users', target: 'lb' },
        { source: 'lb', target: 'web' },
      ],
      { durationSeconds: 60, seed: 4 },
    );
    const full = simulate(doc, { series: true, traceSampleRate: 1, maxTraces: 2000, record: true });
    const data = replayData(full, doc);
    expect(exactAt(data)).toBe(true);
    // The scenario does what the test is about: messages received again, dead letters, failed
    // batches, both readers of the stream at work.
    const m = (r: typeof full, id: string) => r.nodes[id].metrics as Record<string, number>;
    expect(full.traces.some((tr) => tr.hops.filter((h) => h.node === 'queue').length > 1)).toBe(true);
    expect(m(full, 'queue').deadLettered).toBeGreaterThan(0);
    expect(m(full, 'worker').errors).toBeGreaterThan(0);
    expect(m(full, 'worker').timeouts).toBeGreaterThan(0);
    expect(m(full, 'slow').timeouts).toBeGreaterThan(0);
    expect(m(full, 'web').maxInstances).toBeGreaterThan(1);
    let compared = 0;
    for (const t of [14.3, 31.7, 52.05]) {
      const upTo = simulate(doc, { durationSeconds: t });
      for (const n of doc.nodes) {
        const at = nodeFiguresAt(data, n.id, n.kind as NodeKind, t * 1000);
        if (!at) continue;
        const truth = m(upTo, n.id);
        for (const [k, v] of Object.entries(at.values)) {
          // Counted from hops: a message or record still waiting to be read at the very end of
          // the whole run has no hop; none is at these instants.
          expect(v, `${n.id}.${k} at ${t} s`).toBe(truth[k]);
          compared++;
        }
        // What the node shows is the badges of the run that ends at t, less those not counted
        // at t (utilisation, idle capacity).
        const shown = badgesFor(n.kind as NodeKind, at.values).map((b) => b.text);
        const whole = badgesFor(n.kind as NodeKind, truth).map((b) => b.text);
        for (const b of shown) expect(whole, `${n.id} at ${t} s`).toContain(b);
      }
    }
    expect(compared).toBeGreaterThan(40);
    // The peaks are among them: the most messages that waited, the most instances.
    expect(nodeFiguresAt(data, 'queue', 'queue', 52_050)!.values.maxDepth).toBeGreaterThan(0);
    expect(nodeFiguresAt(data, 'web', 'server', 52_050)!.values.maxInstances).toBeGreaterThan(1);
  });
});

describe('room under the diagram for the insides, in presentation mode', () => {
  it("is a function's 160 px, more for a stream's four shards, and at most 30 % of the window", () => {
    const fn = runOf('api-function', 30).internals;
    expect(insidesRoom(fn, 1080)).toBe(160);
    const poison = template('kinesis-poison-record');
    poison.settings.durationSeconds = 120;
    const shards = buildInternals(simulate(poison, { record: true }).recording);
    // One reader, four shards: a line and a bar each (39 px), a "failed batch held" line, a margin.
    expect(insidesRoom(shards, 1080)).toBe(4 * 39 + 26 + 12);
    expect(insidesRoom(shards, 600)).toBe(180);
  });
});

describe('insides under a node stop above the node below', () => {
  const box = (x: number, y: number, w = 200, h = 100) => ({ x, y, w, h });
  it('whole lines down to the node below, never past its top, and no limit with nothing below', () => {
    const a = box(0, 0);
    const far = box(0, 300);
    // 198 below a: six whole 32-unit lines and a margin (6 × 32 + 6 = 198).
    expect(
      roomBelow(
        a,
        new Map([
          ['a', a],
          ['b', far],
        ]),
        30,
      ),
    ).toBe(198);
    // Stacked 10 apart (the container templates): less than a line, so nothing, where a whole
    // line used to be drawn into the next node.
    const near = box(20, 110);
    expect(
      roomBelow(
        a,
        new Map([
          ['a', a],
          ['b', near],
        ]),
        30,
      ),
    ).toBe(0);
    // Just over a line: one line.
    expect(
      roomBelow(
        a,
        new Map([
          ['a', a],
          ['b', box(0, 136)],
        ]),
        30,
      ),
    ).toBe(32);
    // Touching: nothing.
    expect(
      roomBelow(
        a,
        new Map([
          ['a', a],
          ['b', box(0, 100)],
        ]),
        30,
      ),
    ).toBe(0);
    // A node beside, not below, or none at all: no limit.
    expect(
      roomBelow(
        a,
        new Map([
          ['a', a],
          ['b', box(600, 110)],
        ]),
        30,
      ),
    ).toBeNull();
  });
});
