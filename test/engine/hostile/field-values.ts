import { scenarioJsonSchema } from '../../../src/engine/scenario/json-schema';

/**
 * Values worth trying in each param of each kind, read from the JSON Schema the app publishes, so
 * a kind or field added later is covered without touching the fuzzer: every choice of a list of
 * choices (launchType fargate/ec2/eks, a workflow type, a log setting), each bound and just past
 * it, a wrong type, and the same one level down in an object (a distribution's dist and meanMs).
 */
export interface FieldValue {
  kind: string;
  /** Path inside the node's params, e.g. ['duration', 'meanMs']. */
  path: string[];
  value: unknown;
}

type Json = Record<string, unknown>;

function candidates(schema: Json): unknown[] {
  const out: unknown[] = [];
  if (Array.isArray(schema.enum)) out.push(...schema.enum, 'not-a-choice');
  const type = schema.type;
  if (type === 'number' || type === 'integer') {
    const min = typeof schema.minimum === 'number' ? schema.minimum : undefined;
    const max = typeof schema.maximum === 'number' ? schema.maximum : undefined;
    if (min !== undefined) out.push(min, min - 1);
    if (max !== undefined) out.push(max, max + 1);
    if (min === undefined && max === undefined) out.push(-1, 1e308);
    if (type === 'integer') out.push(1.5);
    out.push('12');
  }
  if (type === 'boolean') out.push(true, false, 'yes');
  if (type === 'string' && !Array.isArray(schema.enum)) out.push('', 'x'.repeat(25_000), 7);
  if (type === 'array') out.push([], 'not-a-list');
  if (type === 'object') out.push({}, JSON.parse('{"__proto__": 1, "constructor": 2}'), 'not-an-object');
  out.push(null);
  return out;
}

let cached: FieldValue[] | undefined;

/** Every (kind, field, value) to try; nested object fields one level down. */
export function fieldValues(): FieldValue[] {
  if (cached) return cached;
  const defs = (scenarioJsonSchema().$defs ?? {}) as Record<string, Json>;
  const out: FieldValue[] = [];
  for (const [name, def] of Object.entries(defs)) {
    if (!name.endsWith('Params') || name === 'EdgeParams' || !def.properties) continue;
    const kind = name.slice(0, -'Params'.length);
    for (const [field, schema] of Object.entries(def.properties as Record<string, Json>)) {
      for (const value of candidates(schema)) out.push({ kind, path: [field], value });
      if (schema.type === 'object' && schema.properties)
        for (const [sub, subSchema] of Object.entries(schema.properties as Record<string, Json>))
          for (const value of candidates(subSchema)) out.push({ kind, path: [field, sub], value });
    }
  }
  cached = out;
  return out;
}

/** Sets `path` in the params of the first node of `kind` in a document (a parsed template). */
export function setField(doc: unknown, f: FieldValue): boolean {
  const nodes = (doc as { nodes?: { kind?: unknown; params?: Json }[] }).nodes;
  const node = Array.isArray(nodes)
    ? nodes.find((n) => n !== null && typeof n === 'object' && n.kind === f.kind)
    : undefined;
  if (!node) return false;
  // Earlier mutations may have put anything in params: the field then goes into a fresh object.
  if (node.params === null || typeof node.params !== 'object' || Array.isArray(node.params)) node.params = {};
  let holder = node.params;
  for (const key of f.path.slice(0, -1)) {
    const next = holder[key];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) holder[key] = {};
    holder = holder[key] as Json;
  }
  Object.defineProperty(holder, f.path[f.path.length - 1], {
    value: f.value,
    enumerable: true,
    configurable: true,
    writable: true,
  });
  return true;
}
