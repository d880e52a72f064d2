import { Sampler, type DistSpec } from '../../kernel/distributions';
import { ec2BilledSeconds } from '../../billing/units';
import { Histogram } from '../../metrics/histogram';
import { Level } from '../../metrics/level';
import {
  INST_DRAINING,
  INST_FREE,
  INST_SERVING,
  INST_STARTING,
  LVL_FLEET_BUSY,
  LVL_FLEET_DRAINING,
  LVL_FLEET_SERVING,
  LVL_FLEET_STARTING,
  LVL_FLEET_WAITING,
  REC_INST_BUSY,
  REC_INST_STATE,
  REC_LEVEL,
  type Recorder,
} from '../../sim/recorder';
import { round6 } from '../../metrics/series';
import type { SimContext } from '../../sim/context';
import type { EdgeRuntime } from '../../sim/edges';
import { NodeBase } from '../../sim/node-base';
import { Slots, growF64, growI32 } from '../../sim/slots';
import {
  OK,
  THROTTLED,
  TIMEOUT,
  type CallStatus,
  type NodeMetrics,
  type NodeRuntime,
  type NodeSpec,
} from '../types';
import { RingDeque } from '../../sim/ring-deque';

/**
 * How a fleet kind (EC2 `server`, Fargate `container`) runs, in numbers.
 * All times in milliseconds.
 */
export interface FleetConfig {
  min: number;
  max: number;
  /** Requests one instance serves at once. */
  concurrency: number;
  /** Target tracking: keep mean utilization near this fraction. */
  targetUtilization: number;
  /** From a scale-out decision until the new instance is launched (and billed). */
  launchDelayMs: number;
  /** From launch until the instance serves (billed, serves nothing). */
  bootMs: number;
  /** A scale-in waits this long after the last scaling action. */
  cooldownMs: number;
  /** Requests that may wait across the fleet; more are rejected (503). */
  queueLimit: number;
  /** A request not answered this long after it arrived fails (504). */
  timeoutMs: number;
  duration: DistSpec;
  /** Request times for some event types (by name); the others take `duration`. */
  durationByType?: readonly { type: string; duration: DistSpec }[];
}

/**
 * Target tracking evaluates one metric period at a time: CloudWatch's standard resolution is
 * 1 minute (an assumption: the facts file gives no autoscaling numbers). One event per
 * period, never per request.
 */
export const EVALUATION_PERIOD_MS = 60_000;

// Actions (onEvent).
const DONE = 0;
const LAUNCH = 1;
const READY = 2;
const EVALUATE = 3;
const EXPIRE = 4;

// Instance states: the recorder's codes, since recordInstances() writes instState as they are.
const FREE = INST_FREE;
const BOOTING = INST_STARTING;
const SERVING = INST_SERVING;
const DRAINING = INST_DRAINING;

const STATUS_TEXT = ['200', '5xx', '504', '503'];

/**
 * Seconds one instance is billed for the part of its life inside the measured window
 * [from, end]: per second with the 60-second minimum when its whole life lies inside the
 * window [EC2-3P-A] [FG-VANTAGE]; a life that started before the window or goes on after
 * the run is reported unrounded (its minimum is met, or will be, outside the window —
 * billing/meters.ts: resources up for the whole run report the run's seconds).
 */
export function billedLifeSeconds(
  launchedMs: number,
  endedMs: number,
  windowFromMs: number,
  stillRunning: boolean,
): number {
  const from = launchedMs > windowFromMs ? launchedMs : windowFromMs;
  if (!(endedMs > from)) return 0;
  if (!stillRunning && launchedMs >= windowFromMs) return ec2BilledSeconds((endedMs - launchedMs) / 1000);
  return (endedMs - from) / 1000;
}

