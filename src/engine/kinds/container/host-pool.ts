import { Level } from '../../metrics/level';
import { LVL_POOL_HOSTS, LVL_POOL_MEM, LVL_POOL_TASKS, LVL_POOL_VCPU, REC_LEVEL } from '../../sim/recorder';
import type { SimContext } from '../../sim/context';
import { growF64, growI32, growU8 } from '../../sim/slots';
import { billedLifeSeconds } from '../server/fleet';
import { INSTANCE_TYPES, type InstanceType } from '../server/instance-types';
import { EC2_BOOT_SECONDS } from '../server/runtime';

export type HostLaunchType = 'ec2' | 'eks';

/**
 * From a task finding no room until its new instance is launched (and billed): on ECS, the
 * capacity provider's CloudWatch alarm on CapacityProviderReservation, one 1-minute data
 * point (an assumption: ECS publishes its metrics every minute, the ECS docs' "Service Auto
 * Scaling considerations"); on EKS, the Cluster Autoscaler's scan interval, 10 s by default
 * (kubernetes autoscaler, `--scan-interval`). The instance then boots for EC2_BOOT_SECONDS
 * (the server kind's assumption) before a task on it may start.
 */
export const LAUNCH_WAIT_SECONDS: Record<HostLaunchType, number> = { ec2: 60, eks: 10 };

/**
 * How long an instance stays up with no task on it before it is terminated: on ECS, a
 * target-tracking scale-in alarm's 15 one-minute data points (an assumption: the facts file
 * has no autoscaling numbers); on EKS, the Cluster Autoscaler's `--scale-down-unneeded-time`,
 * 10 minutes by default (kubernetes autoscaler; e.g. github.com/openshift/cluster-autoscaler-operator/pull/37).
 */
export const EMPTY_INSTANCE_SECONDS: Record<HostLaunchType, number> = { ec2: 900, eks: 600 };

/** The owner's event actions for its pool (above the fleet's own 0–4; a node has 16 actions). */
export const HOST_LAUNCH = 8;
export const HOST_IDLE = 9;

/** Scheduling goes through the member that made the pool: the engine runs events per node. */
export interface PoolOwner {
  scheduleHost(t: number, action: number, host: number): void;
}

const UNUSED = 0;
const WAITING = 1; // asked for, not yet launched (not billed)
const RUNNING = 2; // launched: booting or ready

/** Rounding slack when comparing free vCPU and memory sums (0.25 vCPU steps, 0.5 GB steps). */
const EPS = 1e-9;

/**
 * The EC2 instances that the tasks of one cluster run on, of one instance type (an ECS
 * capacity provider's Auto Scaling group, an EKS managed node group), shared by every
 * container service of that launch type, cluster name and instance type in the scenario.
 *
 * - A task reserves its vCPU and memory on one instance for its whole life. It goes to an
 *   instance (running or starting) with room for both: on ECS the one it fills most (the
 *   `binpack` placement strategy on memory), on EKS the least allocated (kube-scheduler's
 *   default LeastAllocated score, the mean free share of CPU and memory). Ties: the oldest.
 * - No instance has room: a new one is asked for; it launches LAUNCH_WAIT_SECONDS later and
 *   serves EC2_BOOT_SECONDS after its launch. Its tasks start then.
 * - An instance left with no task for EMPTY_INSTANCE_SECONDS is terminated.
 * - Each instance is billed per second from launch to termination with the 60 s minimum
 *   [EC2-3P-A], at the type's on-demand price; no ECS charge [FG-3P]. The whole instance is
 *   offered to tasks (the ECS agent's and kubelet's reservations are not modelled).
 *
 * The instances that run at the start (for the services' `tasks.min`) were started before
 * the run, like a fleet's first instances.
 */
export class HostPool {
  readonly type: InstanceType;
  readonly vcpu: number;
  readonly memoryGB: number;
  private readonly spread: boolean;
  private readonly launchWaitMs: number;
  private readonly bootMs: number;
  private readonly emptyMs: number;

  private state: Uint8Array = new Uint8Array(8);
  private launchedAt: Float64Array = new Float64Array(8);
  private readyAt: Float64Array = new Float64Array(8);
  private freeVcpu: Float64Array = new Float64Array(8);
  private freeMem: Float64Array = new Float64Array(8);
  private tasks: Int32Array = new Int32Array(8);
  private emptySince: Float64Array = new Float64Array(8);
  /** Indices in use are 0..used-1; terminated ones are reused, lowest first. */
  private used = 0;
  private freeIdx: Int32Array = new Int32Array(8);
  private nFreeIdx = 0;

