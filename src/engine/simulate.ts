import { priceRun } from './billing/bill';
import { RUNTIMES } from './kinds/runtimes';
import type { NodeSpec } from './kinds/vocabulary';
import { round6 } from './metrics/series';
import { keyedRecord } from './own-keys';
import {
  RESULT_FORMAT,
  RESULT_VERSION,
  type Incomplete,
  type EdgeResult,
  type NodeResult,
  type Result,
} from './result';
import { findRule } from './scenario/connections';
import { feedbackLoopWarning, feedbackLoops } from './scenario/warnings';
import type { Scenario } from './scenario/schema';
import { ScenarioError, validateScenario } from './scenario/validate';
import { checkConservation } from './sim/conservation';
import { REPLY, SimContext, type RunSettings } from './sim/context';
import { EdgeRuntime } from './sim/edges';
import { DEFAULT_RECORD_LIMIT, recordCapText } from './sim/recorder';

export interface SimulateOptions {
  /** Overrides settings.seed. */
  seed?: number;
  /** Overrides settings.durationSeconds. */
  durationSeconds?: number;
  /** Record bucketed time series (the app always does; the CLI with --series). */
  series?: boolean;
  /** Fraction of requests whose hops are recorded (0 = none). */
  traceSampleRate?: number;
  maxTraces?: number;
  /**
   * Record state changes inside nodes (functions' environments, other kinds' insides, counter
   * increments) for the classroom replay: true for the default limit (6 MB of encoded changes
   * per part, DEFAULT_RECORD_LIMIT), or the limit in bytes. Recording stops at the limit and
   * result.recording says when (no shipped template reaches it).
   */
  record?: boolean | number;
  /** Guards: a run stops cleanly, marked incomplete and priced, past any budget. */
  maxEvents?: number;
  maxWallMs?: number;
  /**
   * The most work in flight at once: open paths of requests (invocations, messages, records)
   * plus events waiting in the queue. A loop that multiplies work reaches it long before the
   * machine runs out of memory (about 150 bytes each).
   */
  maxWorkInFlight?: number;
  onProgress?: (fraction: number) => void;
  shouldCancel?: () => boolean;
}

export const DEFAULT_MAX_EVENTS = 1_000_000_000;
export const DEFAULT_MAX_WALL_MS = 10 * 60_000;
/**
 * The shipped templates peak below 200,000 (a Kinesis backlog); a queue nobody reads at
 * 500 messages a second holds 1.8 million after an hour. Three million is about 450 MB.
 */
export const DEFAULT_MAX_WORK_IN_FLIGHT = 3_000_000;
/**
 * Events between looks at the budgets and the cancel flag. Small, because one event of a
 * multiplying loop can cost a quarter of a millisecond when the queue holds millions.
 */
const SLICE = 1 << 10;

/**
 * One run of a scenario. The event loop runs in slices (step) so that a worker can report
 * progress and honour cancel between them; simulate() runs it to the end.
 */
export class Simulation {
  declare readonly ctx: SimContext;
  private events = 0;
  declare private readonly eventsByNode: Float64Array;
  private done = false;
  declare private incomplete: Incomplete | undefined;
  private readonly wallStart = now();
  private wallMs = 0;
  private cancelled = false;
  declare private cancelWhy: string | undefined;
  declare private readonly maxEvents: number;
  declare private readonly maxWallMs: number;
  declare private readonly maxWorkInFlight: number;

  static create(doc: unknown, options: SimulateOptions = {}): Simulation {
    const v = validateScenario(doc);
    if (!v.ok) throw new ScenarioError(v.errors);
    return new Simulation(v.scenario, options, v.warnings);
  }

