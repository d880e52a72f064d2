import { EXPRESS_MAX_DURATION_MS, type StepParams } from '../kinds/stateMachine/schema';
import { MAP, PARALLEL, TASK, WAIT, planStates, resolveFunction } from '../kinds/stateMachine/plan';
import type { CheckContext } from './types';

/**
 * The longest one execution of an Express workflow can take, from its steps: each call up to
 * its function's timeout, tried 1 + maxAttempts times with the retrier's waits between
 * (IntervalSeconds × BackoffRate^k) [SFN-LIM]; a Parallel state as long as its longest branch,
 * a Map state as its items in rounds of `concurrency`, a Wait its seconds; never more than
 * Express's 5 minutes. An upper bound: Choices that skip a step are taken as running it.
 */
export function expressLongestSeconds(ctx: CheckContext, machineId: string): number {
  const params = ctx.node(machineId).params as { steps?: StepParams[] };
  const steps = params.steps ?? [];
  const called = ctx
    .outgoing(machineId)
    .filter((e) => e.role === 'invoke' && ctx.node(e.target).kind === 'function')
    .map((e) => ({ id: e.target, label: ctx.label(e.target) }));
  const call = (row: StepParams) => {
    const fn = resolveFunction(row.function, called);
    const timeoutS = fn === undefined ? 0 : (ctx.node(fn).params.timeoutMs as number) / 1000;
    let s = timeoutS;
    let wait = row.intervalSeconds;
    for (let k = 0; k < row.maxAttempts; k++) {
      s += wait + timeoutS;
      wait *= row.backoffRate;
    }
    return s;
  };
  const limit = EXPRESS_MAX_DURATION_MS / 1000;
  let total = 0;
  for (const st of planStates(steps)) {
    const first = steps[st.rows[0]];
    if (st.op === WAIT) total += first.seconds;
    else if (st.op === TASK) total += call(first);
    else if (st.op === PARALLEL) total += Math.max(...st.rows.map((r) => call(steps[r])));
    else if (st.op === MAP) total += Math.ceil(first.items / first.concurrency) * call(first);
    if (total >= limit) return limit;
  }
  return total;
}
