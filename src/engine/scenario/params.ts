import { z } from 'zod';
import { LOGNORMAL_MAX_P99_RATIO } from '../kernel/distributions';

/** The kernel's lognormal limit, a little under (14.97), so what validates always samples. */
const MAX_P99_RATIO = Math.floor(LOGNORMAL_MAX_P99_RATIO * 10) / 10;

/**
 * Building blocks for node and edge parameter schemas. Every parameter carries its unit,
 * its range, its default and a one-line help text (with the fact behind it), because the
 * same schema drives validation, the inspector's forms, the JSON Schema and the docs.
 */
export interface ParamMeta {
  title?: string;
  unit?: string;
  help: string;
  /** Source tag from the facts file, e.g. "[L-Q23]". */
  source?: string;
  /**
   * In a list of records: the field matters only when a sibling field has one of these values
   * (a workflow step's retrier only for tasks and maps); the form hides it otherwise.
   */
  showIf?: Readonly<Record<string, readonly string[]>>;
}

export function fmtNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  return Math.abs(x) >= 10000 ? x.toLocaleString('en-US') : String(x);
}

export function rangeText(min: number, max: number, unit?: string): string {
  // "−1–10,000" reads as a typo: a range from a negative number is spelt out.
  const span =
    min < 0 ? `from ${fmtNumber(min)} to ${fmtNumber(max)}` : `${fmtNumber(min)}–${fmtNumber(max)}`;
  return `must be ${span}${unit ? ` ${unit}` : ''}`;
}

interface NumOpts extends ParamMeta {
  min: number;
  max: number;
  default: number;
  int?: boolean;
}

/** A number with a range and a default; messages say the fix ("must be 128–10,240 MB"). */
export function num(o: NumOpts) {
  return numBase(o).default(o.default);
}

/** Like num() but may be left out (no default: absence means "not set"). */
export function optNum(o: Omit<NumOpts, 'default'>) {
  return numBase(o).optional();
}

function numBase(o: Omit<NumOpts, 'default'>) {
  const range = rangeText(o.min, o.max, o.unit);
  let s = z.number({
    error: (iss) => (iss.input === undefined ? `is required (${range})` : `must be a number (${range})`),
  });
  if (o.int) s = s.int({ error: `must be a whole number (${range})` });
  return s.min(o.min, { error: range }).max(o.max, { error: range }).meta({
    title: o.title,
    unit: o.unit,
    description: o.help,
    help: o.help,
    source: o.source,
    showIf: o.showIf,
  });
}

export function bool(o: ParamMeta & { default: boolean }) {
  return z
    .boolean({ error: 'must be true or false' })
    .default(o.default)
    .meta({ title: o.title, description: o.help, help: o.help, source: o.source, showIf: o.showIf });
}

export function choice<const T extends readonly [string, ...string[]]>(
  values: T,
  o: ParamMeta & { default: T[number] },
) {
  return z
    .enum(values, { error: `must be one of: ${values.join(', ')}` })
    .default(o.default as never)
    .meta({ title: o.title, description: o.help, help: o.help, source: o.source, showIf: o.showIf });
}

/** A duration distribution (milliseconds). Samples are never negative. */
export function distSchema(
  o: ParamMeta & {
    default: {
      dist: 'constant' | 'exponential' | 'uniform' | 'normal' | 'lognormal';
      meanMs: number;
      p99Ms?: number;
      sdMs?: number;
    };
  },
) {
  return distObject
    .default(o.default)
    .meta({ title: o.title, description: o.help, help: o.help, source: o.source, showIf: o.showIf });
}

const MAX_MS = 30 * 24 * 3600 * 1000;

export const distObject = z
  .object({
    dist: z
      .enum(['constant', 'exponential', 'uniform', 'normal', 'lognormal'], {
        error: 'must be one of: constant, exponential, uniform, normal, lognormal',
      })
      .default('constant'),
    meanMs: z
      .number({ error: 'must be a number of milliseconds' })
      .min(0, { error: 'must be 0 ms or more' })
      .max(MAX_MS, { error: 'must be at most 30 days' }),
    p99Ms: z.number().min(0, { error: 'must be 0 ms or more' }).optional(),
    sdMs: z.number().min(0, { error: 'must be 0 ms or more' }).optional(),
    minMs: z.number().min(0, { error: 'must be 0 ms or more' }).optional(),
    maxMs: z.number().min(0, { error: 'must be 0 ms or more' }).optional(),
  })
  .superRefine((d, ctx) => {
    if (d.dist === 'lognormal' && d.p99Ms !== undefined) {
      const ratio = d.p99Ms / Math.max(d.meanMs, 1e-9);
      if (!(ratio > 1) || ratio > MAX_P99_RATIO) {
        ctx.addIssue({
          code: 'custom',
          path: ['p99Ms'],
          message: `must be above meanMs and at most ${MAX_P99_RATIO} × meanMs for a lognormal (mean ${d.meanMs} ms allows ${fmtNumber(Math.floor(d.meanMs * MAX_P99_RATIO))} ms)`,
        });
      }
    }
    if (d.minMs !== undefined && d.maxMs !== undefined && d.minMs > d.maxMs) {
      ctx.addIssue({ code: 'custom', path: ['maxMs'], message: 'must be at least minMs' });
    }
  });

export type DistParams = z.output<typeof distObject>;
