import { EC2_INSTANCE_TYPES } from '../../billing/prices';

/**
 * The EC2 instance types the simulator prices: the facts file's on-demand table (§10.2,
 * §11.1 ec2_linux_hourly) [EC2-3P] [L-PRICE]. Sizes in vCPU and GiB of memory.
 */
export const INSTANCE_TYPES = {
  't3.micro': { vcpu: 2, memoryGB: 1, architecture: 'x86_64', burstable: true },
  't3.small': { vcpu: 2, memoryGB: 2, architecture: 'x86_64', burstable: true },
  't3.medium': { vcpu: 2, memoryGB: 4, architecture: 'x86_64', burstable: true },
  'c5.large': { vcpu: 2, memoryGB: 4, architecture: 'x86_64', burstable: false },
  'm5.large': { vcpu: 2, memoryGB: 8, architecture: 'x86_64', burstable: false },
  'm7g.large': { vcpu: 2, memoryGB: 8, architecture: 'arm64', burstable: false },
  'm5.xlarge': { vcpu: 4, memoryGB: 16, architecture: 'x86_64', burstable: false },
} as const satisfies Record<string, InstanceSize>;

export interface InstanceSize {
  vcpu: number;
  memoryGB: number;
  architecture: 'x86_64' | 'arm64';
  /** t3: CPU credits; sustained load above the baseline is not modelled. */
  burstable: boolean;
}

export type InstanceType = keyof typeof INSTANCE_TYPES;
export const INSTANCE_TYPE_NAMES = Object.keys(INSTANCE_TYPES) as [InstanceType, ...InstanceType[]];

/**
 * The listed types are EBS-only: disk is an EBS volume of any size up to 16 TiB per volume
 * (the component schema's limit), so storage never rules a type out below that. EBS itself
 * is not priced: its price is not in the facts file.
 */
export const MAX_EBS_VOLUME_GB = 16384;

/** USD per hour, Linux on-demand, from the price table [EC2-3P] [L-PRICE]. */
export function hourlyUsd(type: InstanceType): number {
  return EC2_INSTANCE_TYPES[type].hourly.usd ?? 0;
}

/** A component's (or a whole monolith's) peak need. */
export interface ComponentNeed {
  vcpu: number;
  memoryGB: number;
  storageGB?: number;
}

/**
 * What one monolith instance must offer: the largest vCPU need, the largest memory need and
 * the largest storage need among its components, all on the same machine (the seed notes'
 * rule: "C requires the most memory and B the most storage, so the instance needs C's memory
 * and B's storage"). Summing the needs instead would be the stricter reading, for
 * components that all peak at the same moment; the seed notes take the maximum.
 */
export function peakNeed(components: readonly ComponentNeed[]): Required<ComponentNeed> {
  let vcpu = 0;
  let memoryGB = 0;
  let storageGB = 0;
  for (const c of components) {
    if (c.vcpu > vcpu) vcpu = c.vcpu;
    if (c.memoryGB > memoryGB) memoryGB = c.memoryGB;
    if ((c.storageGB ?? 0) > storageGB) storageGB = c.storageGB ?? 0;
  }
  return { vcpu, memoryGB, storageGB };
}

export function fits(type: InstanceType, need: ComponentNeed): boolean {
  const s = INSTANCE_TYPES[type];
  return s.vcpu >= need.vcpu && s.memoryGB >= need.memoryGB && (need.storageGB ?? 0) <= MAX_EBS_VOLUME_GB;
}

/**
 * The cheapest listed instance type (by hourly price) that meets the largest vCPU, memory
 * and storage need of the components at once; undefined when none does. Burstable t3 types
 * count at their full vCPU: sustained CPU above their baseline is not modelled.
 */
export function smallestFittingInstance(components: readonly ComponentNeed[]): InstanceType | undefined {
  const need = peakNeed(components);
  let best: InstanceType | undefined;
  for (const t of INSTANCE_TYPE_NAMES) {
    if (!fits(t, need)) continue;
    if (best === undefined || hourlyUsd(t) < hourlyUsd(best)) best = t;
  }
  return best;
}

function fmt(x: number): string {
  return String(Math.round(x * 1000) / 1000);
}

/** "2 vCPU, 4 GB memory and 10 GB disk" */
export function needText(need: ComponentNeed): string {
  const disk = need.storageGB ? ` and ${fmt(need.storageGB)} GB disk` : '';
  return `${fmt(need.vcpu)} vCPU, ${fmt(need.memoryGB)} GB memory${disk}`;
}

/**
 * The monolith lesson as a sentence when `type` is too small for its components, naming the
 * cheapest type that fits; null when it fits (or there are no components).
 */
export function fitWarning(
  type: InstanceType,
  components: readonly (ComponentNeed & { name?: string })[],
  /** The server's label, to begin the sentence with. */
  name?: string,
): string | null {
  if (components.length === 0) return null;
  const need = peakNeed(components);
  if (fits(type, need)) return null;
  const size = INSTANCE_TYPES[type];
  const best = smallestFittingInstance(components);
  const who = name ? `${name}: ` : '';
  return (
    `${who}one instance must hold every component's largest need at once (${needText(need)}), ` +
    `but ${type} has ${size.vcpu} vCPU and ${size.memoryGB} GB; ` +
    (best
      ? `the cheapest that fits is ${best} (${INSTANCE_TYPES[best].vcpu} vCPU, ${INSTANCE_TYPES[best].memoryGB} GB, ${hourlyUsd(best)} USD/h${INSTANCE_TYPES[best].architecture === 'arm64' ? ', arm64' : ''})`
      : 'no listed instance type is big enough: split the monolith into tiers')
  );
}
