import type { Rng } from '../kernel/rng';
import type { CallStatus, NodeMetrics, NodeSpec } from '../kinds/vocabulary';
import type { NodeRuntime } from './node-runtime';
import type { UsageLine } from '../billing/types';
import type { SimContext } from './context';
import type { EdgeRuntime } from './edges';
import { kindName } from '../scenario/connections';

/**
 * Defaults shared by node runtimes. A kind overrides what it supports; the others throw,
 * which validation makes unreachable (the connection table refuses such edges).
 */
export abstract class NodeBase<P = Record<string, unknown>> implements NodeRuntime {
  out: EdgeRuntime[] = [];
  in: EdgeRuntime[] = [];
  declare protected readonly rng: Rng;
  /** Events this node handled (guards name the busiest nodes). */
  events = 0;

  declare protected readonly ctx: SimContext;
  declare readonly spec: NodeSpec<P>;
  declare readonly index: number;

  constructor(ctx: SimContext, spec: NodeSpec<P>, index: number) {
    this.ctx = ctx;
    this.spec = spec;
    this.index = index;
    this.rng = ctx.rng(spec.id);
  }

  get id(): string {
    return this.spec.id;
  }
  get params(): P {
    return this.spec.params;
  }

  start(_t: number): void {}

  // A callee never calls caller.onReturn from inside its call(): an answer given at once (a
  // refusal, a throttle) goes through ctx.answer, as an event at the same time.

  onEvent(_action: number, _slot: number): void {}

  call(
    _req: number,
    _type: number,
    _kb: number,
    _group: number,
    _t: number,
    _caller: NodeRuntime,
    _callerSlot: number,
  ): void {
    throw new Error(`${kindName(this.spec.kind)} ("${this.spec.id}") cannot be called synchronously`);
  }

  deliver(_req: number, _type: number, _kb: number, _group: number, _t: number, _via: EdgeRuntime): void {
    throw new Error(`${kindName(this.spec.kind)} ("${this.spec.id}") cannot receive events`);
  }

  onReturn(_slot: number, _status: CallStatus, _t: number): void {}

  finish(_t: number): void {}

  /** Kinds that hold no paths between events (sources, instant hand-offs) keep this. */
  heldPaths(): number {
    return 0;
  }

  abstract metrics(): NodeMetrics;

  usage(): UsageLine[] {
    return [];
  }

  /** Schedules this.onEvent(action, slot) at t. */
  protected at(t: number, action: number, slot: number): void {
    this.ctx.schedule(this, action, slot, t);
  }

  protected measuring(t: number): boolean {
    return this.ctx.measuring(t);
  }

  /**
   * A handle for tally(): the node's metric whose increments a recorded run keeps (−1 when
   * the run records nothing), so the replay's figures at t are exact.
   */
  protected counter(metric: string): number {
    const rec = this.ctx.recorder;
    return rec === null ? -1 : rec.counter(this.spec.id, this.spec.kind, metric);
  }

  /** When recording: counter h went up by n at t (measured: the run counts it after its warm-up). */
  protected tally(h: number, t: number, n: number, measured: boolean): void {
    const rec = this.ctx.recorder;
    if (rec !== null) rec.count(t, h, n, measured);
  }

  /** Outgoing edges with a role (and optionally a meaning). */
  protected edgesWith(role: EdgeRuntime['role'], ...meanings: EdgeRuntime['meaning'][]): EdgeRuntime[] {
    return this.out.filter((e) => e.role === role && (meanings.length === 0 || meanings.includes(e.meaning)));
  }

  /**
   * After a request is handled: the put/publish/send edges (and async invokes), perRequest
   * times each, each a new path of the request. Call before ending the node's own path.
   */
  protected emit(
    edges: EdgeRuntime[],
    req: number,
    type: number,
    kb: number,
    group: number,
    t: number,
  ): void {
    for (let i = 0; i < edges.length; i++) {
      const e = edges[i];
      if (!e.matches(type)) continue;
      const n = e.count(this.rng);
      for (let k = 0; k < n; k++) {
        this.ctx.requests.spawn(req);
        e.deliver(req, type, kb, group, t);
      }
    }
  }
}
