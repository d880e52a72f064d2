import type { z } from 'zod';
import type { FieldGroup, FieldWords } from '../../engine/kinds/catalog-types';

/**
 * The kinds' zod schemas are the single source of truth for the inspector: this walks a
 * schema into a tree of field descriptions (kind of input, range, unit, default, help). The
 * values themselves are checked by the same schema (see param-issues.ts), so the form can
 * never disagree with validation.
 */
export interface FieldCommon {
  key: string;
  path: (string | number)[];
  title: string;
  unit?: string;
  help?: string;
  source?: string;
  /** The value used when the key is absent; undefined when absence means "not set". */
  defaultValue?: unknown;
  /** May be left out with no default (e.g. reservedConcurrency). */
  optional: boolean;
  /** Inside a record: shown only when these sibling fields hold one of the values. */
  showIf?: Readonly<Record<string, readonly string[]>>;
  /** The inspector section it belongs to (top-level fields; absent: Basics). */
  group?: FieldGroup;
}

export type FieldSpec =
  | (FieldCommon & { type: 'number'; min?: number; max?: number; int: boolean })
  | (FieldCommon & { type: 'enum'; options: (string | number)[]; labels?: Readonly<Record<string, string>> })
  | (FieldCommon & { type: 'boolean' })
  | (FieldCommon & { type: 'string' })
  | (FieldCommon & { type: 'object'; fields: FieldSpec[] })
  /** A duration distribution ({dist, meanMs, p99Ms…}): edited as a shape chooser and its numbers. */
  | (FieldCommon & { type: 'distribution'; fields: FieldSpec[] })
  | (FieldCommon & { type: 'list'; item: FieldSpec & { type: 'object' } })
  /** Anything without a dedicated control (tuples, unions): edited as JSON text. */
  | (FieldCommon & { type: 'json' });

interface Meta {
  title?: string;
  unit?: string;
  help?: string;
  description?: string;
  source?: string;
  showIf?: Readonly<Record<string, readonly string[]>>;
}

// zod 4 keeps a schema's definition on `_zod.def`; these are the parts the walk reads.
interface Def {
  type: string;
  innerType?: z.ZodType;
  defaultValue?: unknown;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  entries?: Record<string, string | number>;
  in?: z.ZodType;
  options?: z.ZodType[];
  values?: unknown[];
}
const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;
const metaOf = (s: z.ZodType): Meta =>
  ((s as unknown as { meta(): Meta | undefined }).meta?.() ?? {}) as Meta;

const UNIT_SUFFIX = /(Ms|MB|KB|GB|Seconds|Hours|PerSecond|Usd)$/;

