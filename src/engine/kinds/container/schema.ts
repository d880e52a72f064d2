import { z } from 'zod';
import { choice, distSchema, num } from '../../scenario/params';
import { INSTANCE_TYPE_NAMES, INSTANCE_TYPES } from '../server/instance-types';
import {
  autoscalingSchema,
  concurrencyPer,
  countRange,
  queueLimit,
  requestTimeoutMs,
} from '../server/fleet-params';
import { FARGATE_VCPUS, isValidFargateSize, validMemoryText, type FargateVcpu } from './fargate-sizes';

export const LAUNCH_TYPES = ['fargate', 'ec2', 'eks'] as const;
export type LaunchType = (typeof LAUNCH_TYPES)[number];

/** The fields only tasks placed on instances use (ECS on EC2, EKS nodes). */
const ON_INSTANCES = { launchType: ['ec2', 'eks'] } as const;

/**
 * Facts: §10.1 Fargate prices and billing [FG-VANTAGE] [FG-3P], "ECS on EC2: no ECS charge; you
 * pay for the EC2 instances" [FG-3P]; §10.2 the instance types [EC2-3P]; task sizes from the ECS
 * docs (see fargate-sizes.ts). The EKS cluster fee: billing/prices.ts (EKS).
 */
export const containerParams = z
  .object({
    launchType: choice(LAUNCH_TYPES, {
      default: 'fargate',
      help: 'Where the tasks run. Fargate: each task billed per vCPU and GB-second, no servers. ECS on EC2: tasks packed on EC2 instances you pay for per second, busy or idle (no ECS charge). EKS: the same, as pods on nodes, plus the cluster fee of 0.10 USD per hour.',
      source: '[FG-3P] [EC2-3P] [EKS-PRICE]',
    }),
    instanceType: z
      .enum(INSTANCE_TYPE_NAMES, { error: `must be one of: ${INSTANCE_TYPE_NAMES.join(', ')}` })
      .default('m5.large')
      .meta({
        description: 'The EC2 instance type the tasks are packed onto.',
        help: `The EC2 instance type the tasks are packed onto (each task reserves its vCPU and memory; a new instance starts when no running one has room), billed per second (60 s minimum) while it runs: ${INSTANCE_TYPE_NAMES.map((t) => `${t} ${INSTANCE_TYPES[t].vcpu} vCPU / ${INSTANCE_TYPES[t].memoryGB} GiB`).join('; ')}.`,
        source: '[EC2-3P] [EC2-3P-A]',
        showIf: ON_INSTANCES,
      }),
    cluster: z
      .string({ error: 'must be a cluster name' })
      .min(1, { error: 'must not be empty' })
      .max(100, { error: 'must be at most 100 characters' })
      .default('default')
      .meta({
        description: 'The cluster the tasks run in.',
        help: 'Services of one launch type with the same cluster name and instance type share instances (their tasks are packed together); on EKS the cluster fee is billed once per cluster name.',
        showIf: ON_INSTANCES,
      }),
    vcpu: z
      // A union of single literals, which forms render as a select.
      .union(
        FARGATE_VCPUS.map((v) => z.literal(v)) as unknown as [
          z.ZodLiteral<FargateVcpu>,
          ...z.ZodLiteral<FargateVcpu>[],
        ],
        { error: `must be one of: ${FARGATE_VCPUS.join(', ')} vCPU` },
      )
      .default(0.5)
      .meta({
        unit: 'vCPU',
        description: 'vCPU per task; each value allows a set of memory sizes.',
        help: 'vCPU per task: on Fargate billed per vCPU-hour, each value allowing a set of memory sizes; on EC2 or EKS what the task reserves on its instance.',
        source: '[FG-VANTAGE]',
      }),
    memoryGB: num({
      min: 0.5,
      max: 120,
      default: 1,
      unit: 'GB',
      help: 'Memory per task: on Fargate billed per GB-hour and must suit the vCPU (0.25 vCPU takes 0.5–2 GB, 1 vCPU 2–8 GB, 4 vCPU 8–30 GB); on EC2 or EKS what the task reserves on its instance.',
      source: '[FG-VANTAGE]',
    }),
    architecture: choice(['x86_64', 'arm64'] as const, {
      default: 'x86_64',
      help: 'arm64 (Graviton) costs about 20 % less per vCPU-hour and GB-hour. On EC2 or EKS the instance type sets it.',
      source: '[FG-VANTAGE]',
      showIf: { launchType: ['fargate'] },
    }),
    tasks: countRange('tasks', { min: 1, max: 4 }),
    autoscaling: autoscalingSchema({
      scaleOutDelaySeconds: 180,
      scaleOutHelp:
        "From sustained load above the target until ECS starts a task (the CloudWatch alarm's evaluation); the task then needs startupSeconds. An assumption.",
    }),
    startupSeconds: num({
      min: 0,
      max: 600,
      default: 60,
      int: true,
      unit: 's',
      help: 'From launch (image pull, billed) until a new task serves requests. 60 s is an assumption; large images take longer.',
      source: '[FG-VANTAGE]',
    }),
    concurrencyPerTask: concurrencyPer('task'),
    duration: distSchema({
      default: { dist: 'lognormal', meanMs: 100, p99Ms: 300 },
      help: 'Time to handle one request on an idle task.',
    }),
    queueLimit,
    requestTimeoutMs,
  })
  .superRefine((p, ctx) => {
    // On instances a task may reserve any memory; whether it fits the instance type is a
    // learner check (checks/container-fit.ts), which names the service and the fix.
    if (p.launchType === 'fargate' && !isValidFargateSize(p.vcpu, p.memoryGB)) {
      ctx.addIssue({
        code: 'custom',
        path: ['memoryGB'],
        message: `must be ${validMemoryText(p.vcpu)} for ${p.vcpu} vCPU (Fargate task sizes)`,
      });
    }
  });

export type ContainerParams = z.output<typeof containerParams>;
