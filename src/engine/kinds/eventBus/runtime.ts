import type { UsageLine } from '../../billing/types';
import { chunks } from '../../billing/units';
import type { SimContext } from '../../sim/context';
import type { EdgeRuntime } from '../../sim/edges';
import { NodeBase } from '../../sim/node-base';
import { COMPLETED, DEAD_LETTERED, DROPPED } from '../../sim/requests';
import { Slots, growF64, growI32 } from '../../sim/slots';
import type { NodeMetrics, NodeSpec } from '../types';
import { eventBridgeRetryDelayMs } from './retry';
import type { EventBusParams } from './schema';

/** Each started 64 KB of a PutEvents entry is billed as one event [EB-PRICE]. */
const EB_CHUNK_KB = 64;

const RETRY = 0;

/**
 * Amazon EventBridge custom bus. Each outgoing "invoke" edge is a rule target; edges with
 * the same pattern form one rule (at most 5 targets, checked by validation [EB-TARGETS]).
 * An event put on the bus is matched against every rule and delivered to each target of
 * each matching rule: one new path per delivery, and the put's own path completes.
 *
 * Functions are invoked asynchronously [L-EB]: Lambda's internal queue takes every event,
 * so the bus sees a success even when the function cannot run it (reserved concurrency 0
 * sends it straight to the function's on-failure destination [L-ASYNC]); queues, topics and
 * streams get the event. A target whose `accepts(t)` says no fails a delivery with a
 * retriable error: retried with exponential back-off and jitter (./retry.ts) up to
 * maximumRetryAttempts and maximumEventAgeSeconds [EB-DLQ], then sent to that target's
 * dead-letter queue (the path ends dead-lettered and the message belongs to no request) or
 * dropped. No shipped kind refuses today (the hook is where a throttled target would).
 *
 * Dead-letter queues belong to targets, as in AWS: a "dlq" edge with `forTargets` serves
 * the named targets; one without serves every target that has no DLQ of its own (the v1
 * files with one DLQ per bus load unchanged and mean exactly that).
 *
 * Bill: custom events per PutEvents entry, in 64 KB chunks [EB-PRICE]; events from an S3
 * bucket (AWS service events on the default bus) are free. Deliveries and
 * retries are not billed. No latency of its own is modelled.
 */
export class EventBusRuntime extends NodeBase<EventBusParams> {
  /** Rule targets, grouped so that rule r owns targets[ruleStart[r] .. ruleStart[r + 1]). */
  private targets: EdgeRuntime[] = [];
  private ruleStart = new Int32Array(1);
  /** The dead-letter queue of each target (same index as targets), or null. */
  private targetDlq: (EdgeRuntime | null)[] = [];
  declare private readonly maxRetries: number;
  declare private readonly maxAgeMs: number;

  // Deliveries waiting for a retry (indexed by slot).
  declare private dReq: Int32Array;
  declare private dType: Int32Array;
  declare private dKb: Float64Array;
  declare private dGroup: Int32Array;
  declare private dTarget: Int32Array;
  declare private dRetries: Int32Array;
  declare private dFirst: Float64Array;
  declare private readonly pending: Slots;

  private putEvents = 0;
  private billedEvents = 0;
  private matched = 0;
  private deliveries = 0;
  private retries = 0;
  private failed = 0;
  private deadLettered = 0;
  private readonly sPut: number = -1;
  private readonly sRetries: number = -1;

  /** The recorder's handles for the counters a replay shows at t (−1 when not recording). */
  private readonly cMatched: number;

  constructor(ctx: SimContext, spec: NodeSpec<EventBusParams>, index: number) {
    super(ctx, spec, index);
    this.cMatched = this.counter('matched');
    this.maxRetries = spec.params.maximumRetryAttempts;
    this.maxAgeMs = spec.params.maximumEventAgeSeconds * 1000;
    this.pending = new Slots(16, (cap) => {
      this.dReq = growI32(this.dReq, cap);
      this.dType = growI32(this.dType, cap);
      this.dKb = growF64(this.dKb, cap);
      this.dGroup = growI32(this.dGroup, cap);
      this.dTarget = growI32(this.dTarget, cap);
      this.dRetries = growI32(this.dRetries, cap);
      this.dFirst = growF64(this.dFirst, cap);
    });
    const s = ctx.series;
    if (s) {
      this.sPut = s.register(`${spec.id}.putEvents`, 'rate');
      this.sRetries = s.register(`${spec.id}.retries`, 'rate');
    }
  }

  start(): void {
    const rules = new Map<string, EdgeRuntime[]>();
    for (const e of this.edgesWith('invoke')) {
      const types = e.params.pattern?.type;
      const key = types ? JSON.stringify([...types].sort()) : '*';
      const list = rules.get(key);
      if (list) list.push(e);
      else rules.set(key, [e]);
    }
    this.ruleStart = new Int32Array(rules.size + 1);
    let r = 0;
    for (const list of rules.values()) {
      this.ruleStart[r++] = this.targets.length;
      this.targets.push(...list);
    }
    this.ruleStart[r] = this.targets.length;
    const dlqs = this.edgesWith('dlq');
    const shared = dlqs.find((d) => !d.params.forTargets) ?? null;
    this.targetDlq = this.targets.map(
      (e) => dlqs.find((d) => d.params.forTargets?.includes(e.target.spec.id)) ?? shared,
    );
  }

