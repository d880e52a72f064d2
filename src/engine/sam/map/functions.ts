import { RUNTIMES, type Runtime } from '../../kinds/function/cold-starts';
import type { ImportContext, Mapper } from '../context';
import { isObj } from '../context';
import { numberOf, stringOf } from '../intrinsics';

/** The nearest runtime the simulator has a cold-start figure for, and whether it is exact. */
export function nearestRuntime(raw: string | undefined): { runtime: Runtime; exact: boolean } {
  if (raw && (RUNTIMES as readonly string[]).includes(raw)) return { runtime: raw as Runtime, exact: true };
  const r = (raw ?? '').toLowerCase();
  const version = Number((r.match(/(\d+(?:\.\d+)?)/) ?? [])[1] ?? NaN);
  let runtime: Runtime = 'nodejs22.x';
  if (r.startsWith('nodejs')) runtime = version >= 24 ? 'nodejs24.x' : 'nodejs22.x';
  else if (r.startsWith('python')) runtime = Number(r.split('.')[1]) >= 13 ? 'python3.13' : 'python3.12';
  else if (r.startsWith('java')) runtime = version >= 25 ? 'java25' : 'java21';
  else if (r.startsWith('dotnet')) runtime = version >= 10 ? 'dotnet10' : 'dotnet8';
  else if (r.startsWith('ruby')) runtime = 'ruby3.4';
  else if (r.startsWith('go')) runtime = 'go-al2023';
  else if (r.startsWith('provided')) runtime = 'go-al2023';
  return { runtime, exact: false };
}

/** Lambda Timeout is whole seconds. */
function timeoutMs(v: unknown): number | undefined {
  const s = numberOf(v);
  return s === undefined ? undefined : Math.round(s * 1000);
}

function functionParams(ctx: ImportContext, id: string, p: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const rawRuntime = stringOf(p.Runtime);
  const { runtime, exact } = nearestRuntime(rawRuntime);
  out.runtime = runtime;
  if (!exact)
    ctx.assume(
      rawRuntime
        ? `${id}: runtime ${rawRuntime} simulated as ${runtime} (the nearest with a measured cold start)`
        : `${id}: no Runtime (a container image?) — simulated as ${runtime}`,
    );
  const mem = numberOf(p.MemorySize);
  if (mem !== undefined) out.memoryMB = mem;
  const t = timeoutMs(p.Timeout);
  if (t !== undefined) out.timeoutMs = t;
  const arch = Array.isArray(p.Architectures) ? stringOf(p.Architectures[0]) : undefined;
  if (arch === 'arm64' || arch === 'x86_64') out.architecture = arch;
  const reserved = numberOf(p.ReservedConcurrentExecutions);
  if (reserved !== undefined) out.reservedConcurrency = reserved;
  const pc = isObj(p.ProvisionedConcurrencyConfig)
    ? numberOf(p.ProvisionedConcurrencyConfig.ProvisionedConcurrentExecutions)
    : undefined;
  if (pc !== undefined) out.provisionedConcurrency = pc;
  const eph = isObj(p.EphemeralStorage) ? numberOf(p.EphemeralStorage.Size) : undefined;
  if (eph !== undefined) out.ephemeralStorageMB = eph;
  return out;
}

/** EventInvokeConfig (SAM property or AWS::Lambda::EventInvokeConfig): retries, age, destinations. */
export function readInvokeConfig(
  ctx: ImportContext,
  fnLogicalId: string,
  cfg: Record<string, unknown>,
  via: string,
): void {
  const node = ctx.node(fnLogicalId);
  if (!node) return;
  const retries = numberOf(cfg.MaximumRetryAttempts);
  if (retries !== undefined) node.params.asyncRetries = retries;
  const age = numberOf(cfg.MaximumEventAgeInSeconds);
  if (age !== undefined) node.params.maxEventAgeSeconds = age;
  const dest = isObj(cfg.DestinationConfig) ? cfg.DestinationConfig : {};
  for (const [key, role] of [
    ['OnSuccess', 'onSuccess'],
    ['OnFailure', 'onFailure'],
  ] as const) {
    const d = isObj(dest[key]) ? dest[key] : undefined;
    if (!d) continue;
    const target = ctx.target(d.Destination);
    if (target) ctx.link({ from: fnLogicalId, to: target, role, params: {}, via: `${via} ${key}` });
    else
      ctx.unwired(
        `${fnLogicalId}: ${key} destination ${String(d.Destination ?? d.Type)} is not a resource of this template`,
      );
  }
}

export const functionMappers: Mapper[] = [
  {
    types: ['AWS::Serverless::Function', 'AWS::Lambda::Function'],
    phase: 1,
    map(ctx, id, p) {
      ctx.addNode(id, 'function', functionParams(ctx, id, p));
    },
  },
  {
    types: ['AWS::Serverless::Function', 'AWS::Lambda::Function'],
    phase: 2,
    map(ctx, id, p) {
      if (isObj(p.EventInvokeConfig))
        readInvokeConfig(ctx, id, p.EventInvokeConfig, `${id} EventInvokeConfig`);
      if (isObj(p.DeadLetterQueue) || isObj(p.DeadLetterConfig)) {
        const d = isObj(p.DeadLetterQueue)
          ? p.DeadLetterQueue.TargetArn
          : (p.DeadLetterConfig as Record<string, unknown>).TargetArn;
        const target = ctx.target(d);
        if (target)
          ctx.link({
            from: id,
            to: target,
            role: 'onFailure',
            params: {},
            via: `${id} dead-letter queue (as an on-failure destination)`,
          });
      }
    },
  },
  {
    types: ['AWS::Lambda::EventInvokeConfig'],
    phase: 2,
    map(ctx, id, p) {
      const fn = ctx.target(p.FunctionName);
      if (!fn || !ctx.node(fn)) return;
      readInvokeConfig(ctx, fn, p, id);
      ctx.fold(id, `function ${ctx.nodeOf.get(fn)}`);
    },
  },
  {
    types: ['AWS::Lambda::Version', 'AWS::Lambda::Alias'],
    phase: 2,
    map(ctx, id, p) {
      const fn = ctx.target(p.FunctionName);
      const node = fn ? ctx.node(fn) : undefined;
      if (!node) return;
      const pc = isObj(p.ProvisionedConcurrencyConfig)
        ? numberOf(p.ProvisionedConcurrencyConfig.ProvisionedConcurrentExecutions)
        : undefined;
      if (pc !== undefined) node.params.provisionedConcurrency = pc;
      ctx.fold(id, `function ${node.id}`);
    },
  },
];