/**
 * A fleet of identical instances (EC2 instances or Fargate tasks) serving synchronous calls:
 *
 * - each instance serves `concurrency` requests at once, each for a draw of `duration`;
 * - a new request goes to the serving instance with the fewest outstanding requests (the
 *   ALB's least-outstanding-requests policy) if one has a free slot, else it waits in one
 *   FIFO queue for the fleet (M/M/c when arrivals are Poisson and durations exponential);
 *   a full queue rejects it (503, THROTTLED), and a request not answered `timeoutMs` after it
 *   arrived gets 504 (TIMEOUT) at that moment — in service, the instance still finishes it;
 * - target tracking: every minute the mean busy slots of the last minute give the desired
 *   count, ceil(busy ÷ (concurrency × target)), between min and max. A scale-out launches
 *   after `launchDelayMs` and serves `bootMs` later; a scale-in waits `cooldownMs` after the
 *   last scaling action, cancels pending launches first, then retires the serving instances
 *   with the fewest requests (draining: they finish what they hold, then stop);
 * - after an OK answer the node sends along its own "send" edges, like a function.
 *
 * Every running instance-second is billed (booting, idle, draining alike); subclasses turn
 * `billedInstanceSeconds` into their meters.
 */
export abstract class FleetRuntime<P> extends NodeBase<P> {
  declare protected readonly cfg: FleetConfig;
  declare private readonly duration: Sampler;
  /** Sampler per event type index, null where `duration` applies. */
  private byType: (Sampler | null)[] = [];

  // Instances. Up to max are active (booting or serving) and as many may still be draining
  // after a scale-in, so there are 2 × max indices.
  declare private readonly instState: Uint8Array;
  declare private readonly instOut: Int32Array;
  declare private readonly instLaunched: Float64Array;
  declare private readonly freeInst: Int32Array;
  private nFreeInst = 0;
  declare private readonly servingList: Int32Array;
  declare private readonly servingPos: Int32Array;
  private nServing = 0;
  private nBooting = 0;
  private nDraining = 0;
  private pending = 0;
  private cancelPending = 0;
  /** Free request slots on serving instances. */
  private freeSlots = 0;
  private busy = 0;

  // Requests in service or waiting (indexed by request slot).
  declare private rReq: Int32Array;
  declare private rType: Int32Array;
  declare private rKb: Float64Array;
  declare private rGroup: Int32Array;
  declare private rCaller: Int32Array;
  declare private rCallerSlot: Int32Array;
  declare private rArrive: Float64Array;
  declare private rInst: Int32Array;
  declare private readonly rs: Slots;
  private readonly waiting = new RingDeque(64);
  private qCount = 0;
  private expiryPending = false;

  // Autoscaling.
  declare private readonly scaling: boolean;
  private periodBusyArea = 0;
  private lastBusyT = 0;
  private periodArrivals = 0;
  private demandSeen = false;
  private lastActionAt = -Infinity;

  private sendEdges: EdgeRuntime[] = [];

  // Metrics.
  private requests = 0;
  private rejected = 0;
  private timeouts = 0;
  private readonly latency = new Histogram();
  declare private readonly instances: Level;
  declare private readonly utilization: Level;
  declare private readonly queue: Level;
  private readonly sRequests: number = -1;
  /** Billed instance-seconds inside the measured window (60 s minimum per launch applied). */
  protected billedInstanceSeconds = 0;
  /** The classroom replay's recorder (null unless the run asked for it) and this node's index in it. */
  declare protected readonly rec: Recorder | null;
  protected readonly recNode: number = -1;
  /** The recorder's handle for the requests refused (503), a figure the replay shows at t. */
  private readonly cRejected: number = -1;

