import type { NodeKind } from '../kinds/types';
import type { ScenarioDoc } from '../scenario/doc';

/** Placeholder rate of the producers an import adds; the report asks the user to set it. */
export const DEFAULT_IMPORT_RATE = 1;

/** Kinds that take requests from outside: an API, a load balancer, a workflow started by StartExecution. */
const CLIENT_FACING: readonly NodeKind[] = ['apiGateway', 'loadBalancer', 'stateMachine'];
const WRITABLE: readonly NodeKind[] = ['queue', 'topic', 'eventBus', 'stream', 'bucket', 'table'];

/**
 * Where traffic enters: APIs and load balancers nobody calls, and queues, topics, buses,
 * streams, buckets and tables that nothing in the diagram writes to but that hand work on
 * (their writers are functions calling the SDK, which the import does not wire). A sink that
 * hands nothing on gets no producer: its traffic would go nowhere.
 */
export function entryPoints(doc: ScenarioDoc): string[] {
  const incoming = new Set(doc.edges.map((e) => e.target));
  const outgoing = new Set(doc.edges.filter((e) => (e.role ?? 'invoke') === 'invoke').map((e) => e.source));
  return doc.nodes
    .filter((n) => !incoming.has(n.id))
    .filter((n) => CLIENT_FACING.includes(n.kind) || (WRITABLE.includes(n.kind) && outgoing.has(n.id)))
    .map((n) => n.id);
}

/** Event types a producer should emit so that the filters and patterns downstream match something. */
export function typesDownstream(doc: ScenarioDoc, from: string): string[] {
  const types = new Set<string>();
  stepTypes(doc, from, types);
  const seen = new Set<string>([from]);
  const queue = [from];
  while (queue.length) {
    const id = queue.shift()!;
    for (const e of doc.edges) {
      if (e.source !== id) continue;
      const m = (e.params.filter ?? e.params.pattern) as { type?: string[] } | undefined;
      for (const t of m?.type ?? []) types.add(t);
      if (!seen.has(e.target)) stepTypes(doc, e.target, types);
      if (!seen.has(e.target)) {
        seen.add(e.target);
        queue.push(e.target);
      }
    }
  }
  return [...types].sort();
}

/** Event type of the traffic a Choice's Default sends on when that branch has no step of its own. */
export const OTHER_TYPE = 'other';

/**
 * The event types a pipe's filter lets through, and those a state machine's Choice steps let through (its steps' `onlyFor`), and
 * `other` for the Default path unless the import gave the Default branch a type of its own
 * ("… default"): without it every execution would take a branch.
 */
function stepTypes(doc: ScenarioDoc, id: string, into: Set<string>): void {
  const n = doc.nodes.find((x) => x.id === id);
  const pipeFilter = n?.kind === 'pipe' ? (n.params.filter as { type?: string[] } | undefined) : undefined;
  for (const t of pipeFilter?.type ?? []) into.add(t);
  if (n?.kind !== 'stateMachine' || !Array.isArray(n.params.steps)) return;
  const types = (n.params.steps as { onlyFor?: string }[]).map((s) => s.onlyFor ?? '').filter(Boolean);
  for (const t of types) into.add(t);
  if (types.length && !types.some((t) => t.endsWith(' default'))) into.add(OTHER_TYPE);
}
