import type { UsageLine } from '../../billing/types';
import { chunks } from '../../billing/units';
import { Histogram } from '../../metrics/histogram';
import type { SimContext } from '../../sim/context';
import type { EdgeRuntime } from '../../sim/edges';
import { NodeBase } from '../../sim/node-base';
import { COMPLETED, FAILED } from '../../sim/requests';
import { Slots, growF64, growI32, growU8 } from '../../sim/slots';
import {
  ERROR,
  OK,
  TIMEOUT,
  type CallStatus,
  type NodeMetrics,
  type NodeRuntime,
  type NodeSpec,
} from '../types';
import { MAP, PARALLEL, TASK, WAIT, planStates, resolveFunction, type PlannedState } from './plan';
import { EXPRESS_MAX_DURATION_MS, type StateMachineParams } from './schema';
import { XRaySampler } from '../../observability/xray';

const RETRY = 0;
const WAKE = 1;

/** Express duration is billed rounded up to 100 ms, memory in 64 MB chunks [SFN-PRICE]. */
const EXPRESS_ROUND_MS = 100;
const EXPRESS_MEMORY_CHUNK_MB = 64;

/** How an execution ended (also its trace outcome). */
const SUCCEEDED = 0;
const FAILED_RUN = 1;
const CAUGHT = 2;
const TIMED_OUT = 3;
const ENDINGS = ['succeeded', 'failed', 'caught', 'timedOut'] as const;

/**
 * AWS Step Functions: each execution walks the planned states in order, calling connected
 * functions synchronously (a Task waits for its function), retrying failed calls with the
 * state's retrier and, once the retries are used up, either failing the execution or sending
 * the failure down the on-failure path (Catch). Parallel branches and Map items run at once
 * (a Map at most `concurrency` at a time); the first branch that fails ends the state.
 *
 * Started three ways: synchronously by API Gateway (an Express workflow answers when it ends,
 * as StartSyncExecution does; a Standard one answers at once, as StartExecution does, and runs
 * on as its own path), or asynchronously by a rule, a schedule or a writer's StartExecution.
 */
export class StateMachineRuntime extends NodeBase<StateMachineParams> {
  declare private readonly states: PlannedState[];
  /** Per state: the event type index its Choice lets through, or -1 without a Choice. */
  declare private readonly onlyForType: Int32Array;
  declare private readonly express: boolean;
  /** Per step row: the edge to the function it calls (tasks and maps). */
  private rowEdge: (EdgeRuntime | null)[] = [];
  private sendEdges: EdgeRuntime[] = [];
  private failureEdges: EdgeRuntime[] = [];

  // Executions.
  declare private readonly ex: Slots;
  declare private exReq: Int32Array;
  declare private exType: Int32Array;
  declare private exKb: Float64Array;
  declare private exGroup: Int32Array;
  declare private exStart: Float64Array;
  declare private exState: Int32Array;
  declare private exPending: Int32Array;
  declare private exNextItem: Int32Array;
  declare private exOutstanding: Int32Array;
  declare private exCaller: Int32Array;
  declare private exCallerSlot: Int32Array;
  declare private exDone: Uint8Array;
  // Calls to functions (and retries waiting to be made).
  declare private readonly calls: Slots;
  declare private callEx: Int32Array;
  declare private callRow: Int32Array;
  declare private callAttempt: Int32Array;

  /** Executions running that hold their request's path (not those a synchronous caller waits on). */
  private holding = 0;

  private executions = 0;
  private succeeded = 0;
  private failed = 0;
  private caught = 0;
  private timedOut = 0;
  private transitions = 0;
  private retries = 0;
  private expressGbSeconds = 0;
  private readonly duration = new Histogram();
  private readonly sExecutions: number = -1;
  private readonly sFailed: number = -1;
  private readonly sTransitions: number = -1;

  /** Null unless X-Ray tracing is on. */
  declare private readonly xray: XRaySampler | null;

  /** The recorder's handles for the counters a replay shows at t (−1 when not recording). */
  private readonly cExecutions: number;
  private readonly cCaught: number;
  private readonly cTransitions: number;
  private readonly cRetries: number;

