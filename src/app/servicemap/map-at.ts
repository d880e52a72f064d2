import type { OutcomeClass } from '../../engine/kinds/catalog-types';
import { KINDS, type NodeKind } from '../../engine/kinds/registry';
import type { ReplayData } from '../classroom/replay-data';
import { countAtOrBefore } from '../classroom/binary-search';
import { edgeRates } from '../classroom/replay';
import type { MapEdge, MapNode, Outcomes, ServiceMap } from './map-data';

/**
 * The service map at a replay's time t, as X-Ray's console shows a chosen time range: each
 * node's figures over the last `windowMs` before t (less at the very start), read from the
 * sampled requests' hops. Rate: hops that started in the window (scaled up when the run was
 * sampled); latency (mean, p95) and outcome classes: hops that ended in it, each hop's time at
 * the node. Edges: legs that left along them in the window (the replay's own edge rates).
 */
export const MAP_WINDOW_MS = 10_000;

/**
 * X-Ray's class of a hop's outcome, as the catalog of the node's kind declares it
 * (kinds/<kind>/catalog.ts, `outcomes`); an outcome no catalog declares (none does, by
 * test/engine/kinds/catalog-agreement.test.ts) counts as OK.
 */
export function outcomeClassOf(kind: string, outcome: string): OutcomeClass {
  if (!Object.hasOwn(KINDS, kind)) return 'ok';
  const declared = KINDS[kind as NodeKind].outcomes;
  return Object.hasOwn(declared, outcome) ? declared[outcome] : 'ok';
}

interface HopIndex {
  /** Hop start times, sorted. */
  starts: Float64Array;
  /** Hops sorted by end time: their ends, durations and classes. */
  ends: Float64Array;
  durations: Float64Array;
  classes: (keyof Outcomes)[];
}

const cache = new WeakMap<ReplayData, Map<string, HopIndex>>();

function hopsByNode(data: ReplayData): Map<string, HopIndex> {
  const hit = cache.get(data);
  if (hit) return hit;
  const raw = new Map<
    string,
    { starts: number[]; hops: { end: number; ms: number; cls: keyof Outcomes }[] }
  >();
  for (const tr of data.result.traces)
    for (const h of tr.hops) {
      let n = raw.get(h.node);
      if (!n) raw.set(h.node, (n = { starts: [], hops: [] }));
      n.starts.push(h.startMs);
      n.hops.push({
        end: h.endMs,
        ms: h.endMs - h.startMs,
        cls: outcomeClassOf(data.kinds.get(h.node) ?? '', h.outcome),
      });
    }
  const out = new Map<string, HopIndex>();
  for (const [id, n] of raw) {
    n.hops.sort((a, b) => a.end - b.end);
    out.set(id, {
      starts: Float64Array.from(n.starts).sort(),
      ends: Float64Array.from(n.hops, (h) => h.end),
      durations: Float64Array.from(n.hops, (h) => h.ms),
      classes: n.hops.map((h) => h.cls),
    });
  }
  cache.set(data, out);
  return out;
}

/** The p-th percentile of a sample, nearest rank (the value below which p of it lies). */
export function nearestRank(sample: number[], p: number): number {
  const s = [...sample].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil(p * s.length) - 1)];
}

interface ScenarioLike {
  nodes?: { id: string; position?: { x: number; y: number } }[];
}

/** The map at t (ms): figures over (t − window, t], the window cut at 0 at the start of the run. */
export function serviceMapAt(
  data: ReplayData,
  scenario: unknown,
  t: number,
  windowMs = MAP_WINDOW_MS,
): ServiceMap {
  const span = Math.max(0, Math.min(windowMs, t));
  const from = t - span;
  const seconds = span / 1000;
  const hops = hopsByNode(data);
  const positions = new Map(((scenario ?? {}) as ScenarioLike).nodes?.map((n) => [n.id, n.position]) ?? []);
  const nodes: MapNode[] = Object.entries(data.result.nodes).map(([id, n], i) => {
    const ix = hops.get(id);
    const outcomes: Outcomes = { ok: 0, error: 0, throttle: 0, fault: 0 };
    let count = 0;
    const ms: number[] = [];
    if (ix && span > 0) {
      count = (countAtOrBefore(ix.starts, t) - countAtOrBefore(ix.starts, from)) * data.scale;
      for (let k = countAtOrBefore(ix.ends, from); k < ix.ends.length && ix.ends[k] <= t; k++) {
        outcomes[ix.classes[k]] += data.scale;
        ms.push(ix.durations[k]);
      }
    }
    const p = positions.get(id) ?? { x: i * 260, y: 0 };
    return {
      id,
      label: data.labels.get(id) ?? n.label ?? id,
      kind: n.kind,
      x: p.x,
      y: p.y,
      count,
      ratePerSecond: seconds > 0 ? count / seconds : 0,
      meanMs: ms.length ? ms.reduce((a, b) => a + b, 0) / ms.length : null,
      p95Ms: ms.length ? nearestRank(ms, 0.95) : null,
      outcomes,
    };
  });
  const rates = span > 0 ? edgeRates(data.replay, t, span, data.scale) : new Map<string, number>();
  const edges: MapEdge[] = Object.entries(data.result.edges ?? {}).map(([id, e]) => {
    const rate = rates.get(id) ?? 0;
    return { id, source: e.source, target: e.target, passed: rate * seconds, ratePerSecond: rate };
  });
  // A source (a producer, a schedule) is no hop of a trace: what it sent is what left along its connections.
  for (const n of nodes) {
    if (!(Object.hasOwn(KINDS, n.kind) && KINDS[n.kind as NodeKind].traits.source)) continue;
    n.ratePerSecond = edges.filter((e) => e.source === n.id).reduce((sum, e) => sum + e.ratePerSecond, 0);
    n.count = n.ratePerSecond * seconds;
    n.outcomes = { ok: n.count, error: 0, throttle: 0, fault: 0 };
  }
  return { nodes, edges, measuredSeconds: seconds };
}
