import { keyedRecord } from '../own-keys';
import { isObj, type CfnTemplate } from './template';

/**
 * Evaluates CloudFormation's intrinsic functions as far as a template alone allows:
 * parameters take their defaults, pseudo parameters a fixed example account in us-east-1,
 * conditions are evaluated. What names a resource becomes a ResRef (so wiring can follow
 * it); inside strings (Fn::Sub, Fn::Join) it stays as `${Id}` / `${Id.Att}`, which
 * referencedIds() reads back. What cannot be known offline (Fn::ImportValue, a parameter
 * without a default) becomes an Unresolved, and the note says why.
 */
export class ResRef {
  constructor(
    readonly id: string,
    readonly att?: string,
  ) {}
  toString(): string {
    return this.att ? `\${${this.id}.${this.att}}` : `\${${this.id}}`;
  }
}

export class Unresolved {
  constructor(readonly why: string) {}
  toString(): string {
    return `<${this.why}>`;
  }
}

/** AWS::NoValue: the property is left out. */
export const NO_VALUE = Symbol('AWS::NoValue');

const PSEUDO: Record<string, unknown> = {
  'AWS::Region': 'us-east-1',
  'AWS::AccountId': '123456789012',
  'AWS::StackName': 'imported-stack',
  'AWS::StackId': 'arn:aws:cloudformation:us-east-1:123456789012:stack/imported-stack/1',
  'AWS::Partition': 'aws',
  'AWS::URLSuffix': 'amazonaws.com',
  'AWS::NotificationARNs': [],
};

const AZS = ['us-east-1a', 'us-east-1b', 'us-east-1c'];

export class Resolver {
  /** Notes on what could not be evaluated, once each. */
  readonly notes = new Set<string>();
  private readonly params = new Map<string, unknown>();
  private readonly condCache = new Map<string, boolean | undefined>();
  private readonly evaluating = new Set<string>();

  constructor(private readonly tpl: CfnTemplate) {
    for (const [name, p] of Object.entries(tpl.parameters)) {
      const def = isObj(p) ? p.Default : undefined;
      if (def === undefined) {
        this.params.set(name, new Unresolved(`parameter ${name} has no default`));
        continue;
      }
      const type = isObj(p) && typeof p.Type === 'string' ? p.Type : 'String';
      if (type === 'Number') this.params.set(name, Number(def));
      else if (type.startsWith('List<') || type === 'CommaDelimitedList')
        this.params.set(
          name,
          Array.isArray(def)
            ? def
            : String(def)
                .split(',')
                .map((s) => s.trim()),
        );
      else this.params.set(name, def);
    }
  }

  paramValue(name: string): unknown {
    return this.params.get(name);
  }

  /** A condition's value; undefined when it depends on something unknown (then callers assume true). */
  condition(name: string): boolean | undefined {
    if (this.condCache.has(name)) return this.condCache.get(name);
    if (!Object.hasOwn(this.tpl.conditions, name)) {
      this.notes.add(`condition ${name} is not declared; assumed true`);
      return undefined;
    }
    if (this.evaluating.has(name)) {
      this.notes.add(`condition ${name} refers to itself; assumed true`);
      return undefined;
    }
    this.evaluating.add(name);
    const v = this.truth(this.tpl.conditions[name]);
    this.evaluating.delete(name);
    if (v === undefined) this.notes.add(`condition ${name} could not be evaluated offline; assumed true`);
    this.condCache.set(name, v);
    return v;
  }

  private truth(expr: unknown): boolean | undefined {
    const v = this.resolve(expr);
    if (typeof v === 'boolean') return v;
    if (v === 'true') return true;
    if (v === 'false') return false;
    return undefined;
  }

