import { z } from 'zod';
import { NODE_KINDS } from '../kinds/registry';
import type { NodeKind } from '../kinds/vocabulary';
import type { EdgeParams } from '../sim/edges';
import { EDGE_ROLES, type EdgeRole } from './connections';
import { bool, num } from './params';

/**
 * The scenario document, v1 (see design/scenario-format.md: keep every name). Node and edge
 * params are plain objects here; validate.ts parses each with its kind's (or connection's)
 * schema, so that errors point inside params and defaults depend on the kind.
 */
export const SCENARIO_FORMAT = 'serverless-sim.scenario';
export const SCENARIO_VERSION = 1;
export const REGIONS = ['us-east-1'] as const;

const THIRTY_DAYS_S = 30 * 24 * 3600;
const UINT32_MAX = 4294967295;

export const settingsSchema = z
  .object({
    durationSeconds: num({
      min: 1,
      max: THIRTY_DAYS_S,
      default: 600,
      unit: 's',
      help: 'Simulated time, up to 30 days.',
    }),
    warmupSeconds: num({
      min: 0,
      max: THIRTY_DAYS_S,
      default: 0,
      unit: 's',
      help: 'Metrics and the bill ignore this first part of the run (caches and pools warming up); less than durationSeconds.',
    }),
    seed: num({
      min: 0,
      max: UINT32_MAX,
      default: 1,
      int: true,
      help: 'Random seed: the same scenario with the same seed gives the same result, bit for bit.',
    }),
    replications: num({
      min: 1,
      max: 100,
      default: 1,
      int: true,
      unit: 'runs',
      help: 'Runs with derived seeds (the first is `seed`): every figure is then shown as mean ± 95 % confidence interval. 1 = a single run.',
    }),
    region: z
      .enum(REGIONS, { error: `must be one of: ${REGIONS.join(', ')} (the regions with a price table)` })
      .default('us-east-1')
      .meta({ description: 'Which price table to use.', help: 'Which price table to use.' }),
    includeFreeTier: bool({
      default: false,
      help: 'Subtract the monthly free tiers, pro-rated to the run (Lambda 1M requests and 400,000 GB-s, SQS 1M requests, …).',
      source: '[L-PRICE] [SQS-PRICE]',
    }),
    lambdaBillingGranularityMs: z
      .union([z.literal(1), z.literal(100)], { error: 'must be 1 (since Dec 2020) or 100 (before)' })
      .default(1)
      .meta({
        unit: 'ms',
        description: 'Lambda rounds each duration up to this: 1 ms since 2020-12-01, 100 ms before.',
        help: 'Lambda rounds each duration up to this: 1 ms since 2020-12-01, 100 ms before (for teaching).',
        source: '[L-1MS]',
      }),
    accountConcurrency: num({
      min: 1,
      max: 1_000_000,
      default: 1000,
      int: true,
      unit: 'environments',
      help: 'Regional Lambda concurrency shared by all functions (default quota 1,000; new accounts get less, raises go to tens of thousands). 100 must stay unreserved.',
      source: '[L-Q23] [L-CONC]',
    }),
    startTime: z.iso
      .datetime({ offset: true, error: 'must be an ISO 8601 date-time, e.g. 2026-01-05T00:00:00Z' })
      .default('2026-01-05T00:00:00Z')
      .meta({
        description:
          'Wall-clock time at which the simulated clock starts; cron schedules need a calendar. The default is a Monday midnight UTC.',
        help: 'Wall-clock time at which the simulated clock starts; cron schedules need a calendar. The default is a Monday midnight UTC.',
      }),
  })
  .superRefine((s, ctx) => {
    // Only when durationSeconds itself is valid: otherwise its own message is the one to read.
    if (s.durationSeconds >= 1 && s.warmupSeconds >= s.durationSeconds) {
      ctx.addIssue({
        code: 'custom',
        path: ['warmupSeconds'],
        message: `must be less than durationSeconds (${s.durationSeconds} s)`,
      });
    }
  });

const id = (what: string) =>
  z
    .string({
      error: (iss) =>
        iss.input === undefined ? `is required (the ${what}'s id)` : `must be a string (the ${what}'s id)`,
    })
    .min(1, { error: 'must not be empty' })
    .max(100, { error: 'must be at most 100 characters' });