  // The measured window's figures, shared by every member.
  private readonly hosts: Level;
  private readonly placedTasks: Level;
  private readonly reservedVcpu: Level;
  private readonly reservedMem: Level;
  /** Members' own series of the running instances. */
  private readonly memberSeries: Level[] = [];
  private running = 0;
  billedSeconds = 0;
  private finished = false;

  constructor(
    private readonly ctx: SimContext,
    readonly launchType: HostLaunchType,
    type: InstanceType,
    /** The member that made the pool: its events run the pool's timers, its bill carries the instances. */
    readonly owner: PoolOwner,
  ) {
    this.type = type;
    this.vcpu = INSTANCE_TYPES[type].vcpu;
    this.memoryGB = INSTANCE_TYPES[type].memoryGB;
    this.spread = launchType === 'eks';
    this.launchWaitMs = LAUNCH_WAIT_SECONDS[launchType] * 1000;
    this.bootMs = EC2_BOOT_SECONDS * 1000;
    this.emptyMs = EMPTY_INSTANCE_SECONDS[launchType] * 1000;
    const from = ctx.measureFromMs;
    this.hosts = new Level(from);
    this.placedTasks = new Level(from);
    this.reservedVcpu = new Level(from);
    this.reservedMem = new Level(from);
  }

  /** A member's own series of this pool's running instances. */
  addSeries(level: Level): void {
    this.memberSeries.push(level);
  }

  /** Services whose recorded insides carry the pool's levels (the replay's host figures at t). */
  private readonly recNodes: number[] = [];

  /** Records the pool's levels on this service's node too, from now on. */
  addRecorded(node: number): void {
    const info = this.ctx.recorder!.nodes[node];
    info.hostVcpu = this.vcpu;
    info.hostMemoryGB = this.memoryGB;
    this.recNodes.push(node);
  }

  /** The pool's levels after a change at t, on each recorded service (unchanged ones are not kept). */
  private record(t: number): void {
    const rec = this.ctx.recorder!;
    for (const n of this.recNodes) {
      rec.add(t, n, REC_LEVEL, LVL_POOL_HOSTS, this.running);
      rec.add(t, n, REC_LEVEL, LVL_POOL_TASKS, this.placedTasks.value);
      rec.add(t, n, REC_LEVEL, LVL_POOL_VCPU, this.reservedVcpu.value);
      rec.add(t, n, REC_LEVEL, LVL_POOL_MEM, this.reservedMem.value);
    }
  }

  fits(vcpu: number, memoryGB: number): boolean {
    return vcpu <= this.vcpu + EPS && memoryGB <= this.memoryGB + EPS;
  }

  /**
   * Reserves room for one task; returns the instance. `initial`: a task running before the
   * run, whose instance (if it needs a new one) was up before the run too.
   */
  place(vcpu: number, memoryGB: number, t: number, initial: boolean): number {
    let best = -1;
    let bestScore = Infinity;
    for (let h = 0; h < this.used; h++) {
      if (this.state[h] === UNUSED) continue;
      const fv = this.freeVcpu[h] - vcpu;
      const fm = this.freeMem[h] - memoryGB;
      if (fv < -EPS || fm < -EPS) continue;
      // Lower is better: binpack leaves the least memory free; spread the most free share.
      const score = this.spread ? -(fv / this.vcpu + fm / this.memoryGB) : fm + fv * 1e-6;
      if (score < bestScore - EPS) {
        best = h;
        bestScore = score;
      }
    }
    if (best < 0) best = this.newHost(t, initial);
    this.freeVcpu[best] -= vcpu;
    this.freeMem[best] -= memoryGB;
    this.tasks[best]++;
    this.placedTasks.add(1, t);
    this.reservedVcpu.add(vcpu, t);
    this.reservedMem.add(memoryGB, t);
    if (this.recNodes.length > 0) this.record(t);
    return best;
  }

  /** When a task placed on `host` may begin its own start-up. */
  readyTime(host: number, t: number): number {
    const r = this.readyAt[host];
    return r > t ? r : t;
  }

  release(host: number, vcpu: number, memoryGB: number, t: number): void {
    this.freeVcpu[host] += vcpu;
    this.freeMem[host] += memoryGB;
    this.placedTasks.add(-1, t);
    this.reservedVcpu.add(-vcpu, t);
    this.reservedMem.add(-memoryGB, t);
    if (this.recNodes.length > 0) this.record(t);
    if (--this.tasks[host] === 0) {
      this.emptySince[host] = t;
      this.owner.scheduleHost(t + this.emptyMs, HOST_IDLE, host);
    }
  }

