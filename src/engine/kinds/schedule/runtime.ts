import type { Cron } from 'croner';
import type { UsageLine } from '../../billing/types';
import type { SimContext } from '../../sim/context';
import { NodeBase } from '../../sim/node-base';
import { COMPLETED } from '../../sim/requests';
import type { NodeMetrics, NodeSpec } from '../types';
import { firstOnGrid, nextOnGrid } from '../producer/traffic';
import { compileCron, startEpochMs } from './cron';
import type { ScheduleParams } from './schema';

const TICK = 0;

/**
 * EventBridge Scheduler (or a cron rule): each tick opens a request and hands it to the
 * outgoing edges, like a producer. Ticks fall on [start, duration): a rate schedule at
 * k · rateSeconds (k = 0, 1, …), a cron schedule at every matching UTC instant from
 * settings.startTime on. Simulated ms become a Date only to ask croner for the next tick.
 */
export class ScheduleRuntime extends NodeBase<ScheduleParams> {
  declare private readonly cron: Cron | null;
  declare private readonly epochMs: number;
  declare private readonly periodMs: number;
  declare private readonly type: number;
  declare private readonly kb: number;
  private readonly sTicks: number = -1;

  /** Ticks in the measured window (what Scheduler bills). */
  private ticks = 0;

  /** The recorder's handles for the counters a replay shows at t (−1 when not recording). */
  private cTicks = -1;

  constructor(ctx: SimContext, spec: NodeSpec<ScheduleParams>, index: number) {
    super(ctx, spec, index);
    const p = spec.params;
    this.cron = p.cron !== undefined ? compileCron(p.cron) : null;
    this.epochMs = this.cron ? startEpochMs(ctx.settings.startTime) : 0;
    this.periodMs = p.rateSeconds * 1000;
    this.type = ctx.typeIndex(p.eventType);
    this.kb = p.payloadKB;
    if (ctx.series) this.sTicks = ctx.series.register(`${spec.id}.ticks`, 'rate');
  }

  start(t: number): void {
    // With one source every request is a trace the replay counts; with several, which trace
    // came from which source is not traced, so the replay needs this source's own count.
    if (this.ctx.nodes.filter((n) => n.spec.kind === 'producer' || n.spec.kind === 'schedule').length > 1)
      this.cTicks = this.counter('ticks');
    // croner answers "strictly after a whole second": asking from 1 ms earlier includes t.
    this.scheduleTick(this.cron ? this.cronAfter(t - 1) : firstOnGrid(t, this.periodMs));
  }

  onEvent(_action: number, _slot: number): void {
    const t = this.ctx.now;
    const ctx = this.ctx;
    const req = ctx.requests.open(t);
    this.tally(this.cTicks, t, 1, this.measuring(t));
    if (this.measuring(t)) {
      this.ticks++;
      if (ctx.series) ctx.series.count(this.sTicks, t);
    }
    this.emit(this.out, req, this.type, this.kb, 0, t);
    ctx.requests.end(req, COMPLETED, t);
    this.scheduleTick(this.cron ? this.cronAfter(t) : nextOnGrid(t, this.periodMs));
  }

  private cronAfter(t: number): number {
    const next = this.cron!.nextRun(new Date(this.epochMs + t));
    return next === null ? Infinity : next.getTime() - this.epochMs;
  }

  private scheduleTick(t: number): void {
    if (t < this.ctx.durationMs) this.at(t, TICK, 0);
  }

  metrics(): NodeMetrics {
    return { ticks: this.ticks };
  }

  usage(): UsageLine[] {
    return [{ meter: 'scheduler.invocations', name: 'scheduler invocations', quantity: this.ticks }];
  }
}
