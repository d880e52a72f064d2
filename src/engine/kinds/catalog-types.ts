import type { z } from 'zod';
import type { RecordingNode } from './record-codes';

/**
 * What a node kind declares about itself, without any code that runs a simulation: its params,
 * how it looks, which metrics, series and hop outcomes a run of it produces and what they
 * mean to a reader, its traits and its price meters. The app builds every per-kind table
 * (badges, charts, gauges, replay, hints) from these, so a name the engine does not
 * produce cannot be referred to; test/engine/kinds/catalog-agreement.test.ts checks that the
 * runtime produces exactly what its catalog declares.
 */

export type PaletteGroup = 'sources' | 'apis' | 'compute' | 'messaging' | 'storage' | 'servers';

/**
 * The role of an edge: invoke hands work over; dlq, onFailure and onSuccess send what failed
 * or succeeded to a destination.
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

/**
 * Groups a kind joins (catalog `groups`), which a connection rule may name instead of kinds:
 * writers put, publish or send after each handled request; sinks take such writes; compute
 * runs a gateway's or load balancer's requests. A new kind that joins a group is connected by
 * every rule that names the group, with nothing to edit elsewhere.
 */
export type KindGroup = 'writers' | 'sinks' | 'compute';

/**
 * One connection rule, written in the catalog of the kind at one end: `to` lists what this
 * kind may hand work to, `from` what it accepts work from (kind ids or groups). Validation,
 * the canvas, the inspector and the refusal hints all read the table these make
 * (scenario/connections.ts), whose prose is built from `meaning` and the kinds' names.
 */
export type ConnectionDecl<E extends string = string> = (
  { to: readonly E[]; from?: never } | { from: readonly E[]; to?: never }
) & {
  roles: readonly EdgeRole[];
  meaning: EdgeMeaning;
  /** Edge params that make sense on this connection (the inspector shows these). */
  params: readonly string[];
  /** Why this connection exists, for the help. */
  help: string;
};

/**
 * AWS's icon categories; a node's accent colour follows its service's category, the way AWS
 * diagrams read (the colours are the app's: app/canvas/kind-icons.tsx).
 */
export type AwsCategory =
  'compute' | 'integration' | 'networking' | 'analytics' | 'storage' | 'database' | 'general';

/**
 * A kind's picture, the default export of `kinds/<kind>/icon.ts`: the image's URL (an SVG
 * imported from the aws-icons package, which only the app's bundler resolves) and its AWS
 * category. The app gathers every kind's icon.ts by a glob (app/canvas/kind-icons.tsx), so a
 * new kind's picture lives in its folder and needs no line elsewhere; the worker, the CLI and
 * the tests in Node never import an icon.ts.
 */
export interface KindPicture {
  src: string;
  category: AwsCategory;
  /** A resource icon (glyph on transparent ground) rather than a service tile. */
  resource?: boolean;
}

/**
 * counter: a count over the measured window; gauge: a level, mean or maximum; latency: a
 * Summary of milliseconds; list: one number per shard or item; setting: an input echoed back.
 */
export type MetricRole = 'counter' | 'gauge' | 'latency' | 'list' | 'setting';

/** A figure shown on the node after a run; badges appear in declaration order. */
export interface BadgeInfo {
  /** Short word after the number, e.g. "cold". */
  word: string;
  /** Trouble (throttles, errors, dead letters): shown only when above 0, marked with ⚠. */
  problem?: boolean;
  /** A fraction 0..1 shown as a percentage. */
  percent?: boolean;
}

/**
 * How the classroom replay counts a metric up to a moment t from the traced hops at the node
 * (an estimate, scaled up when the run was sampled): `arrivals`, the hops that came over an
 * edge; `hops`, every hop, also a message received again or an event delivered to each rule's
 * target; `cold`, the hops that began with a cold start; `{ endedWith }`, the hops that ended
 * with one of these outcomes (the kind's own, so a stale one does not compile). A figure the
 * recording gives (MetricInfo.recorded) is preferred; this is its estimate where the recording
 * stopped early.
 */
export type CountAtT<O extends string = string> = 'arrivals' | 'hops' | 'cold' | { endedWith: readonly O[] };

/**
 * How the classroom replay reads a metric at t from the run's recording (kinds/record-codes.ts),
 * exactly, sampled run or not: the figure a run that ends at t reports, counted as the engine
 * counts it (over the measured window: from the warm-up's end when t is past it, else from 0).
 * - `'increments'`: the runtime records each increase (NodeBase.counter(name), REC_COUNT);
 * - `records`: how many records of this code the node made (only those with this value, or
 *   above 0 with `'positive'`): a function's invocations are its REC_ENV_BUSY records;
 * - `mostAtOnce`: the most at once of a count each `up` record raises by one and each `down`
 *   record lowers by one (a function's concurrent calls);
 * - `peak`: the most the sum of these levels (LVL_*) reached (engine/metrics/level.ts's max);
 * - `meanOf`: the time mean of `value` of the levels at each instant (a fleet's utilisation);
 * - `ofMeans`: `value` of the levels' time means (a host pool's tasks per instance), to six
 *   decimals as the engine reports it.
 * `when`: read only for the nodes whose recording entry says so (a service on a host pool).
 * The reader is app/classroom/at-time.ts; test/app/at-time-declared.test.ts reads every
 * declared figure on every template against a run that ends at t.
 */
