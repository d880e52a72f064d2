import type { Result } from '../../engine/result';
import { useRunStore } from '../store/run';
import { buildInternals, type Internals } from './internals';
import { buildReplay, type Replay, type ReplayGraph } from './replay';
import { traceRateFor } from './run-options';

/** Everything the classroom draws from one run: built once per result. */
export interface ReplayData {
  result: Result;
  replay: Replay;
  internals: Internals;
  graph: ReplayGraph;
  labels: Map<string, string>;
  kinds: Map<string, string>;
  /** Requests per sampled trace (1 / the sampling rate). */
  scale: number;
  /** Where the run's measured window starts (after its warm-up), ms: means and peaks count from here. */
  measureFromMs: number;
}

const cache = new WeakMap<Result, ReplayData>();

export function graphOf(scenario: unknown): ReplayGraph & { labels: Map<string, string> } {
  const d = (scenario ?? {}) as {
    nodes?: { id: string; kind: string; label?: string }[];
    edges?: { id: string; source: string; target: string; role?: string }[];
  };
  const nodes = (d.nodes ?? []).map((n) => ({ id: String(n.id), kind: String(n.kind) }));
  const edges = (d.edges ?? []).map((e) => ({
    id: String(e.id),
    source: String(e.source),
    target: String(e.target),
    role: e.role,
  }));
  const labels = new Map((d.nodes ?? []).map((n) => [String(n.id), n.label || String(n.id)]));
  return { nodes, edges, labels };
}

export function replayData(result: Result, scenario: unknown): ReplayData {
  const hit = cache.get(result);
  if (hit) return hit;
  const g = graphOf(scenario);
  const data: ReplayData = {
    result,
    replay: buildReplay(result, g),
    internals: buildInternals(result.recording),
    graph: g,
    labels: g.labels,
    kinds: new Map(g.nodes.map((n) => [n.id, n.kind])),
    scale: 1 / traceRateFor(scenario),
    measureFromMs: warmupMs(scenario, result),
  };
  cache.set(result, data);
  return data;
}

/** The warm-up the engine applied: none when it is not shorter than the run (simulate.ts). */
function warmupMs(scenario: unknown, result: Result): number {
  const w = (scenario as { settings?: { warmupSeconds?: unknown } } | null)?.settings?.warmupSeconds;
  return typeof w === 'number' && w < result.simulatedSeconds ? w * 1000 : 0;
}

/** The scenario the shown result describes (the run store keeps it apart while a new run goes). */
export function scenarioOfResult(s: ReturnType<typeof useRunStore.getState>): unknown {
  return (s as { resultScenario?: unknown }).resultScenario ?? s.scenario;
}

/** The replay of the last run, or null before any run. */
export function useReplayData(): ReplayData | null {
  const result = useRunStore((s) => s.result);
  const scenario = useRunStore(scenarioOfResult);
  return result ? replayData(result, scenario) : null;
}

export function currentReplayData(): ReplayData | null {
  const s = useRunStore.getState();
  return s.result ? replayData(s.result, scenarioOfResult(s)) : null;
}