  /** A PutEvents entry, or an event an AWS service (an S3 bucket) sent to the default bus. */
  deliver(req: number, type: number, kb: number, group: number, t: number, via: EdgeRuntime): void {
    const measuring = this.measuring(t);
    if (measuring) {
      this.putEvents++;
      // AWS service events on the default bus are free [EB-PRICE]; validation sends S3's only there.
      if (via.source.spec.kind !== 'bucket') this.billedEvents += chunks(kb, EB_CHUNK_KB);
      if (this.ctx.series) this.ctx.series.count(this.sPut, t);
    }
    const starts = this.ruleStart;
    const rules = starts.length - 1;
    for (let r = 0; r < rules; r++) {
      const from = starts[r];
      const to = starts[r + 1];
      // Every target of a rule has the rule's pattern.
      if (!this.targets[from].matches(type)) continue;
      if (measuring) this.matched++;
      this.tally(this.cMatched, t, 1, measuring);
      for (let i = from; i < to; i++) {
        this.ctx.requests.spawn(req);
        this.firstAttempt(req, type, kb, group, i, t);
      }
    }
    this.ctx.requests.end(req, COMPLETED, t);
  }

  onEvent(_action: number, slot: number): void {
    const t = this.ctx.now;
    const retry = ++this.dRetries[slot];
    const req = this.dReq[slot];
    if (this.measuring(t)) {
      this.retries++;
      if (this.ctx.series) this.ctx.series.count(this.sRetries, t);
    }
    const e = this.targets[this.dTarget[slot]];
    if (e.target.accepts?.(t) ?? true) {
      this.hop(req, t, retry, 'delivered');
      this.delivered(t);
      const type = this.dType[slot];
      const kb = this.dKb[slot];
      const group = this.dGroup[slot];
      this.pending.release(slot);
      e.deliver(req, type, kb, group, t);
      return;
    }
    this.hop(req, t, retry, 'refused');
    this.refused(slot, t);
  }

  private firstAttempt(
    req: number,
    type: number,
    kb: number,
    group: number,
    target: number,
    t: number,
  ): void {
    const e = this.targets[target];
    if (e.target.accepts?.(t) ?? true) {
      this.hop(req, t, 0, 'delivered');
      this.delivered(t);
      e.deliver(req, type, kb, group, t);
      return;
    }
    this.hop(req, t, 0, 'refused');
    const s = this.pending.alloc();
    this.dReq[s] = req;
    this.dType[s] = type;
    this.dKb[s] = kb;
    this.dGroup[s] = group;
    this.dTarget[s] = target;
    this.dRetries[s] = 0;
    this.dFirst[s] = t;
    this.refused(s, t);
  }

  /** A refused attempt: retry later, or give up when out of retries or past the event age. */
  private refused(slot: number, t: number): void {
    const used = this.dRetries[slot];
    if (used < this.maxRetries) {
      const at = t + eventBridgeRetryDelayMs(used + 1, this.rng.next());
      if (at - this.dFirst[slot] <= this.maxAgeMs) {
        this.at(at, RETRY, slot);
        return;
      }
    }
    const req = this.dReq[slot];
    const measuring = this.measuring(t);
    if (measuring) this.failed++;
    const dlq = this.targetDlq[this.dTarget[slot]];
    if (dlq) {
      if (measuring) this.deadLettered++;
      // The dead-letter message belongs to no request; the request's path ends here.
      dlq.deliver(-1, this.dType[slot], this.dKb[slot], this.dGroup[slot], t);
      this.ctx.requests.end(req, DEAD_LETTERED, t);
    } else {
      this.ctx.requests.end(req, DROPPED, t);
    }
    this.pending.release(slot);
  }

  private delivered(t: number): void {
    if (this.measuring(t)) this.deliveries++;
  }

  /** One delivery attempt in a sampled request's trace (the next hop shows the target). */
  private hop(req: number, t: number, retry: number, outcome: 'delivered' | 'refused'): void {
    if (this.ctx.requests.traceId(req) < 0) return;
    this.ctx.requests.hop(req, { node: this.spec.id, startMs: t, endMs: t, retry, outcome });
  }

  /** Deliveries waiting for a retry. */
  heldPaths(): number {
    return this.pending.countHeld(this.dReq);
  }

  metrics(): NodeMetrics {
    return {
      putEvents: this.putEvents,
      matched: this.matched,
      deliveries: this.deliveries,
      retries: this.retries,
      failed: this.failed,
      deadLettered: this.deadLettered,
    };
  }

  usage(): UsageLine[] {
    return [
      { meter: 'eventbridge.events', name: 'custom events (64 KB chunks)', quantity: this.billedEvents },
    ];
  }
}
