import type { z } from 'zod';

export interface UnknownKey {
  path: PropertyKey[];
  /** The keys the object at that place does accept. */
  known: string[];
}

/**
 * Keys in `value` that `schema` does not know, as paths. zod objects drop unknown keys
 * silently; for a hand-written file a dropped key is almost always a typo ("memoryMb") that
 * would make the run quietly use the default, so validation reports them.
 */
export function unknownKeys(schema: z.ZodType, value: unknown, at: PropertyKey[] = []): UnknownKey[] {
  const def = (schema as unknown as { _zod: { def: ZodDefLike } })._zod.def;
  switch (def.type) {
    case 'object': {
      if (!isPlainObject(value)) return [];
      const out: UnknownKey[] = [];
      const known = Object.keys(def.shape ?? {});
      for (const key of Object.keys(value)) {
        // Own keys only: "constructor" or "toString" typed by a person is unknown, not inherited.
        const field = def.shape && Object.hasOwn(def.shape, key) ? def.shape[key] : undefined;
        if (!field) out.push({ path: [...at, key], known });
        else out.push(...unknownKeys(field, value[key], [...at, key]));
      }
      return out;
    }
    case 'array':
      return Array.isArray(value) && def.element
        ? value.flatMap((v, i) => unknownKeys(def.element as z.ZodType, v, [...at, i]))
        : [];
    case 'default':
    case 'prefault':
    case 'optional':
    case 'nullable':
    case 'readonly':
    case 'catch':
      return def.innerType ? unknownKeys(def.innerType, value, at) : [];
    case 'pipe':
      return def.in ? unknownKeys(def.in, value, at) : [];
    default:
      return [];
  }
}

interface ZodDefLike {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
