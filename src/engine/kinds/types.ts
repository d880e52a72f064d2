import type { z } from 'zod';
import type { UsageLine } from '../billing/types';
import type { SimContext } from '../sim/context';
import type { EdgeRuntime } from '../sim/edges';

export type NodeKind =
  | 'producer'
  | 'schedule'
  | 'apiGateway'
  | 'function'
  | 'queue'
  | 'topic'
  | 'eventBus'
  | 'stream'
  | 'bucket'
  | 'table'
  | 'server'
  | 'container'
  | 'loadBalancer';

export type PaletteGroup = 'sources' | 'apis' | 'compute' | 'messaging' | 'storage' | 'servers';

/** A node as the engine sees it after validation: params parsed, defaults applied. */
export interface NodeSpec<P = Record<string, unknown>> {
  id: string;
  kind: NodeKind;
  label: string;
  params: P;
}

/** Latency-like summaries in the result. */
export interface Summary {
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export type MetricValue = number | Summary | number[];
export type NodeMetrics = Record<string, MetricValue>;

/**
 * Result of a synchronous call, handed back to the caller's onReturn. THROTTLED means the
 * callee refused the work (e.g. Lambda 429); ERROR a handler error; TIMEOUT a timeout.
 */
export const OK = 0;
export const ERROR = 1;
export const TIMEOUT = 2;
export const THROTTLED = 3;
export type CallStatus = typeof OK | typeof ERROR | typeof TIMEOUT | typeof THROTTLED;

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
  out: EdgeRuntime[];
  /** Incoming edges, wired before start(). */
  in: EdgeRuntime[];
  /** Schedule the first events (sources, pollers, timers). */
  start(t: number): void;
  /** An event this node scheduled with ctx.schedule(this, action, slot, t). */
  onEvent(action: number, slot: number, t: number): void;
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
  deliver(req: number, type: number, kb: number, group: number, t: number, via: EdgeRuntime): void;
  onReturn(slot: number, status: CallStatus, t: number): void;
  /**
   * Batches: a poller calls with req -1 and a batch; the callee then sends nothing itself,
   * and after a successful batch the poller calls emitDownstream once per item it handled,
   * so that each item's request gets its own downstream paths.
   */
  emitDownstream?(req: number, type: number, kb: number, group: number, t: number): void;
  /** Probability that one item of a batch fails (partial batch failures), if the node has one. */
  readonly itemErrorRate?: number;
  /**
   * Whether the node would take an asynchronous hand-off (deliver) at t. Senders that retry
   * refused deliveries themselves (an EventBridge target) ask first; absent means always.
   */
  accepts?(t: number): boolean;
  /** For worker targets of a poller (containers): how many batches they can take at once now. */
  workerCapacity?(t: number): number;
  /** End of run: close time averages at t. */
  finish(t: number): void;
  /**
   * Paths of requests this node holds now (messages, async invocations, retries waiting,
   * calls it waits on): the run's conservation check compares their sum with the paths the
   * request table has open. A synchronous callee does not count the path its caller holds.
   */
  heldPaths(): number;
  metrics(): NodeMetrics;
  usage(): UsageLine[];
  /** Series this node contributes (only when the run records series). */
  series?(): Record<string, number[]>;
}

/** One node kind: its schema, how it looks in the palette, and how it behaves. */
export interface KindModule<P = unknown> {
  kind: NodeKind;
  title: string;
  group: PaletteGroup;
  /** One sentence for the palette and the help. */
  description: string;
  params: z.ZodType<P>;
  /** One-line summary of key params for the canvas node, e.g. "512 MB · nodejs22.x". */
  summary(params: P): string;
  /** Absent for kinds whose behaviour is not built yet: validation refuses to run them. */
  create?(ctx: SimContext, spec: NodeSpec<P>, index: number): NodeRuntime;
}
