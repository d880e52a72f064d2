import type { KindModule } from '../types';
import { serverParams, type ServerParams } from './schema';

export const serverKind: KindModule<ServerParams> = {
  kind: 'server',
  title: 'EC2 server',
  group: 'servers',
  description: 'EC2 instances behind an autoscaling group: a monolith or one tier, billed per instance-second whether busy or idle.',
  params: serverParams,
  summary: (p) =>
    `${p.instanceType} × ${p.instances.min === p.instances.max ? p.instances.min : `${p.instances.min}–${p.instances.max}`}` +
    ` · ${p.concurrencyPerInstance} at once` +
    (p.components.length > 0 ? ` · ${p.components.length} component${p.components.length === 1 ? '' : 's'}` : ''),
};
