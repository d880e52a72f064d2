import { EventQueue } from '../kernel/event-queue';
import { nodeRng, type Rng } from '../kernel/rng';
import type { CallStatus } from '../kinds/vocabulary';
import type { NodeRuntime } from './node-runtime';
import { SeriesSet, bucketSecondsFor } from '../metrics/series';
import type { EdgeRuntime } from './edges';
import { Recorder } from './recorder';
import { Requests } from './requests';
import { Slots, growF64, growI32, growU8 } from './slots';

/** Handler code of a reply event (never a node's: node handlers are (index << 4) | action ≥ 0). */
export const REPLY = -1;

export interface RunSettings {
  durationSeconds: number;
  warmupSeconds: number;
  seed: number;
  region: string;
  includeFreeTier: boolean;
  lambdaBillingGranularityMs: number;
  accountConcurrency: number;
  /** ISO time the simulated clock starts at (cron schedules need a calendar). */
  startTime: string;
}

/** Everything a node needs during a run. One per run; nothing in it is global. */
export class SimContext {
  readonly queue = new EventQueue(4096);
  readonly nodes: NodeRuntime[] = [];
  readonly edges: EdgeRuntime[] = [];
  declare readonly requests: Requests;
  declare readonly series: SeriesSet | null;
  /** State changes inside nodes for the classroom replay; null unless the run asked (option `record`). */
  declare readonly recorder: Recorder | null;
  declare readonly durationMs: number;
  /** When the run ended: durationMs, or earlier when a guard or cancel stopped it. */
  endMs = 0;
  declare readonly measureFromMs: number;
  /**
   * How long was measured: from the end of the warm-up to the end of the run, and 0 for a
   * run stopped (cancel, a budget) before its warm-up ended. Spans priced by time use this,
   * never endMs − measureFromMs, which is negative then.
   */
  get measuredMs(): number {
    return this.endMs > this.measureFromMs ? this.endMs - this.measureFromMs : 0;
  }
  readonly eventTypes: string[] = [];
  readonly warnings: string[] = [];
  private readonly typeIdx = new Map<string, number>();
  // Replies waiting in the event queue: caller node, caller's slot, status, answer time.
  declare private replyNode: Int32Array;
  declare private replySlot: Int32Array;
  declare private replyStatus: Uint8Array;
  declare private replyAt: Float64Array;
  declare private readonly replies: Slots;
  private readonly sharedState = new Map<string, unknown>();

  constructor(
    readonly settings: RunSettings,
    opts: { series: boolean; traceSampleRate: number; maxTraces: number; record?: number },
  ) {
    this.durationMs = settings.durationSeconds * 1000;
    this.endMs = this.durationMs;
    this.measureFromMs = Math.min(settings.warmupSeconds, settings.durationSeconds) * 1000;
    this.requests = new Requests(this.measureFromMs, opts.traceSampleRate, opts.maxTraces);
    this.series = opts.series
      ? new SeriesSet(bucketSecondsFor(settings.durationSeconds), settings.durationSeconds)
      : null;
    this.recorder = opts.record && opts.record > 0 ? new Recorder(opts.record) : null;
    this.replies = new Slots(16, (cap) => {
      this.replyNode = growI32(this.replyNode, cap);
      this.replySlot = growI32(this.replySlot, cap);
      this.replyStatus = growU8(this.replyStatus, cap);
      this.replyAt = growF64(this.replyAt, cap);
    });
  }

  /**
   * A callee that answers a call at once (a refusal, a throttle) answers through the event
   * queue: caller.onReturn(callerSlot, status, t) runs as its own event at the same simulated
   * time, after the caller's call() has returned, so no caller has to expect its onReturn
   * inside its own call (SimPy's rule). Answers given from the callee's own later events
   * (the handler's end) are already events and go straight to onReturn.
   */
  answer(caller: NodeRuntime, callerSlot: number, status: CallStatus, t: number): void {
    const r = this.replies.alloc();
    this.replyNode[r] = caller.index;
    this.replySlot[r] = callerSlot;
    this.replyStatus[r] = status;
    this.replyAt[r] = t;
    this.queue.push(t, REPLY, r);
  }

  /** Runs reply event r (the engine's loop calls this for handler REPLY); returns the caller's index. */
  runReply(r: number): number {
    const node = this.replyNode[r];
    const slot = this.replySlot[r];
    const status = this.replyStatus[r] as CallStatus;
    const t = this.replyAt[r];
    this.replies.release(r);
    this.nodes[node].onReturn(slot, status, t);
    return node;
  }

  /** The time of the event being run: an event's handler (onEvent) reads its time here. */
  get now(): number {
    return this.queue.poppedTime;
  }

  /** Schedules node.onEvent(action, slot) at t. Actions are 0–15. */
  schedule(node: NodeRuntime, action: number, slot: number, t: number): void {
    this.queue.push(t, (node.index << 4) | action, slot);
  }

  /**
   * A timer register for a node that always has exactly one event pending (a producer's next
   * arrival): cheaper than the heap, and ordered exactly as if scheduled with schedule().
   */
  addTimer(): number {
    return this.queue.addTimer();
  }

  /** Sets a register from addTimer() (unset: it fires once) to call node.onEvent(action, slot) at t. */
  setTimer(timer: number, node: NodeRuntime, action: number, slot: number, t: number): void {
    this.queue.setTimer(timer, t, (node.index << 4) | action, slot);
  }

  /** A node's own random stream, keyed by its id (stable when other nodes change). */
  rng(nodeId: string, purpose = ''): Rng {
    return nodeRng(this.settings.seed, purpose ? `${nodeId}#${purpose}` : nodeId);
  }

  /** Index of an event type by name, registering it on first use. */
  typeIndex(name: string): number {
    let i = this.typeIdx.get(name);
    if (i === undefined) {
      i = this.eventTypes.length;
      this.eventTypes.push(name);
      this.typeIdx.set(name, i);
    }
    return i;
  }

  /** State shared by all nodes of a kind in this run (e.g. the account's Lambda concurrency). */
  shared<T>(key: string, make: () => T): T {
    let v = this.sharedState.get(key) as T | undefined;
    if (v === undefined) {
      v = make();
      this.sharedState.set(key, v);
    }
    return v;
  }

  /** True from the end of the warm-up on: counters and bills only count then. */
  measuring(t: number): boolean {
    return t >= this.measureFromMs;
  }
}
