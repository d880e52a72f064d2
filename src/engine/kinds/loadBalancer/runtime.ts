import type { UsageLine } from '../../billing/types';
import { Histogram } from '../../metrics/histogram';
import type { SimContext } from '../../sim/context';
import type { EdgeRuntime } from '../../sim/edges';
import { NodeBase } from '../../sim/node-base';
import { COMPLETED, FAILED } from '../../sim/requests';
import { Slots, growF64, growI32 } from '../../sim/slots';
import { OK, THROTTLED, TIMEOUT, type CallStatus, type NodeMetrics, type NodeSpec } from '../types';
import type { LoadBalancerParams } from './schema';

const HOUR_MS = 3_600_000;
const KB_PER_GB = 1024 * 1024;

/**
 * LCU dimensions [ALB-LCU]: one LCU is 25 new connections/s, 3,000 active connections
 * (per minute), 1 GB/h processed (0.4 GB/h for Lambda targets) or 1,000 rule evaluations/s;
 * each hour is billed on the highest. Simplifying assumptions, also in the usage line name:
 * every request opens one new connection (no keep-alive) that stays active while the request
 * is in progress; processed bytes are the request payloads (responses are not modelled);
 * rule evaluations are left out (the first 10 rules are free).
 */
export const LCU_NEW_CONNECTIONS_PER_SECOND = 25;
export const LCU_ACTIVE_CONNECTIONS = 3000;
export const LCU_GB_PER_HOUR = 1;
export const LCU_GB_PER_HOUR_LAMBDA = 0.4;

/**
 * An Application Load Balancer: a synchronous pass-through. Each client request goes to one
 * target edge whose listener-rule filter (event types) matches; among several, in turn
 * (roundRobin, the ALB default) or to the one with the fewest outstanding requests.
 * Spreading over the instances of a server or container happens inside that node.
 * Billed per ALB-hour for the whole run, plus LCU-hours computed hour by hour.
 */
export class LoadBalancerRuntime extends NodeBase<LoadBalancerParams> {
  private targets: EdgeRuntime[] = [];
  private outstanding = new Int32Array(0);
  private lambdaTarget = new Uint8Array(0);
  private next = 0;
  declare private readonly leastOutstanding: boolean;

  declare private slotReq: Int32Array;
  declare private slotStart: Float64Array;
  declare private slotTarget: Int32Array;
  declare private readonly slots: Slots;

  // LCU metering, one clock hour of the measured window at a time.
  private hourStart = 0;
  private active = 0;
  private lastActiveT = 0;
  private hConnections = 0;
  private hActiveArea = 0;
  private hLcuGB = 0;
  private lcuHours = 0;

  private requests = 0;
  private ok = 0;
  private throttled = 0;
  private errors = 0;
  private timeouts = 0;
  private readonly latency = new Histogram();
  private readonly sRequests: number = -1;
  private readonly sErrors: number = -1;

  constructor(ctx: SimContext, spec: NodeSpec<LoadBalancerParams>, index: number) {
    super(ctx, spec, index);
    this.leastOutstanding = spec.params.algorithm === 'leastOutstandingRequests';
    this.slots = new Slots(64, (cap) => {
      this.slotReq = growI32(this.slotReq, cap);
      this.slotStart = growF64(this.slotStart, cap);
      this.slotTarget = growI32(this.slotTarget, cap);
    });
    this.hourStart = ctx.measureFromMs;
    this.lastActiveT = ctx.measureFromMs;
    const s = ctx.series;
    if (s) {
      this.sRequests = s.register(`${spec.id}.requests`, 'rate');
      this.sErrors = s.register(`${spec.id}.errors`, 'rate');
    }
  }

  start(): void {
    this.targets = this.out.filter((e) => e.meaning === 'integration');
    this.outstanding = new Int32Array(this.targets.length);
    this.lambdaTarget = Uint8Array.from(this.targets, (e) => (e.target.spec.kind === 'function' ? 1 : 0));
  }

  /** A client's request: its path is handed to us, and we end it with the response. */
  deliver(req: number, type: number, kb: number, group: number, t: number): void {
    const measuring = this.measuring(t);
    if (measuring) {
      this.requests++;
      if (this.ctx.series) this.ctx.series.count(this.sRequests, t);
    }
    const target = this.pick(type);
    if (target < 0) {
      // No listener rule matches: the ALB's default action answers at once (here a 503).
      this.respond(req, t, t, THROTTLED, measuring);
      return;
    }
    if (measuring) {
      this.advance(t);
      this.hConnections++;
      this.hLcuGB += kb / KB_PER_GB / (this.lambdaTarget[target] ? LCU_GB_PER_HOUR_LAMBDA : LCU_GB_PER_HOUR);
    }
    this.setActive(this.active + 1, t);
    this.outstanding[target]++;
    const slot = this.slots.alloc();
    this.slotReq[slot] = req;
    this.slotStart[slot] = t;
    this.slotTarget[slot] = target;
    this.targets[target].call(req, type, kb, group, t, this, slot);
  }