/** "keepAliveSeconds" → "Keep alive"; the unit is shown beside the input instead. */
export function humanize(key: string): string {
  const bare = key.replace(UNIT_SUFFIX, '') || key;
  const words = bare
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * The fields of a params schema; `words` (a kind catalog's `fields`) gives their titles,
 * groups and choice names in people's words, over the schema's own.
 */
export function describeSchema(
  schema: z.ZodType,
  words: Readonly<Record<string, FieldWords | undefined>> = {},
  path: (string | number)[] = [],
): FieldSpec[] {
  const root = unwrap(schema);
  if (root.def.type !== 'object' || !root.def.shape) return [];
  return Object.entries(root.def.shape).map(([key, s]) => describeField(key, s, [...path, key], words[key]));
}

interface Unwrapped {
  inner: z.ZodType;
  def: Def;
  meta: Meta;
  defaultValue?: unknown;
  optional: boolean;
}

/** Peels default/prefault/optional/pipe wrappers, gathering metadata from every layer. */
function unwrap(schema: z.ZodType): Unwrapped {
  let s = schema;
  let meta: Meta = {};
  let defaultValue: unknown;
  let optional = false;
  for (let depth = 0; depth < 10; depth++) {
    meta = { ...metaOf(s), ...meta };
    const def = defOf(s);
    if ((def.type === 'default' || def.type === 'prefault') && def.innerType) {
      if (defaultValue === undefined) defaultValue = def.defaultValue;
      s = def.innerType;
    } else if (
      (def.type === 'optional' ||
        def.type === 'nullable' ||
        def.type === 'readonly' ||
        def.type === 'catch') &&
      def.innerType
    ) {
      if (def.type === 'optional') optional = true;
      s = def.innerType;
    } else if (def.type === 'pipe' && def.in) {
      s = def.in;
    } else {
      return { inner: s, def, meta, defaultValue, optional: optional && defaultValue === undefined };
    }
  }
  return { inner: s, def: defOf(s), meta, defaultValue, optional };
}

function describeField(
  key: string,
  schema: z.ZodType,
  path: (string | number)[],
  words?: FieldWords,
): FieldSpec {
  const u = unwrap(schema);
  const common: FieldCommon = {
    key,
    path,
    title: words?.title ?? u.meta.title ?? humanize(key),
    group: words?.group,
    unit: u.meta.unit,
    help: u.meta.help ?? u.meta.description,
    source: u.meta.source,
    showIf: u.meta.showIf,
    defaultValue: u.defaultValue,
    optional: u.optional,
  };
  switch (u.def.type) {
    case 'number': {
      const n = u.inner as unknown as { minValue: number | null; maxValue: number | null; isInt: boolean };
      const finite = (x: number | null) =>
        x !== null && Number.isFinite(x) && Math.abs(x) < Number.MAX_SAFE_INTEGER ? x : undefined;
      return { ...common, type: 'number', min: finite(n.minValue), max: finite(n.maxValue), int: n.isInt };
    }
    case 'enum':
      return { ...common, type: 'enum', options: Object.values(u.def.entries ?? {}), labels: words?.options };
    case 'boolean':
      return { ...common, type: 'boolean' };
    case 'string':
      return { ...common, type: 'string' };
    case 'object': {
      // A whole-object default (a distribution's {dist, meanMs, p99Ms}) is each field's default too.
      const parentDefault =
        u.defaultValue && typeof u.defaultValue === 'object'
          ? (u.defaultValue as Record<string, unknown>)
          : undefined;
      const fields = Object.entries(u.def.shape ?? {}).map(([k, s]) => {
        const f = describeField(k, s, [...path, k], words?.fields?.[k]);
        return f.defaultValue === undefined && parentDefault && k in parentDefault
          ? { ...f, defaultValue: parentDefault[k] }
          : f;
      });
      const isDistribution = ['dist', 'meanMs'].every((k) => fields.some((f) => f.key === k));
      return { ...common, type: isDistribution ? 'distribution' : 'object', fields };
    }
    case 'array': {
      const item = u.def.element
        ? describeField('item', u.def.element, [...path, 0], words?.fields?.item)
        : undefined;
      if (
        item?.type === 'object' &&
        item.fields.every((f) => f.type !== 'object' && f.type !== 'list' && f.type !== 'json')
      ) {
        return { ...common, type: 'list', item };
      }
      return { ...common, type: 'json' };
    }
    case 'union': {
      // A choice among literals (e.g. billing granularity 1 | 100) is a select like an enum.
      const values = (u.def.options ?? [])
        .map((o) => defOf(o))
        .map((d) => (d.type === 'literal' && d.values?.length === 1 ? d.values[0] : undefined));
      if (values.length > 0 && values.every((v) => typeof v === 'string' || typeof v === 'number')) {
        return { ...common, type: 'enum', options: values as (string | number)[], labels: words?.options };
      }
      return { ...common, type: 'json' };
    }
    default:
      return { ...common, type: 'json' };
  }
}

/** Every object field by path key: the form fills in an absent object's default before editing inside it. */
export function objectFields(
  fields: readonly FieldSpec[],
  out = new Map<string, FieldSpec & { type: 'object' }>(),
) {
  for (const f of fields) {
    if (f.type === 'object' || f.type === 'distribution') {
      out.set(f.path.join('.'), f as FieldSpec & { type: 'object' });
      objectFields(f.fields, out);
    }
  }
  return out;
}
