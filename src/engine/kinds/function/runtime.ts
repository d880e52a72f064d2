import { Sampler } from '../../kernel/distributions';
import { Histogram } from '../../metrics/histogram';
import { Level } from '../../metrics/level';
import { round6 } from '../../metrics/series';
import type { UsageLine } from '../../billing/types';
import { asyncEventRequests } from '../../billing/units';
import type { SimContext } from '../../sim/context';
import type { EdgeRuntime } from '../../sim/edges';
import { NodeBase } from '../../sim/node-base';
import { REC_ENV_BUSY, REC_ENV_GONE, REC_ENV_IDLE, REC_ENV_NEW, type Recorder } from '../../sim/recorder';
import { COMPLETED, DEAD_LETTERED, DROPPED } from '../../sim/requests';
import { RingDeque } from '../../sim/ring-deque';
import { Slots, growF64, growI32, growU8 } from '../../sim/slots';
import {
  ERROR,
  OK,
  STATUS_NAMES,
  THROTTLED,
  TIMEOUT,
  type CallStatus,
  type NodeMetrics,
  type NodeRuntime,
  type NodeSpec,
} from '../types';
import {
  ASYNC_RETRY_DELAYS_MS,
  ONE_VCPU_MB,
  SCALING_BURST,
  SCALING_REFILL_PER_MS,
  THROTTLE_BACKOFF_MAX_MS,
  THROTTLE_BACKOFF_START_MS,
  lambdaAccount,
  type LambdaAccount,
} from './account';
import { defaultColdStart } from './cold-starts';
import type { FunctionParams } from './schema';
import { FunctionUsage } from './usage';
import { XRaySampler } from '../../observability/xray';

const HANDLER_DONE = 0;
const ASYNC_ATTEMPT = 1;

/**
 * AWS Lambda: execution environments with cold starts and keep-alive, the account's and the
 * function's concurrency, the scaling rate, timeouts, errors, synchronous and asynchronous
 * invocation (Lambda's internal queue, retries, destinations), and the usage it bills.
 *
 * Idle environments are kept in a ring ordered by the time they became idle: reuse takes the
 * most recent (tail), and keep-alive expiry is checked lazily from the oldest (head) when an
 * environment is needed, so no timer event is ever scheduled for it.
 */
export class FunctionRuntime extends NodeBase<FunctionParams> {
  declare private readonly account: LambdaAccount;
  declare private readonly reserved: number;
  declare private readonly duration: Sampler;
  declare private readonly coldStart: Sampler;
  declare private readonly cpuStretch: number;
  declare private readonly keepAliveMs: number;
  declare private readonly timeoutMs: number;
  declare private readonly maxEventAgeMs: number;
  declare private readonly cpuBoundFraction: number;
  declare private readonly errorRate: number;

  // Execution environments (structure of arrays, indexed by env slot).
  declare private envBorn: Float64Array;
  declare private envIdleSince: Float64Array;
  declare private envPc: Uint8Array;
  declare private envBusy: Uint8Array;
  declare private readonly envs: Slots;
  private readonly idle = new RingDeque(64); // idle on-demand envs, oldest at the front
  declare private pcIdle: Int32Array;
  private pcIdleCount = 0;
  private scaleTokens = SCALING_BURST;
  private scaleRefilledAt = 0;
  private busy = 0;

  // Invocations in progress or waiting to retry (indexed by invocation slot).
  declare private invReq: Int32Array;
  declare private invType: Int32Array;
  declare private invKb: Float64Array;
  declare private invGroup: Int32Array;
  declare private invCaller: Int32Array; // node index of a synchronous caller, -1 for async
  declare private invCallerSlot: Int32Array;
  declare private invEnv: Int32Array;
  declare private invStart: Float64Array; // when the environment was taken
  declare private invInit: Float64Array; // INIT ms (0 when warm)
  declare private invRunEnd: Float64Array; // when the handler's own work ends
  declare private invStatus: Uint8Array;
  declare private invAttempt: Int32Array; // function-error retries used (async)
  declare private invThrottled: Int32Array; // throttles met (async back-off)
  declare private invFirstAt: Float64Array; // when the async event was queued (event age)
  declare private invPending: Int32Array; // synchronous callees still running
  declare private readonly inv: Slots;

