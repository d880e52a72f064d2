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

export interface ComponentNeed {
  vcpu: number;
  memoryGB: number;
}

/** What one instance must hold: every component at its peak at the same time. */
export function totalNeed(components: readonly ComponentNeed[]): ComponentNeed {
  let vcpu = 0;
  let memoryGB = 0;
  for (const c of components) {
    vcpu += c.vcpu;
    memoryGB += c.memoryGB;
  }
  return { vcpu, memoryGB };
}

export function fits(type: InstanceType, need: ComponentNeed): boolean {
  const s = INSTANCE_TYPES[type];
  return s.vcpu >= need.vcpu && s.memoryGB >= need.memoryGB;
}

/**
 * The smallest listed instance (fewest vCPU, then least memory) that holds the need, or
 * undefined when none does. The inspector shows it; validation warns when the chosen one is short.
 */
export function smallestFitting(need: ComponentNeed): InstanceType | undefined {
  const byEnough = INSTANCE_TYPE_NAMES.filter((t) => fits(t, need));
  byEnough.sort((a, b) => INSTANCE_TYPES[a].vcpu - INSTANCE_TYPES[b].vcpu || INSTANCE_TYPES[a].memoryGB - INSTANCE_TYPES[b].memoryGB);
  return byEnough[0];
}
