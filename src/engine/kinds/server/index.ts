import type { KindModule } from '../types';
import { INSTANCE_TYPES, fits, peakNeed, smallestFittingInstance } from './instance-types';
import { ServerRuntime } from './runtime';
import { serverParams, type ServerParams } from './schema';

export { fitWarning, smallestFittingInstance } from './instance-types';

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

export const serverKind: KindModule<ServerParams> = {
  kind: 'server',
  title: 'EC2 server',
  group: 'servers',
  description:
    'EC2 instances behind an autoscaling group: a monolith or one tier, billed per instance-second whether busy or idle.',
  params: serverParams,
  summary: (p) =>
    `${p.instanceType} × ${p.instances.min === p.instances.max ? p.instances.min : `${p.instances.min}–${p.instances.max}`}` +
    ` · ${p.concurrencyPerInstance} at once` +
    componentsText(p),
  create: (ctx, spec, index) => new ServerRuntime(ctx, spec, index),
};
