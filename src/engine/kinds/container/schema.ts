import { z } from 'zod';
import { choice, distSchema, num } from '../../scenario/params';
import {
  autoscalingSchema,
  concurrencyPer,
  countRange,
  queueLimit,
  requestTimeoutMs,
} from '../server/fleet-params';
import { FARGATE_VCPUS, isValidFargateSize, validMemoryText, type FargateVcpu } from './fargate-sizes';

/** Facts: §10.1 Fargate prices and billing [FG-VANTAGE] [FG-3P]; task sizes from the ECS docs (see fargate-sizes.ts). */
export const containerParams = z
  .object({
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
        help: 'vCPU per task, billed per vCPU-hour; each value allows a set of memory sizes.',
        source: '[FG-VANTAGE]',
      }),
    memoryGB: num({
      min: 0.5,
      max: 120,
      default: 1,
      unit: 'GB',
      help: 'Memory per task, billed per GB-hour. Must suit the vCPU: 0.25 vCPU takes 0.5–2 GB, 1 vCPU 2–8 GB, 4 vCPU 8–30 GB.',
      source: '[FG-VANTAGE]',
    }),
    architecture: choice(['x86_64', 'arm64'] as const, {
      default: 'x86_64',
      help: 'arm64 (Graviton) costs about 20 % less per vCPU-hour and GB-hour.',
      source: '[FG-VANTAGE]',
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
    if (!isValidFargateSize(p.vcpu, p.memoryGB)) {
      ctx.addIssue({
        code: 'custom',
        path: ['memoryGB'],
        message: `must be ${validMemoryText(p.vcpu)} for ${p.vcpu} vCPU (Fargate task sizes)`,
      });
    }
  });

export type ContainerParams = z.output<typeof containerParams>;
