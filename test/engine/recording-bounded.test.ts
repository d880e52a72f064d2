import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/engine/simulate';
import { classroomRunOptions } from '../../src/app/classroom/run-options';
import {
  DEFAULT_RECORD_LIMIT,
  MAX_RECORD_BYTES,
  REC_COUNT,
  REC_COUNT_WARMUP,
  REC_ENV_BUSY,
  REC_ENV_GONE,
  REC_LANE_RECORDS,
  REC_LEVEL,
  Recorder,
  recordingColumns,
  type RecordColumns,
} from '../../src/engine/sim/recorder';

const dir = resolve(import.meta.dirname, '../../src/templates');
const templates = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => ({ name: f.replace(/\.json$/, ''), doc: JSON.parse(readFileSync(join(dir, f), 'utf8')) }));

/**
 * The replay's recording must cover a shipped template's whole run within its stated bound:
 * before the compact encoding the ECS-on-EC2 template's insides stopped at about 1,317 s of its
 * 2,400 s and the Kinesis ones after minutes of hours.
 */
describe('every shipped template is recorded whole, within the stated bound', () => {
  it('there are 24 templates or more', () => expect(templates.length).toBeGreaterThanOrEqual(24));
  for (const { name, doc } of templates)
    it(
      name,
      () => {
        const r = simulate(doc, classroomRunOptions(doc));
        const rec = r.recording!;
        const end = doc.settings.durationSeconds * 1000;
        // No part and no counter was cut short.
        expect(rec.truncatedAtMs, 'environments cut').toBeUndefined();
        expect(rec.insidesTruncatedAtMs, 'insides cut').toBeUndefined();
        expect(rec.countsTruncatedAtMs, 'counters cut').toBeUndefined();
        for (const n of rec.nodes)
          expect(n.countersTruncatedAtMs ?? [], `${n.id}'s counters cut`).not.toContain(expect.any(Number));
        expect(r.warnings.filter((w) => /replay/.test(w))).toEqual([]);
        // Within the bound: each part at most the limit, the whole at most three limits.
        expect(rec.limit).toBe(DEFAULT_RECORD_LIMIT);
        for (const part of rec.partBytes) expect(part).toBeLessThanOrEqual(DEFAULT_RECORD_LIMIT);
        expect(rec.bytes.byteLength).toBe(rec.partBytes[0] + rec.partBytes[1] + rec.partBytes[2]);
        const c = recordingColumns(rec);
        expect(c.t.length).toBe(rec.count);
        // No track stops early: every node with insides (but a dead-letter queue nobody reads,
        // which changes only when a message lands) has a change in the last 5 % of the run.
        const last = new Map<number, number>();
        for (let i = 0; i < c.t.length; i++)
          if (c.code[i] >= REC_LEVEL && c.code[i] < REC_COUNT) last.set(c.node[i], c.t[i]);
        for (const [k, t] of last) {
          const info = rec.nodes[k];
          if (info.kind === 'queue' && (info.readers?.length ?? 0) === 0) continue;
          expect(t, `${info.id}'s last change`).toBeGreaterThanOrEqual(end * 0.95);
        }
        // And the counts reach the run's own totals at its end: a function's invocations (its
        // environments taking calls after the warm-up), each recorded counter's increments.
        const from = (doc.settings.warmupSeconds ?? 0) * 1000;
        const measured = (i: number) => c.t[i] > from || from === 0 || end <= from;
        for (const [k, info] of rec.nodes.entries()) {
          const metrics = r.nodes[info.id]?.metrics as unknown as Record<string, number> | undefined;
          if (!metrics) continue;
          if (info.kind === 'function') {
            let calls = 0;
            for (let i = 0; i < c.t.length; i++)
              if (c.node[i] === k && c.code[i] === REC_ENV_BUSY && measured(i)) calls++;
            expect(calls, `${info.id}.invocations`).toBe(metrics.invocations);
          }
          for (const [j, metric] of (info.counters ?? []).entries()) {
            let sum = 0;
            for (let i = 0; i < c.t.length; i++)
              if (c.node[i] === k && c.a[i] === j && c.code[i] === REC_COUNT) sum += c.v[i];
            expect(Math.round(sum * 1e6) / 1e6, `${info.id}.${metric}`).toBe(metrics[metric]);
          }
        }
        console.log(
          `${name}: ${rec.count.toLocaleString('en-US')} changes in ${rec.bytes.byteLength.toLocaleString('en-US')} bytes (${(rec.bytes.byteLength / Math.max(1, rec.count)).toFixed(1)} a change)`,
        );
      },
      60_000,
    );
});

