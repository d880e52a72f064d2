import { z } from 'zod';
import type { FieldWords } from '../kinds/catalog-types';
import { issueMessage } from './issues';
import type { NodeKind } from '../kinds/vocabulary';
import type { EdgeParams } from '../sim/edges';
import type { ConnectionRule } from './connections';
import { CONNECTIONS, kindName } from './connections';
import { bool, choice, fmtNumber, num, optNum } from './params';

/**
 * Edge params: which ones an edge may carry, their defaults and ranges. Both depend on the
 * connection (an SQS poller batches 10 by default, a Kinesis poller 100), so the schema is
 * built per edge from its connection rule and the two nodes at its ends.
 */
export type EdgeParamName =
  | 'perRequest'
  | 'mode'
  | 'filter'
  | 'pattern'
  | 'batchSize'
  | 'batchWindowSeconds'
  | 'maximumConcurrency'
  | 'reportBatchItemFailures'
  | 'parallelizationFactor'
  | 'maximumRetryAttempts'
  | 'maximumRecordAgeSeconds'
  | 'bisectBatchOnError'
  | 'forTargets';

export interface EdgeContext {
  rule: ConnectionRule;
  source: NodeKind;
  target: NodeKind;
  /** The source node's parsed params: a FIFO queue narrows its poller's batch size. */
  sourceParams?: Record<string, unknown>;
}

/** A problem inside an edge's params; path is relative to `params`. */
export interface EdgeParamIssue {
  path: PropertyKey[];
  message: string;
}

const SQS_MAX_BATCH = 10000;
const SQS_MESSAGES_PER_RECEIVE = 10;

function isFifoQueue(c: EdgeContext): boolean {
  return c.source === 'queue' && c.sourceParams?.type === 'fifo';
}

function matchSchema(what: 'filter' | 'pattern', help: string, source: string) {
  return z
    .object({
      type: z
        .array(z.string({ error: 'must be an event type name' }).min(1, { error: 'must not be empty' }), {
          error: 'must be a list of event type names, e.g. ["OrderPlaced"]',
        })
        .min(1, { error: `must name at least one event type (leave out the ${what} to match every event)` }),
    })
    .optional()
    .meta({ description: help, help, source });
}

function batchSize(c: EdgeContext) {
  if (c.source === 'queue' && c.target === 'container') {
    return num({
      min: 1,
      max: SQS_MESSAGES_PER_RECEIVE,
      default: SQS_MESSAGES_PER_RECEIVE,
      int: true,
      unit: 'messages',
      help: 'Messages a worker takes per ReceiveMessage call (at most 10).',
      source: '[SQS-API]',
    });
  }
  if (c.target === 'pipe') {
    // Pipes: 1–10,000 from every source; 10 from a queue and 1 from a stream by default.
    // https://docs.aws.amazon.com/eventbridge/latest/pipes-reference/API_PipeSourceSqsQueueParameters.html
    // https://docs.aws.amazon.com/cdk/api/v2/python/aws_cdk.aws_pipes_sources_alpha/DynamoDBSourceParameters.html
    const fifo = isFifoQueue(c);
    return numWithMessage(
      {
        min: 1,
        max: fifo ? 10 : SQS_MAX_BATCH,
        default: c.source === 'queue' ? 10 : 1,
        int: true,
        unit: c.source === 'queue' ? 'messages' : 'records',
        help: 'Events the pipe reads per batch (up to 10,000; 10 from a FIFO queue). A queue, topic or bus target takes at most 10 per batch.',
        source: 'EventBridge Pipes API: source parameters',
      },
      fifo ? 'must be 1–10 messages for a FIFO queue' : undefined,
    );
  }
  if (c.source === 'queue') {
    const fifo = isFifoQueue(c);
    return numWithMessage(
      {
        min: 1,
        max: fifo ? 10 : SQS_MAX_BATCH,
        default: 10,
        int: true,
        unit: 'messages',
        help: 'Messages per invocation (up to 10,000 for a standard queue, 10 for FIFO). Above 10 needs a batch window of at least 1 s.',
        source: '[L-SQS23]',
      },
      fifo ? 'must be 1–10 messages for a FIFO queue' : undefined,
    );
  }
  return num({
    min: 1,
    max: SQS_MAX_BATCH,
    default: 100,
    int: true,
    unit: 'records',
    help: 'Records per invocation, all from one shard (at most 10,000; also capped at 6 MB).',
    source: c.source === 'table' ? '[L-DDB]' : '[L-KIN]',
  });
}

