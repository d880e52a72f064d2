import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../../src/engine/scenario/validate';
import { scenario } from '../helpers';

type Json = Record<string, unknown>;
const schema = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../../../public/scenario.schema.json'), 'utf8'),
) as Json;
const defs = schema.$defs as Record<string, Json>;

/** zod's own wording, which the project replaces with its own. */
const ZOD_WORDING = /Too small|Too big|expected .* to (have|be)|must be a tuple|Invalid input|Invalid option/;

interface Case {
  field: string;
  path: string;
  value: unknown;
  /** Something the message must contain: the bound or one of the allowed values. */
  names: string[];
}

/** A wrong type, values past each bound, an unknown choice: for every field of a params schema. */
function casesFor(props: Record<string, Json>, prefix: string[]): Case[] {
  const out: Case[] = [];
  for (const [name, p] of Object.entries(props)) {
    const path = [...prefix, name];
    const text = path.join('.');
    const type = p.type;
    if (type === 'number' || type === 'integer') {
      out.push({ field: text, path: text, value: 'seven', names: ['number'] });
      const num = (x: number) => [x.toLocaleString('en-US'), String(x)];
      if (typeof p.minimum === 'number')
        out.push({ field: text, path: text, value: p.minimum - 1, names: num(p.minimum) });
      if (typeof p.maximum === 'number')
        out.push({ field: text, path: text, value: p.maximum + 1, names: num(p.maximum) });
    } else if (type === 'string' && Array.isArray(p.enum)) {
      out.push({ field: text, path: text, value: 'no-such-choice', names: (p.enum as string[]).slice(0, 1) });
      out.push({ field: text, path: text, value: 42, names: (p.enum as string[]).slice(0, 1) });
    } else if (type === 'boolean') {
      out.push({ field: text, path: text, value: 'yes', names: ['boolean', 'true'] });
    } else if (type === 'object' && p.properties) {
      out.push({ field: text, path: text, value: 'text', names: ['object'] });
      out.push(...casesFor(p.properties as Record<string, Json>, path));
    } else if (type === 'array') {
      out.push({ field: text, path: text, value: 'text', names: ['list'] });
    }
  }
  return out;
}

function setAt(target: Json, path: string[], value: unknown): void {
  let o = target;
  for (const k of path.slice(0, -1)) o = (o[k] ??= {}) as Json;
  o[path[path.length - 1]] = value;
}

/** The message names the bound (as a number, or in words such as "at most 30 days") or an allowed value. */
function names(message: string, c: Case): boolean {
  return c.names.some((n) => message.includes(n)) || /at (most|least) \d/.test(message);
}

const KINDS = Object.keys(defs)
  .filter((k) => k.endsWith('Params') && k !== 'EdgeParams')
  .map((k) => k.replace(/Params$/, ''));

