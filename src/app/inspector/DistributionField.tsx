import { useId, useState } from 'react';
import type { CommitResult, Path } from './params-edit';
import { getIn } from './params-edit';
import type { FieldSpec } from './schema-fields';
import { NumberField } from './fields';
import { InfoToggle } from './FieldFrame';
import { defaultHint } from './field-words';
import type { DistParams } from '../../engine/scenario/params';

type Shape = DistParams['dist'];
type NumberSpec = FieldSpec & { type: 'number' };

/** The shapes in the order people reach for them, in their words. */
export const SHAPES: readonly { id: Shape; words: string; hint: string }[] = [
  { id: 'constant', words: 'Fixed', hint: 'Every request takes exactly this long.' },
  { id: 'normal', words: 'Normal', hint: 'A bell curve around the mean (never below 0).' },
  {
    id: 'lognormal',
    words: 'Log-normal',
    hint: 'Most requests near the mean, a long slow tail: how real latencies look. Set by its mean and 99th percentile.',
  },
  {
    id: 'exponential',
    words: 'Exponential',
    hint: 'Memoryless: many short, a few long; spread equals the mean.',
  },
  { id: 'uniform', words: 'Uniform', hint: 'Anywhere between two bounds, all equally likely.' },
];

/** The numbers each shape is set by, titled for that shape. */
const INPUTS: Record<Shape, { key: keyof DistParams; title: string }[]> = {
  constant: [{ key: 'meanMs', title: 'Duration' }],
  normal: [
    { key: 'meanMs', title: 'Mean' },
    { key: 'sdMs', title: 'Standard deviation' },
  ],
  lognormal: [
    { key: 'meanMs', title: 'Mean' },
    { key: 'p99Ms', title: 'p99 (99th percentile)' },
  ],
  exponential: [{ key: 'meanMs', title: 'Mean' }],
  uniform: [
    { key: 'minMs', title: 'From' },
    { key: 'maxMs', title: 'To' },
  ],
};

const HELP: Partial<Record<keyof DistParams, string>> = {
  meanMs: 'The average time.',
  sdMs: 'How far a typical request is from the mean; about 2 in 3 fall within one standard deviation. Unset: a quarter of the mean.',
  p99Ms: 'The time 99 % of requests stay under: the slow tail.',
  minMs: 'The shortest time.',
  maxMs: 'The longest time.',
};

const round = (x: number) => Math.round(x * 1000) / 1000;

/** The distribution rewritten for another shape, keeping its mean and giving the new numbers a start. */
export function reshape(d: DistParams, to: Shape): DistParams {
  const mean = d.meanMs;
  switch (to) {
    case 'normal':
      return { dist: to, meanMs: mean, sdMs: d.sdMs ?? round(mean / 4) };
    case 'lognormal':
      return d.p99Ms !== undefined
        ? { dist: to, meanMs: mean, p99Ms: d.p99Ms }
        : { dist: to, meanMs: mean, p99Ms: round(mean * 3) };
    case 'uniform':
      return { dist: to, meanMs: mean, minMs: round(mean / 2), maxMs: round(mean * 1.5) };
    default:
      return { dist: to, meanMs: mean };
  }
}

/**
 * A duration distribution as a person thinks of it: a shape (Fixed, Normal, Log-normal,
 * Exponential, Uniform) and the one or two numbers in milliseconds that shape needs. A shape
 * change is one edit (one undo step) that keeps the mean.
 */
export function DistributionField({
  field,
  params,
  issues,
  commit,
  startValue,
}: {
  field: FieldSpec & { type: 'distribution' };
  params: Record<string, unknown>;
  issues: Map<string, string[]>;
  commit(path: Path, value: unknown): CommitResult;
  /** What an optional distribution starts from when switched on. */
  startValue?: unknown;
}) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const stored = getIn(params, field.path) as DistParams | undefined;
  const on = !field.optional || stored !== undefined;
  const value = (stored ?? field.defaultValue ?? startValue) as DistParams | undefined;
  const shape: Shape = value?.dist ?? 'constant';
  const specOf = (key: keyof DistParams, title: string): NumberSpec => {
    const base = field.fields.find((f) => f.key === key) as NumberSpec;
    return { ...base, title, unit: 'ms', help: HELP[key], defaultValue: undefined, optional: false };
  };
  const keyPath = (k: string) => [...field.path, k];
  const issueAt = (k: string) => issues.get(keyPath(k).join('.'))?.[0];
  const def = defaultHint(field);
  const inputs = INPUTS[shape].filter(
    (i) => i.key !== 'p99Ms' || value?.sdMs === undefined || value.p99Ms !== undefined,
  );
  if (shape === 'lognormal' && value?.p99Ms === undefined && value?.sdMs !== undefined)
    inputs.push({ key: 'sdMs', title: 'Standard deviation' });

  return (
    <fieldset className="fieldset dist-field" data-field={field.path.join('.')}>
      <legend className="fieldset__legend">
        {field.title}
        <InfoToggle title={field.title} aboutId={`${id}-about`} open={open} setOpen={setOpen} />
      </legend>
      <div className="field__about" id={`${id}-about`} hidden={!open}>
        {field.help ? (
          <p className="field__help">
            {field.help} {field.source ? <span className="field__source">{field.source}</span> : null}
          </p>
        ) : null}
        <p className="field__help">{SHAPES.find((s) => s.id === shape)?.hint}</p>
        {def ? <p className="field__meta">{def}</p> : null}
      </div>
      {field.optional ? (
        <label className="toggle">
          <input
            type="checkbox"
            checked={on}
            onChange={(e) => commit(field.path, e.target.checked ? structuredClone(value) : undefined)}
          />{' '}
          Set it yourself (otherwise the model&apos;s default applies)
        </label>
      ) : null}
      {on && value ? (
        <>
          <div className="dist-field__shapes" role="radiogroup" aria-label={`${field.title}: shape`}>
            {SHAPES.map((s) => (
              <label
                key={s.id}
                className={`dist-field__shape${s.id === shape ? ' is-on' : ''}`}
                title={s.hint}
              >
                <input
                  type="radio"
                  name={`${id}-shape`}
                  value={s.id}
                  checked={s.id === shape}
                  onChange={() => commit(field.path, reshape(value, s.id))}
                />
                {s.words}
              </label>
            ))}
          </div>
          {inputs.map((i) =>
            shape === 'uniform' ? (
              <NumberField
                key={i.key}
                field={specOf(i.key, i.title)}
                inputId={`${id}-${i.key}`}
                value={value[i.key]}
                issue={issueAt(i.key)}
                // The mean of a uniform is the middle of its bounds: kept in step for what reads it.
                commit={(v) => {
                  if (typeof v !== 'number') return commit(keyPath(i.key), v);
                  const next = { ...value, [i.key]: v };
                  const mid = ((next.minMs ?? 0) + (next.maxMs ?? 0)) / 2;
                  return commit(field.path, { ...next, meanMs: round(mid) });
                }}
              />
            ) : (
              <NumberField
                key={i.key}
                field={specOf(i.key, i.title)}
                inputId={`${id}-${i.key}`}
                value={value[i.key]}
                issue={issueAt(i.key)}
                commit={(v) =>
                  // Editing a default distribution writes it whole, so its other numbers stay.
                  stored === undefined
                    ? commit(field.path, { ...value, [i.key]: v })
                    : commit(keyPath(i.key), v)
                }
              />
            ),
          )}
        </>
      ) : null}
    </fieldset>
  );
}
