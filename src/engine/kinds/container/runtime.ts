import { ec2MeterId } from '../../billing/meters';
import type { UsageLine } from '../../billing/types';
import { Level } from '../../metrics/level';
import { round6 } from '../../metrics/series';
import type { SimContext } from '../../sim/context';
import { REC_HOST_READY, REC_INST_HOST } from '../../sim/recorder';
import { FleetRuntime } from '../server/fleet';
import type { NodeMetrics, NodeSpec } from '../types';
import { HOST_LAUNCH, HOST_IDLE, hostPool, type HostPool, type PoolOwner } from './host-pool';
import type { ContainerParams } from './schema';

const HOUR_MS = 3_600_000;

/**
 * An ECS service (or a Kubernetes deployment on EKS): the fleet model of server/fleet.ts with
 * tasks for instances. A scale-out starts a task after the alarm (scaleOutDelaySeconds); the
 * task serves startupSeconds later.
 *
 * - Fargate: the task is billed from its launch (image pull included), per vCPU-second and
 *   GB-second, per second with a one-minute minimum per task [FG-VANTAGE] [FG-3P].
 * - ECS on EC2 and EKS: the task is placed on an instance of the cluster's pool
 *   (host-pool.ts), waiting for a new one to start when none has room; the instances are
 *   billed, not the tasks ("no ECS charge" [FG-3P]). On EKS the cluster fee is billed once per
 *   cluster name, by its first service, for the whole run [EKS-PRICE].
 *
 * As a queue's worker it answers workerCapacity(t): running tasks × concurrencyPerTask − busy.
 */
export class ContainerRuntime extends FleetRuntime<ContainerParams> implements PoolOwner {
  private readonly pool: HostPool | null = null;
  /** The instance each task index runs on (on instances only). */
  private readonly taskHost: Int32Array;
  private readonly hostSeries: Level | null = null;
  /** Bills the EKS cluster fee: the first EKS service of its cluster name. */
  private readonly billsCluster: boolean = false;

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
    this.taskHost = new Int32Array(p.launchType === 'fargate' ? 0 : 2 * Math.max(1, p.tasks.max));
    if (this.rec !== null) this.rec.nodes[this.recNode].launchType = p.launchType;
    if (p.launchType === 'fargate') return;
    const pool = hostPool(ctx, p.launchType, p.cluster, p.instanceType, this);
    if (!pool.fits(p.vcpu, p.memoryGB))
      // Validation refuses this (checks/container-fit.ts); a run without it must not loop.
      throw new Error(
        `${spec.label || spec.id}: a task of ${p.vcpu} vCPU and ${p.memoryGB} GB does not fit a ${p.instanceType}`,
      );
    this.pool = pool;
    if (this.rec !== null) pool.addRecorded(this.recNode);
    const s = ctx.series;
    this.hostSeries = new Level(ctx.measureFromMs, s, s ? s.register(`${spec.id}.hosts`, 'level') : -1);
    pool.addSeries(this.hostSeries);
    if (p.launchType === 'eks')
      this.billsCluster =
        ctx.shared(`container.eksCluster:${p.cluster}`, () => ({ first: index })).first === index;
  }

  /** PoolOwner: the pool's timers run as this node's events. */
  scheduleHost(t: number, action: number, host: number): void {
    this.at(t, action, host);
  }

  onEvent(action: number, slot: number): void {
    const t = this.ctx.now;
    if (action === HOST_LAUNCH || action === HOST_IDLE) this.pool!.onEvent(action, slot, t);
    else super.onEvent(action, slot);
  }

  protected placed(inst: number, t: number, initial: boolean): number {
    const pool = this.pool;
    if (pool === null) return t;
    const p = this.params;
    const host = pool.place(p.vcpu, p.memoryGB, t, initial);
    this.taskHost[inst] = host;
    const ready = pool.readyTime(host, t);
    if (this.rec !== null) {
      // For the replay: which host the task sits on, and when that host serves (later while it launches).
      this.rec.add(t, this.recNode, REC_HOST_READY, host, ready);
      this.rec.add(t, this.recNode, REC_INST_HOST, inst, host);
    }
    return ready;
  }

  protected released(inst: number, t: number): void {
    if (this.pool !== null) this.pool.release(this.taskHost[inst], this.params.vcpu, this.params.memoryGB, t);
  }

  finish(t: number): void {
    super.finish(t);
    if (this.pool !== null) {
      this.pool.finish(t);
      this.hostSeries!.mean(t);
    }
  }

  metrics(): NodeMetrics {
    const m = super.metrics();
    if (this.pool === null) return m;
    const f = this.pool.figures(this.ctx.endMs);
    return {
      ...m,
      hostsMean: round6(f.meanInstances),
      hostsMax: f.maxInstances,
      tasksPerHost: round6(f.tasksPerInstance),
      idleCapacity: round6(f.idle),
    };
  }

  usage(): UsageLine[] {
    const p = this.params;
    if (p.launchType === 'fargate') {
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
    const lines: UsageLine[] = [];
    // The pool's instances are billed once, on the service that made the pool.
    const pool = this.pool!;
    const where = p.launchType === 'eks' ? `EKS nodes of cluster ${p.cluster}` : `ECS cluster ${p.cluster}`;
    if (pool.owner === this)
      lines.push({
        meter: ec2MeterId(pool.type),
        name: `${pool.type} instance-seconds (${where}; per second, 60 s minimum per launch)`,
        quantity: pool.billedSeconds,
      });
    if (this.billsCluster)
      lines.push({
        meter: 'eks.clusterHours',
        name: `EKS cluster ${p.cluster} (standard support, per cluster-hour)`,
        quantity: this.ctx.measuredMs / HOUR_MS,
      });
    return lines;
  }
}