  private sendEdges: EdgeRuntime[] = [];
  private syncEdges: EdgeRuntime[] = [];
  private onSuccess: EdgeRuntime[] = [];
  private onFailure: EdgeRuntime[] = [];

  // Metrics (counted only after the warm-up).
  private invocations = 0;
  private coldStarts = 0;
  private throttles = 0;
  /** The recorder's handles for the counters a replay shows at t (−1 when not recording). */
  private readonly cThrottles: number;
  private readonly cRetries: number;
  private errors = 0;
  private timeouts = 0;
  private retries = 0;
  declare private readonly concurrency: Level;
  private instanceArea = 0;
  private alive = 0;
  private maxInstances = 0;
  private readonly durations = new Histogram();
  declare private readonly usageAcc: FunctionUsage;
  /** Null unless X-Ray active tracing is on. */
  declare private readonly xray: XRaySampler | null;
  private readonly sRequests: number = -1;
  private readonly sCold: number = -1;
  private readonly sThrottles: number = -1;
  private readonly sErrors: number = -1;
  private readonly sInstances: number = -1;
  /** The classroom replay's recorder (null unless the run asked for it) and this node's index in it. */
  declare private readonly rec: Recorder | null;
  private recNode = -1;

  constructor(ctx: SimContext, spec: NodeSpec<FunctionParams>, index: number) {
    super(ctx, spec, index);
    this.cThrottles = this.counter('throttles');
    this.cRetries = this.counter('retries');
    const p = spec.params;
    this.account = lambdaAccount(ctx);
    this.reserved = p.reservedConcurrency ?? -1;
    if (this.reserved >= 0) this.account.reservedTotal += this.reserved;
    this.duration = new Sampler(p.duration);
    this.coldStart = new Sampler(p.coldStart ?? defaultColdStart(p.runtime, p.memoryMB, p.architecture));
    // A single-threaded handler gets at most one vCPU's worth of speed: more memory than
    // 1,769 MB adds cores it cannot use, so only the CPU-bound part below that stretches.
    this.cpuStretch = p.memoryMB >= ONE_VCPU_MB ? 1 : ONE_VCPU_MB / p.memoryMB;
    this.keepAliveMs = p.keepAliveSeconds * 1000;
    this.timeoutMs = p.timeoutMs;
    this.maxEventAgeMs = p.maxEventAgeSeconds * 1000;
    this.cpuBoundFraction = p.cpuBoundFraction;
    this.errorRate = p.errorRate;
    this.envs = new Slots(16, (cap) => {
      this.envBorn = growF64(this.envBorn, cap);
      this.envIdleSince = growF64(this.envIdleSince, cap);
      this.envPc = growU8(this.envPc, cap);
      this.envBusy = growU8(this.envBusy, cap);
      this.pcIdle = growI32(this.pcIdle, cap);
    });
    this.inv = new Slots(64, (cap) => {
      this.invReq = growI32(this.invReq, cap);
      this.invType = growI32(this.invType, cap);
      this.invKb = growF64(this.invKb, cap);
      this.invGroup = growI32(this.invGroup, cap);
      this.invCaller = growI32(this.invCaller, cap);
      this.invCallerSlot = growI32(this.invCallerSlot, cap);
      this.invEnv = growI32(this.invEnv, cap);
      this.invStart = growF64(this.invStart, cap);
      this.invInit = growF64(this.invInit, cap);
      this.invRunEnd = growF64(this.invRunEnd, cap);
      this.invStatus = growU8(this.invStatus, cap);
      this.invAttempt = growI32(this.invAttempt, cap);
      this.invThrottled = growI32(this.invThrottled, cap);
      this.invFirstAt = growF64(this.invFirstAt, cap);
      this.invPending = growI32(this.invPending, cap);
    });
    const s = ctx.series;
    this.concurrency = new Level(
      ctx.measureFromMs,
      s,
      s ? s.register(`${spec.id}.concurrency`, 'level') : -1,
    );
    if (s) {
      this.sRequests = s.register(`${spec.id}.requests`, 'rate');
      this.sCold = s.register(`${spec.id}.coldStarts`, 'rate');
      this.sThrottles = s.register(`${spec.id}.throttles`, 'rate');
      this.sErrors = s.register(`${spec.id}.errors`, 'rate');
      this.sInstances = s.register(`${spec.id}.instances`, 'level');
    }
    this.usageAcc = new FunctionUsage(p, ctx.settings.lambdaBillingGranularityMs);
    this.xray = p.xrayTracing ? new XRaySampler(ctx, spec.id, p.xrayReadsPerTrace) : null;
    this.rec = ctx.recorder;
  }