/** Labels are shown as text, never as HTML; refusing tags keeps a shared file from smuggling markup. */
const label = z
  .string({ error: 'must be text' })
  .max(200, { error: 'must be at most 200 characters' })
  .refine((s) => !/<[A-Za-z!/?]/.test(s), { error: 'must be plain text (no HTML tags)' })
  .refine((s) => ![...s].some(isControl), { error: 'must be plain text (no control characters)' });

/** C0 controls other than tab and newlines, and DEL. */
function isControl(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f;
}

const kindSchema = z.enum(NODE_KINDS as [NodeKind, ...NodeKind[]], {
  error: `must be one of: ${NODE_KINDS.join(', ')}`,
});

export const positionSchema = z
  .object({
    x: z.number({ error: 'must be a number' }).default(0),
    y: z.number({ error: 'must be a number' }).default(0),
  })
  .prefault({})
  .meta({ description: 'Canvas position only; the simulation ignores it.' });

const paramsObject = z
  .record(z.string(), z.unknown(), { error: 'must be an object of parameters' })
  .default({});

/** The fields every node has; `params` is refined per kind by validate.ts and json-schema.ts. */
export const nodeFields = {
  id: id('node'),
  kind: kindSchema,
  label: label.optional().meta({ description: 'Shown on the canvas; plain text. Defaults to the id.' }),
  position: positionSchema,
  params: paramsObject,
};

/** A node's label defaults to its id, so that every node has something to show. */
function withLabel<T extends { id: string; label?: string }>(n: T): Omit<T, 'label'> & { label: string } {
  return { ...n, label: n.label ?? n.id };
}

export const nodeSchema = z.object(nodeFields).transform(withLabel);

export const edgeFields = {
  id: id('edge'),
  source: z
    .string({ error: 'must be the id of the node the edge starts at' })
    .min(1, { error: 'must not be empty' }),
  target: z
    .string({ error: 'must be the id of the node the edge ends at' })
    .min(1, { error: 'must not be empty' }),
  role: z
    .enum(EDGE_ROLES as [EdgeRole, ...EdgeRole[]], { error: `must be one of: ${EDGE_ROLES.join(', ')}` })
    .default('invoke')
    .meta({
      description:
        'invoke (hand over work), dlq (dead-letter target), onFailure / onSuccess (async destinations).',
    }),
  params: paramsObject,
};

export const edgeSchema = z.object(edgeFields);

const formatSchema = z
  .literal(SCENARIO_FORMAT, {
    error: (iss) =>
      iss.input === 'serverless-sim.result'
        ? 'this is a result file ("serverless-sim.result"), not a scenario: open the scenario it came from'
        : `must be "${SCENARIO_FORMAT}"`,
  })
  .default(SCENARIO_FORMAT);

const lessonText = (max: number, what: string) =>
  z
    .string({ error: `must be text (${what})` })
    .min(1, { error: 'must not be empty' })
    .max(max, { error: `must be at most ${max} characters` })
    .refine((s) => !/<[A-Za-z!/?]/.test(s), { error: 'must be plain text (no HTML tags)' });

/** A metric of the result: "totals.<name>" or "nodes.<id>.metrics.<name>". */
export const METRIC_PATH = /^(totals\.[A-Za-z]+|nodes\.[^.\s]+\.metrics\.[A-Za-z]+)$/;

export const lessonStepSchema = z.object({
  atSeconds: z
    .number({ error: 'must be a number of simulated seconds' })
    .min(0, { error: 'must be at least 0' })
    .meta({ unit: 's', description: 'Simulated time at which the replay pauses to ask.' }),
  question: lessonText(600, 'the question asked at the pause'),
  answer: lessonText(1200, 'shown when the class continues'),
  choices: z
    .array(lessonText(200, 'one possible answer'), { error: 'must be a list of short answers' })
    .max(6, { error: 'must have at most 6 choices' })
    .optional()
    .meta({ description: 'Optional answers to pick from before the answer is shown.' }),
  correct: z
    .number({ error: 'must be the number of the right choice, counting from 0' })
    .int({ error: 'must be a whole number: the right choice, counting from 0' })
    .min(0, { error: 'must be at least 0 (the first choice)' })
    .max(5, { error: 'must be at most 5 (a step has at most 6 choices)' })
    .optional()
    .meta({
      description:
        'Which of the choices is right, counting from 0: the learner is told ✓ or ✗ before the answer is shown.',
    }),
});

