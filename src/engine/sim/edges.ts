import type { Rng } from '../kernel/rng';
import type { EdgeMeaning, EdgeRole } from '../scenario/connections';
import type { Edge, EdgeParams, EdgeSpec, NodeRuntime } from './node-runtime';
import type { Requests } from './requests';

export type { EdgeParams, EdgeSpec } from './node-runtime';

/** An edge during a run. */
export class EdgeRuntime implements Edge {
  /** accepts[type] is 1 when the filter/pattern matches event type index `type`. */
  private accepts: Uint8Array | null = null;
  declare private readonly whole: number;
  declare private readonly frac: number;

  declare readonly index: number;
  declare readonly spec: EdgeSpec;
  declare readonly source: NodeRuntime;
  declare readonly target: NodeRuntime;
  declare readonly meaning: EdgeMeaning;
  /** Calls, messages and batches that crossed the edge after the warm-up (the service map's rates). */
  passed = 0;
  declare private readonly measureFromMs: number;
  /** The run's requests when traces are recorded (each crossing of a sampled request is noted), else null. */
  declare private readonly traces: Requests | null;
  declare private readonly answers: boolean;

  constructor(
    index: number,
    spec: EdgeSpec,
    source: NodeRuntime,
    target: NodeRuntime,
    meaning: EdgeMeaning,
    typeIndex: (name: string) => number,
    measureFromMs = 0,
    requests: Requests | null = null,
  ) {
    this.measureFromMs = measureFromMs;
    this.traces = requests !== null && requests.tracing ? requests : null;
    this.index = index;
    this.spec = spec;
    this.source = source;
    this.target = target;
    this.meaning = meaning;
    this.answers =
      meaning === 'request' ||
      meaning === 'integration' ||
      (meaning === 'invoke' && spec.params.mode === 'sync');
    const per = spec.params.perRequest ?? 1;
    this.whole = Math.floor(per);
    this.frac = per - this.whole;
    const match = spec.params.filter?.type ?? spec.params.pattern?.type;
    if (match) {
      const idx = match.map(typeIndex);
      this.accepts = new Uint8Array(Math.max(0, ...idx) + 1);
      for (const i of idx) this.accepts[i] = 1;
    }
  }

  get id(): string {
    return this.spec.id;
  }
  get role(): EdgeRole {
    return this.spec.role;
  }
  get params(): EdgeParams {
    return this.spec.params;
  }
  /** The sender waits for the target's answer (an API's client, a synchronous invoke). */
  get sync(): boolean {
    return this.answers;
  }

  /** Whether an event of this type passes the edge's filter or pattern. */
  matches(type: number): boolean {
    const a = this.accepts;
    return a === null || (type < a.length && a[type] === 1);
  }

  /** The source hands one path of `req` to the target (NodeRuntime.deliver), counted. */
  deliver(req: number, type: number, kb: number, group: number, t: number): void {
    if (t >= this.measureFromMs) this.passed++;
    if (this.traces !== null && req >= 0)
      this.traces.arrive(req, this.spec.id, this.source.spec.id, this.target.spec.id, this.answers);
    this.target.deliver(req, type, kb, group, t, this);
  }

  /** The source calls the target and waits (NodeRuntime.call), counted. */
  call(
    req: number,
    type: number,
    kb: number,
    group: number,
    t: number,
    caller: NodeRuntime,
    callerSlot: number,
    fails?: boolean,
  ): void {
    if (t >= this.measureFromMs) this.passed++;
    if (this.traces !== null && req >= 0)
      this.traces.arrive(req, this.spec.id, this.source.spec.id, this.target.spec.id, this.answers);
    this.target.call(req, type, kb, group, t, caller, callerSlot, fails);
  }

  /** Item `req` of a poller's batch (a call made with req −1) crosses this edge: noted for a sampled request. */
  batchItem(req: number): void {
    if (this.traces !== null && req >= 0)
      this.traces.arrive(req, this.spec.id, this.source.spec.id, this.target.spec.id, false);
  }

  /** How many messages this edge sends for one handled request: perRequest on average. */
  count(rng: Rng): number {
    return this.frac === 0 ? this.whole : this.whole + (rng.next() < this.frac ? 1 : 0);
  }
}
