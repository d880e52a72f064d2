import type { z } from 'zod';

/** Immutable get/set/remove by path on the sparse params object the scenario keeps. */
export type Path = readonly (string | number)[];

export function getIn(obj: unknown, path: Path): unknown {
  let cur = obj;
  for (const k of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[k];
  }
  return cur;
}

export function setIn<T>(obj: T, path: Path, value: unknown): T {
  if (path.length === 0) return value as T;
  const [k, ...rest] = path;
  const base: Record<string | number, unknown> = Array.isArray(obj)
    ? ([...obj] as unknown as Record<number, unknown>)
    : obj && typeof obj === 'object'
      ? { ...(obj as object) }
      : {};
  base[k] = setIn(base[k], rest, value);
  return base as T;
}

/** Removes the key at path and then any object left empty above it: absent means default. */
export function removeIn<T>(obj: T, path: Path): T {
  if (path.length === 0 || obj === null || typeof obj !== 'object') return obj;
  const [k, ...rest] = path;
  const base = { ...(obj as Record<string | number, unknown>) };
  if (rest.length === 0) delete base[k];
  else {
    const child = removeIn(base[k], rest);
    if (child && typeof child === 'object' && !Array.isArray(child) && Object.keys(child).length === 0)
      delete base[k];
    else base[k] = child;
  }
  return base as T;
}

export const pathKey = (path: Path) => path.join('.');

/** The schema's messages, by field path ("traffic.ratePerSecond"); "" holds form-wide ones. */
export function issuesByPath(schema: z.ZodType, params: unknown): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const r = schema.safeParse(params);
  if (r.success) return out;
  for (const iss of r.error.issues) {
    const key = pathKey(iss.path as (string | number)[]);
    out.set(key, [...(out.get(key) ?? []), iss.message]);
  }
  return out;
}

/** Messages at path or below it (a list row's fields, a JSON field's insides). */
export function issuesUnder(issues: Map<string, string[]>, path: Path): string[] {
  const key = pathKey(path);
  const found: string[] = [];
  for (const [k, msgs] of issues) if (k === key || k.startsWith(`${key}.`)) found.push(...msgs);
  return found;
}

export type CommitResult = { ok: true } | { ok: false; message: string };

/**
 * Writes value (undefined: remove) at path only if the schema finds nothing wrong *at that
 * field*. A value that upsets another field (provisioned > reserved) is written and the
 * other field shows the message: blocking it would leave the person unable to get there.
 */
export function tryCommit(
  schema: z.ZodType,
  params: Record<string, unknown>,
  path: Path,
  value: unknown,
  write: (next: Record<string, unknown>) => void,
): CommitResult {
  const next = value === undefined ? removeIn(params, path) : setIn(params, path, value);
  const bad = issuesUnder(issuesByPath(schema, next), path);
  if (bad.length > 0) return { ok: false, message: bad[0] };
  write(next);
  return { ok: true };
}
