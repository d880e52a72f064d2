/**
 * A parameter of a scenario, named by a path, for sweeps:
 *
 * - `nodes[id=clients].params.traffic.ratePerSecond` (any part may select a list item by
 *   `[key=value]` or by index `[2]`);
 * - the short form `clients.traffic.ratePerSecond`: a node id, then a path inside its params;
 * - `settings.durationSeconds`, `edges[id=e3].params.perRequest`.
 *
 * Missing objects inside a node's params are created (the schema fills the defaults around
 * the value set); a missing node, edge or list item is an error.
 */
export type PathPart = { key: string } | { index: number } | { match: string; value: string };

export class ParamPathError extends Error {}

const PART = /^([^[\]]*)((?:\[[^\]]*\])*)$/;

export function parsePath(path: string): PathPart[] {
  const raw = path.trim();
  if (raw === '') throw new ParamPathError('the parameter path is empty');
  const parts: PathPart[] = [];
  // Dots inside [...] (e.g. [id=api.v2]) are not separators.
  const pieces: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of raw) {
    if (ch === '[') depth++;
    if (ch === ']') depth--;
    if (ch === '.' && depth === 0) {
      pieces.push(cur);
      cur = '';
    } else cur += ch;
  }
  pieces.push(cur);
  for (const piece of pieces) {
    const m = PART.exec(piece);
    if (!m || (m[1] === '' && m[2] === ''))
      throw new ParamPathError(`"${path}": "${piece}" is not a valid part of a path`);
    if (m[1] !== '') parts.push({ key: m[1] });
    for (const sel of m[2].match(/\[[^\]]*\]/g) ?? []) {
      const inner = sel.slice(1, -1);
      const eq = inner.indexOf('=');
      if (eq > 0) parts.push({ match: inner.slice(0, eq), value: inner.slice(eq + 1) });
      else if (/^\d+$/.test(inner)) parts.push({ index: Number(inner) });
      else
        throw new ParamPathError(
          `"${path}": "[${inner}]" must be an index like [0] or a match like [id=clients]`,
        );
    }
  }
  const first = parts[0];
  // Short form: a node id first.
  if ('key' in first && first.key !== 'nodes' && first.key !== 'edges' && first.key !== 'settings') {
    return [{ key: 'nodes' }, { match: 'id', value: first.key }, { key: 'params' }, ...parts.slice(1)];
  }
  return parts;
}

/** The path written out in full, e.g. nodes[id=clients].params.traffic.ratePerSecond. */
export function formatPath(parts: PathPart[]): string {
  let s = '';
  for (const p of parts) {
    if ('key' in p) s += (s ? '.' : '') + p.key;
    else if ('index' in p) s += `[${p.index}]`;
    else s += `[${p.match}=${p.value}]`;
  }
  return s;
}

type Json = Record<string, unknown> | unknown[];

/** A copy of `doc` with the parameter at `parts` set to `value`. Throws ParamPathError. */
export function setParam(doc: unknown, parts: PathPart[], value: number): unknown {
  const copy = JSON.parse(JSON.stringify(doc)) as unknown;
  if (copy === null || typeof copy !== 'object')
    throw new ParamPathError('the scenario is not a JSON object');
  let here = copy as Json;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    const last = i === parts.length - 1;
    const where = formatPath(parts.slice(0, i + 1));
    if ('key' in p) {
      if (Array.isArray(here))
        throw new ParamPathError(
          `${where}: "${formatPath(parts.slice(0, i))}" is a list; select an item with [id=…] or [0]`,
        );
      if (last) {
        here[p.key] = value;
        return copy;
      }
      let next = here[p.key];
      if (next === undefined) {
        if (p.key === 'nodes' || p.key === 'edges')
          throw new ParamPathError(`${where}: the scenario has no ${p.key}`);
        next = {};
        here[p.key] = next;
      }
      if (next === null || typeof next !== 'object')
        throw new ParamPathError(`${where} is ${JSON.stringify(next)}, not an object to set a value inside`);
      here = next as Json;
    } else {
      if (!Array.isArray(here))
        throw new ParamPathError(`${where}: "${formatPath(parts.slice(0, i))}" is not a list`);
      let idx: number;
      if ('index' in p) idx = p.index;
      else
        idx = here.findIndex(
          (x) =>
            x !== null &&
            typeof x === 'object' &&
            String((x as Record<string, unknown>)[p.match]) === p.value,
        );
      if (idx < 0 || idx >= here.length) {
        const list = [...parts.slice(0, i)].reverse().find((q): q is { key: string } => 'key' in q)?.key;
        const noun = list === 'nodes' ? 'node' : list === 'edges' ? 'edge' : 'item';
        const what = 'index' in p ? `${noun} ${p.index}` : `${noun} with ${p.match} "${p.value}"`;
        throw new ParamPathError(`${where}: there is no ${what}`);
      }
      if (last) {
        here[idx] = value;
        return copy;
      }
      const next = here[idx];
      if (next === null || typeof next !== 'object') throw new ParamPathError(`${where} is not an object`);
      here = next as Json;
    }
  }
  return copy;
}

/** A unit for the swept parameter, from the name's suffix (the scenario format puts units in names). */
export function unitOfPath(parts: PathPart[]): string {
  const lastKey = [...parts].reverse().find((p): p is { key: string } => 'key' in p)?.key ?? '';
  if (/ratePerSecond$/i.test(lastKey)) return 'requests/s';
  const units: [RegExp, string][] = [
    [/PerSecond$/, '/s'],
    [/Seconds$/, 's'],
    [/Ms$/, 'ms'],
    [/MB$/, 'MB'],
    [/GB$/, 'GB'],
    [/KB$/, 'KB'],
    [/Usd$/, 'USD'],
  ];
  for (const [re, u] of units) if (re.test(lastKey)) return u;
  return '';
}