  private constructor(
    readonly scenario: Scenario,
    private readonly options: SimulateOptions,
    warnings: string[],
  ) {
    const durationSeconds = options.durationSeconds ?? scenario.settings.durationSeconds;
    // A shorter run than the scenario's warm-up (a --duration override) would measure nothing
    // and price a month from no time at all: measure it from the start instead, and say so.
    const warmupFits = scenario.settings.warmupSeconds < durationSeconds;
    if (!warmupFits) {
      warnings = [
        ...warnings,
        `The run (${durationSeconds} s) is not longer than the scenario's warm-up (${scenario.settings.warmupSeconds} s): everything is measured from the start.`,
      ];
    }
    const settings: RunSettings = {
      ...scenario.settings,
      seed: options.seed ?? scenario.settings.seed,
      durationSeconds,
      warmupSeconds: warmupFits ? scenario.settings.warmupSeconds : 0,
    };
    this.maxEvents = options.maxEvents ?? DEFAULT_MAX_EVENTS;
    this.maxWallMs = options.maxWallMs ?? DEFAULT_MAX_WALL_MS;
    this.maxWorkInFlight = options.maxWorkInFlight ?? DEFAULT_MAX_WORK_IN_FLIGHT;
    const ctx = new SimContext(settings, {
      series: options.series ?? false,
      traceSampleRate: options.traceSampleRate ?? 0,
      maxTraces: options.maxTraces ?? 500,
      record:
        options.record === true
          ? DEFAULT_RECORD_LIMIT
          : typeof options.record === 'number'
            ? options.record
            : 0,
    });
    this.ctx = ctx;
    ctx.warnings.push(...warnings);
    scenario.nodes.forEach((n, i) => {
      const spec: NodeSpec = {
        id: n.id,
        kind: n.kind,
        label: n.label,
        params: n.params as Record<string, unknown>,
      };
      ctx.nodes.push(RUNTIMES[n.kind](ctx, spec as never, i));
    });
    const byId = new Map(ctx.nodes.map((n) => [n.spec.id, n]));
    scenario.edges.forEach((e, i) => {
      const source = byId.get(e.source)!;
      const target = byId.get(e.target)!;
      const rule = findRule(source.spec.kind, target.spec.kind, e.role)!;
      const edge = new EdgeRuntime(
        i,
        e,
        source,
        target,
        rule.meaning,
        (name) => ctx.typeIndex(name),
        ctx.measureFromMs,
        ctx.requests,
      );
      source.out.push(edge);
      target.in.push(edge);
      ctx.edges.push(edge);
    });
    this.eventsByNode = new Float64Array(ctx.nodes.length);
    for (const n of ctx.nodes) n.start(0);
  }

  get finished(): boolean {
    return this.done;
  }

  /** Simulated time reached, as a fraction of the duration. */
  get progress(): number {
    return this.done ? 1 : Math.min(1, this.ctx.queue.poppedTime / this.ctx.durationMs);
  }

  /**
   * Asks the run to stop at the next slice; the result is marked cancelled and priced for
   * what was measured. `why` (e.g. "SIGTERM received") goes into the message.
   */
  cancel(why?: string): void {
    this.cancelled = true;
    this.cancelWhy = why;
  }

  /** Runs up to maxEvents events; true when the run is over (finished or stopped by a guard). */
  step(maxEvents: number): boolean {
    if (this.done) return true;
    const q = this.ctx.queue;
    const nodes = this.ctx.nodes;
    const perNode = this.eventsByNode;
    const endMs = this.ctx.durationMs;
    q.limit = endMs;
    let budget = maxEvents;
    while (budget > 0) {
      const slice = budget < SLICE ? budget : SLICE;
      let i = 0;
      for (; i < slice; i++) {
        if (!q.popDue()) {
          this.events += i;
          this.stop(endMs);
          return true;
        }
        const h = q.poppedHandler;
        if (h === REPLY) {
          perNode[this.ctx.runReply(q.poppedArg)]++;
          continue;
        }
        const n = h >> 4;
        perNode[n]++;
        nodes[n].onEvent(h & 15, q.poppedArg);
      }
      this.events += i;
      budget -= i;
      if (this.guardsTripped()) return true;
    }
    return false;
  }

