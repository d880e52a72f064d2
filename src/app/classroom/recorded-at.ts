import {
  REC_COUNT,
  REC_COUNT_WARMUP,
  REC_LEVEL,
  recordingColumns,
  type Recording,
  type RecordingNode,
} from '../../engine/sim/recorder';
import { KINDS } from '../../engine/kinds/registry';
import type { RecordedAtT } from '../../engine/kinds/catalog-types';
import type { NodeKind } from '../../engine/kinds/names';
import { round6 } from '../../engine/metrics/series';
import { countAtOrBefore } from './binary-search';
import { areaUpTo, meanOfUpTo, peakFrom, peakUpTo, trackKey, type NodeTracks } from './internals';
import type { ReplayData } from './replay-data';

/**
 * The figures a replay reads at t from the run's recording, as each kind's catalog declares
 * them (MetricInfo.recorded): exact, sampled run or not, each the figure a run that ends at t
 * reports. No kind is named here, so a new kind's recorded figures need no line in this file.
 */

/** A figure at t (ms), or undefined where the recording stopped before t (its part's cap). */
export type Reading = (t: number) => number | undefined;

/** Per node, what its catalog reads from the recording: metric and descriptor. */
function declaredFor(node: RecordingNode): [string, RecordedAtT][] {
  if (!Object.hasOwn(KINDS, node.kind)) return [];
  return Object.entries(KINDS[node.kind as NodeKind].metrics).flatMap(([m, info]) => {
    const how = info.recorded;
    if (how === undefined) return [];
    if (how !== 'increments' && how.when && !how.when(node)) return [];
    return [[m, how] as [string, RecordedAtT]];
  });
}

/** The record codes a descriptor counts one by one (the others read levels or counters). */
function codesOf(how: RecordedAtT): number[] {
  if (how === 'increments') return [];
  if ('records' in how) return [how.records];
  if ('mostAtOnce' in how) return [how.mostAtOnce.up, how.mostAtOnce.down];
  return [];
}

/** When the part of the recording that holds records of this code stopped (Infinity: it did not). */
function cutAt(rec: Recording, code: number): number {
  const at =
    code < REC_LEVEL
      ? rec.truncatedAtMs
      : code < REC_COUNT
        ? rec.insidesTruncatedAtMs
        : rec.countsTruncatedAtMs;
  return at ?? Infinity;
}

/** One node's records of the codes its readings count, in the order they were made. */
interface Records {
  t: number[];
  code: number[];
  v: number[];
}

/** A counter's increments (REC_COUNT): times, and the counts so far measured from the warm-up's end and from 0. */
interface Increments {
  t: number[];
  measured: number[];
  all: number[];
}

/** Node id → metric → its reading, for every figure the catalogs declare as recorded. */
export function recordedReadings(data: ReplayData): Map<string, Map<string, Reading>> {
  const out = new Map<string, Map<string, Reading>>();
  const rec = data.result.recording;
  if (!rec) return out;
  const declared = rec.nodes.map(declaredFor);
  const codes = declared.map((ds) => new Set(ds.flatMap(([, how]) => codesOf(how))));
  const records: Records[] = rec.nodes.map(() => ({ t: [], code: [], v: [] }));
  const increments: Map<number, Increments>[] = rec.nodes.map(() => new Map());
  const rc = recordingColumns(rec);
  for (let i = 0; i < rc.t.length; i++) {
    const node = rc.node[i];
    const code = rc.code[i];
    if (code === REC_COUNT || code === REC_COUNT_WARMUP) {
      let c = increments[node].get(rc.a[i]);
      if (!c) increments[node].set(rc.a[i], (c = { t: [], measured: [], all: [] }));
      const k = c.t.length;
      c.t.push(rc.t[i]);
      c.all.push((k > 0 ? c.all[k - 1] : 0) + rc.v[i]);
      c.measured.push((k > 0 ? c.measured[k - 1] : 0) + (code === REC_COUNT ? rc.v[i] : 0));
    } else if (codes[node].has(code)) {
      const r = records[node];
      r.t.push(rc.t[i]);
      r.code.push(code);
      r.v.push(rc.v[i]);
    }
  }
  rec.nodes.forEach((node, k) => {
    const readings = new Map<string, Reading>();
    const insides = data.internals.others.get(node.id);
    for (const [metric, how] of declared[k]) {
      const read =
        how === 'increments'
          ? incrementsReading(data, rec, node, metric, increments[k])
          : 'records' in how || 'mostAtOnce' in how
            ? recordsReading(data, rec, how, records[k])
            : insides && levelsReading(data, rec, how, insides);
      if (read) readings.set(metric, read);
    }
    if (readings.size > 0) out.set(node.id, readings);
  });
  return out;
}

