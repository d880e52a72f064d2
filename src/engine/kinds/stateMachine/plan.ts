import type { StepParams } from './schema';

/** What one state of the compiled workflow does. */
export const TASK = 0;
export const WAIT = 1;
export const MAP = 2;
/** Several tasks at once: a Parallel state whose branches are one task each. */
export const PARALLEL = 3;

export interface PlannedState {
  op: typeof TASK | typeof WAIT | typeof MAP | typeof PARALLEL;
  /** The rows of `steps` this state runs: one, or each branch of a Parallel. */
  rows: number[];
  /** Event type name a Choice in front of it lets through; '' when there is no Choice. */
  onlyFor: string;
  /**
   * True on the first state of a run of consecutive states with `onlyFor`: the run is the
   * branches of one Choice state (each event type's branch is its states, in order), and the
   * Choice is entered, and billed as one transition, once per execution, at its head.
   */
  choiceHead: boolean;
}

/**
 * The rows of a state machine's step list as the states an execution walks through in order:
 * consecutive tasks marked `alongside` become one Parallel state.
 */
export function planStates(steps: readonly StepParams[]): PlannedState[] {
  const states: PlannedState[] = [];
  steps.forEach((s, i) => {
    const last = states[states.length - 1];
    if (s.alongside && last && (last.op === TASK || last.op === PARALLEL)) {
      last.op = PARALLEL;
      last.rows.push(i);
      return;
    }
    states.push({
      op: s.type === 'wait' ? WAIT : s.type === 'map' ? MAP : TASK,
      rows: [i],
      onlyFor: s.onlyFor,
      choiceHead: s.onlyFor !== '' && (last === undefined || last.onlyFor === ''),
    });
  });
  return states;
}

/** A function a state machine is connected to. */
export interface CalledFunction {
  id: string;
  label: string;
}

/**
 * The function a task or map row calls: named by id or by label, or left empty when the
 * state machine is connected to exactly one function. Undefined when none fits.
 */
export function resolveFunction(name: string, called: readonly CalledFunction[]): string | undefined {
  if (name === '') return called.length === 1 ? called[0].id : undefined;
  return (called.find((f) => f.id === name) ?? called.find((f) => f.label === name))?.id;
}

/**
 * State transitions of one execution of event type `type` where every call succeeds at once:
 * the figure a person can check against the bill by hand. A Choice is one transition (however
 * many branches it has), then only its branch for `type` runs; a Parallel or Map state is one,
 * and each branch task or map item one more. Without `type`, every step is counted as if each
 * Choice let it through.
 */
export function transitionsWithoutFailures(steps: readonly StepParams[], type?: string): number {
  let n = 0;
  for (const st of planStates(steps)) {
    if (st.choiceHead) n++;
    if (st.onlyFor !== '' && type !== undefined && st.onlyFor !== type) continue;
    n++;
    if (st.op === PARALLEL) n += st.rows.length;
    if (st.op === MAP) n += steps[st.rows[0]].items;
  }
  return n;
}
