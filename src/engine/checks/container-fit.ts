import {
  INSTANCE_TYPES,
  fits,
  hourlyUsd,
  needText,
  smallestFittingInstance,
  type InstanceType,
} from '../kinds/server/instance-types';
import type { Check, Finding, FindingSource } from './types';

/**
 * Not in the facts file: AWS's best practices on task size say "In Amazon ECS, reservations are
 * guaranteed … Amazon ECS doesn't place your task on an instance where the reservation cannot be
 * fulfilled" (read through the search tool's stored copy of the page). The instance sizes are
 * the facts file's EC2 table [EC2-3P].
 */
const RESERVATIONS_GUARANTEED: FindingSource = {
  tag: 'Amazon ECS task size: reservations are guaranteed',
  url: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/capacity-tasksize.html',
};

/**
 * ECS on EC2 and EKS place each task on one instance, which must hold its whole vCPU and
 * memory reservation: a task larger than the instance type is never placed (ECS leaves it
 * PROVISIONING, Kubernetes leaves the pod Pending), so the service never serves. A refusal,
 * with the cheapest listed type that holds the task as the fix.
 */
export const containerFit: Check = {
  name: 'container-fit',
  run(ctx) {
    const out: Finding[] = [];
    for (const n of ctx.scenario.nodes) {
      if (n.kind !== 'container') continue;
      const p = n.params as {
        launchType: string;
        instanceType: InstanceType;
        vcpu: number;
        memoryGB: number;
      };
      if (p.launchType === 'fargate') continue;
      const task = { vcpu: p.vcpu, memoryGB: p.memoryGB };
      if (fits(p.instanceType, task)) continue;
      const name = ctx.label(n.id);
      const size = INSTANCE_TYPES[p.instanceType];
      const where = p.launchType === 'eks' ? 'node' : 'instance';
      const best = smallestFittingInstance([task]);
      const finding: Finding = {
        id: `container-fit:${n.id}`,
        check: 'container-fit',
        severity: 'error',
        message:
          `${name}: a task needs ${needText(task)}, but one ${p.instanceType} ${where} has ${size.vcpu} vCPU and ${size.memoryGB} GB, ` +
          `so no task could ever be placed and the service would never serve. ` +
          (best
            ? `Choose ${best} (${INSTANCE_TYPES[best].vcpu} vCPU, ${INSTANCE_TYPES[best].memoryGB} GB, ${hourlyUsd(best)} USD/h${INSTANCE_TYPES[best].architecture === 'arm64' ? ', arm64: the image must be built for it' : ''}) or smaller tasks.`
            : 'No listed instance type is big enough: choose smaller tasks, or Fargate.'),
        nodeIds: [n.id],
        source: RESERVATIONS_GUARANTEED,
      };
      if (best)
        finding.fix = {
          type: 'setNodeParam',
          label: `Set ${name}'s instance type to ${best}`,
          nodeId: n.id,
          param: 'instanceType',
          value: best,
        };
      out.push(finding);
    }
    return out;
  },
};