  constructor(ctx: SimContext, spec: NodeSpec<StateMachineParams>, index: number) {
    super(ctx, spec, index);
    this.cExecutions = this.counter('executions');
    this.cCaught = this.counter('caught');
    this.cTransitions = this.counter('transitions');
    this.cRetries = this.counter('retries');
    this.xray = spec.params.xrayTracing ? new XRaySampler(ctx, spec.id, spec.params.xrayReadsPerTrace) : null;
    this.states = planStates(spec.params.steps);
    this.onlyForType = Int32Array.from(this.states, (s) =>
      s.onlyFor === '' ? -1 : ctx.typeIndex(s.onlyFor),
    );
    this.express = spec.params.workflowType === 'express';
    this.ex = new Slots(64, (cap) => {
      this.exReq = growI32(this.exReq, cap);
      this.exType = growI32(this.exType, cap);
      this.exKb = growF64(this.exKb, cap);
      this.exGroup = growI32(this.exGroup, cap);
      this.exStart = growF64(this.exStart, cap);
      this.exState = growI32(this.exState, cap);
      this.exPending = growI32(this.exPending, cap);
      this.exNextItem = growI32(this.exNextItem, cap);
      this.exOutstanding = growI32(this.exOutstanding, cap);
      this.exCaller = growI32(this.exCaller, cap);
      this.exCallerSlot = growI32(this.exCallerSlot, cap);
      this.exDone = growU8(this.exDone, cap);
    });
    this.calls = new Slots(64, (cap) => {
      this.callEx = growI32(this.callEx, cap);
      this.callRow = growI32(this.callRow, cap);
      this.callAttempt = growI32(this.callAttempt, cap);
    });
    const s = ctx.series;
    if (s) {
      this.sExecutions = s.register(`${spec.id}.executions`, 'rate');
      this.sFailed = s.register(`${spec.id}.failed`, 'rate');
      this.sTransitions = s.register(`${spec.id}.transitions`, 'rate');
    }
  }

  start(): void {
    const calls = this.out.filter((e) => e.meaning === 'integration');
    const called = calls.map((e) => ({ id: e.target.spec.id, label: e.target.spec.label }));
    this.rowEdge = this.params.steps.map((s) => {
      if (s.type === 'wait') return null;
      const id = resolveFunction(s.function, called);
      return calls.find((e) => e.target.spec.id === id) ?? null;
    });
    this.sendEdges = this.edgesWith('invoke', 'send');
    this.failureEdges = this.edgesWith('onFailure');
  }

  /** API Gateway's integration: Express answers when the execution ends, Standard at once. */
  call(
    req: number,
    type: number,
    kb: number,
    group: number,
    t: number,
    caller: NodeRuntime,
    callerSlot: number,
  ): void {
    if (this.express) {
      this.startExecution(req, type, kb, group, t, caller.index, callerSlot);
      return;
    }
    this.ctx.requests.spawn(req);
    this.startExecution(req, type, kb, group, t, -1, 0);
    this.ctx.answer(caller, callerSlot, OK, t);
  }

  /** StartExecution from a rule, a schedule or a writer: the execution carries the path on. */
  deliver(req: number, type: number, kb: number, group: number, t: number): void {
    this.startExecution(req, type, kb, group, t, -1, 0);
  }

  private startExecution(
    req: number,
    type: number,
    kb: number,
    group: number,
    t: number,
    caller: number,
    callerSlot: number,
  ): void {
    if (this.xray !== null) this.xray.see(req, t);
    const x = this.ex.alloc();
    this.exReq[x] = req;
    this.exType[x] = type;
    this.exKb[x] = kb;
    this.exGroup[x] = group;
    this.exStart[x] = t;
    this.exState[x] = -1;
    this.exPending[x] = 0;
    this.exOutstanding[x] = 0;
    this.exCaller[x] = caller;
    this.exCallerSlot[x] = callerSlot;
    this.exDone[x] = 0;
    // Work that belongs to no request (req −1: an event already counted as failed) holds no path.
    if (caller < 0 && req >= 0) this.holding++;
    this.tally(this.cExecutions, t, 1, this.measuring(t));
    if (this.measuring(t)) {
      this.executions++;
      if (this.ctx.series) this.ctx.series.count(this.sExecutions, t);
    }
    this.advance(x, t);
  }