  constructor(ctx: SimContext, spec: NodeSpec<P>, index: number, cfg: FleetConfig) {
    super(ctx, spec, index);
    this.cfg = cfg;
    this.duration = new Sampler(cfg.duration);
    const cap = 2 * Math.max(1, cfg.max);
    this.instState = new Uint8Array(cap);
    this.instOut = new Int32Array(cap);
    this.instLaunched = new Float64Array(cap);
    this.freeInst = new Int32Array(cap);
    for (let i = 0; i < cap; i++) this.freeInst[i] = cap - 1 - i;
    this.nFreeInst = cap;
    this.servingList = new Int32Array(cap);
    this.servingPos = new Int32Array(cap);
    this.rs = new Slots(64, (n) => {
      this.rReq = growI32(this.rReq, n);
      this.rType = growI32(this.rType, n);
      this.rKb = growF64(this.rKb, n);
      this.rGroup = growI32(this.rGroup, n);
      this.rCaller = growI32(this.rCaller, n);
      this.rCallerSlot = growI32(this.rCallerSlot, n);
      this.rArrive = growF64(this.rArrive, n);
      this.rInst = growI32(this.rInst, n);
    });
    this.scaling = cfg.max > cfg.min;
    const s = ctx.series;
    const from = ctx.measureFromMs;
    this.instances = new Level(from, s, s ? s.register(`${spec.id}.instances`, 'level') : -1);
    this.utilization = new Level(from, s, s ? s.register(`${spec.id}.utilization`, 'level') : -1);
    this.queue = new Level(from, s, s ? s.register(`${spec.id}.queue`, 'level') : -1);
    if (s) this.sRequests = s.register(`${spec.id}.requests`, 'rate');
    this.rec = ctx.recorder;
    this.cRejected = this.counter('rejected');
    if (this.rec !== null)
      this.recNode = this.rec.describe({
        id: spec.id,
        kind: spec.kind,
        slotsPerInstance: cfg.concurrency,
        maxInstances: cfg.max,
        queueLimit: cfg.queueLimit,
      });
  }

  start(t: number): void {
    this.sendEdges = this.out.filter((e) => e.role === 'invoke' && e.meaning === 'send');
    for (const d of this.cfg.durationByType ?? []) {
      const i = this.ctx.typeIndex(d.type);
      while (this.byType.length <= i) this.byType.push(null);
      this.byType[i] = new Sampler(d.duration);
    }
    // The initial `min` instances were started before the run and serve from its first moment.
    for (let i = 0; i < this.cfg.min; i++) {
      const inst = this.launchInstance(t);
      this.placed(inst, t, true);
      this.nBooting--;
      this.makeServing(inst, t);
    }
    this.lastBusyT = t;
    if (this.scaling) this.at(t + EVALUATION_PERIOD_MS, EVALUATE, 0);
  }

  // ---- work arriving ---------------------------------------------------------------------

  call(
    req: number,
    type: number,
    kb: number,
    group: number,
    t: number,
    caller: NodeRuntime,
    callerSlot: number,
  ): void {
    if (this.measuring(t)) {
      this.requests++;
      if (this.ctx.series) this.ctx.series.count(this.sRequests, t);
    }
    this.periodArrivals++;
    if (this.freeSlots === 0 && this.qCount >= this.cfg.queueLimit) {
      // 503: no free slot and no room to wait.
      if (this.measuring(t)) this.rejected++;
      this.tally(this.cRejected, t, 1, this.measuring(t));
      if (this.ctx.requests.traceId(req) >= 0)
        this.ctx.requests.hop(req, { node: this.spec.id, startMs: t, endMs: t, outcome: '503' });
      this.ctx.answer(caller, callerSlot, THROTTLED, t);
      return;
    }
    const slot = this.rs.alloc();
    this.rReq[slot] = req;
    this.rType[slot] = type;
    this.rKb[slot] = kb;
    this.rGroup[slot] = group;
    this.rCaller[slot] = caller.index;
    this.rCallerSlot[slot] = callerSlot;
    this.rArrive[slot] = t;
    this.rInst[slot] = -1;
    if (this.freeSlots > 0) this.startService(slot, t);
    else this.enqueue(slot, t);
  }

  /** A poller's batch items, after an OK batch: each item's own downstream sends. */
  emitDownstream(req: number, type: number, kb: number, group: number, t: number): void {
    this.emit(this.sendEdges, req, type, kb, group, t);
  }

  /**
   * For a queue's poller: batches the fleet can start now (free slots not claimed by waiting
   * requests). A poller asks only when it holds messages, so a 0 here is demand: a fleet
   * scaled to zero then starts an instance at its next evaluation.
   */
  workerCapacity(_t: number): number {
    const free = this.freeSlots - this.qCount;
    if (free > 0) return free;
    this.demandSeen = true;
    return 0;
  }

  onEvent(action: number, slot: number): void {
    const t = this.ctx.now;
    switch (action) {
      case DONE:
        this.serviceDone(slot, t);
        return;
      case LAUNCH:
        this.launchPending(t);
        return;
      case READY:
        this.nBooting--;
        this.makeServing(slot, t);
        this.drainQueue(t);
        return;
      case EVALUATE:
        this.evaluate(t);
        return;
      case EXPIRE:
        this.expire(t);
        return;
    }
  }