describe('every validation message names the field and what is allowed', () => {
  for (const kind of KINDS) {
    it(`${kind} params`, () => {
      const props = (defs[`${kind}Params`].properties ?? {}) as Record<string, Json>;
      const cases = casesFor(props, []);
      for (const c of cases) {
        const params: Json = {};
        setAt(params, c.field.split('.'), c.value);
        const r = validateScenario(scenario([{ id: 'n', kind, params }], []));
        expect(r.ok, `${kind}.${c.field} = ${JSON.stringify(c.value)}`).toBe(false);
        if (r.ok) continue;
        const at = r.errors.filter((e) => e.path === `nodes[0].params.${c.path}`);
        const what = `${kind}.${c.field} = ${JSON.stringify(c.value)}`;
        expect(at.length, `${what}: ${JSON.stringify(r.errors)}`).toBeGreaterThan(0);
        for (const e of at) expect(e.message, what).not.toMatch(ZOD_WORDING);
        expect(
          at.some((e) => names(e.message, c)),
          `${what}: ${at.map((e) => `"${e.message}"`).join(', ')} should name ${c.names.join(' or ')}`,
        ).toBe(true);
      }
    });
  }

  it('edge params, each on a connection that takes it', () => {
    const props = (defs.EdgeParams.properties ?? {}) as Record<string, Json>;
    // Which connections take a field depends on their kinds: each case is tried on these until
    // one takes the field (any other answers "is not a parameter of …", naming what is allowed, or
    // "is for EventBridge rules", naming where it belongs).
    const pairs: [string, string, Json?][] = [
      ['stream', 'function'],
      ['queue', 'function'],
      ['function', 'function'],
      ['topic', 'queue'],
      ['eventBus', 'function'],
      ['eventBus', 'queue', { role: 'dlq' }],
    ];
    const checked = new Set<string>();
    for (const c of casesFor(props, [])) {
      const what = `edge ${c.field} = ${JSON.stringify(c.value)}`;
      const answers = pairs.map(([source, target, extra]) => {
        const params: Json = {};
        setAt(params, c.field.split('.'), c.value);
        const r = validateScenario(
          scenario(
            [
              { id: 's', kind: source },
              { id: 't', kind: target },
            ],
            [{ source: 's', target: 't', ...extra, params }],
          ),
        );
        return r.ok ? [] : r.errors.filter((e) => e.path === `edges[0].params.${c.path}`);
      });
      const taken = answers.find(
        (at) => at.length > 0 && !at.some((e) => /is not a parameter|^is for /.test(e.message)),
      );
      if (!taken) continue;
      checked.add(c.field.split('.')[0]);
      for (const e of taken) expect(e.message, what).not.toMatch(ZOD_WORDING);
      expect(
        taken.some((e) => names(e.message, c)),
        `${what}: ${taken.map((e) => `"${e.message}"`).join(', ')} should name ${c.names.join(' or ')}`,
      ).toBe(true);
    }
    // Every field of the schema's edge params was taken by one of the connections.
    const fields = new Set(casesFor(props, []).map((c) => c.field.split('.')[0]));
    expect([...checked].sort()).toEqual([...fields].sort());
  });

  it('fields with a set of allowed values or a gap in their range name them', () => {
    const vcpu = validateScenario(scenario([{ id: 'c', kind: 'container', params: { vcpu: 0.3 } }], []));
    expect(vcpu.ok).toBe(false);
    if (!vcpu.ok)
      expect(vcpu.errors.map((e) => `${e.path}: ${e.message}`)).toEqual([
        'nodes[0].params.vcpu: must be one of: 0.25, 0.5, 1, 2, 4, 8, 16 vCPU',
      ]);
    const age = validateScenario(
      scenario(
        [
          { id: 's', kind: 'stream' },
          { id: 'f', kind: 'function' },
        ],
        [{ source: 's', target: 'f', params: { maximumRecordAgeSeconds: 30 } }],
      ),
    );
    expect(age.ok).toBe(false);
    if (!age.ok)
      expect(age.errors.map((e) => `${e.path}: ${e.message}`)).toEqual([
        'edges[0].params.maximumRecordAgeSeconds: must be -1 (no limit) or 60–604,800 s',
      ]);
  });

  it('settings', () => {
    const props = ((schema.properties as Json).settings as Json).properties as Record<string, Json>;
    for (const c of casesFor(props, [])) {
      const r = validateScenario(scenario([{ id: 'n', kind: 'function' }], [], { [c.field]: c.value }));
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      const at = r.errors.find((e) => e.path === `settings.${c.path}`);
      expect(at, `settings.${c.field} = ${JSON.stringify(c.value)}`).toBeDefined();
      expect(at!.message).not.toMatch(ZOD_WORDING);
      expect(names(at!.message, c), at!.message).toBe(true);
    }
  });

  it('a missing required value is named', () => {
    const noKind = scenario([{ id: 'n', kind: 'function' }], []);
    delete (noKind.nodes[0] as Partial<(typeof noKind.nodes)[0]>).kind;
    const k = validateScenario(noKind);
    expect(k.ok).toBe(false);
    if (!k.ok) {
      const e = k.errors.find((x) => x.path === 'nodes[0].kind');
      expect(e?.message).toMatch(/function/);
      expect(e?.message).not.toMatch(ZOD_WORDING);
    }
    const noId = scenario([{ id: 'n', kind: 'function' }], []);
    delete (noId.nodes[0] as Partial<(typeof noId.nodes)[0]>).id;
    const r = validateScenario(noId);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      const e = r.errors.find((x) => x.path === 'nodes[0].id');
      expect(e?.message).toMatch(/required/);
      expect(e?.message).not.toMatch(ZOD_WORDING);
    }
  });

  it('trace points: short pairs, wrong types and rates past the maximum', () => {
    const traffic = (points: unknown) => ({ traffic: { shape: 'trace', points } });
    const messages = (points: unknown) => {
      const r = validateScenario(scenario([{ id: 'p', kind: 'producer', params: traffic(points) }], []));
      return r.ok ? [] : r.errors.map((e) => `${e.path}: ${e.message}`);
    };
    expect(messages([[5]])).toEqual(['nodes[0].params.traffic.points[0]: must have at least 2 items']);
    expect(messages([[0, 2_000_000]])).toEqual([
      'nodes[0].params.traffic.points[0][1]: must be at most 1,000,000',
    ]);
    expect(messages([5])).toEqual(['nodes[0].params.traffic.points[0]: must be a list']);
  });
});
