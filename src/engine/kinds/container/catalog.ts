import { WRITER_CONNECTIONS } from '../shared-connections';
import { CALL_OUTCOMES, defineCatalog, NO_TRAITS } from '../catalog-types';
import { FLEET_FIELDS, FLEET_METRICS, FLEET_OUTCOMES } from '../server/catalog';
import {
  LVL_POOL_HOSTS,
  LVL_POOL_MEM,
  LVL_POOL_TASKS,
  LVL_POOL_VCPU,
  type RecordingNode,
} from '../record-codes';
import { containerParams } from './schema';

/** A service on a host pool (ECS on EC2, EKS): its pool's levels are recorded on it (host-pool.ts). */
const onHostPool = (node: RecordingNode) => node.hostVcpu !== undefined;

export const containerCatalog = defineCatalog({
  kind: 'container',
  title: 'Container service',
  group: 'servers',
  inSentence: 'a container service',
  description:
    'An ECS service on Fargate (tasks billed per second while they run), on EC2 instances you pay for, or on EKS nodes plus the cluster fee; scaled between min and max tasks.',
  params: containerParams,
  fields: {
    launchType: {
      title: 'Launch type',
      options: { fargate: 'Fargate', ec2: 'ECS on EC2', eks: 'EKS' },
    },
    instanceType: { title: 'Instance type' },
    cluster: { title: 'Cluster name' },
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
    (p.launchType === 'fargate'
      ? p.architecture === 'arm64'
        ? ' · arm64'
        : ''
      : ` · ${p.launchType === 'eks' ? 'EKS' : 'EC2'} ${p.instanceType}`),
  metrics: {
    ...FLEET_METRICS,
    maxInstances: { ...FLEET_METRICS.maxInstances, label: 'Max tasks', badge: { word: 'max tasks' } },
    // A queue worker's jobs that run out of time end its poller's hop `timeout`.
    timeouts: { ...FLEET_METRICS.timeouts, atT: { endedWith: ['504', 'timeout'] } },
    // On instances (ECS on EC2, EKS): the cluster pool's figures, the same on each of its services.
    // Idle capacity comes first: a node shows four badges, and it is the lesson of packing.
    idleCapacity: {
      role: 'gauge',
      label: 'Idle capacity (paid, reserved by no task)',
      badge: { word: 'idle', percent: true },
      optional: true,
      // The larger of the vCPU and memory shares the tasks reserve of the instances' capacity.
      recorded: {
        ofMeans: [LVL_POOL_HOSTS, LVL_POOL_VCPU, LVL_POOL_MEM],
        value: ([hosts, vcpu, memory], node) => {
          if (hosts <= 0) return 0;
          const used = Math.max(vcpu / (hosts * node.hostVcpu!), memory / (hosts * node.hostMemoryGB!));
          return used >= 1 ? 0 : 1 - used;
        },
        when: onHostPool,
      },
    },
    hostsMax: {
      role: 'gauge',
      label: 'Max EC2 instances (cluster)',
      badge: { word: 'EC2' },
      optional: true,
      recorded: { peak: [LVL_POOL_HOSTS], when: onHostPool },
    },
    hostsMean: {
      role: 'gauge',
      label: 'Mean EC2 instances (cluster)',
      optional: true,
      recorded: { ofMeans: [LVL_POOL_HOSTS], value: ([hosts]) => hosts, when: onHostPool },
    },
    tasksPerHost: {
      role: 'gauge',
      label: 'Tasks per instance (mean)',
      optional: true,
      recorded: {
        ofMeans: [LVL_POOL_HOSTS, LVL_POOL_TASKS],
        value: ([hosts, tasks]) => (hosts > 0 ? tasks / hosts : 0),
        when: onHostPool,
      },
    },
  },
  series: {
    instances: { sampling: 'level', label: 'Instances', chart: 'capacity', gauge: 'tasks' },
    utilization: { sampling: 'level', label: 'CPU utilization', chart: 'utilization', gauge: 'busy' },
    hosts: {
      sampling: 'level',
      label: 'EC2 instances (cluster)',
      chart: 'capacity',
      gauge: 'EC2',
      optional: true,
    },
    queue: { sampling: 'level', label: 'Queue', gauge: 'waiting' },
    requests: { sampling: 'rate', label: 'Requests', chart: 'traffic' },
  },
  // As a queue's worker, the queue's poller records call outcomes on it.
  outcomes: { ...FLEET_OUTCOMES, ...CALL_OUTCOMES },
  traits: NO_TRAITS,
  insides: 'instances',
  // A rejection (the queue is full) and a timeout are Faults (5xx).
  serviceMap: { count: ['requests'], fault: ['rejected', 'timeouts'], latency: 'latencyMs' },
  meters: ['fargate.*', 'ec2.*', 'eks.*'],
  groups: ['writers', 'compute'],
  connections: [...WRITER_CONNECTIONS],
});
