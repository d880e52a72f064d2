import { CALL_OUTCOMES, defineCatalog, NO_TRAITS } from '../catalog-types';
import { FLEET_FIELDS, FLEET_METRICS, FLEET_OUTCOMES } from '../server/catalog';
import { containerParams } from './schema';

export const containerCatalog = defineCatalog({
  kind: 'container',
  title: 'Fargate service',
  group: 'servers',
  icon: 'container',
  inSentence: 'a Fargate service',
  description:
    'An ECS service on Fargate: tasks of a fixed size, billed per second while they run, scaled between min and max.',
  params: containerParams,
  fields: {
    vcpu: { title: 'vCPU per task' },
    memoryGB: { title: 'Memory per task' },
    architecture: {
      title: 'Architecture',
      options: { x86_64: 'x86_64', arm64: 'arm64 (Graviton)' },
    },
    startupSeconds: { title: 'Task start-up time', group: 'performance' },
    tasks: {
      title: 'Tasks',
      group: 'limits',
      fields: { min: { title: 'Minimum' }, max: { title: 'Maximum' } },
    },
    ...FLEET_FIELDS,
    concurrencyPerTask: { title: 'Requests at once per task', group: 'limits' },
  },
  summary: (p) =>
    `${p.vcpu} vCPU · ${p.memoryGB} GB × ${p.tasks.min === p.tasks.max ? p.tasks.min : `${p.tasks.min}–${p.tasks.max}`}` +
    (p.architecture === 'arm64' ? ' · arm64' : ''),
  metrics: {
    ...FLEET_METRICS,
    maxInstances: { role: 'gauge', label: 'Max tasks', badge: { word: 'max tasks' } },
  },
  series: {
    instances: { sampling: 'level', label: 'Instances', chart: 'capacity', gauge: 'tasks' },
    utilization: { sampling: 'level', label: 'CPU utilization', chart: 'utilization', gauge: 'busy' },
    queue: { sampling: 'level', label: 'Queue', gauge: 'waiting' },
    requests: { sampling: 'rate', label: 'Requests', chart: 'traffic' },
  },
  // As a queue's worker, the queue's poller records call outcomes on it.
  outcomes: { ...FLEET_OUTCOMES, ...CALL_OUTCOMES },
  traits: NO_TRAITS,
  meters: ['fargate.*'],
});
