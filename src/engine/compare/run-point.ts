import { simulate, type SimulateOptions } from '../simulate';
import {
  outcomeOf,
  planSweep,
  runSweep,
  type PointOutcome,
  type SweepOptions,
  type SweepReport,
  type SweepRun,
  type SweepSpec,
} from './sweep';

/*
 * The parts of a sweep that run simulations in this thread (tests, small sweeps). Kept apart
 * from sweep.ts, which the app imports for planning and reducing: the app reaches the
 * engine's runtime only through its worker (test/engine/module-graph.test.ts).
 */

/** Runs one sweep point in this thread. */
export function runPoint(run: SweepRun, options: SimulateOptions = {}): PointOutcome {
  return outcomeOf(simulate(run.doc, options));
}

/** The whole sweep in this thread (tests, small sweeps). */
export async function sweep(
  spec: SweepSpec,
  opts: SweepOptions & { simulate?: SimulateOptions } = {},
): Promise<SweepReport> {
  const plan = planSweep(spec);
  const report = await runSweep(plan, async (runs) => runs.map((r) => runPoint(r, opts.simulate)), opts);
  return report!;
}
