import { INSTANCE_TYPE_NAMES } from '../../kinds/server/instance-types';
import type { ImportContext, Mapper } from '../context';
import { isObj } from '../context';
import { numberOf, referencedIds, stringOf } from '../intrinsics';

/** Target group → the load balancers whose listeners forward to it (filled in phase 2). */
const tgLbs = new WeakMap<ImportContext, Map<string, Set<string>>>();

function tgMap(ctx: ImportContext): Map<string, Set<string>> {
  let m = tgLbs.get(ctx);
  if (!m) tgLbs.set(ctx, (m = new Map()));
  return m;
}

function forwardedGroups(ctx: ImportContext, actions: unknown): string[] {
  if (!Array.isArray(actions)) return [];
  const out: string[] = [];
  for (const a of actions.filter(isObj)) {
    const direct = ctx.target(a.TargetGroupArn);
    if (direct) out.push(direct);
    const groups =
      isObj(a.ForwardConfig) && Array.isArray(a.ForwardConfig.TargetGroups)
        ? a.ForwardConfig.TargetGroups
        : [];
    for (const g of groups.filter(isObj)) {
      const t = ctx.target(g.TargetGroupArn);
      if (t) out.push(t);
    }
  }
  return out;
}

function lbOfListener(ctx: ImportContext, listenerRef: unknown): string | undefined {
  const listener = ctx.target(listenerRef);
  if (!listener) return undefined;
  return ctx.target(ctx.properties(listener).LoadBalancerArn);
}

/** Links from every load balancer forwarding to this target group, to one target. */
function linkFromGroup(ctx: ImportContext, tg: string, target: string, via: string): void {
  const lbs = tgMap(ctx).get(tg);
  if (!lbs || lbs.size === 0) {
    ctx.unwired(`${via}: target group ${tg} has no listener of a mapped load balancer`);
    return;
  }
  for (const lb of lbs)
    ctx.link({ from: lb, to: target, role: 'invoke', params: {}, via: `${via} (target group ${tg})` });
}

function instanceType(ctx: ImportContext, id: string, raw: unknown): string | undefined {
  const t = stringOf(raw);
  if (!t) return undefined;
  if ((INSTANCE_TYPE_NAMES as readonly string[]).includes(t)) return t;
  ctx.assume(`${id}: instance type ${t} has no price in the simulator; m5.large used`);
  return 'm5.large';
}

/** Fargate task size from a task definition: Cpu in units (1024 = 1 vCPU) or "1 vCPU", Memory in MiB or "2 GB". */
function taskSize(p: Record<string, unknown>): { vcpu?: number; memoryGB?: number } {
  const cpu = stringOf(p.Cpu);
  const mem = stringOf(p.Memory);
  const out: { vcpu?: number; memoryGB?: number } = {};
  if (cpu) out.vcpu = /vcpu/i.test(cpu) ? parseFloat(cpu) : Number(cpu) / 1024;
  if (mem) out.memoryGB = /gb/i.test(mem) ? parseFloat(mem) : Number(mem) / 1024;
  return out;
}

