import { fitWarning, type InstanceType } from '../kinds/server/instance-types';
import type { ServerComponent } from '../kinds/server/schema';
import type { Scenario, ScenarioEdge, ScenarioNode } from './schema';

/**
 * Things that are allowed but probably not meant: the run goes ahead and the person sees
 * these next to the result. Each one names the nodes involved and the fact behind it.
 */
export function scenarioWarnings(s: Scenario): string[] {
  const byId = new Map(s.nodes.map((n) => [n.id, n]));
  // Each family is capped, so a generated document with thousands of nodes gets a readable
  // list (and a count of the rest) rather than megabytes of warnings.
  return [
    ...capped(visibilityWarnings(s.edges, byId)),
    ...capped(redriveWarnings(s.edges, byId)),
    ...capped(unreadQueueWarnings(s.nodes, s.edges)),
    ...capped(streamReaderWarnings(s.edges, byId)),
    ...capped(serverFitWarnings(s.nodes)),
    ...capped(eventTypeWarnings(s.nodes, s.edges)),
    ...capped(feedbackLoops(s.edges).map(feedbackLoopWarning)),
  ];
}

/** At most this many warnings of one family, then one line counting the rest. */
export const MAX_WARNINGS_PER_FAMILY = 20;
/** Lists inside one warning (known event types, the nodes round a loop) stop after this many. */
export const MAX_LISTED = 12;

function capped(warnings: string[]): string[] {
  if (warnings.length <= MAX_WARNINGS_PER_FAMILY) return warnings;
  const rest = warnings.length - MAX_WARNINGS_PER_FAMILY;
  return [
    ...warnings.slice(0, MAX_WARNINGS_PER_FAMILY),
    `…and ${rest.toLocaleString('en-US')} more like the one above`,
  ];
}

/** "a, b, c" or "a, b, … (4,000 in all)". */
export function listed(items: readonly string[], separator = ', '): string {
  if (items.length <= MAX_LISTED) return items.join(separator);
  return `${items.slice(0, MAX_LISTED).join(separator)}${separator}… (${items.length.toLocaleString('en-US')} in all)`;
}

/** The text for one loop; the stop message after a budget quotes it. */
export function feedbackLoopWarning(loop: readonly string[]): string {
  return `feedback loop: ${listed(loop, ' → ')}: work handed round it may circulate until the run's event budget stops it`;
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
          `edge "${e.id}": event type "${t}" is not emitted by any node (known: ${listed([...known])}), so it never matches`,
        );
    }
  }
  return out;
}

/**
 * One loop (as node ids, first repeated at the end) per strongly connected part of the graph,
 * e.g. function → topic → the same function. Tarjan's algorithm, then a shortest way round.
 */
export function feedbackLoops(edges: readonly Pick<ScenarioEdge, 'source' | 'target'>[]): string[][] {
  const next = new Map<string, string[]>();
  const seen = new Set<string>();
  for (const e of edges) {
    const pair = JSON.stringify([e.source, e.target]);
    if (seen.has(pair)) continue;
    seen.add(pair);
    const list = next.get(e.source);
    if (list) list.push(e.target);
    else next.set(e.source, [e.target]);
  }
  const loops: string[][] = [];
  for (const part of stronglyConnected(next)) {
    const start = part[0];
    if (part.length === 1 && !(next.get(start) ?? []).includes(start)) continue;
    loops.push(shortestLoop(start, new Set(part), next));
  }
  return loops;
}

/**
 * Tarjan's algorithm with an explicit stack instead of recursion, so a chain or a ring of
 * 10,000 nodes cannot overflow the call stack.
 */
function stronglyConnected(next: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const parts: string[][] = [];
  let counter = 0;
  // Each frame: a node and how many of its successors have been looked at.
  const frames: { v: string; i: number }[] = [];
  const enter = (v: string) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    frames.push({ v, i: 0 });
  };
  for (const root of next.keys()) {
    if (index.has(root)) continue;
    enter(root);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1];
      const v = frame.v;
      const successors = next.get(v) ?? [];
      if (frame.i < successors.length) {
        const w = successors[frame.i++];
        if (!index.has(w)) enter(w);
        else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
        continue;
      }
      frames.pop();
      if (frames.length > 0) {
        const parent = frames[frames.length - 1].v;
        low.set(parent, Math.min(low.get(parent)!, low.get(v)!));
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
    }
  }
  return parts;
}

function shortestLoop(start: string, within: Set<string>, next: Map<string, string[]>): string[] {
  const from = new Map<string, string>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const v = queue[i];
    for (const w of next.get(v) ?? []) {
      if (w === start) {
        const back: string[] = [];
        for (let u = v; u !== start; u = from.get(u)!) back.push(u);
        return [start, ...back.reverse(), start];
      }
      if (within.has(w) && !from.has(w)) {
        from.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start, start];
}