  onEvent(action: number, host: number, t: number): void {
    if (action === HOST_LAUNCH) {
      this.state[host] = RUNNING;
      this.launchedAt[host] = t;
      this.setRunning(this.running + 1, t);
      return;
    }
    // HOST_IDLE: still empty since then, and not emptied again later (a newer timer is due).
    if (this.state[host] !== RUNNING || this.tasks[host] !== 0) return;
    if (this.emptySince[host] + this.emptyMs > t) return;
    this.billedSeconds += billedLifeSeconds(this.launchedAt[host], t, this.ctx.measureFromMs, false);
    this.state[host] = UNUSED;
    this.freeIdx[this.nFreeIdx++] = host;
    this.setRunning(this.running - 1, t);
  }

  private newHost(t: number, initial: boolean): number {
    let h: number;
    if (this.nFreeIdx > 0) {
      // The lowest free index, so "the oldest" stays a stable tie-break.
      let k = 0;
      for (let i = 1; i < this.nFreeIdx; i++) if (this.freeIdx[i] < this.freeIdx[k]) k = i;
      h = this.freeIdx[k];
      this.freeIdx[k] = this.freeIdx[--this.nFreeIdx];
    } else {
      h = this.used++;
      if (h >= this.state.length) this.grow(this.state.length * 2);
    }
    this.freeVcpu[h] = this.vcpu;
    this.freeMem[h] = this.memoryGB;
    this.tasks[h] = 0;
    if (initial) {
      this.state[h] = RUNNING;
      this.launchedAt[h] = t;
      this.readyAt[h] = t;
      this.setRunning(this.running + 1, t);
    } else {
      this.state[h] = WAITING;
      this.readyAt[h] = t + this.launchWaitMs + this.bootMs;
      this.owner.scheduleHost(t + this.launchWaitMs, HOST_LAUNCH, h);
    }
    return h;
  }

  private grow(cap: number): void {
    this.state = growU8(this.state, cap);
    this.launchedAt = growF64(this.launchedAt, cap);
    this.readyAt = growF64(this.readyAt, cap);
    this.freeVcpu = growF64(this.freeVcpu, cap);
    this.freeMem = growF64(this.freeMem, cap);
    this.tasks = growI32(this.tasks, cap);
    this.emptySince = growF64(this.emptySince, cap);
    this.freeIdx = growI32(this.freeIdx, cap);
  }

  private setRunning(n: number, t: number): void {
    this.running = n;
    this.hosts.set(n, t);
    for (const s of this.memberSeries) s.set(n, t);
    if (this.recNodes.length > 0) this.record(t);
  }

  /** Bills the instances still running at the end; once, however many members call it. */
  finish(t: number): void {
    if (this.finished) return;
    this.finished = true;
    for (let h = 0; h < this.used; h++)
      if (this.state[h] === RUNNING)
        this.billedSeconds += billedLifeSeconds(this.launchedAt[h], t, this.ctx.measureFromMs, true);
  }

  /** Mean and largest number of running instances, tasks per instance and the idle share. */
  figures(t: number): {
    meanInstances: number;
    maxInstances: number;
    tasksPerInstance: number;
    idle: number;
  } {
    const hosts = this.hosts.mean(t);
    const tasks = this.placedTasks.mean(t);
    if (hosts <= 0) return { meanInstances: 0, maxInstances: this.hosts.max, tasksPerInstance: 0, idle: 0 };
    // The share of the paid capacity no task reserved, in the resource the tasks use most of.
    const used = Math.max(
      this.reservedVcpu.mean(t) / (hosts * this.vcpu),
      this.reservedMem.mean(t) / (hosts * this.memoryGB),
    );
    return {
      meanInstances: hosts,
      maxInstances: this.hosts.max,
      tasksPerInstance: tasks / hosts,
      idle: used >= 1 ? 0 : 1 - used,
    };
  }
}

/** The pool of this launch type, cluster and instance type in this run (made by its first member). */
export function hostPool(
  ctx: SimContext,
  launchType: HostLaunchType,
  cluster: string,
  type: InstanceType,
  owner: PoolOwner,
): HostPool {
  return ctx.shared(
    `container.hosts:${launchType}:${cluster}:${type}`,
    () => new HostPool(ctx, launchType, type, owner),
  );
}
