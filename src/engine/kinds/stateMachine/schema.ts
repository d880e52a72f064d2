import { xrayReadsParam, xrayTracingParam } from '../../observability/xray-param';
import { z } from 'zod';
import { bool, choice, num } from '../../scenario/params';

/**
 * Facts §9 and §11.2: Standard runs up to a year and bills per state transition (retries
 * included); Express runs up to 5 minutes and bills per execution plus duration rounded up to
 * 100 ms at its memory in 64 MB chunks [SFN-PRICE] [SFN-LIM].
 */
export const EXPRESS_MAX_DURATION_MS = 300_000;
/**
 * An inline Map state runs at most 40 iterations at once [SFN-MAP]: not in the facts file;
 * https://docs.aws.amazon.com/step-functions/latest/dg/concepts-asl-use-map-state-inline.html
 */
export const MAP_MAX_CONCURRENCY = 40;
/** Steps one diagram node may list: enough for a readable workflow, bounded for the door. */
export const MAX_STEPS = 30;

/** Fields that belong to steps calling a function. */
const CALLS = { type: ['task', 'map'] } as const;

/**
 * One state of the workflow, as a flat row so the inspector can edit the list as a table:
 * the columns that do not apply to a row's type are ignored. A Parallel state is written as
 * consecutive task rows marked `alongside`; a Choice is `onlyFor` (the step runs only for
 * events of that type); consecutive rows with `onlyFor` are the branches of one Choice state,
 * one transition per execution however many branches it has.
 */
export const stepSchema = z.object({
  name: z
    .string({ error: 'must be a name, e.g. "Charge card"' })
    .min(1, { error: 'must not be empty' })
    .max(80, { error: 'must be at most 80 characters' })
    .meta({ title: 'Step', help: 'Name of the state, as in the workflow definition.' }),
  type: choice(['task', 'wait', 'map'] as const, {
    default: 'task',
    title: 'Type',
    help: 'task: call a connected function and wait for it; wait: pause; map: call the function once per item.',
  }),
  function: z
    .string({ error: 'must be the id of a function this state machine is connected to' })
    .max(200, { error: 'must be at most 200 characters' })
    .default('')
    .meta({
      title: 'Function',
      help: 'The connected function a task or map step calls, by label or id (empty: the only one connected). The workflow waits for it.',
      showIf: CALLS,
    }),
  seconds: num({
    min: 0,
    max: 31_536_000,
    default: 0,
    unit: 's',
    title: 'Wait',
    help: 'How long a wait step pauses the execution (a Standard execution may wait up to a year).',
    source: '[SFN-LIM]',
    showIf: { type: ['wait'] },
  }),
  items: num({
    min: 1,
    max: 10_000,
    default: 10,
    int: true,
    title: 'Items',
    help: 'Items a map step iterates over in each execution; each item is one call of the function.',
    showIf: { type: ['map'] },
  }),
  concurrency: num({
    min: 1,
    max: MAP_MAX_CONCURRENCY,
    default: MAP_MAX_CONCURRENCY,
    int: true,
    title: 'At once',
    help: 'Items a map step runs at the same time (MaxConcurrency); an inline Map runs at most 40.',
    source: '[SFN-MAP]',
    showIf: { type: ['map'] },
  }),
  alongside: bool({
    default: false,
    title: 'Alongside',
    help: 'Runs in parallel with the task above (both are branches of one Parallel state, which waits for all).',
    showIf: { type: ['task'] },
  }),
  onlyFor: z
    .string({ error: 'must be an event type name, or empty for every event' })
    .max(200, { error: 'must be at most 200 characters' })
    .default('')
    .meta({
      title: 'Only for',
      help: 'A Choice in front of the step: it runs only for events of this type (empty: always). Consecutive steps with a type are the branches of one Choice (one state transition).',
    }),
  maxAttempts: num({
    min: 0,
    max: 10,
    default: 3,
    int: true,
    title: 'Retries',
    help: 'Retrier MaxAttempts: retries after a failed call (0: none). Each retry is a state transition.',
    source: '[SFN-PRICE] [SFN-LIM]',
    showIf: CALLS,
  }),
  intervalSeconds: num({
    min: 1,
    max: 3600,
    default: 1,
    int: true,
    unit: 's',
    title: 'Interval',
    help: 'Retrier IntervalSeconds: the wait before the first retry.',
    source: '[SFN-LIM]',
    showIf: CALLS,
  }),
  backoffRate: num({
    min: 1,
    max: 10,
    default: 2,
    title: 'Backoff',
    help: 'Retrier BackoffRate: each further retry waits this many times longer.',
    source: '[SFN-LIM]',
    showIf: CALLS,
  }),
  catchFailures: bool({
    default: false,
    title: 'Catch',
    help: "Catch (States.ALL): when the retries are used up, the failure goes to the state machine's on-failure path instead of only failing the execution.",
    showIf: CALLS,
  }),
});

export type StepParams = z.output<typeof stepSchema>;

export const stateMachineParams = z
  .object({
    workflowType: choice(['standard', 'express'] as const, {
      default: 'standard',
      title: 'Workflow type',
      help: 'Standard: exactly-once, up to a year, billed per state transition. Express: up to 5 minutes, billed per execution and duration.',
      source: '[SFN-PRICE] [SFN-LIM]',
    }),
    memoryMb: num({
      min: 64,
      max: 4096,
      default: 64,
      int: true,
      unit: 'MB',
      title: 'Express memory',
      help: 'Memory an Express execution uses (definition, payloads, Map and Parallel state); billed in 64 MB chunks.',
      source: '[SFN-PRICE]',
    }),
    steps: z
      .array(stepSchema, { error: 'must be a list of steps' })
      .min(1, { error: 'must list at least one step' })
      .max(MAX_STEPS, { error: `must list at most ${MAX_STEPS} steps` })
      .default(() => [stepSchema.parse({ name: 'Do the work' })])
      .meta({
        title: 'Steps',
        help: 'The workflow, top to bottom. Tasks and map steps name a connected function.',
      }),
    xrayTracing: xrayTracingParam(),
    xrayReadsPerTrace: xrayReadsParam(),
  })
  .superRefine((p, ctx) => {
    p.steps.forEach((s, i) => {
      if (s.alongside && (i === 0 || s.type !== 'task' || p.steps[i - 1].type !== 'task'))
        ctx.addIssue({
          code: 'custom',
          path: ['steps', i, 'alongside'],
          message: 'must be off unless this task and the step above it are both tasks',
        });
      if (s.alongside && s.onlyFor !== '')
        ctx.addIssue({
          code: 'custom',
          path: ['steps', i, 'onlyFor'],
          message: 'must be empty on a task that runs alongside the one above (put it on the first branch)',
        });
    });
  });

export type StateMachineParams = z.output<typeof stateMachineParams>;
