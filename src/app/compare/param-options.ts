import { paramWords } from './param-words';

/**
 * What a sweep may vary: the numeric parameters written in the scenarios' nodes, found by
 * walking each node's params (objects, and lists of named items such as eventTypes).
 * Parameters of a node that every scenario has (the shared producer) come first: only they
 * vary all the scenarios at once.
 */
export interface ParamOption {
  /** The full path for planSweep, e.g. nodes[id=clients].params.traffic.ratePerSecond. */
  path: string;
  /** "Clients · Traffic: rate (requests/s)": the node's label and the field's title and unit. */
  label: string;
  nodeId: string;
  /** Indices of the scenarios whose documents have this node. */
  scenarios: number[];
  /** The value in the first scenario that sets it. */
  sample: number;
}

interface RawNode {
  id: string;
  kind: string;
  label: string;
  params: unknown;
}

function nodesOf(doc: unknown): RawNode[] {
  const nodes = (doc as { nodes?: unknown } | null)?.nodes;
  if (!Array.isArray(nodes)) return [];
  return nodes
    .filter(
      (n): n is { id: string; kind?: unknown; label?: unknown; params?: unknown } =>
        n !== null && typeof n === 'object' && typeof (n as { id?: unknown }).id === 'string',
    )
    .map((n) => ({
      id: n.id,
      kind: typeof n.kind === 'string' ? n.kind : '',
      label: typeof n.label === 'string' && n.label ? n.label : n.id,
      params: n.params,
    }));
}

/** Numeric leaves under `value`, as [inner path, number]. */
function numericLeaves(value: unknown, prefix: string, out: [string, number][]): void {
  if (typeof value === 'number' && Number.isFinite(value)) {
    out.push([prefix, value]);
    return;
  }
  if (Array.isArray(value)) {
    // Items are named by a key that identifies them ([name=api]); anonymous lists are skipped.
    for (const item of value) {
      if (item === null || typeof item !== 'object') continue;
      const rec = item as Record<string, unknown>;
      const key = ['name', 'type', 'id'].find((k) => typeof rec[k] === 'string');
      if (!key) continue;
      for (const [k, v] of Object.entries(rec))
        if (k !== key) numericLeaves(v, `${prefix}[${key}=${String(rec[key])}].${k}`, out);
    }
    return;
  }
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) numericLeaves(v, prefix ? `${prefix}.${k}` : k, out);
  }
}

/** The field's title and unit from its kind's schema; the path itself when the schema has no such number. */
function optionWords(kind: string, inner: string): string {
  const w = paramWords(kind, inner);
  if (!w) return inner;
  return w.unit ? `${w.title} (${w.unit})` : w.title;
}

export function paramOptions(docs: readonly unknown[]): ParamOption[] {
  const byPath = new Map<string, ParamOption>();
  const presence = new Map<string, number[]>();
  docs.forEach((doc, s) => {
    for (const node of nodesOf(doc)) {
      const list = presence.get(node.id) ?? [];
      if (!list.includes(s)) list.push(s);
      presence.set(node.id, list);
      const leaves: [string, number][] = [];
      numericLeaves(node.params, '', leaves);
      for (const [inner, sample] of leaves) {
        const path = `nodes[id=${node.id}].params.${inner}`;
        if (!byPath.has(path))
          byPath.set(path, {
            path,
            label: `${node.label} · ${optionWords(node.kind, inner)}`,
            nodeId: node.id,
            scenarios: [],
            sample,
          });
      }
    }
  });
  const all = [...byPath.values()].map((o) => ({ ...o, scenarios: presence.get(o.nodeId) ?? [] }));
  const shared = (o: ParamOption) => o.scenarios.length === docs.length;
  // Shared first, the traffic rate first of all; otherwise in the documents' order.
  const rank = (o: ParamOption) => (shared(o) ? 0 : 1) * 2 + (/ratePerSecond$/.test(o.path) ? 0 : 1);
  return all
    .map((o, i) => ({ o, i }))
    .sort((x, y) => rank(x.o) - rank(y.o) || x.i - y.i)
    .map(({ o }) => o);
}

/** The path to sweep when nothing was chosen: a shared producer's rate, else the first shared parameter. */
export function defaultParam(
  options: readonly ParamOption[],
  scenarioCount: number,
): ParamOption | undefined {
  const shared = options.filter((o) => o.scenarios.length === scenarioCount);
  return shared.find((o) => /traffic\.ratePerSecond$/.test(o.path)) ?? shared[0] ?? options[0];
}

export interface SweepRange {
  from: number;
  to: number;
  log: boolean;
}

/** A first range for a parameter: a traffic rate from 0.01 to 1,000 requests/s on a log scale; else ÷4 to ×4 of its value. */
export function defaultRange(option: ParamOption | undefined): SweepRange {
  if (!option || /ratePerSecond$/.test(option.path)) return { from: 0.01, to: 1000, log: true };
  const v = option.sample;
  if (v > 0) return { from: v / 4, to: v * 4, log: true };
  return { from: 0, to: 10, log: false };
}