export type RecordedAtT =
  | 'increments'
  | ({ when?: (node: RecordingNode) => boolean } & (
      | { records: number; value?: number | 'positive' }
      | { mostAtOnce: { up: number; down: number } }
      | { peak: readonly number[] }
      | { meanOf: readonly number[]; value: (levels: readonly number[], node: RecordingNode) => number }
      | { ofMeans: readonly number[]; value: (means: readonly number[], node: RecordingNode) => number }
    ));

export interface MetricInfo<O extends string = string> {
  role: MetricRole;
  label: string;
  badge?: BadgeInfo;
  atT?: CountAtT<O>;
  /** Read at t from the run's recording (exact); preferred to `atT` where both are given. */
  recorded?: RecordedAtT;
  /**
   * Produced only under some params (a table's stream metrics): the agreement test then needs
   * one run that produces it rather than every run.
   */
  optional?: boolean;
}

/**
 * The chart a series joins in the results (series of one group share a chart); a series
 * without a group gets a chart of its own.
 */
export type ChartGroup = 'traffic' | 'capacity' | 'coldStarts' | 'trouble' | 'depth' | 'age' | 'utilization';

/** How the engine fills the buckets: counts per second, time-averaged level, or the maximum. */
export type Sampling = 'rate' | 'level' | 'max';

export interface SeriesInfo {
  sampling: Sampling;
  label: string;
  chart?: ChartGroup;
  /** Shown inside the node in the classroom replay, with this short label. */
  gauge?: string;
  /**
   * One series per shard as well, keyed `shard<i>.<name>` (i from 0): gauges then show one
   * line per shard.
   */
  perShard?: boolean;
  /** Registered only under some params (a table's stream), like MetricInfo.optional. */
  optional?: boolean;
}

/**
 * A hop outcome in X-Ray's four classes, as the service map counts it: ok, the hop did its
 * work; error, the caller's or the handler's error (a 4xx, a caught failure); throttle, refused
 * for rate or concurrency (a 429); fault, the service failed or gave up (a 5xx, a timeout,
 * work dead-lettered, expired or dropped). Anything but ok is drawn as a failure in the replay.
 */
export type OutcomeClass = 'ok' | 'error' | 'throttle' | 'fault';
export const OUTCOME_CLASSES: readonly OutcomeClass[] = ['ok', 'error', 'throttle', 'fault'];

/**
 * What the classroom replay draws inside a node of this kind from the run's recording
 * (app/classroom/internals.ts reads it by this, not by kind): `environments`, a function's
 * execution environments (REC_ENV_*); `messages`, a queue's visible and in-flight messages and
 * its readers' batches; `instances`, a fleet's instances or tasks, their busy slots and hosts;
 * `lanes`, a stream's shards and each reader's lanes (a table's stream too).
 */
export type InsidesDrawing = 'environments' | 'messages' | 'instances' | 'lanes';

export interface KindTraits {
  /** Requests enter the system here (producers, schedules): nothing feeds it. */
  source: boolean;
  /** Work waits here between hops (queues, streams): a replayed dot rests on it. */
  buffer: boolean;
  /** A client waits for its answer (API Gateway, load balancer): the call is synchronous. */
  syncEntry: boolean;
}

/**
 * How the service map reads a node of this kind, in X-Ray's four classes: what it took in
 * (`count`, summed), which counters are Errors (4xx), Throttles (429) and Faults (5xx), and
 * its successes: the `ok` counters when the kind counts them itself (then requests still
 * waiting at the end are in no class), otherwise count minus the other three. `latency` is the
 * Summary shown as mean and p95. Names are the kind's own metrics, so a stale one does not
 * compile.
 */
export interface ServiceMapInfo<M extends string> {
  count: readonly M[];
  ok?: readonly M[];
  error?: readonly M[];
  throttle?: readonly M[];
  fault?: readonly M[];
  latency?: M;
}

/**
 * A price meter id from billing/meters.ts, or a family of them ending in `*`
 * (`ec2.*` for one meter per instance type).
 */
export type MeterPattern = string;

/**
 * Where a parameter sits in the inspector, in reading order: what the thing is, how fast it
 * runs, what bounds it, what happens when it fails, what it adds to the bill, and the rest.
 */
export type FieldGroup = 'basics' | 'performance' | 'limits' | 'retries' | 'cost' | 'advanced';

