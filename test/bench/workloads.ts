import type { ScenarioInput } from '../../src/engine/scenario/schema';

type NodeIn = { id: string; kind: string; params?: Record<string, unknown> };
type EdgeIn = { source: string; target: string; role?: string; params?: Record<string, unknown> };

function scenario(
  name: string,
  durationSeconds: number,
  nodes: NodeIn[],
  edges: EdgeIn[],
  seed = 7,
): ScenarioInput {
  return {
    format: 'serverless-sim.scenario',
    version: 1,
    name,
    settings: { durationSeconds, seed },
    nodes: nodes.map((n, i) => ({
      id: n.id,
      kind: n.kind,
      label: n.id,
      position: { x: 200 * i, y: 0 },
      params: n.params ?? {},
    })),
    edges: edges.map((e, i) => ({ id: `e${i + 1}`, ...e, params: e.params ?? {} })),
  } as ScenarioInput;
}

const poisson = (ratePerSecond: number) => ({ traffic: { shape: 'poisson', ratePerSecond } });
const fn = (meanMs: number, p99Ms: number, memoryMB = 512) => ({
  memoryMB,
  duration: { dist: 'lognormal', meanMs, p99Ms },
});

/** API Gateway → Lambda at a steady rate: the workload the targets in the README refer to. */
export function apiFunctionScenario(ratePerSecond: number, durationSeconds: number): ScenarioInput {
  return scenario(
    `API → function, ${ratePerSecond} req/s`,
    durationSeconds,
    [
      { id: 'clients', kind: 'producer', params: poisson(ratePerSecond) },
      { id: 'api', kind: 'apiGateway', params: { flavor: 'http' } },
      { id: 'fn', kind: 'function', params: fn(80, 300) },
    ],
    [
      { source: 'clients', target: 'api' },
      { source: 'api', target: 'fn' },
    ],
  );
}

/** SQS standard queue → Lambda with batches of up to 10. */
export function sqsFunctionScenario(rate: number, seconds: number): ScenarioInput {
  return scenario(
    `SQS → function (batch 10), ${rate} msg/s`,
    seconds,
    [
      { id: 'clients', kind: 'producer', params: poisson(rate) },
      { id: 'q', kind: 'queue' },
      { id: 'fn', kind: 'function', params: fn(120, 500) },
    ],
    [
      { source: 'clients', target: 'q' },
      { source: 'q', target: 'fn', params: { batchSize: 10 } },
    ],
  );
}

/** SNS topic fanned out to three queues, each drained by its own function. */
export function snsFanOutScenario(rate: number, seconds: number): ScenarioInput {
  const nodes: NodeIn[] = [
    { id: 'clients', kind: 'producer', params: poisson(rate) },
    { id: 'topic', kind: 'topic' },
  ];
  const edges: EdgeIn[] = [{ source: 'clients', target: 'topic' }];
  for (const k of [1, 2, 3]) {
    nodes.push(
      { id: `q${k}`, kind: 'queue' },
      { id: `fn${k}`, kind: 'function', params: fn(60 * k, 250 * k) },
    );
    edges.push({ source: 'topic', target: `q${k}` }, { source: `q${k}`, target: `fn${k}` });
  }
  return scenario(`SNS → 3 queues → 3 functions, ${rate} msg/s`, seconds, nodes, edges);
}

/** A Kinesis stream of 4 provisioned shards read by one function. */
export function kinesisScenario(rate: number, seconds: number): ScenarioInput {
  return scenario(
    `Kinesis (4 shards) → function, ${rate} rec/s`,
    seconds,
    [
      { id: 'clients', kind: 'producer', params: poisson(rate) },
      { id: 'stream', kind: 'stream', params: { mode: 'provisioned', shards: 4 } },
      { id: 'fn', kind: 'function', params: fn(100, 400, 1024) },
    ],
    [
      { source: 'clients', target: 'stream' },
      { source: 'stream', target: 'fn', params: { batchSize: 100 } },
    ],
  );
}

/** EventBridge routing four event types to three functions and a queue. */
export function eventBridgeScenario(rate: number, seconds: number): ScenarioInput {
  return scenario(
    `EventBridge routing, ${rate} ev/s`,
    seconds,
    [
      {
        id: 'orders',
        kind: 'producer',
        params: {
          ...poisson(rate),
          eventTypes: [
            { name: 'OrderPlaced', weight: 60 },
            { name: 'OrderShipped', weight: 25 },
            { name: 'OrderCancelled', weight: 10 },
            { name: 'PaymentFailed', weight: 5 },
          ],
        },
      },
      { id: 'bus', kind: 'eventBus' },
      { id: 'fulfil', kind: 'function', params: fn(250, 1000) },
      { id: 'email', kind: 'function', params: fn(120, 500, 256) },
      { id: 'supportQueue', kind: 'queue' },
      { id: 'support', kind: 'function', params: fn(200, 800, 256) },
      { id: 'audit', kind: 'function', params: fn(30, 120, 128) },
    ],
    [
      { source: 'orders', target: 'bus' },
      { source: 'bus', target: 'fulfil', params: { pattern: { type: ['OrderPlaced'] } } },
      {
        source: 'bus',
        target: 'email',
        params: { pattern: { type: ['OrderPlaced', 'OrderShipped', 'OrderCancelled'] } },
      },
      {
        source: 'bus',
        target: 'supportQueue',
        params: { pattern: { type: ['OrderCancelled', 'PaymentFailed'] } },
      },
      { source: 'bus', target: 'audit' },
      { source: 'supportQueue', target: 'support', params: { batchSize: 10 } },
    ],
  );
}

/** An EC2 fleet with target-tracking autoscaling behind an Application Load Balancer. */
export function ec2FleetScenario(rate: number, seconds: number): ScenarioInput {
  return scenario(
    `EC2 fleet behind an ALB, ${rate} req/s`,
    seconds,
    [
      { id: 'clients', kind: 'producer', params: poisson(rate) },
      { id: 'alb', kind: 'loadBalancer', params: { algorithm: 'roundRobin' } },
      {
        id: 'app',
        kind: 'server',
        params: {
          instanceType: 'c5.large',
          instances: { min: 4, max: 40 },
          autoscaling: { targetUtilization: 0.6, scaleOutDelaySeconds: 120, cooldownSeconds: 300 },
          concurrencyPerInstance: 8,
          duration: { dist: 'lognormal', meanMs: 40, p99Ms: 160 },
          queueLimit: 200,
        },
      },
    ],
    [
      { source: 'clients', target: 'alb' },
      { source: 'alb', target: 'app' },
    ],
  );
}

/** The messaging workloads the bench prints besides API → function. */
export const MESSAGING_WORKLOADS: {
  label: string;
  make: (rate: number, seconds: number) => ScenarioInput;
}[] = [
  { label: 'SQS → function, batch 10', make: sqsFunctionScenario },
  { label: 'SNS → 3 queues → 3 functions', make: snsFanOutScenario },
  { label: 'Kinesis, 4 shards', make: kinesisScenario },
  { label: 'EventBridge routing', make: eventBridgeScenario },
  { label: 'EC2 fleet behind an ALB', make: ec2FleetScenario },
];
