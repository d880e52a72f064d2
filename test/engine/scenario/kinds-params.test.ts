import { describe, expect, it } from 'vitest';
import { KINDS, NODE_KINDS } from '../../../src/engine/kinds/registry';
import { functionParams } from '../../../src/engine/kinds/function/schema';
import { validateScenario } from '../../../src/engine/scenario/validate';
import { doc, errorsOf } from './build';

describe('kind params', () => {
  it.each(NODE_KINDS)('%s accepts {} and fills in every default', (kind) => {
    const module = KINDS[kind];
    const parsed = module.params.safeParse({});
    expect(parsed.success).toBe(true);
    expect(typeof module.summary(parsed.data as never)).toBe('string');
    expect(module.summary(parsed.data as never).length).toBeGreaterThan(0);
  });

  it('a scenario of {}-params nodes of every kind validates, with defaults applied', () => {
    // A state machine's default step calls the one function it is connected to.
    const r = validateScenario(
      doc(
        NODE_KINDS.map((kind) => ({ id: kind, kind })),
        [{ source: 'stateMachine', target: 'function' }],
      ),
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const byId = Object.fromEntries(r.scenario.nodes.map((n) => [n.id, n]));
    expect(byId.queue.params).toEqual({
      type: 'standard',
      visibilityTimeoutSeconds: 30,
      retentionSeconds: 345600,
      maxReceiveCount: 5,
      deliveryDelaySeconds: 0,
    });
    expect(byId.eventBus.params).toEqual({
      busType: 'custom',
      maximumRetryAttempts: 185,
      maximumEventAgeSeconds: 86400,
    });
    expect(byId.stream.params).toMatchObject({
      shards: 1,
      retentionHours: 24,
      mode: 'provisioned',
      hotKeyFraction: 0,
    });
    expect(byId.table.params).toMatchObject({ itemKB: 1, streamEnabled: false });
    expect(byId.server.params).toMatchObject({
      instanceType: 'm5.large',
      instances: { min: 1, max: 4 },
      autoscaling: { cooldownSeconds: 300 },
      components: [],
    });
    expect(byId.container.params).toMatchObject({ vcpu: 0.5, memoryGB: 1, tasks: { min: 1, max: 4 } });
    expect(byId.function.label).toBe('function');
  });

  it('summaries read like the canvas wants them', () => {
    expect(KINDS.queue.summary(KINDS.queue.params.parse({}) as never)).toBe(
      'standard · visibility 30 s · DLQ after 5',
    );
    expect(KINDS.stream.summary(KINDS.stream.params.parse({ shards: 4 }) as never)).toBe(
      '4 shards · retention 24 h',
    );
  });
});

describe('kind param ranges say the fix', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    [
      'queue',
      { visibilityTimeoutSeconds: 50000 },
      'nodes[0].params.visibilityTimeoutSeconds (node "n"): 50000 — must be 0–43,200 s',
    ],
    [
      'queue',
      { retentionSeconds: 30 },
      'nodes[0].params.retentionSeconds (node "n"): 30 — must be 60–1,209,600 s',
    ],
    [
      'queue',
      { maxReceiveCount: 0 },
      'nodes[0].params.maxReceiveCount (node "n"): 0 — must be 1–1000 receives',
    ],
    [
      'queue',
      { deliveryDelaySeconds: 901 },
      'nodes[0].params.deliveryDelaySeconds (node "n"): 901 — must be 0–900 s',
    ],
    [
      'queue',
      { type: 'priority' },
      'nodes[0].params.type (node "n"): "priority" — must be one of: standard, fifo',
    ],
    [
      'eventBus',
      { maximumRetryAttempts: 200 },
      'nodes[0].params.maximumRetryAttempts (node "n"): 200 — must be 0–185 retries',
    ],
    [
      'eventBus',
      { maximumEventAgeSeconds: 10 },
      'nodes[0].params.maximumEventAgeSeconds (node "n"): 10 — must be 60–86,400 s',
    ],
    ['stream', { retentionHours: 12 }, 'nodes[0].params.retentionHours (node "n"): 12 — must be 24–8760 h'],
    ['stream', { shards: 0 }, 'nodes[0].params.shards (node "n"): 0 — must be 1–1000 shards'],
    [
      'stream',
      { hotKeyFraction: 1.5 },
      'nodes[0].params.hotKeyFraction (node "n"): 1.5 — must be 0–1 fraction',
    ],
    [
      'stream',
      { mode: 'auto' },
      'nodes[0].params.mode (node "n"): "auto" — must be one of: provisioned, onDemand',
    ],
    ['table', { itemKB: 500 }, 'nodes[0].params.itemKB (node "n"): 500 — must be 0.001–400 KB'],
    ['bucket', { storedGB: -1 }, 'nodes[0].params.storedGB (node "n"): -1 — must be 0–10,000,000 GB'],
    [
      'server',
      { instanceType: 'm6i.large' },
      'nodes[0].params.instanceType (node "n"): "m6i.large" — must be one of: t3.micro, t3.small, t3.medium, c5.large, m5.large, m7g.large, m5.xlarge',
    ],
    [
      'server',
      { instances: { min: 5, max: 2 } },
      'nodes[0].params.instances.min (node "n"): 5 — must be at most max (2)',
    ],
    [
      'server',
      { components: [{ name: '' }] },
      'nodes[0].params.components[0].name (node "n"): "" — must not be empty',
    ],
    [
      'server',
      { autoscaling: { targetUtilization: 2 } },
      'nodes[0].params.autoscaling.targetUtilization (node "n"): 2 — must be 0.05–1 fraction',
    ],
    [
      'container',
      { vcpu: 3 },
      'nodes[0].params.vcpu (node "n"): 3 — must be one of: 0.25, 0.5, 1, 2, 4, 8, 16 vCPU',
    ],
    [
      'container',
      { vcpu: 1, memoryGB: 1 },
      'nodes[0].params.memoryGB (node "n"): 1 — must be 2–8 GB in 1 GB steps for 1 vCPU (Fargate task sizes)',
    ],
    [
      'container',
      { vcpu: 0.25, memoryGB: 4 },
      'nodes[0].params.memoryGB (node "n"): 4 — must be 0.5, 1 or 2 GB for 0.25 vCPU (Fargate task sizes)',
    ],
    [
      'container',
      { vcpu: 8, memoryGB: 18 },
      'nodes[0].params.memoryGB (node "n"): 18 — must be 16–60 GB in 4 GB steps for 8 vCPU (Fargate task sizes)',
    ],
    [
      'loadBalancer',
      { algorithm: 'random' },
      'nodes[0].params.algorithm (node "n"): "random" — must be one of: roundRobin, leastOutstandingRequests',
    ],
  ];
  it.each(cases)('%s %j', (kind, params, line) => {
    expect(errorsOf(doc([{ id: 'n', kind, params }]))).toEqual([line]);
  });

  it('accepts every valid Fargate size', () => {
    for (const [vcpu, memoryGB] of [
      [0.25, 0.5],
      [0.5, 4],
      [1, 8],
      [2, 16],
      [4, 30],
      [8, 60],
      [16, 120],
    ]) {
      expect(validateScenario(doc([{ id: 'c', kind: 'container', params: { vcpu, memoryGB } }])).ok).toBe(
        true,
      );
    }
  });
});

describe('limits from the facts file', () => {
  it('refuses an INIT phase over 10 s [L-RTENV]', () => {
    const r = functionParams.safeParse({ coldStart: { dist: 'constant', meanMs: 10_001 } });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]).toMatchObject({
      path: ['coldStart', 'meanMs'],
      message: 'must be at most 10,000 ms: Lambda stops an INIT phase after 10 s',
    });
    expect(functionParams.safeParse({ coldStart: { dist: 'constant', meanMs: 10_000 } }).success).toBe(true);
    expect(
      functionParams.safeParse({ coldStart: { dist: 'uniform', meanMs: 5000, minMs: 0, maxMs: 12_000 } })
        .success,
    ).toBe(false);
  });
});
