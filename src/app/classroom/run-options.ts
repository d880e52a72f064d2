import type { RunOptions } from '../../worker/protocol';

/** About this many traces make a lively picture without slowing the frame. */
export const TARGET_TRACES = 2000;

/** Rough count of requests a scenario's producers and schedules make (for the sampling rate). */
export function expectedRequests(doc: unknown): number {
  const d = doc as {
    settings?: { durationSeconds?: unknown };
    nodes?: { kind?: string; params?: Record<string, unknown> }[];
  } | null;
  const duration = typeof d?.settings?.durationSeconds === 'number' ? d.settings.durationSeconds : 600;
  let total = 0;
  for (const n of d?.nodes ?? []) {
    const p = n.params ?? {};
    if (n.kind === 'producer') {
      const tr = (p.traffic ?? {}) as Record<string, unknown>;
      const rate = Math.max(num(tr.ratePerSecond, 1), num(tr.peakRatePerSecond, 0));
      total += rate * duration;
    } else if (n.kind === 'schedule') {
      total += duration / Math.max(1, num(p.rateSeconds, 60));
    }
  }
  return Math.max(1, total);
}

function num(v: unknown, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

/** The sampling rate that gives about TARGET_TRACES traces (every request in a small run). */
export function traceRateFor(doc: unknown): number {
  return Math.min(1, TARGET_TRACES / expectedRequests(doc));
}

/** What a run needs for the replay: sampled traces and the recording of functions' environments. */
export function classroomRunOptions(doc: unknown): RunOptions {
  return { traceSampleRate: traceRateFor(doc), maxTraces: TARGET_TRACES, record: true };
}