  private transition(n: number, t: number): void {
    this.tally(this.cTransitions, t, n, this.measuring(t));
    if (!this.measuring(t)) return;
    this.transitions += n;
    if (this.ctx.series) this.ctx.series.count(this.sTransitions, t, n);
  }

  /** Enters the next state (skipping those a Choice turns away) and starts its work. */
  private advance(x: number, t: number): void {
    if (this.express && t - this.exStart[x] > EXPRESS_MAX_DURATION_MS) {
      this.end(x, TIMED_OUT, t);
      return;
    }
    for (;;) {
      const s = ++this.exState[x];
      if (s >= this.states.length) {
        this.end(x, SUCCEEDED, t);
        return;
      }
      const st = this.states[s];
      const only = this.onlyForType[s];
      if (only >= 0) {
        // Consecutive steps with a type are the branches of one Choice: billed once, at its head.
        if (st.choiceHead) this.transition(1, t);
        if (this.exType[x] !== only) continue;
      }
      this.transition(1, t);
      const rows = st.rows;
      if (st.op === WAIT) {
        const waitMs = this.params.steps[rows[0]].seconds * 1000;
        if (waitMs <= 0) continue;
        // An Express execution that would outlive its 5 minutes wakes at the limit and fails.
        const limit = this.exStart[x] + EXPRESS_MAX_DURATION_MS;
        this.at(this.express && t + waitMs > limit ? limit + 1e-6 : t + waitMs, WAKE, x);
        return;
      }
      if (st.op === TASK) {
        this.exPending[x] = 1;
        this.callFunction(x, rows[0], 0, t);
        return;
      }
      if (st.op === PARALLEL) {
        this.exPending[x] = rows.length;
        this.transition(rows.length, t);
        for (let i = 0; i < rows.length && !this.exDone[x]; i++) this.callFunction(x, rows[i], 0, t);
        return;
      }
      // MAP: each item is one iteration (one task state), at most `concurrency` at once.
      const step = this.params.steps[rows[0]];
      const first = Math.min(step.items, step.concurrency);
      this.exPending[x] = step.items;
      this.exNextItem[x] = first;
      this.transition(first, t);
      for (let i = 0; i < first && !this.exDone[x]; i++) this.callFunction(x, rows[0], 0, t);
      return;
    }
  }

  private callFunction(x: number, row: number, attempt: number, t: number): void {
    const edge = this.rowEdge[row];
    if (!edge) {
      // Validation requires the function to be connected; a missing one fails the state.
      this.stateFailed(x, row, t);
      return;
    }
    const c = this.calls.alloc();
    this.callEx[c] = x;
    this.callRow[c] = row;
    this.callAttempt[c] = attempt;
    this.exOutstanding[x]++;
    edge.call(this.exReq[x], this.exType[x], this.exKb[x], this.exGroup[x], t, this, c);
  }

  onReturn(c: number, status: CallStatus, t: number): void {
    const x = this.callEx[c];
    const row = this.callRow[c];
    const attempt = this.callAttempt[c];
    if (this.exDone[x]) {
      // A branch still running when another one failed the state: its answer is not needed.
      this.calls.release(c);
      this.exOutstanding[x]--;
      this.callSettled(x);
      return;
    }
    const step = this.params.steps[row];
    if (status !== OK && attempt < step.maxAttempts) {
      // Retrier: IntervalSeconds, then × BackoffRate per further retry; each retry is a transition.
      this.callAttempt[c] = attempt + 1;
      if (this.measuring(t)) this.retries++;
      this.tally(this.cRetries, t, 1, this.measuring(t));
      this.transition(1, t);
      this.at(t + step.intervalSeconds * 1000 * Math.pow(step.backoffRate, attempt), RETRY, c);
      return;
    }
    this.calls.release(c);
    this.exOutstanding[x]--;
    if (status !== OK) {
      this.stateFailed(x, row, t);
      return;
    }
    const st = this.states[this.exState[x]];
    if (st.op === MAP && this.exNextItem[x] < step.items) {
      this.exNextItem[x]++;
      this.transition(1, t);
      this.callFunction(x, row, 0, t);
    }
    if (--this.exPending[x] === 0 && !this.exDone[x]) this.advance(x, t);
  }