  /** Index of the target edge for a request of this type; -1 when no rule matches. */
  private pick(type: number): number {
    const n = this.targets.length;
    let best = -1;
    for (let k = 0; k < n; k++) {
      const i = (this.next + k) % n;
      if (!this.targets[i].matches(type)) continue;
      if (!this.leastOutstanding) {
        best = i;
        break;
      }
      if (best < 0 || this.outstanding[i] < this.outstanding[best]) best = i;
    }
    // Rotating the starting point spreads ties (and is round robin itself).
    if (best >= 0) this.next = (best + 1) % n;
    return best;
  }

  onReturn(slot: number, status: CallStatus, t: number): void {
    const req = this.slotReq[slot];
    const start = this.slotStart[slot];
    this.outstanding[this.slotTarget[slot]]--;
    this.slots.release(slot);
    // A callee may answer with a time before now (a 504 at its deadline): never run the clock back.
    this.setActive(this.active - 1, t > this.lastActiveT ? t : this.lastActiveT);
    this.respond(req, start, t, status, this.measuring(start));
  }

  private respond(req: number, start: number, t: number, status: CallStatus, measuring: boolean): void {
    const at = t + this.params.overheadMs;
    if (measuring) {
      if (status === OK) this.ok++;
      else if (status === TIMEOUT) this.timeouts++;
      else if (status === THROTTLED) this.throttled++;
      else this.errors++;
      if (status !== OK && this.ctx.series) this.ctx.series.count(this.sErrors, t);
    }
    if (this.ctx.requests.traceId(req) >= 0) {
      this.ctx.requests.hop(req, {
        node: this.spec.id,
        startMs: start,
        endMs: at,
        outcome: status === OK ? '200' : status === TIMEOUT ? '504' : status === THROTTLED ? '503' : '502',
      });
    }
    const outcome = status === OK ? COMPLETED : FAILED;
    this.ctx.requests.endAnswered(req, outcome, at, measuring ? this.latency : null, at - start);
  }

  // ---- LCUs ----------------------------------------------------------------------------

  private setActive(n: number, t: number): void {
    if (t >= this.ctx.measureFromMs) {
      this.advance(t);
      this.hActiveArea += this.active * (t - this.lastActiveT);
      this.lastActiveT = t;
    }
    this.active = n;
  }

  /** Closes every whole hour that ended by t. */
  private advance(t: number): void {
    while (t >= this.hourStart + HOUR_MS) {
      const end = this.hourStart + HOUR_MS;
      this.hActiveArea += this.active * (end - this.lastActiveT);
      this.lastActiveT = end;
      this.closeHour(HOUR_MS);
      this.hourStart = end;
    }
  }

  /** LCU-hours of one (possibly partial) hour: the highest of the dimensions, times its length. */
  private closeHour(lengthMs: number): void {
    if (lengthMs > 0)
      this.lcuHours +=
        lcuOfHour(this.hConnections, this.hActiveArea, this.hLcuGB, lengthMs) * (lengthMs / HOUR_MS);
    this.hConnections = 0;
    this.hActiveArea = 0;
    this.hLcuGB = 0;
  }

  finish(t: number): void {
    if (t <= this.ctx.measureFromMs) return;
    this.setActive(this.active, t);
    this.closeHour(t - this.hourStart);
    this.hourStart = t;
  }

  /** Requests waiting on their target. */
  heldPaths(): number {
    return this.slots.countHeld(this.slotReq);
  }

  metrics(): NodeMetrics {
    return {
      requests: this.requests,
      ok: this.ok,
      throttled: this.throttled,
      errors: this.errors,
      timeouts: this.timeouts,
      latencyMs: this.latency.summary(),
    };
  }

  usage(): UsageLine[] {
    const hours = Math.max(0, this.ctx.endMs - this.ctx.measureFromMs) / HOUR_MS;
    return [
      { meter: 'alb.hours', name: 'load balancer hours', quantity: hours },
      {
        meter: 'alb.lcuHours',
        name: 'LCU-hours (assumed: one new connection per request, active while in progress; request bytes only)',
        quantity: this.lcuHours,
      },
    ];
  }
}

/**
 * LCUs of one hour [ALB-LCU]: the highest of new connections per second ÷ 25, mean active
 * connections ÷ 3,000, and GB processed per hour (already divided by 0.4 for Lambda targets).
 */
export function lcuOfHour(
  newConnections: number,
  activeAreaMs: number,
  lcuGB: number,
  lengthMs: number,
): number {
  const byNew = newConnections / (lengthMs / 1000) / LCU_NEW_CONNECTIONS_PER_SECOND;
  const byActive = activeAreaMs / lengthMs / LCU_ACTIVE_CONNECTIONS;
  const byBytes = lcuGB / (lengthMs / HOUR_MS);
  return Math.max(byNew, byActive, byBytes);
}