  // ---- serving ---------------------------------------------------------------------------

  /** Picks the serving instance with the fewest outstanding requests (it has a free slot). */
  private startService(slot: number, t: number): void {
    const list = this.servingList;
    const out = this.instOut;
    let best = list[0];
    let bestOut = out[best];
    for (let i = 1; i < this.nServing && bestOut > 0; i++) {
      const inst = list[i];
      if (out[inst] < bestOut) {
        best = inst;
        bestOut = out[inst];
      }
    }
    out[best]++;
    if (this.rec !== null) this.rec.add(t, this.recNode, REC_INST_BUSY, best, out[best]);
    this.freeSlots--;
    this.setBusy(this.busy + 1, t);
    this.rInst[slot] = best;
    const type = this.rType[slot];
    const sampler = type < this.byType.length ? (this.byType[type] ?? this.duration) : this.duration;
    this.at(t + sampler.sample(this.rng), DONE, slot);
  }

  private serviceDone(slot: number, t: number): void {
    const inst = this.rInst[slot];
    this.instOut[inst]--;
    if (this.rec !== null) this.rec.add(t, this.recNode, REC_INST_BUSY, inst, this.instOut[inst]);
    this.setBusy(this.busy - 1, t);
    if (this.instState[inst] === SERVING) this.freeSlots++;
    else if (this.instState[inst] === DRAINING && this.instOut[inst] === 0) this.retire(inst, t);

    const arrived = this.rArrive[slot];
    const deadline = arrived + this.cfg.timeoutMs;
    const status: CallStatus = t > deadline ? TIMEOUT : OK;
    const answeredAt = status === OK ? t : deadline;
    const req = this.rReq[slot];
    const type = this.rType[slot];
    const kb = this.rKb[slot];
    const group = this.rGroup[slot];
    const caller = this.rCaller[slot];
    const callerSlot = this.rCallerSlot[slot];
    this.rs.release(slot);
    // Waiting requests take the freed slot first: they were here before anything the caller sends next.
    this.drainQueue(t);
    this.answered(req, arrived, answeredAt, status);
    if (status === OK && req >= 0) this.emit(this.sendEdges, req, type, kb, group, t);
    this.ctx.nodes[caller].onReturn(callerSlot, status, answeredAt);
  }

  private answered(req: number, arrived: number, at: number, status: CallStatus): void {
    if (this.measuring(arrived)) {
      this.latency.add(at - arrived);
      if (status === TIMEOUT) this.timeouts++;
    }
    if (this.ctx.requests.traceId(req) >= 0)
      this.ctx.requests.hop(req, {
        node: this.spec.id,
        startMs: arrived,
        endMs: at,
        outcome: STATUS_TEXT[status],
      });
  }

  private setBusy(v: number, t: number): void {
    this.periodBusyArea += this.busy * (t - this.lastBusyT);
    this.lastBusyT = t;
    this.busy = v;
    if (this.rec !== null) this.rec.add(t, this.recNode, REC_LEVEL, LVL_FLEET_BUSY, v);
    this.updateUtilization(t);
  }

  private updateUtilization(t: number): void {
    const capacity = this.cfg.concurrency * (this.nServing + this.nDraining);
    this.utilization.set(capacity > 0 ? this.busy / capacity : 0, t);
  }

  // ---- the waiting queue -------------------------------------------------------------------

  private enqueue(slot: number, t: number): void {
    this.waiting.pushBack(slot);
    this.setQueue(this.qCount + 1, t);
    if (!this.expiryPending) {
      this.expiryPending = true;
      this.at(this.rArrive[this.waiting.front()] + this.cfg.timeoutMs, EXPIRE, 0);
    }
  }

  private dequeue(t: number): number {
    const slot = this.waiting.popFront();
    this.setQueue(this.qCount - 1, t);
    return slot;
  }

  private setQueue(n: number, t: number): void {
    this.qCount = n;
    this.queue.set(n, t);
    if (this.rec !== null) this.rec.add(t, this.recNode, REC_LEVEL, LVL_FLEET_WAITING, n);
  }

