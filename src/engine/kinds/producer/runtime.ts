import type { Rng } from '../../kernel/rng';
import type { SimContext } from '../../sim/context';
import { NodeBase } from '../../sim/node-base';
import { COMPLETED } from '../../sim/requests';
import type { NodeMetrics, NodeSpec } from '../types';
import type { ProducerParams } from './schema';
import { ArrivalProcess } from './traffic';

const ARRIVE = 0;

/** The event type a producer uses when its list of types is empty. */
const DEFAULT_TYPE = 'Event';

/**
 * Clients, devices or an upstream system: each arrival opens a request, hands it to every
 * outgoing edge and schedules the next arrival (one event per arrival). Arrivals run over
 * [start, duration).
 *
 * Arrival times come from their own random stream, separate from the one that draws event
 * types, groups and edge counts: two scenarios that share a producer id and seed see the
 * same arrival times whatever happens downstream or in the type mix.
 */
export class ProducerRuntime extends NodeBase<ProducerParams> {
  declare private readonly arrivals: ArrivalProcess;
  declare private readonly mix: Rng;
  declare private readonly types: Int32Array;
  /** Cumulative weights, types[i] is drawn when cumulative[i-1] <= u·total < cumulative[i]. */
  declare private readonly cumulative: Float64Array;
  declare private readonly totalWeight: number;
  declare private readonly kb: number;
  declare private readonly groups: number;
  private readonly sRequests: number = -1;
  /** The next arrival waits in a timer register, not in the event heap. */
  private readonly timer: number = -1;

  /** Arrivals in the measured window. */
  private requests = 0;

  /** The recorder's handles for the counters a replay shows at t (−1 when not recording). */
  private cRequests = -1;

  constructor(ctx: SimContext, spec: NodeSpec<ProducerParams>, index: number) {
    super(ctx, spec, index);
    const p = spec.params;
    this.arrivals = new ArrivalProcess(p.traffic, ctx.rng(spec.id, 'arrivals'), ctx.durationMs);
    this.mix = ctx.rng(spec.id, 'types');
    const listed = p.eventTypes.length > 0 ? p.eventTypes : [{ name: DEFAULT_TYPE, weight: 1 }];
    this.types = Int32Array.from(listed, (et) => ctx.typeIndex(et.name));
    this.cumulative = new Float64Array(listed.length);
    let sum = 0;
    listed.forEach((et, i) => (this.cumulative[i] = sum += et.weight));
    this.totalWeight = sum;
    this.kb = p.payloadKB;
    this.groups = p.messageGroups;
    this.timer = ctx.addTimer();
    if (ctx.series) this.sRequests = ctx.series.register(`${spec.id}.requests`, 'rate');
  }

  start(t: number): void {
    // With one source every request is a trace the replay counts; with several, which trace
    // came from which source is not traced, so the replay needs this source's own count.
    if (this.ctx.nodes.filter((n) => n.spec.kind === 'producer' || n.spec.kind === 'schedule').length > 1)
      this.cRequests = this.counter('requests');
    this.scheduleArrival(this.arrivals.first(t));
  }

  onEvent(_action: number, _slot: number): void {
    const t = this.ctx.now;
    const ctx = this.ctx;
    const req = ctx.requests.open(t);
    this.tally(this.cRequests, t, 1, this.measuring(t));
    if (this.measuring(t)) {
      this.requests++;
      if (ctx.series) ctx.series.count(this.sRequests, t);
    }
    const group = this.groups > 1 ? this.mix.int(this.groups) : 0;
    this.send(req, this.drawType(), group, t);
    this.arrivals.advance(t);
    // The next arrival's time goes to the queue straight from the field (no call in between
    // that V8 might not inline, which would box the double).
    const next = this.arrivals.nextAt;
    if (next < ctx.durationMs) ctx.queue.setTimer(this.timer, next, (this.index << 4) | ARRIVE, 0);
  }

  /**
   * One edge (the common case): the arrival's own path goes to its last message instead of
   * a new path being spawned while the producer's ends at once (same outcome and latency,
   * two bookkeeping calls fewer). Otherwise every message is a new path (emit).
   */
  private send(req: number, type: number, group: number, t: number): void {
    const out = this.out;
    if (out.length === 1) {
      const e = out[0];
      const n = e.matches(type) ? e.count(this.rng) : 0;
      for (let k = 1; k < n; k++) {
        this.ctx.requests.spawn(req);
        e.deliver(req, type, this.kb, group, t);
      }
      if (n > 0) e.deliver(req, type, this.kb, group, t);
      else this.ctx.requests.end(req, COMPLETED, t);
      return;
    }
    this.emit(out, req, type, this.kb, group, t);
    this.ctx.requests.end(req, COMPLETED, t);
  }

  private scheduleArrival(t: number): void {
    if (t < this.ctx.durationMs) this.ctx.setTimer(this.timer, this, ARRIVE, 0, t);
  }

  private drawType(): number {
    const n = this.types.length;
    if (n === 1) return this.types[0];
    this.mix.drawNext();
    const x = this.mix.uniform * this.totalWeight;
    const c = this.cumulative;
    for (let i = 0; i < n - 1; i++) if (x < c[i]) return this.types[i];
    // Guards rounding of the last cumulative sum; zero-weight types at the end are skipped.
    let last = n - 1;
    while (last > 0 && c[last] === c[last - 1]) last--;
    return this.types[last];
  }

  metrics(): NodeMetrics {
    const seconds = (this.ctx.endMs - this.ctx.measureFromMs) / 1000;
    return { requests: this.requests, meanRatePerSecond: seconds > 0 ? this.requests / seconds : 0 };
  }
}