  onEvent(action: number, slot: number): void {
    const t = this.ctx.now;
    if (action === WAKE) {
      this.advance(slot, t);
      return;
    }
    // RETRY: the call slot waited out its interval.
    const x = this.callEx[slot];
    if (this.exDone[x]) {
      this.calls.release(slot);
      this.exOutstanding[x]--;
      this.callSettled(x);
      return;
    }
    const edge = this.rowEdge[this.callRow[slot]]!;
    edge.call(this.exReq[x], this.exType[x], this.exKb[x], this.exGroup[x], t, this, slot);
  }

  /** Frees an ended execution once no call of it is left out (2: released, so only once). */
  private callSettled(x: number): void {
    if (this.exDone[x] === 1 && this.exOutstanding[x] === 0) {
      this.exDone[x] = 2;
      this.ex.release(x);
    }
  }

  private stateFailed(x: number, row: number, t: number): void {
    if (this.params.steps[row].catchFailures) {
      // Catch: one transition into the fallback state, which sends the failure on.
      this.transition(1, t);
      this.end(x, CAUGHT, t);
    } else this.end(x, FAILED_RUN, t);
  }

  private end(x: number, ending: number, t: number): void {
    this.exDone[x] = 1;
    const start = this.exStart[x];
    // A timed-out Express execution stops (and is billed) at its limit.
    const endAt = ending === TIMED_OUT ? start + EXPRESS_MAX_DURATION_MS : t;
    // Outcomes count for executions started in the measured window, as `executions` does.
    const measuring = this.measuring(start);
    if (ending === CAUGHT) this.tally(this.cCaught, t, 1, measuring);
    if (measuring) {
      if (ending === SUCCEEDED) this.succeeded++;
      else if (ending === CAUGHT) this.caught++;
      else if (ending === TIMED_OUT) this.timedOut++;
      else this.failed++;
      if (ending !== SUCCEEDED && this.ctx.series) this.ctx.series.count(this.sFailed, t);
      this.duration.add(endAt - start);
      if (this.express) {
        const billedMs = Math.ceil((endAt - start) / EXPRESS_ROUND_MS - 1e-9) * EXPRESS_ROUND_MS;
        const gb = (chunks(this.params.memoryMb, EXPRESS_MEMORY_CHUNK_MB) * EXPRESS_MEMORY_CHUNK_MB) / 1024;
        this.expressGbSeconds += (billedMs / 1000) * gb;
      }
    }
    const req = this.exReq[x];
    if (this.ctx.requests.traceId(req) >= 0)
      this.ctx.requests.hop(req, {
        node: this.spec.id,
        startMs: start,
        endMs: endAt,
        outcome: ENDINGS[ending],
      });
    const type = this.exType[x];
    const kb = this.exKb[x];
    const group = this.exGroup[x];
    if (ending === SUCCEEDED) this.emit(this.sendEdges, req, type, kb, group, t);
    else if (ending === CAUGHT) this.emit(this.failureEdges, req, type, kb, group, t);
    const caller = this.exCaller[x];
    if (caller >= 0) {
      const status = ending === SUCCEEDED ? OK : ending === TIMED_OUT ? TIMEOUT : ERROR;
      this.ctx.answer(this.ctx.nodes[caller], this.exCallerSlot[x], status, t);
    } else {
      if (req >= 0) this.holding--;
      this.ctx.requests.end(req, ending === SUCCEEDED ? COMPLETED : FAILED, t);
    }
    this.callSettled(x);
  }

  heldPaths(): number {
    return this.holding;
  }

  metrics(): NodeMetrics {
    return {
      executions: this.executions,
      succeeded: this.succeeded,
      failed: this.failed,
      caught: this.caught,
      timedOut: this.timedOut,
      transitions: this.transitions,
      retries: this.retries,
      durationMs: this.duration.summary(),
    };
  }

  usage(): UsageLine[] {
    const lines: UsageLine[] = this.express
      ? [
          { meter: 'sfn.express.requests', name: 'Express executions', quantity: this.executions },
          { meter: 'sfn.express.gbSeconds', name: 'Express duration', quantity: this.expressGbSeconds },
        ]
      : [
          {
            meter: 'sfn.standard.transitions',
            name: 'Standard state transitions',
            quantity: this.transitions,
          },
        ];
    if (this.xray !== null) lines.push(...this.xray.usage());
    return lines;
  }
}
