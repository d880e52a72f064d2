/**
 * Valid Fargate task sizes: the memory (GB) allowed for each vCPU value. From the ECS docs
 * ("Troubleshoot Amazon ECS task definition invalid CPU or memory errors",
 * https://docs.aws.amazon.com/AmazonECS/latest/userguide/task-cpu-memory-error.html);
 * not yet in the facts file. 8 and 16 vCPU need Linux platform 1.4.0 or later.
 */
export const FARGATE_VCPUS = [0.25, 0.5, 1, 2, 4, 8, 16] as const;
export type FargateVcpu = (typeof FARGATE_VCPUS)[number];

const steps = (from: number, to: number, step: number): number[] => {
  const out: number[] = [];
  for (let g = from; g <= to; g += step) out.push(g);
  return out;
};

export const FARGATE_MEMORY_GB: Record<FargateVcpu, readonly number[]> = {
  0.25: [0.5, 1, 2],
  0.5: steps(1, 4, 1),
  1: steps(2, 8, 1),
  2: steps(4, 16, 1),
  4: steps(8, 30, 1),
  8: steps(16, 60, 4),
  16: steps(32, 120, 8),
};

export function isValidFargateSize(vcpu: FargateVcpu, memoryGB: number): boolean {
  return FARGATE_MEMORY_GB[vcpu].includes(memoryGB);
}

/** The fix, in words: "2–16 GB in 1 GB steps" or "0.5, 1 or 2 GB". */
export function validMemoryText(vcpu: FargateVcpu): string {
  const m = FARGATE_MEMORY_GB[vcpu];
  if (m.length <= 4) return `${m.slice(0, -1).join(', ')} or ${m[m.length - 1]} GB`;
  return `${m[0]}–${m[m.length - 1]} GB in ${m[1] - m[0]} GB steps`;
}
