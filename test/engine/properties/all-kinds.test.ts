import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NodeKind } from '../../../src/engine/kinds/types';
import { NODE_KINDS } from '../../../src/engine/kinds/registry';
import { CONNECTIONS } from '../../../src/engine/scenario/connections';
import { validateScenario } from '../../../src/engine/scenario/validate';
import { numbersIn, run, scenario, withoutWall } from '../helpers';

/** Small, fast params per kind, so that a random graph runs in milliseconds. */
const PARAMS: Partial<Record<NodeKind, fc.Arbitrary<Record<string, unknown>>>> = {
  producer: fc.record({
    traffic: fc.record({
      shape: fc.constantFrom('poisson', 'constant', 'spike'),
      ratePerSecond: fc.integer({ min: 1, max: 20 }),
      peakRatePerSecond: fc.integer({ min: 0, max: 40 }),
      atSeconds: fc.integer({ min: 0, max: 60 }),
    }),
  }),
  schedule: fc.record({ rateSeconds: fc.integer({ min: 60, max: 120 }) }),
  function: fc.record({
    duration: fc.record({
      dist: fc.constantFrom('exponential', 'constant'),
      meanMs: fc.integer({ min: 1, max: 500 }),
    }),
    errorRate: fc.constantFrom(0, 0, 0.1, 1),
    reservedConcurrency: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }),
    timeoutMs: fc.integer({ min: 100, max: 3000 }),
  }),
  queue: fc.record({
    type: fc.constantFrom('standard', 'standard', 'fifo'),
    visibilityTimeoutSeconds: fc.integer({ min: 0, max: 60 }),
    maxReceiveCount: fc.integer({ min: 1, max: 5 }),
    retentionSeconds: fc.integer({ min: 60, max: 600 }),
  }),
  stream: fc.record({ shards: fc.integer({ min: 1, max: 3 }), hotKeyFraction: fc.constantFrom(0, 0.5) }),
  table: fc.record({ streamEnabled: fc.boolean(), itemKB: fc.integer({ min: 1, max: 8 }) }),
  // A bucket feeds a bus only when it is the default bus (S3's EventBridge switch).
  eventBus: fc.record({ busType: fc.constantFrom('custom', 'default') }),
  server: fc.record({
    instances: fc.record({ min: fc.integer({ min: 0, max: 2 }), max: fc.integer({ min: 2, max: 3 }) }),
    concurrencyPerInstance: fc.integer({ min: 1, max: 4 }),
    duration: fc.record({ dist: fc.constant('exponential'), meanMs: fc.integer({ min: 5, max: 300 }) }),
  }),
  // Steps name their function once the edges are drawn (wireStateMachines); a task runs
  // alongside the one above only where both are tasks, as validation requires.
  stateMachine: fc.record({
    workflowType: fc.constantFrom('standard', 'express'),
    steps: fc
      .array(
        fc.record({
          name: fc.constantFrom('A', 'B'),
          type: fc.constantFrom('task', 'task', 'wait', 'map'),
          seconds: fc.integer({ min: 0, max: 5 }),
          items: fc.integer({ min: 1, max: 4 }),
          concurrency: fc.integer({ min: 1, max: 3 }),
          alongside: fc.constantFrom(false, false, true),
          maxAttempts: fc.integer({ min: 0, max: 2 }),
          catchFailures: fc.boolean(),
        }),
        { minLength: 1, maxLength: 4 },
      )
      .map((steps) =>
        steps.map((s, i) => ({
          ...s,
          alongside: s.alongside && i > 0 && s.type === 'task' && steps[i - 1].type === 'task',
        })),
      ),
  }),
  // An enrichment named by id is valid only when the pipe happens to be connected to that
  // function (else the document is refused and skipped); most pipes have none.
  pipe: fc.record({
    filterShare: fc.constantFrom(1, 1, 0.5, 0),
    enrichment: fc.constantFrom('', '', '', 'function2', 'function3', 'function4'),
  }),
  // Task sizes valid on Fargate and fitting every instance type offered here; services of one
  // cluster name share instances (and, on EKS, the cluster fee).
  container: fc
    .record({
      tasks: fc.record({ min: fc.integer({ min: 0, max: 2 }), max: fc.integer({ min: 2, max: 3 }) }),
      concurrencyPerTask: fc.integer({ min: 1, max: 4 }),
      duration: fc.record({ dist: fc.constant('exponential'), meanMs: fc.integer({ min: 5, max: 300 }) }),
      size: fc.constantFrom([0.25, 0.5], [0.5, 1], [1, 2]),
      launchType: fc.constantFrom('fargate', 'ec2', 'eks'),
      instanceType: fc.constantFrom('t3.small', 'm5.large'),
      cluster: fc.constantFrom('default', 'b'),
    })
    .map(({ size: [vcpu, memoryGB], ...p }) => ({ ...p, vcpu, memoryGB })),
};

const ROLES_BY_PAIR = new Map<string, string[]>();
for (const r of CONNECTIONS)
  for (const s of r.sources)
    for (const t of r.targets)
      for (const role of r.roles)
        ROLES_BY_PAIR.set(`${s}>${t}`, [...(ROLES_BY_PAIR.get(`${s}>${t}`) ?? []), role]);

