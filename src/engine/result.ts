import type { NodeCost } from './billing/types';
import type { NodeKind, NodeMetrics, Summary } from './kinds/vocabulary';
import type { Recording } from './sim/recorder';
import type { Trace } from './sim/requests';
import type { ReplicationStats } from './stats/replications';

export const RESULT_FORMAT = 'serverless-sim.result';
export const RESULT_VERSION = 1;

export interface NodeResult {
  kind: NodeKind;
  label: string;
  metrics: NodeMetrics;
  cost: NodeCost;
}

/**
 * One edge over the measured part of the run: the calls, messages or batches (one per poller
 * batch) the source handed the target. The service map draws its rate on the connection.
 */
export interface EdgeResult {
  source: string;
  target: string;
  passed: number;
}

export interface Totals {
  requests: number;
  completed: number;
  failed: number;
  deadLettered: number;
  dropped: number;
  inFlight: number;
  costUsd: number;
  monthlyCostUsd: number;
  latencyMs: Summary;
}

export interface Incomplete {
  /** workBudget: too much work in flight at once (a loop that multiplies work). */
  reason: 'eventBudget' | 'wallClock' | 'workBudget' | 'cancelled';
  message: string;
  /** Nodes that handled most events, most first. */
  busiestNodes: { id: string; events: number }[];
  /** Simulated seconds reached when the run stopped. */
  reachedSeconds: number;
}

/** The v1 result format (../shared/design/scenario-format.md), plus fields added since. */
export interface Result {
  format: typeof RESULT_FORMAT;
  version: typeof RESULT_VERSION;
  scenario: string;
  seed: number;
  simulatedSeconds: number;
  engine: { events: number; wallMs: number };
  totals: Totals;
  nodes: Record<string, NodeResult>;
  /** By edge id (results saved before this field existed lack it). */
  edges?: Record<string, EdgeResult>;
  series?: { bucketSeconds: number; t: number[]; [name: string]: number[] | number };
  warnings: string[];
  incomplete?: Incomplete;
  traces: Trace[];
  /** End-to-end latency histogram: [lowerMs, upperMs, count] rows. */
  latencyHistogram: [number, number, number][];
  /** State changes inside nodes, when the run asked for them (option `record`): the classroom replay. */
  recording?: Recording;
  /**
   * With settings.replications > 1: every figure's mean and 95 % interval over the
   * replications (the rest of the result is replication 0's, the scenario's own seed).
   */
  replications?: ReplicationStats;
}