/** A counter the runtime recorded increment by increment; none when this run did not record it. */
function incrementsReading(
  data: ReplayData,
  rec: Recording,
  node: RecordingNode,
  metric: string,
  byIndex: Map<number, Increments>,
): Reading | undefined {
  const k = node.counters?.indexOf(metric) ?? -1;
  // Not recorded in this run (a source's requests when it is the only source: the traces count them).
  if (k < 0) return undefined;
  const c = byIndex.get(k) ?? { t: [], measured: [], all: [] };
  const until = Math.min(node.countersTruncatedAtMs?.[k] ?? Infinity, cutAt(rec, REC_COUNT));
  const times = Float64Array.from(c.t);
  return (t) => {
    if (t > until) return undefined;
    const n = countAtOrBefore(times, t);
    if (n === 0) return 0;
    // Six decimals, as the engine reports a figure made of fractions (a table's reads per write).
    return round6(t > data.measureFromMs && data.measureFromMs > 0 ? c.measured[n - 1] : c.all[n - 1]);
  };
}

/** Records counted one by one: how many (of one value), or the most at once of a count they raise and lower. */
function recordsReading(
  data: ReplayData,
  rec: Recording,
  how: Extract<RecordedAtT, { records: number } | { mostAtOnce: unknown }>,
  r: Records,
): Reading {
  if ('records' in how) {
    const want = how.value;
    const times: number[] = [];
    for (let i = 0; i < r.t.length; i++)
      if (
        r.code[i] === how.records &&
        (want === undefined || (want === 'positive' ? r.v[i] > 0 : r.v[i] === want))
      )
        times.push(r.t[i]);
    const sorted = Float64Array.from(times).sort();
    const until = cutAt(rec, how.records);
    return (t) => (t > until ? undefined : inWindow(data, sorted, t));
  }
  const { up, down } = how.mostAtOnce;
  // The count after each record, in the order they were made (the engine's level changes once per record).
  const at: number[] = [];
  const now: number[] = [];
  let n = 0;
  for (let i = 0; i < r.t.length; i++) {
    if (r.code[i] !== up && r.code[i] !== down) continue;
    n += r.code[i] === up ? 1 : -1;
    at.push(r.t[i]);
    now.push(n);
  }
  const until = Math.min(cutAt(rec, up), cutAt(rec, down));
  const most = windowed(data, (from) => peakFrom(at, now, now, from));
  return (t) => (t > until ? undefined : most(t));
}

/** Figures of recorded levels (LVL_*): a peak, a time mean of a value of them, a value of their means. */
function levelsReading(
  data: ReplayData,
  rec: Recording,
  how: Extract<RecordedAtT, { peak: unknown } | { meanOf: unknown } | { ofMeans: unknown }>,
  nt: NodeTracks,
): Reading {
  const until = cutAt(rec, REC_LEVEL);
  let figure: Reading;
  if ('peak' in how) {
    const levels = how.peak;
    figure = windowed(data, (from) => peakUpTo(nt, levels, from));
  } else if ('meanOf' in how) {
    const { meanOf, value } = how;
    figure = windowed(data, (from) => meanOfUpTo(nt, meanOf, value, from));
  } else {
    const { ofMeans, value } = how;
    figure = windowed(data, (from) => {
      const areas = ofMeans.map((l) => areaUpTo(nt.tracks.get(trackKey(REC_LEVEL, l)), from));
      return (t) => {
        const span = t - from;
        return round6(
          value(
            areas.map((area) => (span > 0 ? area(t) / span : 0)),
            nt.info,
          ),
        );
      };
    });
  }
  return (t) => (t > until ? undefined : figure(t));
}

/**
 * A figure over the measured window of a run that ends at t: from the warm-up's end when t is
 * past it, else from 0 (a run no longer than its warm-up measures from the start, simulate.ts).
 */
function windowed(data: ReplayData, build: (fromMs: number) => Reading): Reading {
  const whole = build(0);
  const after = data.measureFromMs > 0 ? build(data.measureFromMs) : whole;
  return (t) => (t > data.measureFromMs ? after(t) : whole(t));
}

/**
 * How many of the sorted times a run that ends at t counts: those in its measured window (after
 * the warm-up when t is past it; from 0 when it is not, simulate.ts).
 */
export function inWindow(data: ReplayData, times: Float64Array | undefined, t: number): number {
  const from = data.measureFromMs;
  return t > from && from > 0
    ? countAtOrBefore(times, t) - countAtOrBefore(times, from)
    : countAtOrBefore(times, t);
}
