import { KINDS, NODE_KINDS, type NodeKind } from '../kinds/registry';

import type { ConnectionDecl, EdgeMeaning, EdgeRole, KindGroup } from '../kinds/catalog-types';

export { EDGE_ROLES } from '../kinds/catalog-types';
export type { EdgeMeaning, EdgeRole };

/**
 * Which node may hand work to which, with which roles, and what the edge means. One table,
 * used by validation (engine, CLI, import) and by the canvas when a person draws an edge,
 * built from the rules each kind's catalog declares (`connections`, kinds/<kind>/catalog.ts),
 * in the registry's order; a group a rule names stands for the kinds that join it.
 */
export interface ConnectionRule {
  sources: readonly NodeKind[];
  targets: readonly NodeKind[];
  roles: readonly EdgeRole[];
  meaning: EdgeMeaning;
  /** Edge params that make sense on this connection (the inspector shows these). */
  params: readonly string[];
  /** Why this connection exists, for the help. */
  help: string;
}

const GROUPS: readonly KindGroup[] = ['writers', 'sinks', 'compute'];

/** The kinds a rule's end names: kinds as they are, a group as its members in registry order. */
function kindsOf(names: readonly string[]): NodeKind[] {
  const out: NodeKind[] = [];
  for (const name of names) {
    const members = (GROUPS as readonly string[]).includes(name)
      ? NODE_KINDS.filter((k) => (KINDS[k].groups ?? []).includes(name as KindGroup))
      : [name as NodeKind];
    for (const k of members) if (!out.includes(k)) out.push(k);
  }
  return out;
}

function ruleOf(kind: NodeKind, d: ConnectionDecl): ConnectionRule {
  return {
    sources: d.from ? kindsOf(d.from) : [kind],
    targets: d.to ? kindsOf(d.to) : [kind],
    roles: d.roles,
    meaning: d.meaning,
    params: d.params,
    help: d.help,
  };
}

export const CONNECTIONS: readonly ConnectionRule[] = NODE_KINDS.flatMap((kind) =>
  KINDS[kind].connections.map((d) => ruleOf(kind, d)),
);

/** The kind's name inside a sentence, with its article: "a Lambda function". */
export function kindName(kind: NodeKind): string {
  return KINDS[kind].inSentence;
}

export function findRule(
  source: NodeKind,
  target: NodeKind,
  role: EdgeRole = 'invoke',
): ConnectionRule | undefined {
  return CONNECTIONS.find(
    (r) => r.sources.includes(source) && r.targets.includes(target) && r.roles.includes(role),
  );
}

/** Roles with which source may connect to target (empty when it may not at all). */
export function allowedRoles(source: NodeKind, target: NodeKind): EdgeRole[] {
  const roles = new Set<EdgeRole>();
  for (const r of CONNECTIONS)
    if (r.sources.includes(source) && r.targets.includes(target)) r.roles.forEach((x) => roles.add(x));
  return [...roles];
}

/** What a source does along a rule, before the list of targets. */
function verb(rule: ConnectionRule): string {
  switch (rule.meaning) {
    case 'request':
      return 'sends requests to';
    case 'integration':
      return 'proxies to';
    case 'send':
      return 'writes to';
    case 'invoke':
      return 'invokes (sync or async)';
    case 'async':
      return 'asynchronously invokes';
    case 'delivery':
      return 'delivers to';
    case 'poller':
      return 'is polled by';
    case 'shardPoller':
      return 'is read shard by shard by';
    case 'destination':
      if (rule.roles.includes('dlq')) return 'dead-letters to';
      return `sends ${rule.roles.map((r) => (r === 'onSuccess' ? 'successes' : 'failures')).join(' and ')} to`;
  }
}

/**
 * What a kind may feed, in words, built from the connection table (the second half of a
 * refusal): "a schedule invokes asynchronously a Lambda function; writes to an SQS queue…".
 */
export function hint(source: NodeKind): string {
  const phrases = new Map<string, NodeKind[]>();
  for (const r of CONNECTIONS) {
    if (!r.sources.includes(source)) continue;
    const v = verb(r);
    const targets = phrases.get(v) ?? [];
    for (const t of r.targets) if (!targets.includes(t)) targets.push(t);
    phrases.set(v, targets);
  }
  if (phrases.size === 0) return `${kindName(source)} hands work to nothing`;
  const parts = [...phrases].map(([v, targets]) => `${v} ${orList(targets.map(kindName))}`);
  return `${kindName(source)} ${parts.join('; ')}`;
}

function orList(items: string[]): string {
  return items.length <= 1
    ? items.join('')
    : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** Null when allowed; otherwise a sentence a person can act on. */
export function refusal(source: NodeKind, target: NodeKind, role: EdgeRole = 'invoke'): string | null {
  if (findRule(source, target, role)) return null;
  const roles = allowedRoles(source, target);
  if (roles.length > 0) {
    return `${cap(kindName(source))} can connect to ${kindName(target)} only as ${roles.map((r) => `"${r}"`).join(' or ')}, not "${role}".`;
  }
  if (target === 'pipe')
    return `${cap(kindName(source))} cannot feed an EventBridge pipe: a pipe reads ${orList(
      CONNECTIONS.filter((r) => r.targets.includes('pipe')).flatMap((r) => r.sources.map(sourceName)),
    )}. Send to a queue or a stream, and let the pipe read that.`;
  return `${cap(kindName(source))} cannot hand work to ${kindName(target)}: ${hint(source)}.`;
}

/** What a pipe reads from a source kind, in words. */
function sourceName(kind: NodeKind): string {
  return kind === 'table' ? "a DynamoDB table's stream" : kindName(kind);
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
