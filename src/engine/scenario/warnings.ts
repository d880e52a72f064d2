import { fitWarning, type InstanceType } from '../kinds/server/instance-types';
import type { ServerComponent } from '../kinds/server/schema';
import type { Scenario, ScenarioEdge, ScenarioNode } from './schema';

/**
 * Things that are allowed but probably not meant: the run goes ahead and the person sees
 * these next to the result. Each one names the nodes involved and the fact behind it.
 */
export function scenarioWarnings(s: Scenario): string[] {
  const byId = new Map(s.nodes.map((n) => [n.id, n]));
  return [
    ...visibilityWarnings(s.edges, byId),
    ...redriveWarnings(s.edges, byId),
    ...unreadQueueWarnings(s.nodes, s.edges),
    ...streamReaderWarnings(s.edges, byId),
    ...serverFitWarnings(s.nodes),
    ...eventTypeWarnings(s.nodes, s.edges),
    ...feedbackLoops(s.edges).map(
      (loop) =>
        `feedback loop: ${loop.join(' → ')}: work handed round it may circulate until the run's event budget stops it`,
    ),
  ];
}

/** Visibility timeout ≥ 6 × the function timeout + batch window, or messages come back while in progress [L-SQS23]. */
function visibilityWarnings(edges: ScenarioEdge[], byId: Map<string, ScenarioNode>): string[] {
  const out: string[] = [];
  for (const e of edges) {
    const q = byId.get(e.source)!;
    const f = byId.get(e.target)!;
    if (q.kind !== 'queue' || f.kind !== 'function' || e.role !== 'invoke') continue;
    const visibility = q.params.visibilityTimeoutSeconds as number;
    const timeoutS = (f.params.timeoutMs as number) / 1000;
    const window = e.params.batchWindowSeconds ?? 0;
    const advised = 6 * timeoutS + window;
    if (visibility < advised) {
      out.push(
        `queue "${q.id}": visibility timeout ${visibility} s is under 6 × the timeout of function "${f.id}" (${timeoutS} s) + batch window ${window} s = ${advised} s; ` +
          'messages still in progress, or waiting out a throttle, will be received again',
      );
    }
  }
  return out;
}

/** maxReceiveCount ≥ 5, so a throttled poller does not dead-letter good messages [L-SQS23]. */
function redriveWarnings(edges: ScenarioEdge[], byId: Map<string, ScenarioNode>): string[] {
  const out: string[] = [];
  for (const e of edges) {
    const q = byId.get(e.source)!;
    if (q.kind !== 'queue' || e.role !== 'dlq') continue;
    const n = q.params.maxReceiveCount as number;
    if (n < 5)
      out.push(
        `queue "${q.id}": maxReceiveCount ${n} is below the recommended 5; throttled or briefly failing consumers will dead-letter good messages`,
      );
  }
  return out;
}

function unreadQueueWarnings(nodes: ScenarioNode[], edges: ScenarioEdge[]): string[] {
  const read = new Set(edges.filter((e) => e.role === 'invoke').map((e) => e.source));
  const catchesFailures = new Set(edges.filter((e) => e.role !== 'invoke').map((e) => e.target));
  return nodes
    .filter((n) => n.kind === 'queue' && !read.has(n.id) && !catchesFailures.has(n.id))
    .map((n) => `queue "${n.id}": nothing reads it, so its messages pile up until retention deletes them`);
}

/** At most two processes should read one DynamoDB stream shard at a time [L-DDB] [DDB-NOTES]. */
function streamReaderWarnings(edges: ScenarioEdge[], byId: Map<string, ScenarioNode>): string[] {
  const readers = new Map<string, number>();
  for (const e of edges) {
    if (byId.get(e.source)!.kind === 'table' && e.role === 'invoke')
      readers.set(e.source, (readers.get(e.source) ?? 0) + 1);
  }
  return [...readers]
    .filter(([, n]) => n > 2)
    .map(
      ([id, n]) =>
        `table "${id}": ${n} functions read its stream, but more than 2 readers per shard get throttled; fan out through one reader and SNS or EventBridge`,
    );
}

/** The monolith lesson: one instance must meet the largest need of every component at once. */
function serverFitWarnings(nodes: ScenarioNode[]): string[] {
  const out: string[] = [];
  for (const n of nodes) {
    if (n.kind !== 'server') continue;
    const w = fitWarning(
      n.params.instanceType as InstanceType,
      n.params.components as ServerComponent[],
      n.id,
    );
    if (w) out.push(w);
  }
  return out;
}

/** A filter or pattern naming a type that nothing emits never matches. */
function eventTypeWarnings(nodes: ScenarioNode[], edges: ScenarioEdge[]): string[] {
  const known = new Set<string>();
  for (const n of nodes) {
    const types = n.params.eventTypes;
    if (Array.isArray(types)) for (const t of types) if (typeof t?.name === 'string') known.add(t.name);
    if (typeof n.params.eventType === 'string') known.add(n.params.eventType);
  }
  if (known.size === 0) return [];
  const out: string[] = [];
  for (const e of edges) {
    const match = e.params.filter ?? e.params.pattern;
    for (const t of match?.type ?? []) {
      if (!known.has(t))
        out.push(
          `edge "${e.id}": event type "${t}" is not emitted by any node (known: ${[...known].join(', ')}), so it never matches`,
        );
    }
  }
  return out;
}

/**
 * One loop (as node ids, first repeated at the end) per strongly connected part of the graph,
 * e.g. function → topic → the same function. Tarjan's algorithm, then a shortest way round.
 */
export function feedbackLoops(edges: ScenarioEdge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const e of edges) {
    const list = next.get(e.source) ?? [];
    if (!list.includes(e.target)) list.push(e.target);
    next.set(e.source, list);
  }
  const loops: string[][] = [];
  for (const part of stronglyConnected(next)) {
    const start = part[0];
    if (part.length === 1 && !(next.get(start) ?? []).includes(start)) continue;
    loops.push(shortestLoop(start, new Set(part), next));
  }
  return loops;
}

function stronglyConnected(next: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const parts: string[][] = [];
  let counter = 0;
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const part: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        part.push(w);
      } while (w !== v);
      parts.push(part.reverse());
    }
  };
  for (const v of next.keys()) if (!index.has(v)) visit(v);
  return parts;
}

function shortestLoop(start: string, within: Set<string>, next: Map<string, string[]>): string[] {
  const from = new Map<string, string>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const v = queue[i];
    for (const w of next.get(v) ?? []) {
      if (w === start) {
        const path = [start];
        for (let u = v; u !== start; u = from.get(u)!) path.splice(1, 0, u);
        return [...path, start];
      }
      if (within.has(w) && !from.has(w)) {
        from.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start, start];
}