  resolve(v: unknown, depth = 0): unknown {
    if (depth > 200) return new Unresolved('nesting too deep');
    if (Array.isArray(v)) {
      const out: unknown[] = [];
      for (const x of v) {
        const r = this.resolve(x, depth + 1);
        if (r !== NO_VALUE) out.push(r);
      }
      return out;
    }
    if (!isObj(v)) return v;
    const keys = Object.keys(v);
    if (keys.length === 1) {
      const k = keys[0];
      const arg = v[k];
      if (k === 'Ref') return this.ref(arg);
      if (k === 'Condition' && typeof arg === 'string')
        return this.condition(arg) ?? new Unresolved(`condition ${arg}`);
      if (k.startsWith('Fn::')) return this.fn(k.slice(4), arg, depth);
    }
    const out = keyedRecord<unknown>();
    for (const k of keys) {
      const r = this.resolve(v[k], depth + 1);
      if (r !== NO_VALUE) out[k] = r;
    }
    return out;
  }

  private ref(name: unknown): unknown {
    if (typeof name !== 'string') return new Unresolved('Ref of a non-name');
    if (name === 'AWS::NoValue') return NO_VALUE;
    if (Object.hasOwn(PSEUDO, name)) return PSEUDO[name];
    if (this.params.has(name)) return this.params.get(name);
    if (Object.hasOwn(this.tpl.resources, name)) return new ResRef(name);
    this.notes.add(`Ref ${name} names neither a parameter nor a resource`);
    return new Unresolved(`Ref ${name}`);
  }

  private fn(name: string, arg: unknown, depth: number): unknown {
    const r = (x: unknown) => this.resolve(x, depth + 1);
    switch (name) {
      case 'GetAtt': {
        const parts = Array.isArray(arg) ? arg : typeof arg === 'string' ? arg.split('.') : [];
        const id = typeof parts[0] === 'string' ? parts[0] : undefined;
        const att = parts
          .slice(1)
          .map((p) => String(r(p)))
          .join('.');
        if (id && id in this.tpl.resources) return new ResRef(id, att || undefined);
        return new Unresolved(`GetAtt ${String(id)}`);
      }
      case 'Sub':
        return this.sub(arg, depth);
      case 'Join': {
        if (!Array.isArray(arg) || arg.length !== 2) return new Unresolved('Join needs [delimiter, list]');
        const list = r(arg[1]);
        if (!Array.isArray(list)) return new Unresolved('Join of a non-list');
        return list.map((x) => text(x)).join(String(r(arg[0])));
      }
      case 'Select': {
        if (!Array.isArray(arg) || arg.length !== 2) return new Unresolved('Select needs [index, list]');
        const i = Number(r(arg[0]));
        const list = r(arg[1]);
        return Array.isArray(list) && Number.isInteger(i) && i >= 0 && i < list.length
          ? list[i]
          : new Unresolved('Select out of range');
      }
      case 'Split': {
        if (!Array.isArray(arg) || arg.length !== 2) return new Unresolved('Split needs [delimiter, string]');
        const s = r(arg[1]);
        return typeof s === 'string' ? s.split(String(r(arg[0]))) : new Unresolved('Split of a non-string');
      }
      case 'If': {
        if (!Array.isArray(arg) || arg.length !== 3 || typeof arg[0] !== 'string')
          return new Unresolved('If needs [condition, then, else]');
        const c = this.condition(arg[0]);
        return r(c === false ? arg[2] : arg[1]);
      }
      case 'FindInMap': {
        if (!Array.isArray(arg) || arg.length < 3) return new Unresolved('FindInMap needs [map, key, key]');
        const [m, k1, k2] = arg.slice(0, 3).map((x) => r(x));
        const v = ownPath(this.tpl.mappings, [String(m), String(k1), String(k2)]);
        if (v !== undefined) return r(v);
        if (arg.length > 3 && isObj(arg[3]) && 'DefaultValue' in arg[3]) return r(arg[3].DefaultValue);
        this.notes.add(`FindInMap ${String(m)}/${String(k1)}/${String(k2)} has no entry`);
        return new Unresolved(`FindInMap ${String(m)}`);
      }
      case 'Equals': {
        if (!Array.isArray(arg) || arg.length !== 2) return new Unresolved('Equals needs two values');
        const [a, b] = arg.map((x) => r(x));
        if (!isPlain(a) || !isPlain(b)) return new Unresolved('Equals of a value only known at deploy time');
        return String(a) === String(b);
      }
      case 'Not': {
        const v = this.truth(Array.isArray(arg) ? arg[0] : arg);
        return v === undefined ? new Unresolved('Not') : !v;
      }
      case 'And':
      case 'Or': {
        if (!Array.isArray(arg)) return new Unresolved(name);
        const vals = arg.map((x) => this.truth(x));
        if (name === 'And') {
          if (vals.includes(false)) return false;
          return vals.includes(undefined) ? new Unresolved('And') : true;
        }
        if (vals.includes(true)) return true;
        return vals.includes(undefined) ? new Unresolved('Or') : false;
      }
      case 'Base64':
        return r(arg);
      case 'GetAZs':
        return AZS;
      case 'ImportValue':
        this.notes.add(`Fn::ImportValue ${text(r(arg))} comes from another stack; not known offline`);
        return new Unresolved(`ImportValue ${text(r(arg))}`);
      case 'Length': {
        const v = r(arg);
        return Array.isArray(v) ? v.length : new Unresolved('Length');
      }
      case 'ToJsonString':
        return JSON.stringify(r(arg), (_k, x) =>
          x instanceof ResRef || x instanceof Unresolved ? String(x) : x,
        );
      default:
        this.notes.add(`Fn::${name} is not evaluated offline`);
        return new Unresolved(`Fn::${name}`);
    }
  }