/** num() with a message of our own for every range failure (the FIFO cap says why). */
function numWithMessage(o: Parameters<typeof num>[0], message: string | undefined) {
  if (!message) return num(o);
  return z
    .number({ error: message })
    .int({ error: message })
    .min(o.min, { error: message })
    .max(o.max, { error: message })
    .meta({ unit: o.unit, description: o.help, help: o.help, source: o.source })
    .default(o.default);
}

const RECORD_AGE_MIN = 60;
const RECORD_AGE_MAX = 604800;
const recordAgeMessage = `must be -1 (no limit) or ${RECORD_AGE_MIN}–${fmtNumber(RECORD_AGE_MAX)} s`;

const FACTORIES: Record<EdgeParamName, (c: EdgeContext) => z.ZodType> = {
  perRequest: () =>
    num({
      min: 0,
      max: 100,
      default: 1,
      unit: 'per request',
      help: 'Mean number sent for each handled request; a fraction is drawn at random (0.5 = every other request, on average).',
    }),
  mode: () =>
    choice(['sync', 'async'] as const, {
      default: 'async',
      help: "sync: the caller waits for the result (and is billed while it waits). async: the event goes to Lambda's internal queue with its retries; the caller goes on.",
      source: '[L-ASYNC] [L-RETRIES]',
    }),
  filter: (c) =>
    c.source === 'loadBalancer'
      ? matchSchema(
          'filter',
          'Listener rule (path-based routing): only requests of these event types go to this target; absent = any request.',
          '[ALB-LCU]',
        )
      : matchSchema(
          'filter',
          'Subscription filter policy: only these event types are delivered; absent = all.',
          '[SNS-FILTER]',
        ),
  pattern: () =>
    matchSchema(
      'pattern',
      'Rule event pattern: only these event types match; absent = all. A rule has at most 5 targets.',
      '[EB-TARGETS]',
    ),
  batchSize,
  batchWindowSeconds: (c) =>
    num({
      min: 0,
      max: 300,
      default: 0,
      int: true,
      unit: 's',
      help: 'Wait up to this long to fill a batch (MaximumBatchingWindowInSeconds).',
      source: c.source === 'queue' ? '[L-SQS23]' : '[L-KIN]',
    }),
  maximumConcurrency: () =>
    optNum({
      min: 2,
      max: 1000,
      int: true,
      unit: 'invocations',
      help: 'Cap on concurrent invocations by this event source mapping (ScalingConfig.MaximumConcurrency); absent = scale up to 1,250.',
      source: '[L-SQS-SCALE]',
    }),
  reportBatchItemFailures: () =>
    bool({
      default: false,
      help: 'Only the failed items of a batch are retried; without it a single failure retries the whole batch.',
      source: '[L-SQS23] [L-KIN]',
    }),
  parallelizationFactor: () =>
    num({
      min: 1,
      max: 10,
      default: 1,
      int: true,
      unit: 'per shard',
      help: 'Concurrent batches per shard; order is then kept per partition key instead of per shard.',
      source: '[L-KIN]',
    }),
  maximumRetryAttempts: () =>
    num({
      min: -1,
      max: 10000,
      default: -1,
      int: true,
      unit: 'retries',
      help: 'Retries of a failed batch; -1 retries until the records expire (and blocks the shard meanwhile).',
      source: '[L-KIN]',
    }),
  maximumRecordAgeSeconds: () =>
    z
      .number({ error: recordAgeMessage })
      .int({ error: recordAgeMessage })
      .refine((s) => s === -1 || (s >= RECORD_AGE_MIN && s <= RECORD_AGE_MAX), { error: recordAgeMessage })
      .meta({
        unit: 's',
        description:
          'Records older than this are skipped (sent to the on-failure destination); -1 = no limit but retention.',
        help: 'Records older than this are skipped (sent to the on-failure destination); -1 = no limit but retention.',
        source: '[L-KIN]',
        // The refine is not JSON Schema; json-schema.ts shows the two allowed forms from this.
        anyOf: [{ const: -1 }, { type: 'integer', minimum: RECORD_AGE_MIN, maximum: RECORD_AGE_MAX }],
      })
      .default(-1),
  bisectBatchOnError: () =>
    bool({
      default: false,
      help: 'Split a failing batch in two and retry the halves, to isolate a bad record (splits do not count as retries).',
      source: '[L-KIN]',
    }),
  forTargets: () =>
    z
      .array(z.string({ error: 'must be a node id' }).min(1, { error: 'must not be empty' }), {
        error: 'must be a list of node ids of this bus\'s targets, e.g. ["orders"]',
      })
      .min(1, { error: 'must name at least one target (leave it out to serve every target)' })
      .optional()
      .meta({
        description:
          'The rule targets (node ids) whose failed deliveries go to this dead-letter queue; absent = every target that has no DLQ of its own. In AWS each target has its own DLQ.',
        help: 'The rule targets (node ids) whose failed deliveries go to this dead-letter queue; absent = every target that has no DLQ of its own. In AWS each target has its own DLQ.',
        source: '[EB-DLQ]',
      }),
};

