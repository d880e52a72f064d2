import { MONTH_SECONDS } from '../../billing/bill';
import type { UsageLine } from '../../billing/types';
import { Sampler } from '../../kernel/distributions';
import type { SimContext } from '../../sim/context';
import type { EdgeRuntime } from '../../sim/edges';
import { NodeBase } from '../../sim/node-base';
import { COMPLETED } from '../../sim/requests';
import { Slots, growF64, growI32 } from '../../sim/slots';
import type { NodeMetrics, NodeSpec } from '../types';
import type { BucketParams } from './schema';

const NOTIFY = 0;
const TO_BUS = 1;

/**
 * Amazon S3 bucket (Standard storage). Each PUT arrives by deliver from a producer,
 * function, server or container and carries one path of its request. The bucket sends one
 * event notification per PUT to its single destination [S3-FILTER] (validation refuses a
 * second one) after `notificationDelay` ("typically seconds" [S3-NOTIF]); the notification
 * continues the PUT's path: a function is invoked asynchronously [L-S3], a queue or topic
 * gets a message. Without a destination the path completes with the PUT. With the bucket's
 * EventBridge switch on (an edge to the default bus) each PUT also sends an event there, after
 * a delay drawn the same way, as a path of its own.
 *
 * Delivery is at least once in AWS; duplicates are not modelled (one notification per PUT).
 *
 * Bill: PUT requests, GET requests (`getsPerPut` per PUT: reads are not drawn as edges) and
 * `storedGB` of Standard storage held for the measured window [S3-PAPI]. Notifications
 * themselves cost nothing in S3.
 */
export class BucketRuntime extends NodeBase<BucketParams> {
  declare private readonly delay: Sampler;
  private notifyEdge: EdgeRuntime | null = null;
  private busEdge: EdgeRuntime | null = null;

  // Notifications on their way (indexed by slot).
  declare private nReq: Int32Array;
  declare private nType: Int32Array;
  declare private nKb: Float64Array;
  declare private nGroup: Int32Array;
  declare private readonly notes: Slots;

  private puts = 0;
  private notifications = 0;
  private busEvents = 0;
  private readonly sPuts: number = -1;

  /** The recorder's handles for the counters a replay shows at t (−1 when not recording). */
  private readonly cPuts: number;
  private readonly cNotifications: number;
  private readonly cBusEvents: number;

  constructor(ctx: SimContext, spec: NodeSpec<BucketParams>, index: number) {
    super(ctx, spec, index);
    this.cPuts = this.counter('puts');
    this.cNotifications = this.counter('notifications');
    this.cBusEvents = this.counter('eventBridgeEvents');
    this.delay = new Sampler(spec.params.notificationDelay);
    this.notes = new Slots(64, (cap) => {
      this.nReq = growI32(this.nReq, cap);
      this.nType = growI32(this.nType, cap);
      this.nKb = growF64(this.nKb, cap);
      this.nGroup = growI32(this.nGroup, cap);
    });
    if (ctx.series) this.sPuts = ctx.series.register(`${spec.id}.puts`, 'rate');
  }

  start(): void {
    const out = this.edgesWith('invoke');
    this.notifyEdge = out.find((e) => e.target.spec.kind !== 'eventBus') ?? null;
    this.busEdge = out.find((e) => e.target.spec.kind === 'eventBus') ?? null;
  }

  /** One PUT. */
  deliver(req: number, type: number, kb: number, group: number, t: number): void {
    this.tally(this.cPuts, t, 1, this.measuring(t));
    if (this.measuring(t)) {
      this.puts++;
      if (this.ctx.series) this.ctx.series.count(this.sPuts, t);
    }
    if (this.notifyEdge === null && this.busEdge === null) {
      this.ctx.requests.end(req, COMPLETED, t);
      return;
    }
    if (this.notifyEdge !== null) this.send(NOTIFY, req, type, kb, group, t);
    if (this.busEdge !== null) {
      // The PUT's path goes to the notification destination; the bus event is a path of its own.
      if (this.notifyEdge !== null) this.ctx.requests.spawn(req);
      this.send(TO_BUS, req, type, kb, group, t);
    }
  }

  private send(action: number, req: number, type: number, kb: number, group: number, t: number): void {
    const s = this.notes.alloc();
    this.nReq[s] = req;
    this.nType[s] = type;
    this.nKb[s] = kb;
    this.nGroup[s] = group;
    this.at(t + this.delay.sample(this.rng), action, s);
  }

  onEvent(action: number, s: number): void {
    const t = this.ctx.now;
    const e = action === TO_BUS ? this.busEdge! : this.notifyEdge!;
    const req = this.nReq[s];
    const type = this.nType[s];
    const kb = this.nKb[s];
    const group = this.nGroup[s];
    this.notes.release(s);
    this.tally(action === TO_BUS ? this.cBusEvents : this.cNotifications, t, 1, this.measuring(t));
    if (this.measuring(t)) {
      if (action === TO_BUS) this.busEvents++;
      else this.notifications++;
    }
    e.deliver(req, type, kb, group, t);
  }

  /** Notifications on their way (the delay). */
  heldPaths(): number {
    return this.notes.countHeld(this.nReq);
  }

  metrics(): NodeMetrics {
    return { puts: this.puts, notifications: this.notifications, eventBridgeEvents: this.busEvents };
  }

  usage(): UsageLine[] {
    const p = this.params;
    const seconds = Math.max(0, this.ctx.endMs - this.ctx.measureFromMs) / 1000;
    return [
      { meter: 's3.put', name: 'PUT requests', quantity: this.puts },
      { meter: 's3.get', name: 'GET requests', quantity: this.puts * p.getsPerPut },
      {
        meter: 's3.storageGbMonths',
        name: 'storage (Standard)',
        quantity: (p.storedGB * seconds) / MONTH_SECONDS,
      },
    ];
  }
}
