import { KINDS, type NodeKind } from '../kinds/registry';

/**
 * Which node may hand work to which, with which roles, and what the edge means. One table,
 * used by validation (engine, CLI, import) and by the canvas when a person draws an edge.
 */
export type EdgeRole = 'invoke' | 'dlq' | 'onFailure' | 'onSuccess';
export const EDGE_ROLES: readonly EdgeRole[] = ['invoke', 'dlq', 'onFailure', 'onSuccess'];

/**
 * request: a client's synchronous request (it waits for the status);
 * integration: a synchronous proxy call from a gateway or load balancer;
 * send: a put/publish/send after each handled request (perRequest);
 * invoke: function → function, sync or async by `mode`;
 * async: an asynchronous invocation by an AWS service (Lambda's internal queue);
 * delivery: a topic or bus delivering to a subscribed queue/topic/stream;
 * poller: an event source mapping or worker reading a queue;
 * shardPoller: a poller reading a stream's shards;
 * destination: where failed or successful work goes (DLQ, on-failure, on-success).
 */
export type EdgeMeaning =
  | 'request'
  | 'integration'
  | 'send'
  | 'invoke'
  | 'async'
  | 'delivery'
  | 'poller'
  | 'shardPoller'
  | 'destination';

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

const WRITERS: readonly NodeKind[] = ['producer', 'function', 'server', 'container', 'stateMachine'];
const SINKS: readonly NodeKind[] = ['queue', 'topic', 'eventBus', 'stream', 'bucket', 'table'];
const COMPUTE: readonly NodeKind[] = ['function', 'server', 'container'];