/** The params this edge may carry: the rule's list, with filter for topics and pattern for buses. */
export function allowedEdgeParams(c: EdgeContext): EdgeParamName[] {
  return (c.rule.params as readonly string[]).filter((p): p is EdgeParamName => {
    if (p === 'filter') return c.source === 'topic' || c.source === 'loadBalancer';
    if (p === 'pattern') return c.source === 'eventBus';
    return p in FACTORIES;
  });
}

/**
 * Built once per connection: a schema depends only on the rule, the two kinds and whether the
 * queue is FIFO, and building one per edge made a 10,000-edge document take seconds.
 */
const schemaCache = new WeakMap<EdgeContext['rule'], Map<string, ReturnType<typeof buildEdgeParamsSchema>>>();

/** The zod schema of one edge's params (defaults applied), e.g. for the inspector's form. */
export function edgeParamsSchema(c: EdgeContext) {
  let byKinds = schemaCache.get(c.rule);
  if (!byKinds) schemaCache.set(c.rule, (byKinds = new Map()));
  const key = `${c.source}|${c.target}|${isFifoQueue(c)}`;
  let schema = byKinds.get(key);
  if (!schema) byKinds.set(key, (schema = buildEdgeParamsSchema(c)));
  return schema;
}

function buildEdgeParamsSchema(c: EdgeContext) {
  const shape: Record<string, z.ZodType> = {};
  for (const name of allowedEdgeParams(c)) shape[name] = FACTORIES[name](c);
  const base = z.object(shape);
  if (c.source !== 'queue' || c.target !== 'function') return base;
  return base.superRefine((p, ctx) => {
    if ((p.batchSize as number) > 10 && (p.batchWindowSeconds as number) < 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['batchWindowSeconds'],
        message: `must be at least 1 s when batchSize is above 10 (it is ${p.batchSize as number})`,
      });
    }
  });
}

function connectionText(c: EdgeContext): string {
  return `${kindName(c.source)} → ${kindName(c.target)}`;
}