  /** Free slots take waiting requests, oldest first; those past their deadline get 504. */
  private drainQueue(t: number): void {
    while (this.freeSlots > 0 && this.qCount > 0) {
      const slot = this.dequeue(t);
      if (this.rArrive[slot] + this.cfg.timeoutMs <= t) this.expireWaiting(slot);
      else this.startService(slot, t);
    }
  }

  /** One timer for the oldest waiting request's deadline: never one per request. */
  private expire(t: number): void {
    this.expiryPending = false;
    while (this.qCount > 0 && this.rArrive[this.waiting.front()] + this.cfg.timeoutMs <= t)
      this.expireWaiting(this.dequeue(t));
    if (this.qCount > 0) {
      this.expiryPending = true;
      this.at(this.rArrive[this.waiting.front()] + this.cfg.timeoutMs, EXPIRE, 0);
    }
  }

  private expireWaiting(slot: number): void {
    const arrived = this.rArrive[slot];
    const deadline = arrived + this.cfg.timeoutMs;
    const req = this.rReq[slot];
    const caller = this.rCaller[slot];
    const callerSlot = this.rCallerSlot[slot];
    this.rs.release(slot);
    this.answered(req, arrived, deadline, TIMEOUT);
    this.ctx.nodes[caller].onReturn(callerSlot, TIMEOUT, deadline);
  }

  // ---- instances ---------------------------------------------------------------------------

  private launchInstance(t: number): number {
    const inst = this.freeInst[--this.nFreeInst];
    this.instState[inst] = BOOTING;
    this.instOut[inst] = 0;
    this.instLaunched[inst] = t;
    this.nBooting++;
    this.setRunning(t);
    if (this.rec !== null) this.recordInstances(t, inst);
    return inst;
  }

  private makeServing(inst: number, t: number): void {
    this.instState[inst] = SERVING;
    this.servingPos[inst] = this.nServing;
    this.servingList[this.nServing++] = inst;
    this.freeSlots += this.cfg.concurrency;
    this.updateUtilization(t);
    if (this.rec !== null) this.recordInstances(t, inst);
  }

  /** For the replay: instances starting, serving and draining, after `inst` (its state recorded too) changed. */
  private recordInstances(t: number, inst: number): void {
    const rec = this.rec!;
    rec.add(t, this.recNode, REC_INST_STATE, inst, this.instState[inst]);
    rec.add(t, this.recNode, REC_LEVEL, LVL_FLEET_STARTING, this.nBooting);
    rec.add(t, this.recNode, REC_LEVEL, LVL_FLEET_SERVING, this.nServing);
    rec.add(t, this.recNode, REC_LEVEL, LVL_FLEET_DRAINING, this.nDraining);
  }

  private removeServing(inst: number): void {
    const pos = this.servingPos[inst];
    const last = this.servingList[--this.nServing];
    this.servingList[pos] = last;
    this.servingPos[last] = pos;
    this.freeSlots -= this.cfg.concurrency - this.instOut[inst];
  }

  /** A scale-out launch whose delay has passed (unless a scale-in cancelled it meanwhile). */
  private launchPending(t: number): void {
    this.pending--;
    if (this.cancelPending > 0) {
      this.cancelPending--;
      return;
    }
    const inst = this.launchInstance(t);
    const bootFrom = this.placed(inst, t, false);
    if (bootFrom > t || this.cfg.bootMs > 0) {
      this.at(bootFrom + this.cfg.bootMs, READY, inst);
      return;
    }
    this.nBooting--;
    this.makeServing(inst, t);
    this.drainQueue(t);
  }

  /**
   * Where a launched instance runs, for a kind whose instances are tasks on hosts (ECS on EC2,
   * EKS): returns when its start-up may begin (t, or later while its host starts). `initial`:
   * one of the `min` started before the run. Fleets of whole instances keep this.
   */
  protected placed(_inst: number, t: number, _initial: boolean): number {
    return t;
  }

  /** The instance stopped (its host may free the room). */
  protected released(_inst: number, _t: number): void {}