  start(t: number): void {
    this.sendEdges = this.out.filter(
      (e) => e.role === 'invoke' && (e.meaning === 'send' || (e.meaning === 'invoke' && !e.sync)),
    );
    this.syncEdges = this.out.filter((e) => e.role === 'invoke' && e.meaning === 'invoke' && e.sync);
    this.onSuccess = this.edgesWith('onSuccess');
    this.onFailure = this.edgesWith('onFailure');
    if (this.rec !== null) {
      // Here, not in the constructor: every function's reservation is known by now.
      this.recNode = this.rec.describe({
        id: this.spec.id,
        kind: 'function',
        keepAliveMs: this.keepAliveMs,
        provisioned: this.params.provisionedConcurrency,
        concurrencyLimit: this.reserved >= 0 ? this.reserved : this.account.unreservedLimit,
      });
    }
    // Provisioned environments are initialised before traffic arrives and never reclaimed.
    for (let i = 0; i < this.params.provisionedConcurrency; i++) {
      const env = this.newEnv(t, 1);
      this.pcIdle[this.pcIdleCount++] = env;
    }
  }

  // ---- work arriving -------------------------------------------------------------------

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
    if (this.xray !== null) this.xray.see(req, t);
    const slot = this.newInvocation(req, type, kb, group, t, caller.index, callerSlot);
    if (!this.tryStart(slot, t, fails)) {
      // A throttled call is a visit that never ran: traced, it shows on the waterfall and the
      // service map as a throttle here, taking no time (the caller's hop carries the wait).
      if (this.ctx.requests.traceId(req) >= 0)
        this.ctx.requests.hop(req, {
          node: this.spec.id,
          startMs: t,
          endMs: t,
          outcome: STATUS_NAMES[THROTTLED],
        });
      this.inv.release(slot);
      this.ctx.answer(caller, callerSlot, THROTTLED, t);
    }
  }

  deliver(req: number, type: number, kb: number, group: number, t: number, _via: EdgeRuntime): void {
    if (this.xray !== null) this.xray.see(req, t);
    const slot = this.newInvocation(req, type, kb, group, t, -1, -1);
    // Lambda's internal queue takes every asynchronous event (the caller, e.g. EventBridge or
    // S3, sees a success); with reserved concurrency 0 the event goes straight to the
    // on-failure destination, with no retries [L-ASYNC] [L-CONC].
    if (this.reserved === 0) {
      if (this.measuring(t)) this.throttles++;
      this.tally(this.cThrottles, t, 1, this.measuring(t));
      this.failAsync(slot, t);
      return;
    }
    this.attemptAsync(slot, t);
  }

  onEvent(action: number, slot: number): void {
    if (action === HANDLER_DONE) this.handlerDone(slot);
    else this.attemptAsync(slot, this.ctx.now);
  }

  onReturn(slot: number, status: CallStatus, t: number): void {
    // A failed synchronous callee fails the caller (errors propagate up a sync chain).
    if (status !== OK && this.invStatus[slot] === OK) this.invStatus[slot] = ERROR;
    if (--this.invPending[slot] === 0) {
      this.completeAt = t;
      this.complete(slot);
    }
  }

  get itemErrorRate(): number {
    return this.errorRate;
  }

  emitDownstream(req: number, type: number, kb: number, group: number, t: number): void {
    if (this.sendEdges.length > 0) this.emit(this.sendEdges, req, type, kb, group, t);
  }

  // ---- invocation life cycle -----------------------------------------------------------

  private newInvocation(
    req: number,
    type: number,
    kb: number,
    group: number,
    t: number,
    caller: number,
    callerSlot: number,
  ): number {
    const s = this.inv.alloc();
    this.invReq[s] = req;
    this.invType[s] = type;
    this.invKb[s] = kb;
    this.invGroup[s] = group;
    this.invCaller[s] = caller;
    this.invCallerSlot[s] = callerSlot;
    this.invAttempt[s] = 0;
    this.invThrottled[s] = 0;
    this.invFirstAt[s] = t;
    this.invPending[s] = 0;
    return s;
  }

  /** Takes an environment and schedules the handler's end; false when throttled. */
  private tryStart(slot: number, t: number, fails?: boolean): boolean {
    const measuring = this.measuring(t);
    const series = this.ctx.series;
    if (
      this.reserved >= 0
        ? this.busy >= this.reserved
        : this.account.unreservedBusy >= this.account.unreservedLimit
    ) {
      return this.throttled(t, measuring);
    }
    let env: number;
    let initMs = 0;
    if (this.pcIdleCount > 0) {
      env = this.pcIdle[--this.pcIdleCount];
    } else {
      this.reclaimExpired(t);
      if (this.idle.size > 0) {
        env = this.idle.popBack();
      } else {
        this.scaleTokens = Math.min(
          SCALING_BURST,
          this.scaleTokens + (t - this.scaleRefilledAt) * SCALING_REFILL_PER_MS,
        );
        this.scaleRefilledAt = t;
        if (this.scaleTokens < 1) return this.throttled(t, measuring);
        this.scaleTokens -= 1;
        env = this.newEnv(t, 0);
        this.coldStart.draw(this.rng);
        initMs = this.coldStart.value;
        if (measuring) {
          this.coldStarts++;
          if (series) series.count(this.sCold, t);
        }
      }
    }
    this.busy++;
    this.envBusy[env] = 1;
    if (this.rec !== null) this.rec.add(t, this.recNode, REC_ENV_BUSY, env, initMs);
    if (this.reserved < 0) this.account.unreservedBusy++;
    this.concurrency.set(this.busy, t);

    let status: CallStatus = OK;
    this.duration.draw(this.rng);
    const d = this.duration.value;
    const f = this.cpuBoundFraction;
    let runMs = f === 0 ? d : d * (1 - f) + d * f * this.cpuStretch;
    if (runMs > this.timeoutMs) {
      runMs = this.timeoutMs;
      status = TIMEOUT;
    } else if (fails ?? (this.errorRate > 0 && this.rng.next() < this.errorRate)) {
      status = ERROR;
    }
    this.invEnv[slot] = env;
    this.invStart[slot] = t;
    this.invInit[slot] = initMs;
    this.invRunEnd[slot] = t + initMs + runMs;
    this.invStatus[slot] = status;
    if (measuring) {
      this.invocations++;
      if (series) series.count(this.sRequests, t);
    }
    this.ctx.queue.push(t + initMs + runMs, (this.index << 4) | HANDLER_DONE, slot);
    return true;
  }

  private throttled(t: number, measuring: boolean): false {
    this.tally(this.cThrottles, t, 1, measuring);
    if (measuring) {
      this.throttles++;
      if (this.ctx.series) this.ctx.series.count(this.sThrottles, t);
    }
    return false;
  }

  /** The handler's end (the event's time, read here: a time passed in would be boxed). */
  private handlerDone(slot: number): void {
    const t = this.ctx.now;
    const edges = this.syncEdges;
    if (this.invStatus[slot] !== OK || edges.length === 0) {
      this.completeAt = t;
      this.complete(slot);
      return;
    }
    // Synchronous calls made at the end of the handler: the environment stays busy (and
    // billed) until every callee has answered (answers always come as later events).
    this.invPending[slot] = 0;
    const req = this.invReq[slot];
    for (let i = 0; i < edges.length; i++) {
      const e = edges[i];
      if (!e.matches(this.invType[slot])) continue;
      const n = e.count(this.rng);
      for (let k = 0; k < n; k++) {
        this.invPending[slot]++;
        e.call(req, this.invType[slot], this.invKb[slot], this.invGroup[slot], t, this, slot);
      }
    }
    if (this.invPending[slot] === 0) {
      this.completeAt = t;
      this.complete(slot);
    }
  }

  /**
   * The time complete() runs at, set just before each call: a field, because complete() is
   * not inlined and the handler's end (every invocation) would box a time passed to it.
   */
  private completeAt = 0;

  /** The invocation ends at completeAt: free the environment, bill, and pass the outcome on. */
  private complete(slot: number): void {
    const t = this.completeAt;
    const env = this.invEnv[slot];
    const start = this.invStart[slot];
    const initMs = this.invInit[slot];
    let status = this.invStatus[slot] as CallStatus;
    let endAt = t;
    // Waiting on a synchronous callee counts against the caller's own timeout.
    if (status !== TIMEOUT && endAt - start - initMs > this.timeoutMs) {
      status = TIMEOUT;
      endAt = start + initMs + this.timeoutMs;
    }
    this.busy--;
    this.envBusy[env] = 0;
    if (this.rec !== null) this.rec.add(t, this.recNode, REC_ENV_IDLE, env, status);
    if (this.reserved < 0) this.account.unreservedBusy--;
    this.concurrency.set(this.busy, t);
    if (this.envPc[env]) this.pcIdle[this.pcIdleCount++] = env;
    else this.pushIdle(env, t);

    const measuring = this.measuring(t);
    const invokeMs = endAt - start - initMs;
    if (measuring) {
      this.durations.add(invokeMs);
      // An asynchronous event above 256 KB is billed as more than one request [L-PRICE].
      const requests = this.invCaller[slot] < 0 ? asyncEventRequests(this.invKb[slot]) : 1;
      this.usageAcc.record(invokeMs, initMs, this.envPc[env] === 1, t - this.invRunEnd[slot], requests);
      if (status === TIMEOUT) this.timeouts++;
      else if (status === ERROR) this.errors++;
      if (status !== OK && this.ctx.series) this.ctx.series.count(this.sErrors, t);
    }
    const req = this.invReq[slot];
    if (this.ctx.requests.traceId(req) >= 0) {
      this.ctx.requests.hop(req, {
        node: this.spec.id,
        startMs: start,
        endMs: endAt,
        cold: initMs > 0,
        retry: this.invAttempt[slot] + this.invThrottled[slot],
        outcome: STATUS_NAMES[status],
      });
    }

    const caller = this.invCaller[slot];
    // A batch from a poller (req -1 with a caller) is emitted item by item by the poller.
    // Functions that send nothing (most) skip the call: its time argument would be boxed.
    if (status === OK && this.sendEdges.length > 0 && (req >= 0 || caller < 0))
      this.emit(this.sendEdges, req, this.invType[slot], this.invKb[slot], this.invGroup[slot], t);
    if (caller >= 0) {
      const callerSlot = this.invCallerSlot[slot];
      this.inv.release(slot);
      this.ctx.nodes[caller].onReturn(callerSlot, status, endAt);
      return;
    }
    if (status === OK) {
      if (this.onSuccess.length > 0)
        this.emit(this.onSuccess, req, this.invType[slot], this.invKb[slot], this.invGroup[slot], t);
      this.ctx.requests.end(req, COMPLETED, t);
      this.inv.release(slot);
      return;
    }
    // Function error or timeout on an async event: retry about 1 then 2 minutes later [L-ASYNC].
    const attempt = this.invAttempt[slot];
    if (attempt < this.params.asyncRetries) {
      const retryAt = t + ASYNC_RETRY_DELAYS_MS[Math.min(attempt, ASYNC_RETRY_DELAYS_MS.length - 1)];
      if (retryAt - this.invFirstAt[slot] <= this.maxEventAgeMs) {
        this.invAttempt[slot] = attempt + 1;
        if (measuring) this.retries++;
        this.tally(this.cRetries, t, 1, measuring);
        this.at(retryAt, ASYNC_ATTEMPT, slot);
        return;
      }
    }
    this.failAsync(slot, t);
  }

  /** Runs (or re-queues after a throttle) an asynchronous event. */
  private attemptAsync(slot: number, t: number): void {
    if (this.tryStart(slot, t)) return;
    const n = this.invThrottled[slot];
    const backoff = Math.min(THROTTLE_BACKOFF_MAX_MS, THROTTLE_BACKOFF_START_MS * 2 ** n);
    if (t + backoff - this.invFirstAt[slot] > this.maxEventAgeMs) {
      this.failAsync(slot, t);
      return;
    }
    this.invThrottled[slot] = n + 1;
    this.at(t + backoff, ASYNC_ATTEMPT, slot);
  }

  /** Retries used up or the event too old: the on-failure destination, else discarded. */
  private failAsync(slot: number, t: number): void {
    const req = this.invReq[slot];
    if (this.onFailure.length > 0) {
      // The failure record now belongs to the destination, not to the request (req -1):
      // the request's path ends here as dead-lettered.
      for (const e of this.onFailure)
        e.deliver(-1, this.invType[slot], this.invKb[slot], this.invGroup[slot], t);
      this.ctx.requests.end(req, DEAD_LETTERED, t);
    } else {
      this.ctx.requests.end(req, DROPPED, t);
    }
    this.inv.release(slot);
  }

  // ---- execution environments ----------------------------------------------------------

  private newEnv(t: number, pc: 0 | 1): number {
    const env = this.envs.alloc();
    this.envBorn[env] = t;
    this.envPc[env] = pc;
    this.alive++;
    if (this.rec !== null) this.rec.add(t, this.recNode, REC_ENV_NEW, env, pc);
    if (this.alive > this.maxInstances && this.measuring(t)) this.maxInstances = this.alive;
    return env;
  }

  private pushIdle(env: number, t: number): void {
    this.envIdleSince[env] = t;
    this.idle.pushBack(env);
  }

  /** Reclaims, oldest first, the idle environments whose keep-alive ran out before t. */
  private reclaimExpired(t: number): void {
    const idle = this.idle;
    while (idle.size > 0) {
      const env = idle.front();
      const diesAt = this.envIdleSince[env] + this.keepAliveMs;
      if (diesAt > t) return;
      this.retireEnv(env, diesAt);
      idle.popFront();
    }
  }

  private retireEnv(env: number, diesAt: number): void {
    const from = Math.max(this.envBorn[env], this.ctx.measureFromMs);
    if (diesAt > from) {
      this.instanceArea += diesAt - from;
      if (this.ctx.series) this.ctx.series.level(this.sInstances, from, diesAt, 1);
    }
    this.alive--;
    if (this.rec !== null) this.rec.add(diesAt, this.recNode, REC_ENV_GONE, env);
    this.envs.release(env);
  }

  finish(t: number): void {
    this.reclaimExpired(t);
    // Environments still alive at the end count until the end.
    for (let i = 0; i < this.idle.size; i++) this.closeLife(this.idle.at(i), t);
    for (let i = 0; i < this.pcIdleCount; i++) this.closeLife(this.pcIdle[i], t);
    this.idle.clear();
    this.pcIdleCount = 0;
    // Busy environments belong to invocations still in flight: they count until the end too.
    for (let env = 0; env < this.envs.capacity; env++) if (this.envBusy[env]) this.closeLife(env, t);
    this.concurrency.mean(t);
    this.usageAcc.closeRun(this.ctx.measuredMs);
  }

  private closeLife(env: number, t: number): void {
    const from = Math.max(this.envBorn[env], this.ctx.measureFromMs);
    if (t > from) {
      this.instanceArea += t - from;
      if (this.ctx.series) this.ctx.series.level(this.sInstances, from, t, 1);
    }
  }

  /** Asynchronous invocations running or waiting to retry; a synchronous caller holds its own. */
  heldPaths(): number {
    return this.inv.countHeld(this.invReq, (i) => this.invCaller[i] < 0);
  }

  metrics(): NodeMetrics {
    const T = this.ctx.endMs;
    const span = Math.max(1e-9, T - this.ctx.measureFromMs);
    return {
      invocations: this.invocations,
      coldStarts: this.coldStarts,
      throttles: this.throttles,
      errors: this.errors,
      timeouts: this.timeouts,
      retries: this.retries,
      meanConcurrency: round6(this.concurrency.mean(T)),
      maxConcurrency: this.concurrency.max,
      meanInstances: round6(this.instanceArea / span),
      maxInstances: this.maxInstances,
      billedGbSeconds: round6(this.usageAcc.billedGbSeconds),
      syncWaitGbSeconds: round6(this.usageAcc.waitGbSeconds),
      durationMs: this.durations.summary(),
    };
  }

  usage(): UsageLine[] {
    const lines = this.usageAcc.lines();
    if (this.xray !== null) lines.push(...this.xray.usage());
    return lines;
  }
}