/**
 * A level's value at t, its highest value up to t, and the highest it held at instant t (the
 * value before t or any set at t), read the way the replay reads peaks.
 */
function valueAt(c: RecordColumns, node: number, code: number, a: number, t: number) {
  let v: number | undefined;
  let before = -Infinity;
  let at = -Infinity;
  let peak = -Infinity;
  for (let i = 0; i < c.t.length && c.t[i] <= t; i++)
    if (c.node[i] === node && c.code[i] === code && c.a[i] === a) {
      if (c.t[i] < t) before = c.v[i];
      else at = Math.max(at, c.hi[i], c.v[i]);
      v = c.v[i];
      peak = Math.max(peak, c.hi[i], c.v[i]);
    }
  return { v, peak, high: Math.max(before, at) };
}

/** The same from every call as made (the full record, nothing coalesced or left out). */
function naiveAt(calls: Call[], node: number, code: number, a: number, t: number) {
  const mine = calls
    .map((c, i) => ({ ...c, i }))
    .filter((c) => c.node === node && c.code === code && c.a === a && c.t <= t)
    .sort((x, y) => x.t - y.t || x.i - y.i);
  const before = mine.filter((c) => c.t < t).at(-1)?.v ?? -Infinity;
  return {
    v: mine.at(-1)?.v,
    peak: mine.reduce((m, c) => Math.max(m, c.v), -Infinity),
    high: mine.filter((c) => c.t === t).reduce((m, c) => Math.max(m, c.v), before),
  };
}

interface Call {
  t: number;
  node: number;
  code: number;
  a: number;
  v: number;
}

