import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { METERS } from '../../../src/engine/billing/meters';
import { OUTCOME_CLASSES } from '../../../src/engine/kinds/catalog-types';
import { KINDS, NODE_KINDS, type NodeKind } from '../../../src/engine/kinds/registry';
import { RUNTIMES } from '../../../src/engine/kinds/runtimes';
import type { Result } from '../../../src/engine/result';
import { Simulation } from '../../../src/engine/simulate';
import { scenario } from '../helpers';

/**
 * Every kind's catalog (kinds/<kind>/catalog.ts) against what its runtime produces: the app
 * draws badges, charts, gauges and replay colours from the catalogs alone, so a metric,
 * series, hop outcome or meter the runtime produces must be declared, and a declared one must
 * be produced by some run (else the UI points at a name that never comes).
 */

const KINDS_DIR = join(import.meta.dirname, '../../../src/engine/kinds');
const TEMPLATES_DIR = join(import.meta.dirname, '../../../src/templates');

/** Scenarios that reach what the templates do not: failures, a table's stream, workers. */
function extraScenarios() {
  const steady = (rate: number) => ({ traffic: { shape: 'constant', ratePerSecond: rate } });
  return [
    // Throttles, timeouts and errors behind an API and a load balancer; a queue whose poller
    // the function throttles (a hop of class throttle).
    scenario(
      [
        { id: 'clients', kind: 'producer', params: steady(50) },
        { id: 'backlog', kind: 'queue' },
        { id: 'tight', kind: 'function', params: { reservedConcurrency: 1, duration: { meanMs: 500 } } },
        { id: 'api', kind: 'apiGateway', params: { timeoutMs: 1000 } },
        {
          id: 'fn',
          kind: 'function',
          params: { reservedConcurrency: 5, errorRate: 0.2, timeoutMs: 1000, duration: { meanMs: 300 } },
        },
        { id: 'lb', kind: 'loadBalancer' },
        { id: 'web', kind: 'server', params: { instances: { min: 1, max: 1 }, concurrencyPerInstance: 2 } },
      ],
      [
        { source: 'clients', target: 'api' },
        { source: 'api', target: 'fn' },
        { source: 'clients', target: 'lb' },
        { source: 'lb', target: 'web' },
        { source: 'clients', target: 'backlog' },
        { source: 'backlog', target: 'tight' },
      ],
      { durationSeconds: 60 },
    ),
    // A table's stream read by a function, a queue worked by containers, a bus with a DLQ.
    scenario(
      [
        { id: 'app', kind: 'producer', params: steady(20) },
        { id: 'orders', kind: 'table', params: { streamEnabled: true } },
        { id: 'reader', kind: 'function', params: { errorRate: 0.3 } },
        { id: 'jobs', kind: 'queue' },
        { id: 'workers', kind: 'container' },
        { id: 'bus', kind: 'eventBus' },
        { id: 'slow', kind: 'function', params: { reservedConcurrency: 1, duration: { meanMs: 2000 } } },
        { id: 'dlq', kind: 'queue' },
      ],
      [
        { source: 'app', target: 'orders' },
        { source: 'orders', target: 'reader' },
        { source: 'app', target: 'jobs' },
        { source: 'jobs', target: 'workers' },
        { source: 'app', target: 'bus' },
        { source: 'bus', target: 'slow' },
        { source: 'bus', target: 'dlq', role: 'dlq' },
      ],
      { durationSeconds: 120 },
    ),
    // Pipes: from a queue with an enrichment that fails now and then (retries, a DLQ) to an
    // Express workflow; from a stream, filtered, to a bus.
    scenario(
      [
        {
          id: 'shop',
          kind: 'producer',
          params: { ...steady(20), eventTypes: [{ name: 'order' }, { name: 'refund' }] },
        },
        { id: 'inbox', kind: 'queue', params: { visibilityTimeoutSeconds: 5 } },
        { id: 'pipe', kind: 'pipe', params: { enrichment: 'lookup', filterShare: 0.8 } },
        { id: 'lookup', kind: 'function', params: { errorRate: 0.2 } },
        { id: 'flow', kind: 'stateMachine', params: { workflowType: 'express' } },
        { id: 'handle', kind: 'function' },
        { id: 'inboxDlq', kind: 'queue' },
        { id: 'clicks', kind: 'stream' },
        { id: 'clickPipe', kind: 'pipe', params: { filter: { type: ['order'] } } },
        { id: 'events', kind: 'eventBus' },
        { id: 'archive', kind: 'queue' },
      ],
      [
        { source: 'shop', target: 'inbox' },
        { source: 'inbox', target: 'pipe' },
        { source: 'pipe', target: 'lookup' },
        { source: 'pipe', target: 'flow' },
        { source: 'flow', target: 'handle' },
        { source: 'inbox', target: 'inboxDlq', role: 'dlq' },
        { source: 'shop', target: 'clicks' },
        { source: 'clicks', target: 'clickPipe', params: { batchSize: 10 } },
        { source: 'clickPipe', target: 'events' },
        { source: 'events', target: 'archive' },
      ],
      { durationSeconds: 120 },
    ),
    // Container services on instances: ECS on EC2 and EKS (their pool's metrics and series).
    scenario(
      [
        { id: 'clients', kind: 'producer', params: steady(5) },
        { id: 'lb', kind: 'loadBalancer' },
        { id: 'onEc2', kind: 'container', params: { launchType: 'ec2' } },
        { id: 'onEks', kind: 'container', params: { launchType: 'eks', instanceType: 't3.medium' } },
      ],
      [
        { source: 'clients', target: 'lb' },
        { source: 'lb', target: 'onEc2' },
        { source: 'lb', target: 'onEks' },
      ],
      { durationSeconds: 60 },
    ),
    // Workflows: a Standard one behind an API that catches a failing step, an Express one started
    // by a bus whose failing step is not caught.
    scenario(
      [
        { id: 'clients', kind: 'producer', params: steady(5) },
        { id: 'api', kind: 'apiGateway' },
        {
          id: 'orders',
          kind: 'stateMachine',
          params: { steps: [{ name: 'Charge', function: 'pay', maxAttempts: 1, catchFailures: true }] },
        },
        { id: 'pay', kind: 'function', params: { errorRate: 0.5 } },
        { id: 'failed', kind: 'queue' },
        { id: 'bus', kind: 'eventBus' },
        { id: 'quick', kind: 'stateMachine', params: { workflowType: 'express' } },
        { id: 'work', kind: 'function', params: { errorRate: 0.5 } },
      ],
      [
        { source: 'clients', target: 'api' },
        { source: 'api', target: 'orders' },
        { source: 'orders', target: 'pay' },
        { source: 'orders', target: 'failed', role: 'onFailure' },
        { source: 'clients', target: 'bus' },
        { source: 'bus', target: 'quick' },
        { source: 'quick', target: 'work' },
      ],
      { durationSeconds: 60 },
    ),
  ];
}

