import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../../src/engine/scenario/validate';
import { simulate } from '../../../src/engine/simulate';
import { scenario } from '../helpers';

/** Keys that name members of Object.prototype: a plain `{}` already "has" them. */
const PROTO_KEYS = ['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty'];

/** A JSON text parsed, so `__proto__` becomes an own key as it does for a file or a link. */
function withKey(build: (key: string) => string): (key: string) => unknown {
  return (key) => JSON.parse(build(JSON.stringify(key)));
}

const base = () =>
  scenario(
    [
      { id: 'fn', kind: 'function', params: { duration: { dist: 'constant', meanMs: 5 } } },
      { id: 't', kind: 'topic' },
    ],
    [{ source: 'fn', target: 't' }],
    { durationSeconds: 10 },
  );

/** The same document with an extra key at each place a person could put one. */
const PLACES: Record<string, (key: string) => unknown> = {
  top: withKey((k) => JSON.stringify(base()).replace(/^\{/, `{${k}:1,`)),
  settings: withKey((k) => JSON.stringify(base()).replace('"settings":{', `"settings":{${k}:1,`)),
  node: withKey((k) => JSON.stringify(base()).replace('"nodes":[{', `"nodes":[{${k}:1,`)),
  params: withKey((k) => JSON.stringify(base()).replace('"params":{', `"params":{${k}:1,`)),
  nestedParams: withKey((k) => JSON.stringify(base()).replace('"duration":{', `"duration":{${k}:1,`)),
  position: withKey((k) => JSON.stringify(base()).replace('"position":{', `"position":{${k}:1,`)),
  edge: withKey((k) => JSON.stringify(base()).replace('"edges":[{', `"edges":[{${k}:1,`)),
  edgeParams: withKey((k) =>
    JSON.stringify(base()).replace('"role":"invoke","params":{}', `"role":"invoke","params":{${k}:1}`),
  ),
};

describe('keys named after Object.prototype members', () => {
  for (const [place, make] of Object.entries(PLACES)) {
    for (const key of PROTO_KEYS) {
      it(`${key} in ${place}: validation answers with issues or warnings, never throws`, () => {
        const doc = make(key);
        const r = validateScenario(doc);
        const lines = r.ok ? r.warnings : r.errors.map((e) => e.path + ' ' + e.message);
        // The key is reported wherever it is unknown, by name.
        expect(lines.some((l) => l.includes(key))).toBe(true);
      });
    }
  }

  it('a params key "valueOf" is an unknown parameter, with its path', () => {
    const r = validateScenario(PLACES.params('valueOf'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0].path).toBe('nodes[0].params.valueOf');
  });
});

describe('node ids named after Object.prototype members', () => {
  it('every node keeps its entry in the result', () => {
    const ids = [...PROTO_KEYS, 'prototype', 'plain'];
    const doc = scenario(
      [
        { id: 'tick', kind: 'schedule', params: { rateSeconds: 60 } },
        ...ids.map((id) => ({ id, kind: 'function', params: { duration: { dist: 'constant', meanMs: 5 } } })),
      ],
      ids.map((id) => ({ source: 'tick', target: id })),
      { durationSeconds: 120 },
    );
    const r = simulate(JSON.parse(JSON.stringify(doc)));
    expect(Object.keys(r.nodes).sort()).toEqual(['tick', ...ids].sort());
    for (const id of ids) {
      expect(Object.prototype.hasOwnProperty.call(r.nodes, id)).toBe(true);
      expect(r.nodes[id].kind).toBe('function');
      expect(r.nodes[id].cost).toBeDefined();
    }
    // It survives the trip through JSON, as the CLI prints it.
    expect(Object.keys(JSON.parse(JSON.stringify(r)).nodes)).toHaveLength(ids.length + 1);
  });

  it('series are kept per node whatever the id', () => {
    const doc = scenario(
      [
        { id: 'tick', kind: 'schedule', params: { rateSeconds: 60 } },
        { id: '__proto__', kind: 'function' },
        { id: 'constructor', kind: 'queue' },
      ],
      [
        { source: 'tick', target: '__proto__' },
        { source: '__proto__', target: 'constructor' },
      ],
      { durationSeconds: 120 },
    );
    const r = simulate(JSON.parse(JSON.stringify(doc)), { series: true });
    const keys = JSON.stringify(Object.keys(JSON.parse(JSON.stringify(r.series))));
    expect(keys).toContain('__proto__');
    expect(keys).toContain('constructor');
  });
});
