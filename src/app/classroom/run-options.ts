import { KINDS, type NodeKind } from '../../engine/kinds/registry';
import type { RunOptions } from '../../worker/protocol';

/** About this many traces make a lively picture without slowing the frame. */
export const TARGET_TRACES = 2000;

/**
 * Rough count of requests a scenario's sources make (for the sampling rate): each source
 * kind's catalog gives its rate from its params as written (KindCatalog.requestsPerSecond).
 */
export function expectedRequests(doc: unknown): number {
  const d = doc as {
    settings?: { durationSeconds?: unknown };
    nodes?: { kind?: string; params?: Record<string, unknown> }[];
  } | null;
  const duration = typeof d?.settings?.durationSeconds === 'number' ? d.settings.durationSeconds : 600;
  let total = 0;
  for (const n of d?.nodes ?? []) {
    if (typeof n.kind !== 'string' || !Object.hasOwn(KINDS, n.kind)) continue;
    const rate = KINDS[n.kind as NodeKind].requestsPerSecond?.(n.params ?? {});
    if (rate !== undefined) total += rate * duration;
  }
  return Math.max(1, total);
}

/** The sampling rate that gives about TARGET_TRACES traces (every request in a small run). */
export function traceRateFor(doc: unknown): number {
  return Math.min(1, TARGET_TRACES / expectedRequests(doc));
}

/** What a run needs for the replay: sampled traces and the recording of functions' environments. */
export function classroomRunOptions(doc: unknown): RunOptions {
  return { traceSampleRate: traceRateFor(doc), maxTraces: TARGET_TRACES, record: true };
}