interface Seen {
  runs: number;
  metrics: Map<string, number>;
  series: Map<string, number>;
  outcomes: Set<string>;
  /** What the service map counts for its nodes (catalog.serviceMap.count), over all runs. */
  mapCount: number;
}

/** Every usage line the runs reported, with the kind of the node that reported it. */
const usage: { kind: NodeKind; meter: string }[] = [];

function collect(): Map<NodeKind, Seen> {
  const seen = new Map<NodeKind, Seen>();
  const docs: unknown[] = [...extraScenarios()];
  for (const f of readdirSync(TEMPLATES_DIR).filter((x) => x.endsWith('.json')))
    docs.push(JSON.parse(readFileSync(join(TEMPLATES_DIR, f), 'utf8')));
  for (const doc of docs) {
    const sim = Simulation.create(doc, {
      durationSeconds: 300,
      series: true,
      traceSampleRate: 0.05,
      maxTraces: 500,
    });
    while (!sim.step(1 << 18));
    const r: Result = sim.result();
    for (const node of sim.ctx.nodes)
      for (const u of node.usage()) usage.push({ kind: node.spec.kind, meter: u.meter });
    const kindOf = (id: string) => r.nodes[id]?.kind;
    for (const [id, n] of Object.entries(r.nodes)) {
      let s = seen.get(n.kind);
      if (!s) {
        s = { runs: 0, metrics: new Map(), series: new Map(), outcomes: new Set(), mapCount: 0 };
        seen.set(n.kind, s);
      }
      s.runs++;
      for (const m of KINDS[n.kind].serviceMap.count) {
        const v = (n.metrics as Record<string, unknown>)[m];
        if (typeof v === 'number') s.mapCount += v;
      }
      for (const m of Object.keys(n.metrics)) s.metrics.set(m, (s.metrics.get(m) ?? 0) + 1);
      for (const key of Object.keys(r.series ?? {})) {
        if (!key.startsWith(`${id}.`)) continue;
        // Per-shard series count under their declared name.
        const name = key.slice(id.length + 1).replace(/^shard\d+\./, 'shard*.');
        s.series.set(name, (s.series.get(name) ?? 0) + 1);
      }
    }
    for (const t of r.traces)
      for (const h of t.hops) {
        const k = kindOf(h.node);
        if (k) seen.get(k)!.outcomes.add(h.outcome);
      }
  }
  return seen;
}

const seen = collect();

function meterMatches(pattern: string, id: string): boolean {
  return pattern.endsWith('*') ? id.startsWith(pattern.slice(0, -1)) : id === pattern;
}

