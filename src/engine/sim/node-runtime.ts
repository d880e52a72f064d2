import type { UsageLine } from '../billing/types';
import type { Rng } from '../kernel/rng';
import type { CallStatus, NodeMetrics, NodeSpec } from '../kinds/vocabulary';
import type { EdgeMeaning, EdgeRole } from '../scenario/connections';

/**
 * The runtime contract between nodes and edges. It imports neither the run's context nor the
 * edge class, so sim/context.ts and sim/edges.ts can depend on it without an import circle.
 */

/** Edge params after validation (defaults applied by the edge schema for its connection). */
export interface EdgeParams {
  perRequest?: number;
  mode?: 'sync' | 'async';
  filter?: { type?: string[] };
  pattern?: { type?: string[] };
  batchSize?: number;
  batchWindowSeconds?: number;
  maximumConcurrency?: number;
  reportBatchItemFailures?: boolean;
  parallelizationFactor?: number;
  maximumRetryAttempts?: number;
  maximumRecordAgeSeconds?: number;
  bisectBatchOnError?: boolean;
  /** An EventBridge DLQ edge: the ids of the rule targets it serves (absent = all without their own). */
  forTargets?: string[];
  [extra: string]: unknown;
}

export interface EdgeSpec {
  id: string;
  source: string;
  target: string;
  role: EdgeRole;
  params: EdgeParams;
}

/** What a node sees of an edge during a run (implemented by EdgeRuntime in sim/edges.ts). */
export interface Edge {
  readonly index: number;
  readonly spec: EdgeSpec;
  readonly source: NodeRuntime;
  readonly target: NodeRuntime;
  readonly meaning: EdgeMeaning;
  readonly id: string;
  readonly role: EdgeRole;
  readonly params: EdgeParams;
  /** The sender waits for the answer (a request, an integration, a sync invoke). */
  readonly sync: boolean;
  /** Whether an event of this type passes the edge's filter or pattern. */
  matches(type: number): boolean;
  /** How many messages this edge sends for one handled request: perRequest on average. */
  count(rng: Rng): number;
}

/**
 * The behaviour of one node during a run. All methods are called on the engine's hot path:
 * they must not allocate per call (keep per-item state in typed arrays indexed by slot).
 *
 * Work moves between nodes in two ways:
 * - call(): synchronous; the caller waits and later gets onReturn(callerSlot, status, t).
 * - deliver(): asynchronous hand-off of one *path* of request `req`: the sender has already
 *   counted the path (ctx.requests.spawn) or passes on its own; the receiver must end it
 *   exactly once (ctx.requests.end) or pass it on. req is -1 for work that belongs to no
 *   request (e.g. a message already counted as dead-lettered).
 *
 * `type` is the index of the event type (ctx.eventTypes), `kb` the payload size,
 * `group` the FIFO message group (0 when unused).
 */
export interface NodeRuntime {
  readonly index: number;
  readonly spec: NodeSpec<unknown>;
  /** Outgoing edges, wired before start(). */
  out: Edge[];
  /** Incoming edges, wired before start(). */
  in: Edge[];
  /** Schedule the first events (sources, pollers, timers). */
  start(t: number): void;
  /**
   * An event this node scheduled with ctx.schedule(this, action, slot, t), run at its time
   * ctx.now: read there rather than passed, because a double passed to a call V8 does not
   * inline (this one, with a receiver of every kind, never is) is boxed, an allocation per event.
   */
  onEvent(action: number, slot: number): void;
  /**
   * `fails`, when given, decides the handler's outcome instead of the callee's own error draw
   * (a timeout still wins): a stream poller passes whether the batch holds a poison record.
   */
  call(
    req: number,
    type: number,
    kb: number,
    group: number,
    t: number,
    caller: NodeRuntime,
    callerSlot: number,
    fails?: boolean,
  ): void;
  deliver(req: number, type: number, kb: number, group: number, t: number, via: Edge): void;
  onReturn(slot: number, status: CallStatus, t: number): void;
  /**
   * Batches: a poller calls with req -1 and a batch; the callee then sends nothing itself,
   * and after a successful batch the poller calls emitDownstream once per item it handled,
   * so that each item's request gets its own downstream paths.
   */
  emitDownstream?(req: number, type: number, kb: number, group: number, t: number): void;
  /**
   * A reader that looks at a batch's items before it handles the batch (a pipe filters them):
   * the poller announces each item, in batch order, right before its call with req -1.
   */
  batchItem?(req: number, type: number, kb: number): void;
  /** Probability that one item of a batch fails (partial batch failures), if the node has one. */
  readonly itemErrorRate?: number;
  /**
   * Whether the node would take an asynchronous hand-off (deliver) at t. Senders that retry
   * refused deliveries themselves (an EventBridge target) ask first; absent means always.
   */
  accepts?(t: number): boolean;
  /** For worker targets of a poller (containers): how many batches they can take at once now. */
  workerCapacity?(t: number): number;
  /**
   * Paths of requests this node holds now (messages, async invocations, retries waiting,
   * calls it waits on): the run's conservation check compares their sum with the paths the
   * request table has open. A synchronous callee does not count the path its caller holds.
   */
  heldPaths(): number;
  /** End of run: close time averages at t. */
  finish(t: number): void;
  metrics(): NodeMetrics;
  usage(): UsageLine[];
  /** Series this node contributes (only when the run records series). */
  series?(): Record<string, number[]>;
}