/**
 * A state machine's steps call the functions it is connected to, in turn (a learner names
 * them); with none connected its steps wait instead, so the document is not refused.
 */
function wireStateMachines(
  nodes: { id: string; kind: string; params: Record<string, unknown> }[],
  edges: { source: string; target: string; role: string }[],
): void {
  const kindOf = new Map(nodes.map((n) => [n.id, n.kind]));
  for (const n of nodes) {
    if (n.kind !== 'stateMachine') continue;
    const called = edges
      .filter((e) => e.source === n.id && e.role === 'invoke' && kindOf.get(e.target) === 'function')
      .map((e) => e.target);
    const steps = (n.params.steps as Record<string, unknown>[] | undefined) ?? [];
    n.params = {
      ...n.params,
      steps: steps.map((s, i) =>
        called.length === 0
          ? { ...s, type: 'wait', alongside: false }
          : s.type === 'wait'
            ? s
            : { ...s, function: called[i % called.length] },
      ),
    };
  }
}

/**
 * Random graphs over every kind: nodes in a random order, edges only forward (no loops) and
 * only where the connection table allows them; documents the validator refuses are skipped.
 */
const arbGraph = fc
  .record({
    kinds: fc.array(fc.constantFrom(...NODE_KINDS), { minLength: 3, maxLength: 9 }),
    picks: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat()), { minLength: 6, maxLength: 30 }),
    params: fc.array(fc.tuple(...NODE_KINDS.map((k) => PARAMS[k] ?? fc.constant({}))), {
      minLength: 9,
      maxLength: 9,
    }),
    seed: fc.integer({ min: 0, max: 10_000 }),
  })
  .map(({ kinds, picks, params, seed }) => {
    const all: NodeKind[] = ['producer', ...kinds];
    const nodes = all.map((kind, i) => ({
      id: `${kind}${i}`,
      kind,
      params: params[i % params.length][NODE_KINDS.indexOf(kind)],
    }));
    const edges: { source: string; target: string; role: string }[] = [];
    const seen = new Set<string>();
    for (const [a, b, r] of picks) {
      const i = a % nodes.length;
      const j = i + 1 + (b % Math.max(1, Math.min(3, nodes.length - i - 1)));
      if (j >= nodes.length) continue;
      const roles = ROLES_BY_PAIR.get(`${nodes[i].kind}>${nodes[j].kind}`);
      if (!roles) continue;
      const role = roles[r % roles.length];
      if (seen.has(`${i}>${j}`)) continue;
      seen.add(`${i}>${j}`);
      edges.push({ source: nodes[i].id, target: nodes[j].id, role });
    }
    wireStateMachines(nodes, edges);
    return scenario(nodes, edges, { durationSeconds: 120, seed });
  })
  .filter((doc) => validateScenario(doc).ok);

describe('engine invariants over random graphs of every kind', () => {
  it('conserves requests, never goes negative or costs less than zero, and repeats exactly', () => {
    const kindsSeen = new Set<string>();
    const wiringSeen = new Set<string>();
    fc.assert(
      fc.property(arbGraph, (doc) => {
        doc.nodes.forEach((n) => kindsSeen.add(n.kind));
        for (const n of doc.nodes)
          if (n.kind === 'container') wiringSeen.add(`container on ${n.params.launchType}`);
        const kindOf = new Map(doc.nodes.map((n) => [n.id, n.kind]));
        for (const e of doc.edges) wiringSeen.add(`${kindOf.get(e.source)}>${kindOf.get(e.target)}`);
        const r = run(doc, { series: true, maxEvents: 2_000_000 });
        expect(r.incomplete).toBeUndefined();
        const t = r.totals;
        expect(t.requests).toBe(t.completed + t.failed + t.deadLettered + t.dropped + t.inFlight);
        const bad = numbersIn({ totals: r.totals, nodes: r.nodes, series: r.series }, 'result', []).filter(
          ([, v]) => !(Number.isFinite(v) && v >= 0),
        );
        expect(bad).toEqual([]);
        expect(withoutWall(run(doc, { series: true, maxEvents: 2_000_000 }))).toBe(withoutWall(r));
      }),
      { numRuns: 150, seed: 424242 },
    );
    // The generator must actually reach every kind, or the property proves less than it says.
    expect([...kindsSeen].sort()).toEqual([...NODE_KINDS].sort());
    // …and the wiring of the newer kinds and options: S3 → EventBridge (default bus), a state
    // machine calling a function, a pipe reading a queue and handing on (pipes.test.ts builds
    // every source and target of a pipe), each container launch type.
    for (const w of [
      'bucket>eventBus',
      'stateMachine>function',
      'queue>pipe',
      'container on fargate',
      'container on ec2',
      'container on eks',
    ])
      expect(wiringSeen, w).toContain(w);
    expect([...wiringSeen].some((w) => w.startsWith('pipe>'))).toBe(true);
  }, 240_000);
});
