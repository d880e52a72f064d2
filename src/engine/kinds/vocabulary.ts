import type { NodeKind } from './registry';

/**
 * The words every layer shares about node kinds: names, specs, metric values, call statuses.
 * Nothing here runs a simulation, so the app may import it freely; the runtime contract lives
 * in sim/node-runtime.ts and kinds/types.ts.
 */
export type { NodeKind };
export type { PaletteGroup } from './catalog-types';

/** A node as the engine sees it after validation: params parsed, defaults applied. */
export interface NodeSpec<P = Record<string, unknown>> {
  id: string;
  kind: NodeKind;
  label: string;
  params: P;
}

/** Latency-like summaries in the result. */
export interface Summary {
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export type MetricValue = number | Summary | number[];
export type NodeMetrics = Record<string, MetricValue>;

/**
 * Result of a synchronous call, handed back to the caller's onReturn. THROTTLED means the
 * callee refused the work (e.g. Lambda 429); ERROR a handler error; TIMEOUT a timeout.
 */
export const OK = 0;
export const ERROR = 1;
export const TIMEOUT = 2;
export const THROTTLED = 3;
export type CallStatus = typeof OK | typeof ERROR | typeof TIMEOUT | typeof THROTTLED;

export { STATUS_NAMES, type StatusName } from './catalog-types';
