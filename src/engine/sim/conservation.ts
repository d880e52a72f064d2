import type { NodeRuntime } from '../kinds/types';
import type { Requests } from './requests';

/**
 * The engine's bookkeeping found inconsistent at the end of a run: a bug in a node kind (a
 * path ended twice, or never ended though no node holds it any more), never bad input.
 */
export class ConservationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConservationError';
  }
}

/**
 * Conservation, counted two independent ways at the end of every run:
 * - the open paths in the request table equal the paths the nodes say they hold (messages,
 *   asynchronous invocations, retries waiting, calls waited on), so a path that a node let go
 *   of without ending it (or ended twice) is caught;
 * - the running count of open paths (which the work budget watches) equals the table's;
 * - the live requests counted in the table's slots equal entered − ended from the counters
 *   (the result's `inFlight`).
 * Throws a ConservationError naming the numbers when either differs.
 */
export function checkConservation(requests: Requests, nodes: readonly NodeRuntime[]): void {
  const open = requests.openPaths();
  let held = 0;
  const holders: string[] = [];
  for (const n of nodes) {
    const h = n.heldPaths();
    held += h;
    if (h > 0) holders.push(`"${n.spec.id}" ${h}`);
  }
  if (open !== held) {
    throw new ConservationError(
      `conservation broken: the request table has ${open} open paths, but the nodes hold ${held} (${holders.join(', ') || 'none'}): a node let a path go without ending it, or ended one twice`,
    );
  }
  // The running count the work budget watches must agree with the table too, or a long run
  // would be stopped as a runaway (or a runaway missed).
  if (requests.pathsInFlight !== open) {
    throw new ConservationError(
      `conservation broken: the request table has ${open} open paths, but its running count says ${requests.pathsInFlight}`,
    );
  }
  const live = requests.liveCounted();
  if (live !== requests.inFlight) {
    throw new ConservationError(
      `conservation broken: ${live} measured requests are live in the request table, but entered − ended = ${requests.inFlight}`,
    );
  }
}