  private guardsTripped(): boolean {
    const reached = this.ctx.queue.poppedTime;
    // Messages say where the run stopped (atTime), formatted only when a guard trips: this
    // runs every SLICE events, and formatting it each time cost about 1 % of a run.
    if (this.cancelled || this.options.shouldCancel?.()) {
      this.stop(
        reached,
        'cancelled',
        this.cancelWhy ? `Stopped (${this.cancelWhy}) ${atTime(reached)}` : `Cancelled ${atTime(reached)}`,
      );
      return true;
    }
    if (this.events >= this.maxEvents) {
      this.stop(
        reached,
        'eventBudget',
        `Stopped after ${this.events.toLocaleString('en-US')} events (the event budget) ${atTime(reached)}`,
      );
      return true;
    }
    const work = this.ctx.requests.pathsInFlight + this.ctx.queue.size;
    if (work > this.maxWorkInFlight) {
      this.stop(
        reached,
        'workBudget',
        `Stopped with ${work.toLocaleString('en-US')} pieces of work in flight (the limit is ${this.maxWorkInFlight.toLocaleString('en-US')}: requests' open paths and pending events) ${atTime(reached)} Something multiplies work faster than it finishes.`,
      );
      return true;
    }
    if (now() - this.wallStart > this.maxWallMs) {
      this.stop(
        reached,
        'wallClock',
        `Stopped after ${fmtSeconds(this.maxWallMs / 1000)} of computing (the time budget) ${atTime(reached)}`,
      );
      return true;
    }
    return false;
  }

  private stop(atMs: number, reason?: Incomplete['reason'], message?: string): void {
    this.done = true;
    const ctx = this.ctx;
    ctx.endMs = atMs;
    for (const n of ctx.nodes) n.finish(atMs);
    this.wallMs = now() - this.wallStart;
    checkConservation(this.ctx.requests, this.ctx.nodes);
    if (atMs < ctx.measureFromMs) {
      ctx.warnings.push(
        `The run stopped during the warm-up (at ${fmtSeconds(atMs / 1000)} of its ${fmtSeconds(ctx.measureFromMs / 1000)}): nothing was measured, so the bill and the metrics are empty.`,
      );
    }
    if (!reason || !message) return;
    const busiest = [...this.eventsByNode]
      .map((events, i) => ({ id: ctx.nodes[i].spec.id, events }))
      .filter((x) => x.events > 0)
      .sort((a, b) => b.events - a.events)
      .slice(0, 3);
    const total = Math.max(1, this.events);
    let text = message;
    if (busiest.length > 0) {
      text += ` Most events came from ${busiest.map((b) => `"${b.id}" (${Math.round((100 * b.events) / total)} %)`).join(', ')}.`;
      if (reason !== 'cancelled') {
        const eventsOf = new Map(ctx.nodes.map((n, i) => [n.spec.id, this.eventsByNode[i]]));
        text += ` ${likelyCause(this.scenario, eventsOf, total, busiest[0].id)}`;
      }
    }
    this.incomplete = { reason, message: text, busiestNodes: busiest, reachedSeconds: round6(atMs / 1000) };
  }

