import { KINDS } from '../kinds/registry';
import type { NodeKind } from '../kinds/vocabulary';
import { findRule } from '../scenario/connections';
import type { Check, CheckContext, Finding } from './types';
import { andList } from './words';

/** Where work enters a diagram: everything else only moves work it is handed. */
const ENTRIES: ReadonlySet<NodeKind> = new Set(['producer', 'schedule']);
const STORES: ReadonlySet<NodeKind> = new Set(['queue', 'topic', 'eventBus', 'stream', 'bucket', 'table']);
const FRONT_DOORS: ReadonlySet<NodeKind> = new Set(['apiGateway', 'loadBalancer']);

/**
 * Nodes no request can reach: nothing enters upstream of them, so a run shows them idle
 * (0 requests, "0 ms" latencies) while their fixed costs still count. One finding per node
 * where the dead part starts (a node nothing points at), naming what it would have fed.
 */
export const noTraffic: Check = {
  name: 'no-traffic',
  run(ctx) {
    const { nodes } = ctx.scenario;
    const reached = new Set<string>();
    const stack = nodes.filter((n) => ENTRIES.has(n.kind)).map((n) => n.id);
    for (const id of stack) reached.add(id);
    while (stack.length > 0) {
      const id = stack.pop()!;
      for (const e of ctx.outgoing(id))
        if (!reached.has(e.target)) {
          reached.add(e.target);
          stack.push(e.target);
        }
    }
    const covered = new Set<string>();
    const out: Finding[] = [];
    for (const n of nodes) {
      if (reached.has(n.id) || ctx.incoming(n.id).some((e) => e.source !== n.id)) continue;
      const fed = downstream(ctx, n.id, reached, covered);
      fed.forEach((id) => covered.add(id));
      out.push(rootFinding(ctx, n.id, fed));
    }
    // What is left is a ring nothing enters (A → B → A with no producer).
    const ring = nodes.filter((n) => !reached.has(n.id) && !covered.has(n.id)).map((n) => n.id);
    if (ring.length > 0)
      out.push({
        id: `no-traffic:${ring[0]}`,
        check: 'no-traffic',
        severity: 'warning',
        message: `Nothing sends work into ${andList(ring.map(ctx.label))} from outside: no producer or schedule leads there, so a run shows ${ring.length > 1 ? 'them' : 'it'} idle.`,
        nodeIds: ring,
      });
    return out;
  },
};

/**
 * The node and the unreached nodes it feeds that no earlier root already named, in the order
 * found: each node is walked once over all roots, so many roots into one long chain stay linear.
 */
function downstream(
  ctx: CheckContext,
  root: string,
  reached: ReadonlySet<string>,
  covered: ReadonlySet<string>,
): string[] {
  const seen = new Set([root]);
  const order = [root];
  for (let i = 0; i < order.length; i++)
    for (const e of ctx.outgoing(order[i]))
      if (!reached.has(e.target) && !covered.has(e.target) && !seen.has(e.target)) {
        seen.add(e.target);
        order.push(e.target);
      }
  return order;
}

function rootFinding(ctx: CheckContext, root: string, fed: string[]): Finding {
  const kind = ctx.node(root).kind;
  const name = ctx.label(root);
  const head = STORES.has(kind)
    ? `Nothing writes to ${name}`
    : FRONT_DOORS.has(kind)
      ? `No client sends requests to ${name}`
      : `Nothing invokes ${name}`;
  const rest = fed.slice(1).map(ctx.label);
  const idle =
    rest.length === 0
      ? 'so it stays idle in a run'
      : `so it and what it feeds (${andList(rest)}) stay idle in a run`;
  const canAddProducer = findRule('producer', kind, 'invoke') !== undefined;
  const finding: Finding = {
    id: `no-traffic:${root}`,
    check: 'no-traffic',
    severity: 'warning',
    message: `${head}, ${idle}: 0 requests, while fixed costs still count. ${
      canAddProducer
        ? `Add a producer that ${FRONT_DOORS.has(kind) ? 'calls' : 'writes to'} ${name}, or connect it to something that does.`
        : `Connect something that invokes it (an API, a schedule, a queue or a topic).`
    }`,
    nodeIds: fed,
  };
  if (canAddProducer)
    finding.fix = {
      type: 'addNode',
      label: `Add a producer ${FRONT_DOORS.has(kind) ? 'calling' : 'writing to'} ${name}`,
      node: { kind: 'producer', label: KINDS.producer.title, params: {} },
      near: root,
      edge: { direction: 'to', other: root, role: 'invoke' },
    };
  return finding;
}