  /** The instance stops: bill its life, free its index. */
  private retire(inst: number, t: number): void {
    this.released(inst, t);
    if (this.instState[inst] === DRAINING) this.nDraining--;
    this.billedInstanceSeconds += billedLifeSeconds(
      this.instLaunched[inst],
      t,
      this.ctx.measureFromMs,
      false,
    );
    this.instState[inst] = FREE;
    this.freeInst[this.nFreeInst++] = inst;
    this.setRunning(t);
    this.updateUtilization(t);
    if (this.rec !== null) this.recordInstances(t, inst);
  }

  /** Running (billed) instances: booting, serving or draining. */
  private setRunning(t: number): void {
    const running = this.instState.length - this.nFreeInst;
    this.instances.set(running, t);
  }

  // ---- target tracking -----------------------------------------------------------------------

  private evaluate(t: number): void {
    this.periodBusyArea += this.busy * (t - this.lastBusyT);
    this.lastBusyT = t;
    const meanBusy = this.periodBusyArea / EVALUATION_PERIOD_MS;
    this.periodBusyArea = 0;
    const cfg = this.cfg;
    let desired = Math.ceil(meanBusy / (cfg.concurrency * cfg.targetUtilization) - 1e-9);
    // Nothing served but work is waiting or arriving (a fleet at zero): start one.
    if (desired < 1 && (this.periodArrivals > 0 || this.qCount > 0 || this.demandSeen)) desired = 1;
    if (desired < cfg.min) desired = cfg.min;
    if (desired > cfg.max) desired = cfg.max;
    this.periodArrivals = 0;
    this.demandSeen = false;
    const current = this.pending - this.cancelPending + this.nBooting + this.nServing;
    if (desired > current) {
      this.scaleOut(desired - current, t);
      this.lastActionAt = t;
    } else if (desired < current && t - this.lastActionAt >= cfg.cooldownMs) {
      if (this.scaleIn(current - desired, t)) this.lastActionAt = t;
    }
    if (t + EVALUATION_PERIOD_MS <= this.ctx.durationMs) this.at(t + EVALUATION_PERIOD_MS, EVALUATE, 0);
  }

  private scaleOut(n: number, t: number): void {
    for (let i = 0; i < n; i++) {
      this.pending++;
      if (this.cfg.launchDelayMs > 0) this.at(t + this.cfg.launchDelayMs, LAUNCH, 0);
      else this.launchPending(t);
    }
  }

  /** Cancels pending launches, then retires the least busy serving instances. True if anything changed. */
  private scaleIn(n: number, t: number): boolean {
    let left = n;
    const cancellable = this.pending - this.cancelPending;
    const cancel = cancellable < left ? cancellable : left;
    this.cancelPending += cancel;
    left -= cancel;
    let retired = 0;
    while (left > 0 && this.nServing > 0) {
      let best = this.servingList[0];
      for (let i = 1; i < this.nServing; i++) {
        const inst = this.servingList[i];
        if (this.instOut[inst] < this.instOut[best]) best = inst;
      }
      this.removeServing(best);
      if (this.instOut[best] === 0) this.retire(best, t);
      else {
        this.instState[best] = DRAINING;
        this.nDraining++;
        if (this.rec !== null) this.recordInstances(t, best);
      }
      retired++;
      left--;
    }
    this.updateUtilization(t);
    return cancel + retired > 0;
  }

  // ---- end of run ----------------------------------------------------------------------------

  finish(t: number): void {
    for (let inst = 0; inst < this.instState.length; inst++) {
      if (this.instState[inst] !== FREE)
        this.billedInstanceSeconds += billedLifeSeconds(
          this.instLaunched[inst],
          t,
          this.ctx.measureFromMs,
          true,
        );
    }
    this.instances.mean(t);
    this.utilization.mean(t);
    this.queue.mean(t);
  }

  metrics(): NodeMetrics {
    const T = this.ctx.endMs;
    return {
      requests: this.requests,
      meanUtilization: round6(this.utilization.mean(T)),
      meanInstances: round6(this.instances.mean(T)),
      maxInstances: this.instances.max,
      maxQueue: this.queue.max,
      latencyMs: this.latency.summary(),
      rejected: this.rejected,
      timeouts: this.timeouts,
    };
  }
}