export const computeMappers: Mapper[] = [
  {
    types: ['AWS::ElasticLoadBalancingV2::LoadBalancer'],
    phase: 1,
    map(ctx, id, p) {
      const type = stringOf(p.Type) ?? 'application';
      if (type !== 'application') {
        ctx.report.notMapped.push({
          logicalId: id,
          type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
          reason: `a ${type} load balancer has no simulator kind (only the Application Load Balancer)`,
        });
        ctx.handled.add(id);
        return;
      }
      ctx.addNode(id, 'loadBalancer', {});
    },
  },
  {
    types: ['AWS::ElasticLoadBalancingV2::Listener', 'AWS::ElasticLoadBalancingV2::ListenerRule'],
    phase: 2,
    map(ctx, id, p) {
      const lb =
        p.LoadBalancerArn !== undefined ? ctx.target(p.LoadBalancerArn) : lbOfListener(ctx, p.ListenerArn);
      if (!lb || !ctx.node(lb)) return;
      for (const tg of forwardedGroups(ctx, p.DefaultActions ?? p.Actions)) {
        const set = tgMap(ctx).get(tg) ?? new Set<string>();
        set.add(lb);
        tgMap(ctx).set(tg, set);
      }
      if (p.Conditions !== undefined)
        ctx.warn(
          `${id}: listener rule conditions are not simulated (every request may reach every target group)`,
        );
      ctx.fold(id, `load balancer ${ctx.nodeOf.get(lb)}`);
    },
  },
  {
    types: ['AWS::ElasticLoadBalancingV2::TargetGroup'],
    phase: 3,
    map(ctx, id, p) {
      const targets = Array.isArray(p.Targets) ? p.Targets.filter(isObj) : [];
      for (const t of targets) {
        const to = ctx.target(t.Id);
        if (to) linkFromGroup(ctx, id, to, `${id} target ${to}`);
      }
      const lbs = tgMap(ctx).get(id);
      if (lbs?.size)
        ctx.fold(id, `edges from load balancer ${[...lbs].map((l) => ctx.nodeOf.get(l)).join(', ')}`);
    },
  },
  {
    types: ['AWS::ECS::Service'],
    phase: 1,
    map(ctx, id, p) {
      const params: Record<string, unknown> = {};
      const td = ctx.target(p.TaskDefinition);
      if (td) {
        const size = taskSize(ctx.properties(td));
        if (size.vcpu !== undefined) params.vcpu = size.vcpu;
        if (size.memoryGB !== undefined) params.memoryGB = size.memoryGB;
      }
      const desired = numberOf(p.DesiredCount);
      if (desired !== undefined) params.tasks = { min: desired, max: Math.max(1, desired) };
      if (p.LaunchType === 'EC2') ctx.assume(`${id}: an ECS service on EC2 is simulated as Fargate tasks`);
      const node = ctx.addNode(id, 'container', params);
      if (td) {
        ctx.handled.add(td);
        ctx.report.folded.push({
          logicalId: td,
          type: 'AWS::ECS::TaskDefinition',
          into: `container ${node.id}`,
        });
      }
    },
  },
  {
    types: ['AWS::ECS::Service'],
    phase: 3,
    map(ctx, id, p) {
      const lbs = Array.isArray(p.LoadBalancers) ? p.LoadBalancers.filter(isObj) : [];
      for (const lb of lbs) {
        const tg = ctx.target(lb.TargetGroupArn);
        if (tg) linkFromGroup(ctx, tg, id, `${id} LoadBalancers`);
      }
    },
  },
  {
    types: ['AWS::EC2::Instance'],
    phase: 1,
    map(ctx, id, p) {
      const params: Record<string, unknown> = { instances: { min: 1, max: 1 } };
      const t = instanceType(ctx, id, p.InstanceType);
      if (t) params.instanceType = t;
      ctx.addNode(id, 'server', params);
    },
  },
  {
    types: ['AWS::AutoScaling::AutoScalingGroup'],
    phase: 1,
    map(ctx, id, p) {
      const params: Record<string, unknown> = {};
      const min = numberOf(p.MinSize);
      const max = numberOf(p.MaxSize);
      if (min !== undefined || max !== undefined)
        params.instances = { min: min ?? 1, max: Math.max(1, max ?? min ?? 1) };
      const lt = isObj(p.LaunchTemplate)
        ? ctx.target(p.LaunchTemplate.LaunchTemplateId ?? p.LaunchTemplate.LaunchTemplateName)
        : undefined;
      const lc = ctx.target(p.LaunchConfigurationName);
      const src = lt ?? lc;
      if (src) {
        const sp = ctx.properties(src);
        const data = isObj(sp.LaunchTemplateData) ? sp.LaunchTemplateData : sp;
        const t = instanceType(ctx, id, data.InstanceType);
        if (t) params.instanceType = t;
      }
      const node = ctx.addNode(id, 'server', params);
      if (src) {
        ctx.handled.add(src);
        ctx.report.folded.push({ logicalId: src, type: ctx.resource(src)!.Type, into: `server ${node.id}` });
      }
    },
  },
  {
    types: ['AWS::AutoScaling::AutoScalingGroup'],
    phase: 3,
    map(ctx, id, p) {
      const tgs = Array.isArray(p.TargetGroupARNs) ? p.TargetGroupARNs : [];
      for (const t of tgs) {
        const tg = ctx.target(t);
        if (tg) linkFromGroup(ctx, tg, id, `${id} TargetGroupARNs`);
      }
    },
  },
  {
    types: ['AWS::AutoScaling::ScalingPolicy', 'AWS::ApplicationAutoScaling::ScalingPolicy'],
    phase: 2,
    map(ctx, id, p) {
      const cfg = isObj(p.TargetTrackingConfiguration)
        ? p.TargetTrackingConfiguration
        : isObj(p.TargetTrackingScalingPolicyConfiguration)
          ? p.TargetTrackingScalingPolicyConfiguration
          : undefined;
      let owner = ctx.target(p.AutoScalingGroupName);
      if (!owner && p.ScalingTargetId !== undefined) {
        const st = ctx.target(p.ScalingTargetId);
        if (st)
          owner = referencedIds(ctx.properties(st).ResourceId, ctx.isResource).find(
            (r) => ctx.node(r)?.kind === 'container',
          );
      }
      const node = owner ? ctx.node(owner) : undefined;
      const target = cfg ? numberOf(cfg.TargetValue) : undefined;
      if (!node || target === undefined) return;
      node.params.autoscaling = {
        ...(isObj(node.params.autoscaling) ? node.params.autoscaling : {}),
        targetUtilization: target / 100,
      };
      ctx.assume(
        `${node.id}: target tracking at ${target} % is simulated as utilization of its request slots`,
      );
      ctx.fold(id, `${node.kind} ${node.id} autoscaling`);
    },
  },
  {
    types: ['AWS::ApplicationAutoScaling::ScalableTarget'],
    phase: 2,
    map(ctx, id, p) {
      const svc = referencedIds(p.ResourceId, ctx.isResource).find((r) => ctx.node(r)?.kind === 'container');
      const node = svc ? ctx.node(svc) : undefined;
      if (!node) return;
      const min = numberOf(p.MinCapacity);
      const max = numberOf(p.MaxCapacity);
      if (min !== undefined && max !== undefined) node.params.tasks = { min, max };
      ctx.fold(id, `container ${node.id} tasks`);
    },
  },
  {
    types: [
      'AWS::ECS::Cluster',
      'AWS::EC2::LaunchTemplate',
      'AWS::AutoScaling::LaunchConfiguration',
      'AWS::ECS::TaskDefinition',
    ],
    phase: 3,
    map(ctx, id) {
      if (ctx.handled.has(id)) return;
      const type = ctx.resource(id)!.Type;
      if (type === 'AWS::ECS::Cluster') {
        const services = ctx.nodes.filter((n) => n.kind === 'container');
        if (services.length) ctx.fold(id, `the cluster of ${services.map((s) => s.id).join(', ')}`);
      }
    },
  },
];
