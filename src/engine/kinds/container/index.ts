import type { KindModule } from '../types';
import { ContainerRuntime } from './runtime';
import { containerParams, type ContainerParams } from './schema';

export const containerKind: KindModule<ContainerParams> = {
  kind: 'container',
  title: 'Fargate service',
  group: 'servers',
  description:
    'An ECS service on Fargate: tasks of a fixed size, billed per second while they run, scaled between min and max.',
  params: containerParams,
  summary: (p) =>
    `${p.vcpu} vCPU · ${p.memoryGB} GB × ${p.tasks.min === p.tasks.max ? p.tasks.min : `${p.tasks.min}–${p.tasks.max}`}` +
    (p.architecture === 'arm64' ? ' · arm64' : ''),
  create: (ctx, spec, index) => new ContainerRuntime(ctx, spec, index),
};
