import { fmtNumber } from '../../engine/scenario/params';
import type { FieldSpec } from './schema-fields';

/** A fraction 0..1 is shown and typed as a percentage. */
export const isPercent = (f: FieldSpec) => f.type === 'number' && f.unit === 'fraction';

/** The unit shown beside a number: "%" for fractions. */
export function shownUnit(f: FieldSpec): string | undefined {
  return isPercent(f) ? '%' : f.unit;
}

/** A fraction as the percentage shown (0.015 → 1.5), free of binary noise. */
export function toPercent(x: number): number {
  return Number((x * 100).toPrecision(12));
}

const SPANS: [number, string][] = [
  [86400, 'day'],
  [3600, 'h'],
  [60, 'min'],
  [1, 's'],
];

/** Seconds in the largest unit that divides them evenly enough to read: 1,209,600 → "14 days". */
export function humanSeconds(s: number): string {
  for (const [size, word] of SPANS) {
    if (s >= size && (s / size) % 1 === 0) {
      const n = s / size;
      return word === 'day' ? `${fmtNumber(n)} day${n === 1 ? '' : 's'}` : `${fmtNumber(n)} ${word}`;
    }
  }
  return `${fmtNumber(s)} s`;
}

/** A value with its unit, in words a person reads at a glance ("14 days" for 1,209,600 s). */
export function valueWords(f: FieldSpec, v: number): string {
  if (isPercent(f)) return `${fmtNumber(toPercent(v))} %`;
  if (f.unit === 's' && v >= 120) return `${fmtNumber(v)} s (${humanSeconds(v)})`;
  if (f.unit === 'ms' && v >= 60_000 && v % 1000 === 0)
    return `${fmtNumber(v)} ms (${humanSeconds(v / 1000)})`;
  if (f.unit === 'h' && v >= 48 && v % 24 === 0) return `${fmtNumber(v)} h (${humanSeconds(v * 3600)})`;
  return `${fmtNumber(v)}${f.unit ? ` ${f.unit}` : ''}`;
}

export function rangeHint(f: FieldSpec): string | null {
  if (f.type !== 'number') return null;
  if (f.min === undefined && f.max === undefined) return null;
  if (f.max === undefined) return `at least ${valueWords(f, f.min!)}`;
  if (f.min === undefined) return `at most ${valueWords(f, f.max)}`;
  return `${valueWords(f, f.min)} to ${valueWords(f, f.max)}`;
}

export function defaultHint(f: FieldSpec): string | null {
  if (f.defaultValue === undefined || typeof f.defaultValue === 'object')
    return f.optional ? 'optional: not set unless you set it' : null;
  if (typeof f.defaultValue === 'number') return `default ${valueWords(f, f.defaultValue)}`;
  if (f.type === 'enum') return `default ${optionWords(f, f.defaultValue as string | number)}`;
  if (typeof f.defaultValue === 'boolean') return `default ${f.defaultValue ? 'on' : 'off'}`;
  return `default ${String(f.defaultValue)}`;
}

/** A choice's value in words: the catalog's name for it, else the value itself. */
export function optionWords(f: FieldSpec, v: string | number): string {
  return (f.type === 'enum' && f.labels?.[String(v)]) || String(v);
}