describe('the compact encoding gives the same value at any t as every change recorded', () => {
  // Times: mostly forward (some at the same instant, some a Poisson-like fraction, a few whole
  // or halves), now and then one made late for an earlier instant, as the engine does.
  const step = fc.oneof(
    fc.constant(0),
    fc.constant(0),
    fc.integer({ min: 1, max: 2000 }).map((n) => n / 2),
    fc.double({ min: 1e-9, max: 5000, noNaN: true }),
    fc.double({ min: -300, max: -1e-6, noNaN: true }),
  );
  const call = fc.record({
    step,
    node: fc.integer({ min: 0, max: 1 }),
    code: fc.integer({ min: REC_LEVEL, max: REC_LANE_RECORDS }),
    a: fc.oneof(fc.integer({ min: 0, max: 1 }), fc.constant((1 << 20) * 3 + 7)),
    v: fc.oneof(
      fc.integer({ min: -1, max: 2 }),
      fc.integer({ min: -1, max: 2 }),
      fc.integer({ min: 0, max: 2 ** 40 }),
      fc.double({ min: -1e9, max: 1e12, noNaN: true, noDefaultInfinity: true }),
    ),
  });
  it('for levels set any way (same value again, same instant, out of order, fractions, negatives)', () => {
    fc.assert(
      fc.property(
        fc.array(call, { minLength: 1, maxLength: 60 }),
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        (raw, start) => {
          const rec = new Recorder(1 << 30);
          const calls: Call[] = [];
          let t = start;
          for (const c of raw) {
            t = Math.max(0, t + c.step);
            const made = { t, node: c.node, code: c.code, a: c.a, v: c.v };
            calls.push(made);
            rec.add(made.t, made.node, made.code, made.a, made.v);
            // A record made late keeps the clock where it was (the engine's lazy reclaim).
            if (c.step < 0) t -= c.step;
          }
          const cols = recordingColumns(rec.toRecording());
          const keys = new Set(calls.map((c) => `${c.node},${c.code},${c.a}`));
          const times = [...new Set(calls.map((c) => c.t))];
          for (const probe of [...times, ...times.map((x) => x + 0.25), start - 1])
            for (const k of keys) {
              const [node, code, a] = k.split(',').map(Number);
              const got = valueAt(cols, node, code, a, probe);
              const want = naiveAt(calls, node, code, a, probe);
              expect(got.v, `${k} at ${probe}`).toBe(want.v);
              expect(got.peak, `${k}'s highest up to ${probe}`).toBe(want.peak);
              expect(got.high, `${k}'s highest at ${probe}`).toBe(want.high);
            }
        },
      ),
      { numRuns: 150 },
    );
  }, 60_000);

  it('for counters and environments: every increment and event kept, at its time', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            step: fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max: 100, noNaN: true })),
            env: fc.boolean(),
            n: fc.integer({ min: 1, max: 50 }),
            measured: fc.boolean(),
          }),
          { minLength: 1, maxLength: 150 },
        ),
        (raw) => {
          const rec = new Recorder(1 << 30);
          const node = rec.describe({ id: 'f', kind: 'function' });
          const handle = rec.counter('q', 'queue', 'sent');
          let t = 0;
          let envs = 0;
          const want: { t: number; n: number; measured: boolean }[] = [];
          const born: number[] = [];
          for (const c of raw) {
            t += c.step;
            if (c.env) {
              rec.add(t, node, REC_ENV_GONE, envs++, 0);
              born.push(t);
            } else {
              rec.count(t, handle, c.n, c.measured);
              want.push({ t, n: c.n, measured: c.measured });
            }
          }
          const r = rec.toRecording();
          const cols = recordingColumns(r);
          const q = r.nodes.findIndex((n) => n.id === 'q');
          for (const probe of [...want.map((w) => w.t), t + 1]) {
            for (const code of [REC_COUNT, REC_COUNT_WARMUP]) {
              let got = 0;
              for (let i = 0; i < cols.t.length; i++)
                if (cols.node[i] === q && cols.code[i] === code && cols.t[i] <= probe) got += cols.v[i];
              const sum = want
                .filter((w) => w.t <= probe && w.measured === (code === REC_COUNT))
                .reduce((s, w) => s + w.n, 0);
              expect(got, `count at ${probe}`).toBe(sum);
            }
          }
          const gone: number[] = [];
          for (let i = 0; i < cols.t.length; i++) if (cols.code[i] === REC_ENV_GONE) gone.push(cols.t[i]);
          expect(gone).toEqual(born);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('keeps every change of a level, coalescing only those at one instant', () => {
    const rec = new Recorder();
    const q = rec.describe({ id: 'q', kind: 'queue' });
    rec.add(10, q, REC_LEVEL, 0, 3);
    rec.add(20, q, REC_LEVEL, 0, 3); // unchanged: still a record
    rec.add(30, q, REC_LEVEL, 0, 5);
    rec.add(40, q, REC_LEVEL, 0, 3); // back to 3: a change
    rec.add(40.5, q, REC_LEVEL, 0, 7);
    rec.add(40.5, q, REC_LEVEL, 0, 2); // same instant: one record, its highest value 7
    const r = rec.toRecording();
    const c = recordingColumns(r);
    expect([...c.t]).toEqual([10, 20, 30, 40, 40.5]);
    expect([...c.v]).toEqual([3, 3, 5, 3, 2]);
    expect([...c.hi]).toEqual([3, 3, 5, 3, 7]);
    expect(valueAt(c, q, REC_LEVEL, 0, 45)).toEqual({ v: 2, peak: 7, high: 2 });
    expect(valueAt(c, q, REC_LEVEL, 0, 40.5).high).toBe(7);
    expect(valueAt(c, q, REC_LEVEL, 0, 35).v).toBe(5);
  });

  it('keeps each part within its limit and says when it stopped', () => {
    const limit = 40 * MAX_RECORD_BYTES;
    const rec = new Recorder(limit);
    const q = rec.describe({ id: 'q', kind: 'queue' });
    for (let i = 0; i < 1000; i++) rec.add(i * 1.37, q, REC_LEVEL, 0, i % 7);
    const r = rec.toRecording();
    expect(r.partBytes[1]).toBeLessThanOrEqual(limit);
    expect(r.count).toBeGreaterThanOrEqual(40);
    const c = recordingColumns(r);
    // Nothing after the cut, everything before it.
    expect(r.insidesTruncatedAtMs).toBeGreaterThan(c.t[c.t.length - 1]);
    expect(c.t.length).toBe(Math.round(r.insidesTruncatedAtMs! / 1.37));
  });
});
