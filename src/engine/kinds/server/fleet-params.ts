import { z } from 'zod';
import { num } from '../../scenario/params';

/**
 * Params shared by the two fleet kinds (EC2 server, Fargate container): how many run, how
 * they scale, and how each one queues and times out requests. None of these numbers are in
 * the facts file; every default here is an assumption and its help says so.
 */

export function countRange(unit: 'instances' | 'tasks', defaults: { min: number; max: number }) {
  return z
    .object({
      min: num({
        min: 0,
        max: 1000,
        default: defaults.min,
        int: true,
        unit,
        help: `Fewest ${unit} kept running (also the count at the start).`,
      }),
      max: num({
        min: 1,
        max: 1000,
        default: defaults.max,
        int: true,
        unit,
        help: `Most ${unit} autoscaling may run; equal to min turns scaling off.`,
      }),
    })
    .superRefine((r, ctx) => {
      if (r.min > r.max)
        ctx.addIssue({ code: 'custom', path: ['min'], message: `must be at most max (${r.max})` });
    })
    .prefault({})
    .meta({
      description: `How many ${unit} run: between min and max.`,
      help: `How many ${unit} run: between min and max.`,
    });
}

export function autoscalingSchema(o: { scaleOutDelaySeconds: number; scaleOutHelp: string }) {
  return z
    .object({
      targetUtilization: num({
        min: 0.05,
        max: 1,
        default: 0.6,
        unit: 'fraction',
        help: 'Target tracking: adds or removes capacity to keep mean utilization (busy request slots ÷ all slots) near this. 60 % is an assumption; AWS sets no default.',
      }),
      scaleOutDelaySeconds: num({
        min: 0,
        max: 3600,
        default: o.scaleOutDelaySeconds,
        int: true,
        unit: 's',
        help: o.scaleOutHelp,
      }),
      cooldownSeconds: num({
        min: 0,
        max: 3600,
        default: 300,
        int: true,
        unit: 's',
        help: "Wait after a scaling action before scaling in. 300 s is EC2 Auto Scaling's default cooldown (not in the facts file).",
      }),
    })
    .prefault({})
    .meta({
      description: 'Target-tracking autoscaling between min and max.',
      help: 'Target-tracking autoscaling between min and max.',
    });
}

export function concurrencyPer(unit: 'instance' | 'task') {
  return num({
    min: 1,
    max: 10000,
    default: 10,
    int: true,
    unit: 'requests',
    help: `Requests one ${unit} handles at once (worker threads or event-loop capacity); more wait in its queue. 10 is an assumption: measure your own.`,
  });
}

export const queueLimit = num({
  min: 0,
  max: 1_000_000,
  default: 100,
  int: true,
  unit: 'requests',
  help: 'Requests that may wait for a free slot across the fleet; beyond it new ones are rejected (503). 100 is an assumption.',
});

export const requestTimeoutMs = num({
  min: 1,
  max: 3_600_000,
  default: 60000,
  int: true,
  unit: 'ms',
  help: "A request not finished after this long (waiting included) fails with 504. 60 s is an assumption, matching the ALB's default idle timeout.",
});
