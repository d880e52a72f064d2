import type { KindModule } from '../types';
import { FunctionRuntime } from './runtime';
import { functionParams, type FunctionParams } from './schema';

export const functionKind: KindModule<FunctionParams> = {
  kind: 'function',
  title: 'Lambda function',
  group: 'compute',
  description:
    'AWS Lambda: code that runs on demand in execution environments that start cold, stay warm for a while, and scale with concurrency.',
  params: functionParams,
  summary: (p) =>
    [
      `${p.memoryMB} MB`,
      p.runtime,
      p.architecture === 'arm64' ? 'arm64' : '',
      p.reservedConcurrency !== undefined ? `reserved ${p.reservedConcurrency}` : '',
      p.provisionedConcurrency > 0 ? `provisioned ${p.provisionedConcurrency}` : '',
    ]
      .filter(Boolean)
      .join(' · '),
  create: (ctx, spec, index) => new FunctionRuntime(ctx, spec, index),
};