function unknownParamMessage(c: EdgeContext, name: string, allowed: string[]): string {
  if (name === 'filter' && c.source === 'eventBus')
    return 'is for SNS subscriptions; an EventBridge rule matches with "pattern"';
  if (name === 'pattern' && c.source === 'topic')
    return 'is for EventBridge rules; an SNS subscription matches with "filter"';
  if (allowed.length === 0)
    return `is not a parameter here: ${connectionText(c)} ("${c.rule.meaning}") takes no parameters`;
  return `is not a parameter of ${connectionText(c)} ("${c.rule.meaning}"); allowed: ${allowed.join(', ')}`;
}

export type EdgeParamsResult = { ok: true; params: EdgeParams } | { ok: false; issues: EdgeParamIssue[] };

/** Parses one edge's params for its connection; unknown params are errors naming the allowed ones. */
export function parseEdgeParams(c: EdgeContext, input: unknown): EdgeParamsResult {
  const raw = input ?? {};
  if (typeof raw !== 'object' || Array.isArray(raw))
    return { ok: false, issues: [{ path: [], message: 'must be an object of parameters' }] };
  const allowed = allowedEdgeParams(c);
  const issues: EdgeParamIssue[] = [];
  for (const key of Object.keys(raw)) {
    if (!(allowed as string[]).includes(key))
      issues.push({ path: [key], message: unknownParamMessage(c, key, allowed) });
  }
  const parsed = edgeParamsSchema(c).safeParse(raw);
  if (!parsed.success)
    for (const i of parsed.error.issues) issues.push({ path: i.path, message: issueMessage(i) });
  if (issues.length > 0 || !parsed.success) return { ok: false, issues };
  return { ok: true, params: parsed.data as EdgeParams };
}

/**
 * Each edge param's default on every connection that takes it, e.g. batchSize: SQS → Lambda
 * 10, Kinesis → Lambda 100. The JSON Schema states a single default only where they agree.
 */
export function edgeParamDefaults(): Record<EdgeParamName, Record<string, unknown>> {
  const out = {} as Record<EdgeParamName, Record<string, unknown>>;
  for (const rule of CONNECTIONS)
    for (const source of rule.sources)
      for (const target of rule.targets) {
        const c: EdgeContext = { rule, source, target };
        for (const name of allowedEdgeParams(c)) {
          const parsed = FACTORIES[name](c).safeParse(undefined);
          if (!parsed.success || parsed.data === undefined) continue;
          (out[name] ??= {})[`${source} → ${target}`] = parsed.data;
        }
      }
  return out;
}

/** Every edge param with its widest range, for the JSON Schema (the connection narrows it). */
export function anyEdgeParamsSchema() {
  const widest: EdgeContext = {
    rule: { sources: [], targets: [], roles: [], meaning: 'poller', params: [], help: '' },
    source: 'queue',
    target: 'function',
  };
  const shape: Record<string, z.ZodType> = {};
  for (const name of Object.keys(FACTORIES) as EdgeParamName[])
    shape[name] = FACTORIES[name](widest).optional();
  return z.object(shape).meta({
    description:
      'Which params apply, and their defaults, depend on the connection (see the connection table).',
  });
}

/** Edge params in people's words, for the inspector (the schema keeps units, ranges and help). */
export const EDGE_FIELD_WORDS: { readonly [K in EdgeParamName]?: FieldWords } = {
  perRequest: { title: 'Messages per request' },
  mode: {
    title: 'Invocation',
    options: { sync: 'Synchronous (the caller waits)', async: 'Asynchronous (event)' },
  },
  filter: { title: 'Only these event types' },
  pattern: { title: 'Only these event types' },
  batchSize: { title: 'Batch size' },
  batchWindowSeconds: { title: 'Batching window' },
  maximumConcurrency: { title: 'Maximum concurrency' },
  reportBatchItemFailures: { title: 'Report failed items only' },
  parallelizationFactor: { title: 'Batches per shard at once' },
  maximumRetryAttempts: { title: 'Retry attempts (−1: until the record expires)' },
  maximumRecordAgeSeconds: { title: 'Record max age (−1: no limit)' },
  bisectBatchOnError: { title: 'Split a failing batch' },
  forTargets: { title: 'For these targets' },
};
