import { isObj } from '../template';

/**
 * The simulator matches on one thing: an event's type. A template's filter policies and event
 * patterns can say much more; these read the part that names types and say what was left out.
 */
const MAX_TYPE = 64;

function strings(v: unknown): string[] | undefined {
  if (!Array.isArray(v)) return typeof v === 'string' ? [v] : undefined;
  const s = v.filter((x): x is string => typeof x === 'string' && x.length > 0);
  return s.length > 0 ? s.map((x) => x.slice(0, MAX_TYPE)) : undefined;
}

export interface Match {
  types?: string[];
  /** What the template's filter says that the simulator does not model. */
  ignored: string[];
}

/** EventPattern: `detail-type` values are the event types; else `source` values. */
export function patternMatch(pattern: unknown): Match {
  let p = pattern;
  if (typeof p === 'string') {
    try {
      p = JSON.parse(p);
    } catch {
      return { ignored: ['the event pattern is not valid JSON'] };
    }
  }
  if (!isObj(p)) return { ignored: [] };
  const ignored: string[] = [];
  let types = strings(p['detail-type']);
  if (types) {
    for (const k of Object.keys(p)) if (k !== 'detail-type') ignored.push(k);
  } else {
    types = strings(p.source);
    for (const k of Object.keys(p)) if (k !== 'source') ignored.push(k);
    if (types && !(p.source as unknown[]).every((x) => typeof x === 'string'))
      ignored.push('source matchers');
  }
  return { types, ignored };
}

/** SNS FilterPolicy: the first attribute whose values are plain strings names the event types. */
export function filterPolicyMatch(policy: unknown): Match {
  let p = policy;
  if (typeof p === 'string') {
    try {
      p = JSON.parse(p);
    } catch {
      return { ignored: ['the filter policy is not valid JSON'] };
    }
  }
  if (!isObj(p)) return { ignored: [] };
  const keys = Object.keys(p);
  const key = keys.find((k) => strings(p[k])?.length === (Array.isArray(p[k]) ? p[k].length : 1));
  if (!key) return { ignored: keys };
  return { types: strings(p[key]), ignored: keys.filter((k) => k !== key) };
}