export const FIELD_GROUPS: readonly { id: FieldGroup; title: string }[] = [
  { id: 'basics', title: 'Basics' },
  { id: 'performance', title: 'Performance' },
  { id: 'limits', title: 'Limits and concurrency' },
  { id: 'retries', title: 'Retries and failures' },
  { id: 'cost', title: 'Cost' },
  { id: 'advanced', title: 'Advanced' },
];

/**
 * A parameter in people's words: the title the inspector shows (the schema keeps the unit,
 * range, default and help), its group, names for the values of a choice, and the same for
 * the fields of an object parameter.
 */
export interface FieldWords {
  title?: string;
  group?: FieldGroup;
  /** Words for the values of a choice: { arm64: 'arm64 (Graviton)' }. */
  options?: Readonly<Record<string, string>>;
  fields?: Readonly<Record<string, FieldWords>>;
}

/** Words for a params object's keys, checked against them. */
export type FieldWordsOf<P> = { readonly [K in keyof P & string]?: FieldWords };

export interface KindCatalog<
  K extends string = string,
  P = unknown,
  M extends string = string,
  S extends string = string,
  O extends string = string,
  E extends string = string,
> {
  kind: K;
  title: string;
  group: PaletteGroup;
  /** One sentence for the palette and the help. */
  description: string;
  /** The kind's name inside a sentence, with its article: "a Lambda function". */
  inSentence: string;
  params: z.ZodType<P>;
  /** The params in people's words, for the inspector (titles, groups, choice names). */
  fields?: FieldWordsOf<P>;
  /** One-line summary of key params for the canvas node, e.g. "512 MB · nodejs22.x". */
  summary(params: P): string;
  metrics: Readonly<Record<M, MetricInfo<NoInfer<O>>>>;
  /** Series keyed `<nodeId>.<name>` in the result (recorded when the run asks for series). */
  series: Readonly<Record<S, SeriesInfo>>;
  /** Every outcome a trace hop on a node of this kind can carry (including hops pollers record on it). */
  outcomes: Readonly<Record<O, OutcomeClass>>;
  traits: KindTraits;
  /**
   * A source's rough requests per second, from its params as written (defaults not applied, so
   * it answers for any document): the replay picks its sampling rate from it
   * (app/classroom/run-options.ts). Every source kind has one; test/app/run-options.test.ts checks it.
   */
  requestsPerSecond?(params: Readonly<Record<string, unknown>>): number;
  /** What its runtime records of its insides for the replay to draw; none: it records none. */
  insides?: InsidesDrawing;
  /** Its figures on the service map (app/servicemap). */
  serviceMap: ServiceMapInfo<NoInfer<M>>;
  meters: readonly MeterPattern[];
  /** The groups it joins, which other kinds' connection rules may name. */
  groups?: readonly KindGroup[];
  /**
   * Its connection rules, in the order its refusal hint lists them: what it may hand work to
   * (`to`) and, for rules the other end should not have to know, what it accepts (`from`).
   */
  connections: readonly ConnectionDecl<E>[];
  /**
   * Rules a node of this kind puts on its own params against its outgoing edges (a workflow's
   * steps must name functions it is connected to); validation reports each at its param path.
   */
  checkWiring?(params: P, out: readonly WiredEdge[]): WiringIssue[];
}

/** An outgoing edge as checkWiring sees it. */
export interface WiredEdge {
  target: string;
  targetKind: string;
  targetLabel: string;
  /** The target's params as written (defaults not applied). */
  targetParams: Record<string, unknown>;
  role: string;
}

export interface WiringIssue {
  /** Path inside the node's params, e.g. ['steps', 2, 'function']. */
  path: (string | number)[];
  message: string;
}

/**
 * Keeps a catalog's literal names (kind, metrics, series, outcomes, the other ends of its
 * connections) while checking it against KindCatalog; kinds/registry.ts checks that every
 * other end is a kind or a group.
 */
export function defineCatalog<
  K extends string,
  P,
  M extends string,
  S extends string,
  O extends string,
  E extends string = never,
>(c: KindCatalog<K, P, M, S, O, E>): KindCatalog<K, P, M, S, O, E> {
  return c;
}

/**
 * A call status (kinds/vocabulary.ts: OK, ERROR, TIMEOUT, THROTTLED) as a hop outcome in
 * traces, indexed by the status: the one table every kind uses.
 */
export const STATUS_NAMES = ['ok', 'error', 'timeout', 'throttled'] as const;
export type StatusName = (typeof STATUS_NAMES)[number];

/** The outcomes of a call answered by a handler: what function runtimes and pollers record. */
export const CALL_OUTCOMES = {
  ok: 'ok',
  error: 'error',
  timeout: 'fault',
  throttled: 'throttle',
  /** One message of a batch that a handler reported as failed (partial batch responses). */
  itemFailed: 'error',
} as const satisfies Record<StatusName | 'itemFailed', OutcomeClass>;

/** A param as written when it is a finite number, else `fallback` (for requestsPerSecond). */
export function numberOr(v: unknown, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

export const NO_TRAITS: KindTraits = { source: false, buffer: false, syncEntry: false };
