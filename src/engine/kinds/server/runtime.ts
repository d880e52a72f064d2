import { ec2MeterId } from '../../billing/meters';
import type { UsageLine } from '../../billing/types';
import type { SimContext } from '../../sim/context';
import type { NodeSpec } from '../types';
import { FleetRuntime } from './fleet';
import { fitWarning } from './instance-types';
import type { ServerParams } from './schema';

/**
 * Of the server's scale-out delay, the part spent booting a launched (and billed) instance;
 * the rest is the CloudWatch alarm before the launch. About 1 minute, as the
 * scaleOutDelaySeconds help says; an assumption (not in the facts file).
 */
export const EC2_BOOT_SECONDS = 60;

/**
 * EC2 instances of one type (a monolith or one tier): the fleet model of fleet.ts, billed
 * per instance-second with the 60-second minimum per launch [EC2-3P-A], busy or idle, at the
 * type's on-demand Linux price [EC2-3P].
 */
export class ServerRuntime extends FleetRuntime<ServerParams> {
  constructor(ctx: SimContext, spec: NodeSpec<ServerParams>, index: number) {
    const p = spec.params;
    const delay = p.autoscaling.scaleOutDelaySeconds;
    const boot = Math.min(delay, EC2_BOOT_SECONDS);
    super(ctx, spec, index, {
      min: p.instances.min,
      max: p.instances.max,
      concurrency: p.concurrencyPerInstance,
      targetUtilization: p.autoscaling.targetUtilization,
      launchDelayMs: (delay - boot) * 1000,
      bootMs: boot * 1000,
      cooldownMs: p.autoscaling.cooldownSeconds * 1000,
      queueLimit: p.queueLimit,
      timeoutMs: p.requestTimeoutMs,
      duration: p.duration,
      durationByType: p.durationByType,
    });
    // Validation already reports it (checks/server-fit.ts); same text, so it appears once.
    const w = fitWarning(p.instanceType, p.components, spec.label || spec.id);
    if (w && !ctx.warnings.includes(w)) ctx.warnings.push(w);
  }

  usage(): UsageLine[] {
    const type = this.params.instanceType;
    return [
      {
        meter: ec2MeterId(type),
        name: `${type} instance-seconds (per second, 60 s minimum per launch)`,
        quantity: this.billedInstanceSeconds,
      },
    ];
  }
}
