import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../../src/engine/scenario/validate';
import { importTemplate } from '../../../src/engine/sam/import';
import { simulate } from '../../../src/engine/simulate';
import { withReplications } from '../../../src/engine/stats/replications';
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

describe('edge ids and replications keyed by prototype-named ids', () => {
  const ids = ['__proto__', 'toString', 'constructor', 'hasOwnProperty'];
  const edgeIds = ['__proto__', 'valueOf', 'toString', 'constructor'];
  const doc = () => {
    const d = scenario(
      [
        { id: 'tick', kind: 'schedule', params: { rateSeconds: 60 } },
        ...ids.map((id) => ({ id, kind: 'function' as const })),
      ],
      ids.map((id) => ({ source: 'tick', target: id })),
      { durationSeconds: 120 },
    );
    d.edges.forEach((e, i) => (e.id = edgeIds[i]));
    // Through JSON, so "__proto__" is an own key as it is in a file.
    return JSON.parse(JSON.stringify(d));
  };

  it("result.edges keeps every edge's count under its own id", () => {
    const r = simulate(doc());
    const edges = JSON.parse(JSON.stringify(r.edges)) as Record<string, { target: string; passed: number }>;
    expect(Object.keys(edges).sort()).toEqual(['__proto__', 'constructor', 'toString', 'valueOf']);
    // A schedule every 60 s over 120 s with no warm-up: 2 ticks down each edge.
    expect(Object.values(edges).map((e) => e.passed)).toEqual([2, 2, 2, 2]);
    expect(edges['__proto__'].target).toBe('__proto__');
  });

  it('replications keep a node called "__proto__" in their per-node intervals', () => {
    const results = [1, 2].map((seed) => simulate(doc(), { seed, series: true }));
    const combined = withReplications(results);
    const nodes = JSON.parse(JSON.stringify(combined.replications!.nodes)) as Record<string, unknown>;
    expect(Object.keys(nodes).sort()).toEqual(['tick', ...ids].sort());
  });
});

describe('SAM templates with prototype-named logical ids', () => {
  const fn = (extra = '') =>
    `  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: a\n      Runtime: nodejs20.x\n${extra}`;

  it('a resource called "__proto__" (JSON) is kept, not silently dropped', () => {
    const text = `{"Resources": {"__proto__": {"Type": "AWS::SQS::Queue"}, "Fn": {"Type": "AWS::Serverless::Function", "Properties": {"Handler": "a", "Runtime": "nodejs20.x", "Events": {"Q": {"Type": "SQS", "Properties": {"Queue": {"Fn::GetAtt": ["__proto__", "Arn"]}}}}}}}}`;
    const r = importTemplate(text, 't.json');
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.doc.nodes.map((n) => n.id)).toContain('__proto__');
      expect(r.doc.edges.some((e) => e.source === '__proto__' && e.target === 'Fn')).toBe(true);
    }
  });

  it('conditions, mappings and refs named after prototype members are undeclared, not inherited', () => {
    const r = importTemplate(
      `Resources:\n${fn('      MemorySize: !If [hasOwnProperty, 1024, 512]\n      Timeout: !FindInMap [constructor, prototype, x]\n')}`,
    );
    expect(r.ok).toBe(true);
    if (r.ok) {
      // An undeclared condition is assumed true (the first branch), and the report says so.
      expect(r.doc.nodes[0].params).toMatchObject({ memoryMB: 1024 });
      expect(r.doc.nodes[0].params).not.toHaveProperty('timeoutMs');
      expect(JSON.stringify(r.report)).toMatch(/condition hasOwnProperty is not declared/);
    }
    const sub = importTemplate(
      `Resources:\n${fn("      Environment:\n        Variables:\n          A: !Sub '${toString}'\n")}`,
    );
    expect(sub.ok && JSON.stringify(sub.report)).toMatch(/\$\{toString\} in a Sub names nothing/);
  });
});
