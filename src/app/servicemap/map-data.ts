import type { Result } from '../../engine/result';
import { KINDS, type NodeKind } from '../../engine/kinds/registry';
import type { Summary } from '../../engine/kinds/vocabulary';

/**
 * The service map of one run, as X-Ray's console draws it: each node with its request rate,
 * mean and p95 latency and its outcomes in X-Ray's four classes (OK; Error, a 4xx; Throttle,
 * a 429; Fault, a 5xx), each connection with its rate. Whole-run figures, over the measured
 * part of the run (after the warm-up), read from the result's own counters.
 */
export interface Outcomes {
  ok: number;
  error: number;
  throttle: number;
  fault: number;
}

export interface MapNode {
  id: string;
  label: string;
  kind: string;
  x: number;
  y: number;
  /** Requests, calls or messages it took in (its own counter, see figuresOf). */
  count: number;
  ratePerSecond: number;
  meanMs: number | null;
  p95Ms: number | null;
  outcomes: Outcomes;
}

export interface MapEdge {
  id: string;
  source: string;
  target: string;
  passed: number;
  ratePerSecond: number;
}

export interface ServiceMap {
  nodes: MapNode[];
  edges: MapEdge[];
  measuredSeconds: number;
}

type Metrics = Record<string, unknown>;
const num = (m: Metrics, k: string): number => (typeof m[k] === 'number' ? (m[k] as number) : 0);
const summary = (m: Metrics, k: string): Summary | null =>
  m[k] && typeof m[k] === 'object' ? (m[k] as Summary) : null;

interface Figures {
  count: number;
  outcomes: Outcomes;
  latency: Summary | null;
}

const clean = (o: Outcomes): Outcomes => ({
  ok: Math.max(0, o.ok),
  error: Math.max(0, o.error),
  throttle: Math.max(0, o.throttle),
  fault: Math.max(0, o.fault),
});

/**
 * A node's count, outcomes and latency from its metrics, as its kind's catalog says
 * (`serviceMap`: which counters are X-Ray's Errors, Throttles and Faults). A fault is never
 * counted above what the node took in. An unknown kind is drawn with no figures.
 */
export function figuresOf(kind: string, m: Metrics): Figures {
  if (!Object.hasOwn(KINDS, kind)) return { count: 0, outcomes: clean(ZERO), latency: null };
  const info = KINDS[kind as NodeKind].serviceMap;
  const sum = (names: readonly string[] | undefined) => (names ?? []).reduce((a, k) => a + num(m, k), 0);
  const count = sum(info.count);
  const error = sum(info.error);
  const throttle = sum(info.throttle);
  const fault = Math.min(count, sum(info.fault));
  const ok = info.ok ? sum(info.ok) : count - error - throttle - fault;
  return {
    count,
    outcomes: clean({ ok, error, throttle, fault }),
    latency: info.latency ? summary(m, info.latency) : null,
  };
}

const ZERO: Outcomes = { ok: 0, error: 0, throttle: 0, fault: 0 };

interface ScenarioLike {
  settings?: { warmupSeconds?: number };
  nodes?: { id: string; kind: string; label?: string; position?: { x: number; y: number } }[];
  edges?: { id: string; source: string; target: string }[];
}

/** The map of a result, with the diagram's positions (a row per node when a position is missing). */
export function serviceMapOf(result: Result, scenario: unknown): ServiceMap {
  const doc = (scenario ?? {}) as ScenarioLike;
  const warmup = Math.min(doc.settings?.warmupSeconds ?? 0, result.simulatedSeconds);
  const measuredSeconds = Math.max(1e-9, result.simulatedSeconds - warmup);
  const positions = new Map((doc.nodes ?? []).map((n) => [n.id, n.position]));
  const nodes: MapNode[] = Object.entries(result.nodes).map(([id, n], i) => {
    const f = figuresOf(n.kind, n.metrics as Metrics);
    const p = positions.get(id) ?? { x: i * 260, y: 0 };
    return {
      id,
      label: n.label || id,
      kind: n.kind,
      x: p.x,
      y: p.y,
      count: f.count,
      ratePerSecond: f.count / measuredSeconds,
      meanMs: f.latency && f.count > 0 ? f.latency.mean : null,
      p95Ms: f.latency && f.count > 0 ? f.latency.p95 : null,
      outcomes: f.outcomes,
    };
  });
  const edges: MapEdge[] = Object.entries(result.edges ?? {}).map(([id, e]) => ({
    id,
    source: e.source,
    target: e.target,
    passed: e.passed,
    ratePerSecond: e.passed / measuredSeconds,
  }));
  return { nodes, edges, measuredSeconds };
}

/** Outcome shares (0..1) in X-Ray's order; all zero when nothing happened. */
export function sharesOf(o: Outcomes): Outcomes {
  const total = o.ok + o.error + o.throttle + o.fault;
  if (total <= 0) return { ok: 0, error: 0, throttle: 0, fault: 0 };
  return { ok: o.ok / total, error: o.error / total, throttle: o.throttle / total, fault: o.fault / total };
}

export interface SlowTrace {
  trace: number;
  startMs: number;
  hopMs: number;
  totalMs: number;
  outcome: string;
}

/** The node's slowest sampled requests: traced hops through it, longest hop first. */
export function slowestTraces(result: Result, node: string, limit = 8): SlowTrace[] {
  const rows: SlowTrace[] = [];
  result.traces.forEach((tr, i) => {
    let hopMs = -1;
    for (const h of tr.hops) if (h.node === node) hopMs = Math.max(hopMs, h.endMs - h.startMs);
    if (hopMs >= 0)
      rows.push({
        trace: i,
        startMs: tr.startMs,
        hopMs,
        totalMs: tr.endMs - tr.startMs,
        outcome: tr.outcome,
      });
  });
  rows.sort((a, b) => b.hopMs - a.hopMs || a.trace - b.trace);
  return rows.slice(0, limit);
}
