import { z } from 'zod';
import { distObject, distSchema, num } from '../../scenario/params';
import { autoscalingSchema, concurrencyPer, countRange, queueLimit, requestTimeoutMs } from './fleet-params';
import { INSTANCE_TYPE_NAMES, INSTANCE_TYPES } from './instance-types';

/** A part of a monolith: the instance must meet every component's peak need at once. */
export const componentSchema = z.object({
  name: z
    .string({ error: 'must be a name' })
    .min(1, { error: 'must not be empty' })
    .max(64, { error: 'must be at most 64 characters' }),
  vcpu: num({ min: 0, max: 192, default: 0.5, unit: 'vCPU', help: 'Peak CPU this component needs.' }),
  memoryGB: num({ min: 0, max: 1024, default: 1, unit: 'GB', help: 'Peak memory this component needs.' }),
  storageGB: num({
    min: 0,
    max: 16384,
    default: 0,
    unit: 'GB',
    help: 'Disk this component needs (EBS, up to 16 TiB per volume).',
  }),
});

/** Facts: §10.2 EC2 instance sizes and prices [EC2-3P] [EC2-3P-A]; scaling numbers are assumptions. */
export const serverParams = z.object({
  instanceType: z
    .enum(INSTANCE_TYPE_NAMES, { error: `must be one of: ${INSTANCE_TYPE_NAMES.join(', ')}` })
    .default('m5.large')
    .meta({
      description: 'EC2 instance type, billed per second (60 s minimum) while it runs.',
      help: `EC2 instance type, billed per second (60 s minimum) while it runs: ${INSTANCE_TYPE_NAMES.map((t) => `${t} ${INSTANCE_TYPES[t].vcpu} vCPU / ${INSTANCE_TYPES[t].memoryGB} GiB`).join('; ')}.`,
      source: '[EC2-3P] [EC2-3P-A]',
    }),
  instances: countRange('instances', { min: 1, max: 4 }),
  autoscaling: autoscalingSchema({
    scaleOutDelaySeconds: 240,
    scaleOutHelp:
      'From sustained load above the target to a new instance serving: about 3 min for the CloudWatch alarm plus about 1 min to boot. An assumption.',
  }),
  concurrencyPerInstance: concurrencyPer('instance'),
  duration: distSchema({
    default: { dist: 'lognormal', meanMs: 100, p99Ms: 300 },
    help: 'Time to handle one request on an idle instance.',
  }),
  durationByType: z
    .array(
      z.object({
        type: z
          .string({ error: 'must be an event type name' })
          .min(1, { error: 'must not be empty' })
          .max(64, { error: 'must be at most 64 characters' }),
        duration: distObject,
      }),
      { error: 'must be a list of { type, duration }' },
    )
    .default([])
    .meta({
      description: 'A different request time for some event types.',
      help: 'A different request time for requests of these event types (a monolith serving several kinds of request); the others take `duration`.',
    }),
  queueLimit,
  requestTimeoutMs,
  components: z
    .array(componentSchema, { error: 'must be a list of { name, vcpu, memoryGB, storageGB }' })
    .default([])
    .meta({
      description: 'The parts of a monolith; one instance must fit all of them at their peak.',
      help: 'The parts of a monolith; one instance must fit all of them at their peak, so the largest need of each sets the instance size.',
    }),
});

export type ServerParams = z.output<typeof serverParams>;
export type ServerComponent = z.output<typeof componentSchema>;
