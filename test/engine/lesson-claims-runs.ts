import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect } from 'vitest';
import type { Result } from '../../src/engine/result';
import { simulate } from '../../src/engine/simulate';

/** Runs of the shipped templates for the lesson-claims tests, each run once per test file. */
export const TEMPLATES_DIR = resolve(import.meta.dirname, '../../src/templates');
export type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
export const load = (name: string): Doc =>
  JSON.parse(readFileSync(join(TEMPLATES_DIR, `${name}.json`), 'utf8'));
/** The template's file as text: a quoted claim must be found in it. */
export const text = (name: string) => JSON.stringify(load(name));
export const HOURS_PER_MONTH = 720; // the bill's 30-day month

const runs = new Map<string, Result>();
/** A run of a template, once per (template, variant); `variant` names what `edit` changes. */
export function runOf(name: string, variant = '', edit?: (doc: Doc) => void, series = false): Result {
  const key = `${name}:${variant}:${series}`;
  if (!runs.has(key)) {
    const doc = load(name);
    edit?.(doc);
    runs.set(key, simulate(doc, { traceSampleRate: 0, series }));
  }
  return runs.get(key)!;
}
export const m = (r: Result, id: string) => r.nodes[id].metrics as Record<string, number>;
export const latency = (r: Result, id: string) =>
  (
    r.nodes[id].metrics as unknown as Record<
      string,
      { mean: number; p50: number; p95: number; p99: number; max: number }
    >
  ).latencyMs ??
  (
    r.nodes[id].metrics as unknown as Record<
      string,
      { mean: number; p50: number; p95: number; p99: number; max: number }
    >
  ).durationMs;

/** Monthly cost of one node of a template run: the measured window scaled to a 30-day month. */
export function monthlyOf(name: string, r: Result, id: string): number {
  const measuredHours = (r.simulatedSeconds - (load(name).settings.warmupSeconds ?? 0)) / 3600;
  return (r.nodes[id].cost.totalUsd / measuredHours) * HOURS_PER_MONTH;
}

/** `x` lies in [lo, hi]. */
export function between(x: number, lo: number, hi: number, what = '') {
  expect(x, what).toBeGreaterThanOrEqual(lo);
  expect(x, what).toBeLessThanOrEqual(hi);
}

/** A series of a run with series, between two times (s): its values. */
export function seriesBetween(r: Result, key: string, from: number, to: number): number[] {
  const s = r.series!;
  const values = s[key] as number[];
  expect(values, key).toBeDefined();
  return s.t.flatMap((t, i) => (t >= from && t < to ? [values[i]] : []));
}

export interface Claim {
  template: string;
  /** Words of the template's notes or lesson, quoted exactly. */
  says: string;
  check: () => void;
}
