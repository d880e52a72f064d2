import type { DistParams } from '../../scenario/params';

/**
 * Median INIT duration (ms) of a hello-world ZIP function, from maxday/lambda-perf: the
 * median of the 30 daily averages 2026-07-23 … 2026-08-22 [M-PERF] (facts file §1.5).
 * Columns: 128 MB x86, 128 arm64, 512 x86, 512 arm64, 1024 x86, 1024 arm64.
 */
export const INIT_MS_BY_RUNTIME = {
  'nodejs22.x': [142, 124, 140, 126, 140, 126],
  'nodejs24.x': [136, 116, 136, 121, 135, 120],
  'python3.12': [86, 77, 85, 80, 87, 79],
  'python3.13': [86, 77, 85, 78, 85, 77],
  java21: [241, 235, 241, 236, 241, 235],
  java25: [200, 188, 200, 193, 207, 191],
  dotnet8: [256, 307, 261, 297, 265, 302],
  dotnet10: [282, 254, 268, 247, 282, 258],
  'dotnet8-aot': [86, 75, 86, 77, 87, 76],
  'go-al2023': [50, 41, 50, 42, 50, 42],
  'rust-al2023': [16, 14, 16, 14, 16, 14],
  'ruby3.4': [257, 253, 259, 279, 250, 268],
  'graalvm-java21': [152, 123, 152, 124, 152, 124],
  'llrt-al2023': [68, 59, 66, 60, 67, 60],
} as const;

export type Runtime = keyof typeof INIT_MS_BY_RUNTIME;
export const RUNTIMES = Object.keys(INIT_MS_BY_RUNTIME) as [Runtime, ...Runtime[]];

/**
 * lambda-perf publishes daily averages, not spreads. We model INIT as lognormal around the
 * published figure with a coefficient of variation of 0.25: an assumption, stated in the
 * README; override `coldStart` to model heavier code (mikhail.io saw 5–10× with many
 * dependencies [M-MIK-AWS]).
 */
export const INIT_CV = 0.25;

export function defaultColdStart(
  runtime: Runtime,
  memoryMB: number,
  architecture: 'x86_64' | 'arm64',
): DistParams {
  const row = INIT_MS_BY_RUNTIME[runtime];
  const col = memoryMB < 320 ? 0 : memoryMB < 768 ? 2 : 4;
  const meanMs = row[col + (architecture === 'arm64' ? 1 : 0)];
  return { dist: 'lognormal', meanMs, sdMs: meanMs * INIT_CV };
}
