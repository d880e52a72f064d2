import { describe, expect, it } from 'vitest';
import type { EdgeMeaning, EdgeRole } from '../../../src/engine/kinds/catalog-types';
import { KINDS, NODE_KINDS, type NodeKind } from '../../../src/engine/kinds/registry';
import { CONNECTIONS, EDGE_ROLES, findRule, hint } from '../../../src/engine/scenario/connections';

/**
 * The connection table is built from the rules in the kinds' catalogs (`connections`, with
 * `groups`). This is the table as documented (design/scenario-format.md's edges, with the
 * workflow, pipe and destination rules the README describes), written out by hand: a rule
 * lost, added or changed in a catalog fails here.
 */
const WRITERS: NodeKind[] = ['producer', 'function', 'stateMachine', 'server', 'container'];
const SINKS: NodeKind[] = ['queue', 'topic', 'eventBus', 'stream', 'bucket', 'table'];
const COMPUTE: NodeKind[] = ['function', 'server', 'container'];
const SHARD_PARAMS = [
  'batchSize',
  'batchWindowSeconds',
  'parallelizationFactor',
  'maximumRetryAttempts',
  'maximumRecordAgeSeconds',
  'bisectBatchOnError',
];

type Row = [NodeKind[], NodeKind[], EdgeRole[], EdgeMeaning, string[]];
const DOCUMENTED: Row[] = [
  [['producer'], ['apiGateway', 'loadBalancer'], ['invoke'], 'request', []],
  [WRITERS, SINKS, ['invoke'], 'send', ['perRequest']],
  [WRITERS, ['stateMachine'], ['invoke'], 'send', ['perRequest']],
  [['apiGateway'], ['stateMachine'], ['invoke'], 'integration', []],
  [['apiGateway'], COMPUTE, ['invoke'], 'integration', []],
  [['loadBalancer'], COMPUTE, ['invoke'], 'integration', ['filter']],
  [['stateMachine'], ['function'], ['invoke'], 'integration', []],
  [['stateMachine'], ['function', 'queue', 'topic', 'eventBus'], ['onFailure'], 'destination', []],
  [['function'], ['function'], ['invoke'], 'invoke', ['mode', 'perRequest']],
  [['function'], ['function', 'queue', 'topic', 'eventBus'], ['onSuccess', 'onFailure'], 'destination', []],
  [['schedule', 'bucket', 'topic', 'eventBus'], ['function'], ['invoke'], 'async', ['filter', 'pattern']],
  [['schedule'], ['queue', 'topic', 'eventBus', 'stateMachine'], ['invoke'], 'send', []],
  [['bucket'], ['queue', 'topic', 'eventBus'], ['invoke'], 'delivery', []],
  [['topic'], ['queue'], ['invoke'], 'delivery', ['filter']],
  [['eventBus'], ['queue', 'topic', 'stream', 'stateMachine'], ['invoke'], 'delivery', ['pattern']],
  [['topic'], ['queue'], ['dlq'], 'destination', []],
  [['eventBus'], ['queue'], ['dlq'], 'destination', ['forTargets']],
  [
    ['queue'],
    ['function', 'container'],
    ['invoke'],
    'poller',
    ['batchSize', 'batchWindowSeconds', 'maximumConcurrency', 'reportBatchItemFailures'],
  ],
  [['queue'], ['queue'], ['dlq'], 'destination', []],
  [['queue'], ['pipe'], ['invoke'], 'poller', ['batchSize', 'batchWindowSeconds']],
  [['stream', 'table'], ['function', 'pipe'], ['invoke'], 'shardPoller', SHARD_PARAMS],
  [['stream', 'table'], ['queue', 'topic'], ['onFailure'], 'destination', []],
  [['pipe'], ['function', 'stateMachine'], ['invoke'], 'integration', []],
  [['pipe'], ['queue', 'topic', 'eventBus', 'stream'], ['invoke'], 'delivery', []],
];

/** "source target role" → meaning and params, for every allowed connection. */
function pairs(
  rows: readonly {
    sources: readonly NodeKind[];
    targets: readonly NodeKind[];
    roles: readonly EdgeRole[];
    meaning: EdgeMeaning;
    params: readonly string[];
  }[],
) {
  const out = new Map<string, string>();
  for (const r of rows)
    for (const s of r.sources)
      for (const t of r.targets)
        for (const role of r.roles)
          out.set(`${s} ${t} ${role}`, `${r.meaning} [${[...r.params].join(', ')}]`);
  return out;
}

describe('the connection table, built from the catalogs', () => {
  it('equals the documented table, pair by pair', () => {
    const built = pairs(CONNECTIONS);
    const documented = pairs(
      DOCUMENTED.map(([sources, targets, roles, meaning, params]) => ({
        sources,
        targets,
        roles,
        meaning,
        params,
      })),
    );
    expect(Object.fromEntries([...built].sort())).toEqual(Object.fromEntries([...documented].sort()));
  });

  it('groups stand for the kinds that join them', () => {
    const members = (g: string) =>
      NODE_KINDS.filter((k) => (KINDS[k].groups as readonly string[] | undefined)?.includes(g));
    expect(new Set(members('writers'))).toEqual(new Set(WRITERS));
    expect(new Set(members('sinks'))).toEqual(new Set(SINKS));
    expect(new Set(members('compute'))).toEqual(new Set(COMPUTE));
  });

  it('one rule at most for a source, a target and a role, so findRule is unambiguous', () => {
    for (const s of NODE_KINDS)
      for (const t of NODE_KINDS)
        for (const role of EDGE_ROLES) {
          const n = CONNECTIONS.filter(
            (r) => r.sources.includes(s) && r.targets.includes(t) && r.roles.includes(role),
          ).length;
          expect(n, `${s} → ${t} as ${role}`).toBeLessThanOrEqual(1);
        }
    expect(findRule('queue', 'pipe')?.meaning).toBe('poller');
  });

  it('the hints’ prose is built from the rules, in the kind’s own order', () => {
    expect(hint('queue')).toBe(
      'an SQS queue is polled by a Lambda function, a container service or an EventBridge pipe; dead-letters to an SQS queue',
    );
    expect(hint('loadBalancer')).toBe(
      'a load balancer proxies to a Lambda function, an EC2 server or a container service',
    );
  });
});