/**
 * `correct` points at one of the step's choices. It is optional so that lessons written before
 * it existed (in saved work and files) still load; a step without it shows the pick unmarked.
 * Every shipped template names it (test/engine/lesson-claims.test.ts).
 */
function stepChoiceIssues(steps: readonly z.output<typeof lessonStepSchema>[], ctx: z.RefinementCtx): void {
  steps.forEach((s, i) => {
    const n = s.choices?.length ?? 0;
    if (s.correct !== undefined && n === 0)
      ctx.addIssue({
        code: 'custom',
        path: [i, 'correct'],
        message: 'needs choices: remove it, or add the choices it points to',
      });
    else if (s.correct !== undefined && s.correct >= n)
      ctx.addIssue({
        code: 'custom',
        path: [i, 'correct'],
        message: `must be one of the ${n} choices: 0 to ${n - 1}`,
      });
  });
}

export const lessonSchema = z
  .object({
    title: lessonText(120, 'the lesson title'),
    summary: lessonText(1500, 'what the lesson is about'),
    steps: z
      .array(lessonStepSchema, { error: 'must be a list of pause points' })
      .default([])
      .refine((steps) => steps.every((s, i) => i === 0 || s.atSeconds >= steps[i - 1].atSeconds), {
        error: 'must be in order of atSeconds',
      })
      .superRefine(stepChoiceIssues),
    counters: z
      .array(
        z.string({ error: 'must be a metric path' }).regex(METRIC_PATH, {
          error: 'must be a metric path such as "totals.completed" or "nodes.<id>.metrics.coldStarts"',
        }),
        { error: 'must be a list of metric paths' },
      )
      .max(3, { error: 'must have at most 3 counters (presentation mode shows three)' })
      .default([]),
  })
  .meta({
    description:
      'A classroom lesson: the replay pauses at each step to ask a question ("predict, then run"), and presentation mode shows the counters big.',
  });

export type Lesson = z.output<typeof lessonSchema>;
export type LessonStep = z.output<typeof lessonStepSchema>;

export const envelopeFields = {
  format: formatSchema,
  // Optional, as hand-written files often leave it out: such a file is read as version 1 with a
  // warning (migrate.ts, validate.ts), and the JSON Schema says the same (not required, default 1).
  version: z
    .literal(SCENARIO_VERSION, { error: `must be ${SCENARIO_VERSION}` })
    .default(SCENARIO_VERSION)
    .meta({
      description: `The format's version. Left out, the file is read as version ${SCENARIO_VERSION} with a warning.`,
    }),
  name: z
    .string({ error: 'must be text' })
    .max(200, { error: 'must be at most 200 characters' })
    .default('Untitled scenario'),
  notes: z
    .string({ error: 'must be text (Markdown)' })
    .default('')
    .meta({ description: 'Markdown shown beside the canvas.' }),
  settings: settingsSchema.prefault({}),
  lesson: lessonSchema.optional(),
};

export const scenarioSchema = z.object({
  ...envelopeFields,
  nodes: z.array(nodeSchema, { error: 'must be a list of nodes' }).default([]),
  edges: z.array(edgeSchema, { error: 'must be a list of edges' }).default([]),
});

/** What a file may contain: most fields may be left out. */
export type ScenarioInput = z.input<typeof scenarioSchema>;

export type ScenarioSettings = z.output<typeof settingsSchema>;

/** A node after validation: params parsed by its kind's schema, every default applied. */
export interface ScenarioNode {
  id: string;
  kind: NodeKind;
  label: string;
  position: { x: number; y: number };
  params: Record<string, unknown>;
}

/** An edge after validation: params parsed for its connection, every default applied. */
export interface ScenarioEdge {
  id: string;
  source: string;
  target: string;
  role: EdgeRole;
  params: EdgeParams;
}

/** A validated scenario (z.output of the envelope, with nodes' and edges' params parsed). */
export type Scenario = Omit<z.output<typeof scenarioSchema>, 'nodes' | 'edges'> & {
  nodes: ScenarioNode[];
  edges: ScenarioEdge[];
};
