import { WRITER_CONNECTIONS } from '../shared-connections';
import { defineCatalog, NO_TRAITS, type FieldWords } from '../catalog-types';
import { INSTANCE_TYPES, fits, peakNeed, smallestFittingInstance } from './instance-types';
import {
  LVL_FLEET_BUSY,
  LVL_FLEET_DRAINING,
  LVL_FLEET_SERVING,
  LVL_FLEET_STARTING,
  type RecordingNode,
} from '../record-codes';
import { serverParams, type ServerParams } from './schema';

/** A fleet's answers: 5xx a handler error, 504 its timeout, 503 no room to wait. */
export const FLEET_OUTCOMES = { '200': 'ok', '5xx': 'fault', '504': 'fault', '503': 'fault' } as const;

/** Metrics (badges in this order) shared with the Fargate service, which runs on the same fleet model. */
/** Words for the params every fleet (servers, container services) shares: fleet-params.ts. */
export const FLEET_FIELDS = {
  duration: { title: 'Service time', group: 'performance' },
  autoscaling: {
    title: 'Auto scaling',
    group: 'limits',
    fields: {
      targetUtilization: { title: 'Target utilization' },
      scaleOutDelaySeconds: { title: 'Scale-out delay' },
      cooldownSeconds: { title: 'Cooldown' },
    },
  },
  queueLimit: { title: 'Waiting requests limit', group: 'limits' },
  requestTimeoutMs: { title: 'Request timeout', group: 'limits' },
} as const satisfies Readonly<Record<string, FieldWords>>;

export const FLEET_METRICS = {
  requests: { role: 'counter', label: 'Requests', badge: { word: 'req' }, atT: 'arrivals' },
  maxInstances: {
    role: 'gauge',
    label: 'Max instances',
    badge: { word: 'max inst' },
    // Launched and not yet terminated: starting, serving or draining (fleet.ts's instances).
    recorded: { peak: [LVL_FLEET_STARTING, LVL_FLEET_SERVING, LVL_FLEET_DRAINING] },
  },
  meanUtilization: {
    role: 'gauge',
    label: 'Mean utilization',
    badge: { word: 'util', percent: true },
    // Busy request slots over the slots of the instances serving or draining.
    recorded: {
      meanOf: [LVL_FLEET_BUSY, LVL_FLEET_SERVING, LVL_FLEET_DRAINING],
      value: ([busy, serving, draining]: readonly number[], node: RecordingNode) => {
        const slots = (node.slotsPerInstance ?? 0) * (serving + draining);
        return slots > 0 ? busy / slots : 0;
      },
    },
  },
  meanInstances: { role: 'gauge', label: 'Mean instances' },
  maxQueue: { role: 'gauge', label: 'Max waiting' },
  latencyMs: { role: 'latency', label: 'Latency (ms)' },
  rejected: { role: 'counter', label: 'Rejected (503)', atT: { endedWith: ['503'] }, recorded: 'increments' },
  timeouts: { role: 'counter', label: 'Timeouts', atT: { endedWith: ['504'] } },
} as const;

export const serverCatalog = defineCatalog({
  kind: 'server',
  title: 'EC2 server',
  group: 'servers',
  inSentence: 'an EC2 server',
  description:
    'EC2 instances behind an autoscaling group: a monolith or one tier, billed per instance-second whether busy or idle.',
  params: serverParams,
  fields: {
    instanceType: { title: 'Instance type' },
    instances: {
      title: 'Instances',
      group: 'limits',
      fields: { min: { title: 'Minimum' }, max: { title: 'Maximum' } },
    },
    ...FLEET_FIELDS,
    concurrencyPerInstance: { title: 'Requests at once per instance', group: 'limits' },
    durationByType: { title: 'Service time by event type', group: 'advanced' },
    components: {
      title: 'Components (monolith parts)',
      group: 'advanced',
      fields: { item: { fields: { vcpu: { title: 'vCPU' } } } },
    },
  },
  summary: (p) =>
    `${p.instanceType} × ${p.instances.min === p.instances.max ? p.instances.min : `${p.instances.min}–${p.instances.max}`}` +
    ` · ${p.concurrencyPerInstance} at once` +
    componentsText(p),
  metrics: FLEET_METRICS,
  series: {
    instances: { sampling: 'level', label: 'Instances', chart: 'capacity', gauge: 'instances' },
    utilization: { sampling: 'level', label: 'CPU utilization', chart: 'utilization', gauge: 'busy' },
    queue: { sampling: 'level', label: 'Queue', gauge: 'waiting' },
    requests: { sampling: 'rate', label: 'Requests', chart: 'traffic' },
  },
  outcomes: FLEET_OUTCOMES,
  traits: NO_TRAITS,
  insides: 'instances',
  // A rejection (the queue is full) and a timeout are Faults (5xx).
  serviceMap: { count: ['requests'], fault: ['rejected', 'timeouts'], latency: 'latencyMs' },
  meters: ['ec2.*'],
  groups: ['writers', 'compute'],
  connections: [...WRITER_CONNECTIONS],
});

/** "· 3 components, fits t3.medium" or "· 3 components: too small, needs c5.large". */
function componentsText(p: ServerParams): string {
  const n = p.components.length;
  if (n === 0) return '';
  const label = ` · ${n} component${n === 1 ? '' : 's'}`;
  const best = smallestFittingInstance(p.components);
  if (fits(p.instanceType, peakNeed(p.components)))
    return best && best !== p.instanceType ? `${label}, smallest fit ${best}` : label;
  return `${label}: too small, ${best ? `needs ${best} (${INSTANCE_TYPES[best].vcpu} vCPU / ${INSTANCE_TYPES[best].memoryGB} GB)` : 'no type fits'}`;
}