export const CONNECTIONS: readonly ConnectionRule[] = [
  {
    sources: ['producer'],
    targets: ['apiGateway', 'loadBalancer'],
    roles: ['invoke'],
    meaning: 'request',
    params: [],
    help: 'Clients send synchronous requests and wait for the status and latency.',
  },
  {
    sources: WRITERS,
    targets: SINKS,
    roles: ['invoke'],
    meaning: 'send',
    params: ['perRequest'],
    help: 'A put, publish or send after each handled request.',
  },
  {
    sources: WRITERS,
    targets: ['stateMachine'],
    roles: ['invoke'],
    meaning: 'send',
    params: ['perRequest'],
    help: 'StartExecution after each handled request: the workflow runs on its own (the writer does not wait).',
  },
  {
    sources: ['apiGateway'],
    targets: ['stateMachine'],
    roles: ['invoke'],
    meaning: 'integration',
    params: [],
    help: 'API Gateway starts the workflow: an Express one synchronously (StartSyncExecution: the client waits for its end), a Standard one with StartExecution (the client gets 200 at once).',
  },
  {
    sources: ['stateMachine'],
    targets: ['function'],
    roles: ['invoke'],
    meaning: 'integration',
    params: [],
    help: "A Task or Map step calls the function synchronously and waits for it; the step's retrier retries failed calls.",
  },
  {
    sources: ['stateMachine'],
    targets: ['function', 'queue', 'topic', 'eventBus'],
    roles: ['onFailure'],
    meaning: 'destination',
    params: [],
    help: 'The Catch path: where a step with Catch sends the failure once its retries are used up.',
  },
  {
    sources: ['apiGateway'],
    targets: COMPUTE,
    roles: ['invoke'],
    meaning: 'integration',
    params: [],
    help: 'Synchronous proxy integration: the client waits for the backend.',
  },
  {
    sources: ['loadBalancer'],
    targets: COMPUTE,
    roles: ['invoke'],
    meaning: 'integration',
    params: ['filter'],
    help: 'A target group: the client waits for the backend. A filter on event types is a listener rule (path-based routing); without one every request may go here.',
  },
  {
    sources: ['function'],
    targets: ['function'],
    roles: ['invoke'],
    meaning: 'invoke',
    params: ['mode', 'perRequest'],
    help: 'Invoke another function: sync (the caller waits and is billed while it waits) or async.',
  },
  {
    sources: ['function'],
    targets: ['function', 'queue', 'topic', 'eventBus'],
    roles: ['onSuccess', 'onFailure'],
    meaning: 'destination',
    params: [],
    help: 'Asynchronous invocation destinations: where the event goes after success or after all retries failed.',
  },
  {
    sources: ['schedule', 'bucket', 'topic', 'eventBus'],
    targets: ['function'],
    roles: ['invoke'],
    meaning: 'async',
    params: ['filter', 'pattern'],
    help: "The service invokes the function asynchronously, through Lambda's internal queue and its retries.",
  },
  {
    sources: ['schedule'],
    targets: ['queue', 'topic', 'eventBus', 'stateMachine'],
    roles: ['invoke'],
    meaning: 'send',
    params: [],
    help: 'EventBridge Scheduler sends a message on every tick.',
  },
  {
    sources: ['bucket'],
    targets: ['queue', 'topic'],
    roles: ['invoke'],
    meaning: 'delivery',
    params: [],
    help: 'S3 event notification for every PUT.',
  },
  {
    sources: ['bucket'],
    targets: ['eventBus'],
    roles: ['invoke'],
    meaning: 'delivery',
    params: [],
    help: 'The bucket\'s switch "send notifications to Amazon EventBridge": every object event also goes to the account\'s default bus, free, whatever notification destination the bucket has.',
  },
  {
    sources: ['topic'],
    targets: ['queue'],
    roles: ['invoke'],
    meaning: 'delivery',
    params: ['filter'],
    help: 'An SQS subscription: each matching publish becomes a message.',
  },
  {
    sources: ['eventBus'],
    targets: ['queue', 'topic', 'stream', 'stateMachine'],
    roles: ['invoke'],
    meaning: 'delivery',
    params: ['pattern'],
    help: 'A rule target: each matching event is delivered.',
  },
  {
    sources: ['topic'],
    targets: ['queue'],
    roles: ['dlq'],
    meaning: 'destination',
    params: [],
    help: 'Dead-letter queue for deliveries that used up their retries.',
  },
  {
    sources: ['eventBus'],
    targets: ['queue'],
    roles: ['dlq'],
    meaning: 'destination',
    params: ['forTargets'],
    help: 'Dead-letter queue of rule targets (each target has its own in AWS): for the targets named in forTargets, or for every target without one of its own.',
  },
  {
    sources: ['queue'],
    targets: ['function', 'container'],
    roles: ['invoke'],
    meaning: 'poller',
    params: ['batchSize', 'batchWindowSeconds', 'maximumConcurrency', 'reportBatchItemFailures'],
    help: "Lambda's event source mapping (or a container worker) polls the queue and deletes what it handled.",
  },
  {
    sources: ['queue'],
    targets: ['queue'],
    roles: ['dlq'],
    meaning: 'destination',
    params: [],
    help: 'Redrive: after maxReceiveCount receives a message moves to this dead-letter queue.',
  },
  {
    sources: ['stream', 'table'],
    targets: ['function'],
    roles: ['invoke'],
    meaning: 'shardPoller',
    params: [
      'batchSize',
      'batchWindowSeconds',
      'parallelizationFactor',
      'maximumRetryAttempts',
      'maximumRecordAgeSeconds',
      'bisectBatchOnError',
    ],
    help: "One poller per shard reads batches in order and invokes the function synchronously. The function's errorRate marks each record once, as it enters, as poison: a batch fails exactly when it holds one, so retries never help and bisecting isolates it.",
  },
  {
    sources: ['queue'],
    targets: ['pipe'],
    roles: ['invoke'],
    meaning: 'poller',
    params: ['batchSize', 'batchWindowSeconds'],
    help: "The pipe polls the queue as Lambda's event source mapping does, and deletes what it handled; a failing batch comes back after the visibility timeout, until the queue's maxReceiveCount sends it to the queue's dead-letter queue.",
  },
  {
    sources: ['stream', 'table'],
    targets: ['pipe'],
    roles: ['invoke'],
    meaning: 'shardPoller',
    params: [
      'batchSize',
      'batchWindowSeconds',
      'parallelizationFactor',
      'maximumRetryAttempts',
      'maximumRecordAgeSeconds',
      'bisectBatchOnError',
    ],
    help: "The pipe reads each shard in order, batch by batch, as a stream's event source mapping does; a failing batch is retried by the source's retry policy and then goes to the stream's on-failure destination (the pipe's dead-letter queue).",
  },
  {
    sources: ['pipe'],
    targets: ['function', 'stateMachine'],
    roles: ['invoke'],
    meaning: 'integration',
    params: [],
    help: "The pipe's enrichment (the function its Enrichment field names) or its target: called synchronously with each batch, and waited for. A Standard workflow answers at once.",
  },
  {
    sources: ['pipe'],
    targets: ['queue', 'topic', 'eventBus', 'stream'],
    roles: ['invoke'],
    meaning: 'delivery',
    params: [],
    help: "The pipe's target: each event of a successful batch is sent on.",
  },
  {
    sources: ['stream', 'table'],
    targets: ['queue', 'topic'],
    roles: ['onFailure'],
    meaning: 'destination',
    params: [],
    help: "On-failure destination of the stream's event source mapping (metadata of the failed batch).",
  },
];

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
