import { expect } from 'vitest';
import type { ScenarioInput } from '../../src/engine/scenario/schema';
import type { Result } from '../../src/engine/result';
import { simulate, type SimulateOptions } from '../../src/engine/simulate';

type NodeIn = { id: string; kind: string; params?: Record<string, unknown>; label?: string };
type EdgeIn = { source: string; target: string; role?: string; params?: Record<string, unknown> };

export interface TestScenario {
  format: 'serverless-sim.scenario';
  version: 1;
  name: string;
  settings: Record<string, unknown>;
  nodes: {
    id: string;
    kind: string;
    label: string;
    position: { x: number; y: number };
    params: Record<string, unknown>;
  }[];
  edges: { id: string; source: string; target: string; role: string; params: Record<string, unknown> }[];
}

/** A scenario from terse node and edge lists (positions and labels filled in). */
export function scenario(
  nodes: NodeIn[],
  edges: EdgeIn[],
  settings: Record<string, unknown> = {},
): TestScenario {
  return {
    format: 'serverless-sim.scenario',
    version: 1,
    name: 'test',
    settings,
    nodes: nodes.map((n, i) => ({
      id: n.id,
      kind: n.kind,
      label: n.label ?? n.id,
      position: { x: i * 200, y: 0 },
      params: n.params ?? {},
    })),
    edges: edges.map((e, i) => ({
      id: `e${i + 1}`,
      source: e.source,
      target: e.target,
      role: e.role ?? 'invoke',
      params: e.params ?? {},
    })),
  };
}

export function run(doc: TestScenario | ScenarioInput, options: SimulateOptions = {}): Result {
  return simulate(doc, options);
}

/** Erlang B: probability that an arrival finds all c servers busy, offered load a (recurrence). */
export function erlangB(c: number, a: number): number {
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  return b;
}

/** Erlang C: probability of waiting in M/M/c, offered load a = λ/μ < c. */
export function erlangC(c: number, a: number): number {
  const b = erlangB(c, a);
  return (c * b) / (c - a * (1 - b));
}

/** A function node's metrics as numbers. */
export function fnMetrics(r: Result, id: string): Record<string, number> {
  return r.nodes[id].metrics as Record<string, number>;
}

export const NO_COLD_START = { dist: 'constant', meanMs: 0 };

/** A quick function: 10 ms, never cold. */
export const FAST = { duration: { dist: 'constant', meanMs: 10 }, coldStart: NO_COLD_START };

/**
 * Conservation beyond what a run checks itself. Every run already compares the paths open in
 * the request table with what the nodes hold, and fails when they differ (sim/conservation.ts);
 * here each queue must balance too: every message sent was deleted, dead-lettered, expired or
 * is still held. Counters count after the warm-up only, so the balance is checked without one.
 */
export function conserved(r: Result, opts: { warmup?: boolean } = {}): void {
  const t = r.totals;
  expect(t.requests).toBe(t.completed + t.failed + t.deadLettered + t.dropped + t.inFlight);
  if (opts.warmup) return;
  for (const [id, n] of Object.entries(r.nodes)) {
    if (n.kind !== 'queue') continue;
    const m = n.metrics as Record<string, number>;
    expect(m.sent, `queue "${id}": sent = deleted + dead-lettered + expired + held`).toBe(
      m.deleted + m.deadLettered + m.expired + m.messages,
    );
  }
}

/** Any node's metrics as numbers. */
export function metrics(r: Result, id: string): Record<string, number> {
  return r.nodes[id].metrics as Record<string, number>;
}

/** Every number in a result, with its path (for "never negative, never NaN" checks). */
export function numbersIn(x: unknown, path: string, out: [string, number][]): [string, number][] {
  if (typeof x === 'number') out.push([path, x]);
  else if (Array.isArray(x)) x.forEach((v, i) => numbersIn(v, `${path}[${i}]`, out));
  else if (x && typeof x === 'object')
    for (const [k, v] of Object.entries(x)) numbersIn(v, `${path}.${k}`, out);
  return out;
}

/** A result as JSON with the one field that may differ between identical runs (wall time) zeroed. */
export const withoutWall = (r: Result) => JSON.stringify({ ...r, engine: { ...r.engine, wallMs: 0 } });
