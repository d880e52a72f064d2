import type { UsageLine } from '../../billing/types';
import type { SimContext } from '../../sim/context';
import { FleetRuntime } from '../server/fleet';
import type { NodeSpec } from '../types';
import type { ContainerParams } from './schema';

/**
 * An ECS service on Fargate: the fleet model of server/fleet.ts with tasks for instances.
 * A scale-out starts a task after the alarm (scaleOutDelaySeconds); the task is billed from
 * then (image pull included) and serves startupSeconds later. Billed per vCPU-second and
 * GB-second, per second with a one-minute minimum per task [FG-VANTAGE] [FG-3P].
 *
 * As a queue's worker it answers workerCapacity(t): running tasks × concurrencyPerTask − busy.
 */
export class ContainerRuntime extends FleetRuntime<ContainerParams> {
  constructor(ctx: SimContext, spec: NodeSpec<ContainerParams>, index: number) {
    const p = spec.params;
    super(ctx, spec, index, {
      min: p.tasks.min,
      max: p.tasks.max,
      concurrency: p.concurrencyPerTask,
      targetUtilization: p.autoscaling.targetUtilization,
      launchDelayMs: p.autoscaling.scaleOutDelaySeconds * 1000,
      bootMs: p.startupSeconds * 1000,
      cooldownMs: p.autoscaling.cooldownSeconds * 1000,
      queueLimit: p.queueLimit,
      timeoutMs: p.requestTimeoutMs,
      duration: p.duration,
    });
  }

  usage(): UsageLine[] {
    const p = this.params;
    const arch = p.architecture;
    const s = this.billedInstanceSeconds;
    return [
      {
        meter: `fargate.${arch}.vcpuSeconds`,
        name: `vCPU (${p.vcpu} per task, per second, 1 min minimum)`,
        quantity: s * p.vcpu,
      },
      {
        meter: `fargate.${arch}.gbSeconds`,
        name: `memory (${p.memoryGB} GB per task, per second, 1 min minimum)`,
        quantity: s * p.memoryGB,
      },
    ];
  }
}
