import type { Result } from '../result';
import { simulate, type SimulateOptions } from '../simulate';
import { replicationSeeds, replicationsOf, seedOf, withReplications } from './replications';

/*
 * Replications run in this thread (the CLI, tests). Kept apart from replications.ts, which
 * the app imports to combine results from its worker: the app bundles no engine runtime.
 */

/** The results of every replication in this thread, replication 0 first. */
export function simulateReplications(doc: unknown, n: number, options: SimulateOptions = {}): Result[] {
  const seeds = replicationSeeds(options.seed ?? seedOf(doc), n);
  return seeds.map((seed) => simulate(doc, { ...options, seed }));
}

/**
 * The scenario's replications (settings.replications, or `n`) in this thread: replication 0's
 * result with `replications` holding every figure's interval. One replication is the plain run.
 */
export function simulateReplicated(
  doc: unknown,
  options: SimulateOptions & { replications?: number } = {},
): Result {
  const { replications, ...rest } = options;
  const n = replications ?? replicationsOf(doc);
  const results = simulateReplications(doc, n, rest);
  return withReplications(results);
}