  private sub(arg: unknown, depth: number): unknown {
    let str: unknown = arg;
    let vars: Record<string, unknown> = {};
    if (Array.isArray(arg)) {
      str = arg[0];
      vars = isObj(arg[1]) ? (this.resolve(arg[1], depth + 1) as Record<string, unknown>) : {};
    }
    if (typeof str !== 'string') return new Unresolved('Sub of a non-string');
    return str.replace(/\$\{(!?)([^}]*)\}/g, (whole, bang: string, name: string) => {
      if (bang) return `\${${name}}`; // ${!Literal}
      const n = name.trim();
      if (Object.hasOwn(vars, n)) return text(vars[n]);
      if (Object.hasOwn(PSEUDO, n)) return text(PSEUDO[n]);
      if (this.params.has(n)) return text(this.params.get(n));
      const dot = n.indexOf('.');
      const id = dot > 0 ? n.slice(0, dot) : n;
      if (Object.hasOwn(this.tpl.resources, id)) return whole;
      this.notes.add(`\${${n}} in a Sub names nothing in the template`);
      return whole;
    });
  }
}

function isPlain(v: unknown): boolean {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

/** A value as it would appear inside a string. */
export function text(v: unknown): string {
  if (v instanceof ResRef || v instanceof Unresolved) return String(v);
  if (Array.isArray(v)) return v.map(text).join(',');
  if (typeof v === 'object' && v !== null) return JSON.stringify(v);
  return String(v);
}

/** Logical ids a value names: a ResRef, or `${Id}` / `${Id.Att}` inside a string (deeply). */
export function referencedIds(
  v: unknown,
  known: (id: string) => boolean,
  out: string[] = [],
  depth = 0,
): string[] {
  if (depth > 50) return out;
  if (v instanceof ResRef) out.push(v.id);
  else if (typeof v === 'string') {
    for (const m of v.matchAll(/\$\{([A-Za-z0-9]+)(?:\.[A-Za-z0-9.]+)?\}/g)) if (known(m[1])) out.push(m[1]);
  } else if (Array.isArray(v)) for (const x of v) referencedIds(x, known, out, depth + 1);
  else if (isObj(v)) for (const x of Object.values(v)) referencedIds(x, known, out, depth + 1);
  return out;
}

/** A number from a resolved property (CloudFormation often writes numbers as strings). */
export function numberOf(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

export function boolOf(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === 'True') return true;
  if (v === 'false' || v === 'False') return false;
  return undefined;
}

export function stringOf(v: unknown): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}

/** A value at a path of own keys: a mapping named "constructor" or "toString" is looked up, not inherited. */
function ownPath(root: unknown, keys: readonly string[]): unknown {
  let v = root;
  for (const k of keys) {
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, k)) return undefined;
    v = (v as Record<string, unknown>)[k];
  }
  return v;
}
