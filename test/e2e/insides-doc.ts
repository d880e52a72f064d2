/**
 * A queue read by two functions (one gathering batches for a second), a stream read by two
 * functions (one with two lanes per shard), and an ECS-on-EC2 service whose tasks need a
 * second host: what the replay draws inside them at a scrubbed t must be the engine's
 * recording at exactly that t.
 */
export function insidesDoc() {
  const node = (id: string, kind: string, x: number, y: number, params: Record<string, unknown> = {}) => ({
    id,
    kind,
    label: id,
    position: { x, y },
    params,
  });
  const fn = (meanMs: number) => ({
    coldStart: { dist: 'constant', meanMs: 0 },
    duration: { dist: 'exponential', meanMs },
  });
  const traffic = (r: number) => ({ traffic: { shape: 'poisson', ratePerSecond: r } });
  return {
    format: 'serverless-sim.scenario',
    version: 1,
    name: 'Insides',
    settings: { durationSeconds: 120, seed: 9 },
    nodes: [
      node('orders', 'producer', 0, 0, traffic(40)),
      node('queue', 'queue', 320, 0),
      node('gatherer', 'function', 700, -120, fn(700)),
      node('worker', 'function', 700, 120, fn(300)),
      node('clicks', 'producer', 0, 420, traffic(30)),
      node('stream', 'stream', 320, 420, { shards: 2 }),
      node('slow', 'function', 700, 360, fn(900)),
      node('fast', 'function', 700, 560, fn(100)),
      node('users', 'producer', 1000, 0, traffic(15)),
      node('alb', 'loadBalancer', 1000, 240),
      node('tasks', 'container', 1000, 420, {
        launchType: 'ec2',
        instanceType: 'm5.large',
        vcpu: 1,
        memoryGB: 2,
        tasks: { min: 2, max: 4 },
        concurrencyPerTask: 2,
        startupSeconds: 20,
        autoscaling: { scaleOutDelaySeconds: 30, cooldownSeconds: 3600 },
        duration: { dist: 'exponential', meanMs: 200 },
      }),
    ],
    edges: [
      ['orders', 'queue', {}],
      ['queue', 'gatherer', { batchSize: 10, batchWindowSeconds: 1, maximumConcurrency: 2 }],
      ['queue', 'worker', { batchSize: 3, maximumConcurrency: 2 }],
      ['clicks', 'stream', {}],
      ['stream', 'slow', { batchSize: 5 }],
      ['stream', 'fast', { batchSize: 50, parallelizationFactor: 2 }],
      ['users', 'alb', {}],
      ['alb', 'tasks', {}],
    ].map(([source, target, params], i) => ({ id: `e${i + 1}`, source, target, role: 'invoke', params })),
  };
}