describe('catalogs and runtimes agree', () => {
  it.each(NODE_KINDS)('%s runs in at least one scenario of this test', (kind) => {
    expect(seen.get(kind)?.runs ?? 0, `add a scenario with a ${kind} node to this test`).toBeGreaterThan(0);
  });

  it.each(NODE_KINDS)('%s: the metrics a run produces are exactly the declared ones', (kind) => {
    const s = seen.get(kind)!;
    const declared = KINDS[kind].metrics;
    const undeclared = [...s.metrics.keys()].filter((m) => !Object.hasOwn(declared, m));
    expect(undeclared, `declare these in kinds/${kind}/catalog.ts`).toEqual([]);
    for (const [m, info] of Object.entries(declared)) {
      const n = s.metrics.get(m) ?? 0;
      if (info.optional) expect(n, `${kind}.${m} never produced`).toBeGreaterThan(0);
      else expect(n, `${kind}.${m} missing from some run`).toBe(s.runs);
    }
  });

  it.each(NODE_KINDS)('%s: the series a run records are exactly the declared ones', (kind) => {
    const s = seen.get(kind)!;
    const declared = KINDS[kind].series;
    const names = new Set(Object.keys(declared));
    for (const [name, info] of Object.entries(declared)) if (info.perShard) names.add(`shard*.${name}`);
    const undeclared = [...s.series.keys()].filter((m) => !names.has(m));
    expect(undeclared, `declare these in kinds/${kind}/catalog.ts`).toEqual([]);
    for (const [name, info] of Object.entries(declared)) {
      const n = s.series.get(name) ?? 0;
      if (info.optional) expect(n, `${kind}.${name} never recorded`).toBeGreaterThan(0);
      else expect(n, `${kind}.${name} missing from some run`).toBe(s.runs);
      if (info.perShard) expect(s.series.get(`shard*.${name}`) ?? 0).toBeGreaterThan(0);
    }
  });

  it.each(NODE_KINDS)('%s: every hop outcome recorded on it is declared, with its X-Ray class', (kind) => {
    const declared = KINDS[kind].outcomes;
    const undeclared = [...seen.get(kind)!.outcomes].filter((o) => !Object.hasOwn(declared, o));
    expect(undeclared, `declare these outcomes in kinds/${kind}/catalog.ts`).toEqual([]);
    for (const [o, cls] of Object.entries(declared))
      expect(OUTCOME_CLASSES, `kinds/${kind}/catalog.ts: the class of outcome "${o}"`).toContain(cls);
  });

  it('the runs reach all four X-Ray classes, so the service map and replay colours are exercised', () => {
    const all = [...seen].flatMap(([k, s]) => [...s.outcomes].map((o) => KINDS[k].outcomes[o]));
    expect(new Set(all)).toEqual(new Set(OUTCOME_CLASSES));
  });

  it.each(NODE_KINDS)(
    '%s: the service map reads declared metrics of the right role, and counts its traffic',
    (kind) => {
      const { serviceMap, metrics } = KINDS[kind];
      const roleOf = (m: string) => (Object.hasOwn(metrics, m) ? metrics[m].role : 'undeclared');
      const counters = [
        ...serviceMap.count,
        ...(serviceMap.ok ?? []),
        ...(serviceMap.error ?? []),
        ...(serviceMap.throttle ?? []),
        ...(serviceMap.fault ?? []),
      ];
      expect(counters.filter((m) => roleOf(m) !== 'counter')).toEqual([]);
      if (serviceMap.latency) expect(roleOf(serviceMap.latency)).toBe('latency');
      expect(
        seen.get(kind)!.mapCount,
        `the service map would show ${kind} nodes idle in every run`,
      ).toBeGreaterThan(0);
    },
  );

  it.each(NODE_KINDS)('%s: its meters exist, and every usage line it reports is on one of them', (kind) => {
    const ids = Object.keys(METERS);
    for (const pattern of KINDS[kind].meters)
      expect(
        ids.some((id) => meterMatches(pattern, id)),
        `${pattern} is in no meter`,
      ).toBe(true);
  });
});

describe('usage lines name declared meters', () => {
  it('every usage line of every kind in the runs is on a meter its catalog declares', () => {
    expect(usage.length).toBeGreaterThan(20);
    const stray = usage.filter((u) => !KINDS[u.kind].meters.some((p) => meterMatches(p, u.meter)));
    expect(stray).toEqual([]);
  });
});

describe('a kind is one folder plus two registry lines', () => {
  const folders = readdirSync(KINDS_DIR).filter((f) => statSync(join(KINDS_DIR, f)).isDirectory());

  it('every folder under kinds/ is a kind with a catalog and a runtime entry, in both registries', () => {
    expect(folders.sort()).toEqual([...NODE_KINDS].sort());
    for (const k of folders) {
      expect(existsSync(join(KINDS_DIR, k, 'catalog.ts')), `${k}/catalog.ts`).toBe(true);
      expect(existsSync(join(KINDS_DIR, k, 'create.ts')), `${k}/create.ts`).toBe(true);
      expect(typeof RUNTIMES[k as NodeKind], `${k} in kinds/runtimes.ts`).toBe('function');
      expect(KINDS[k as NodeKind].kind).toBe(k);
    }
  });

  it('catalogs import no runtime code', () => {
    for (const k of folders) {
      const text = readFileSync(join(KINDS_DIR, k, 'catalog.ts'), 'utf8');
      expect(text, `${k}/catalog.ts`).not.toMatch(/from '\.\/(runtime|create)|sim\//);
    }
  });
});