  result(): Result {
    if (!this.done) throw new Error('the run has not finished: call step() until it returns true');
    const ctx = this.ctx;
    const measuredSeconds = Math.max(1e-9, (ctx.endMs - ctx.measureFromMs) / 1000);
    const bill = priceRun(
      ctx.nodes.map((n) => ({ nodeId: n.spec.id, lines: n.usage() })),
      { measuredSeconds, includeFreeTier: ctx.settings.includeFreeTier },
    );
    const nodes = keyedRecord<NodeResult>();
    for (const n of ctx.nodes) {
      nodes[n.spec.id] = {
        kind: n.spec.kind,
        label: n.spec.label,
        metrics: n.metrics(),
        cost: bill.byNode[n.spec.id],
      };
    }
    const r = ctx.requests;
    const result: Result = {
      format: RESULT_FORMAT,
      version: RESULT_VERSION,
      scenario: this.scenario.name,
      seed: ctx.settings.seed,
      simulatedSeconds: round6(ctx.endMs / 1000),
      engine: { events: this.events, wallMs: Math.round(this.wallMs) },
      totals: {
        requests: r.entered,
        completed: r.ended[0],
        failed: r.ended[2],
        deadLettered: r.ended[1],
        dropped: r.ended[3],
        inFlight: r.inFlight,
        costUsd: bill.costUsd,
        monthlyCostUsd: bill.monthlyCostUsd,
        latencyMs: r.latencyHistogram().summary(),
      },
      nodes,
      edges: edgeCounts(ctx.edges),
      warnings: [...ctx.warnings],
      traces: r.finishedTraces(),
      latencyHistogram: r
        .latencyHistogram()
        .buckets()
        .map(([a, b, c]) => [round6(a), round6(b), c]),
    };
    if (ctx.series)
      result.series = {
        bucketSeconds: ctx.series.bucketSeconds,
        t: ctx.series.times(),
        ...ctx.series.toRecord(),
      };
    if (this.incomplete) result.incomplete = this.incomplete;
    if (ctx.recorder) {
      result.recording = ctx.recorder.toRecording();
      if (result.recording.truncatedAtMs !== undefined) {
        result.warnings.push(
          `The replay recording stopped at ${fmtSeconds(result.recording.truncatedAtMs / 1000)} of simulated time (its limit of ${recordCapText(result.recording.limit)} of changes): shorten the run to replay it all.`,
        );
      }
      const insides = result.recording.insidesTruncatedAtMs;
      if (insides !== undefined) {
        result.warnings.push(
          `The replay's record of queues, streams and servers stopped at ${fmtSeconds(insides / 1000)} of simulated time (its limit of ${recordCapText(result.recording.limit)} of changes): after that the replay shows their insides no more; shorten the run to see them all.`,
        );
      }
    }
    return result;
  }
}

/** Validates and runs a scenario to the end (or to a guard). Throws ScenarioError on bad input. */
export function simulate(doc: unknown, options: SimulateOptions = {}): Result {
  const sim = Simulation.create(doc, options);
  const chunk = 1 << 18;
  while (!sim.step(chunk)) options.onProgress?.(sim.progress);
  options.onProgress?.(1);
  return sim.result();
}

/**
 * Why a budget ran out: the feedback loop whose nodes (matched by id) handled the most events,
 * if that is at least a third of them; otherwise, which node was busiest.
 */
function likelyCause(
  scenario: Scenario,
  eventsOf: ReadonlyMap<string, number>,
  total: number,
  busiest: string,
): string {
  let best: string[] | undefined;
  let bestEvents = total / 3;
  for (const loop of feedbackLoops(scenario.edges)) {
    let events = 0;
    for (const id of new Set(loop)) events += eventsOf.get(id) ?? 0;
    if (events >= bestEvents) {
      best = loop;
      bestEvents = events;
    }
  }
  if (best) return `Likely cause: ${feedbackLoopWarning(best)}`;
  return `No feedback loop runs through them: "${busiest}" did the most work; look at what feeds it and at the run's length.`;
}

function atTime(ms: number): string {
  return `at ${fmtSeconds(ms / 1000)} of simulated time.`;
}

function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}

function fmtSeconds(s: number): string {
  return s >= 3600
    ? `${(s / 3600).toFixed(2)} h`
    : s >= 60
      ? `${(s / 60).toFixed(1)} min`
      : `${s.toFixed(1)} s`;
}

/** What crossed each edge after the warm-up, by edge id. */
function edgeCounts(edges: readonly EdgeRuntime[]): Record<string, EdgeResult> {
  const out = keyedRecord<EdgeResult>();
  for (const e of edges) out[e.id] = { source: e.source.spec.id, target: e.target.spec.id, passed: e.passed };
  return out;
}
