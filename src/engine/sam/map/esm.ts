import type { NodeKind } from '../../kinds/types';
import type { ImportContext } from '../context';
import { isObj } from '../context';
import { boolOf, numberOf } from '../intrinsics';

/**
 * An event source mapping's settings, as edge params. Which apply depends on the source
 * (an SQS poller or a shard poller); what does not apply is said, not dropped.
 */
export function esmEdgeParams(
  ctx: ImportContext,
  where: string,
  p: Record<string, unknown>,
  source: NodeKind,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const set = (k: string, v: unknown) => {
    if (v !== undefined) out[k] = v;
  };
  set('batchSize', numberOf(p.BatchSize));
  set('batchWindowSeconds', numberOf(p.MaximumBatchingWindowInSeconds));
  const responseTypes = Array.isArray(p.FunctionResponseTypes) ? p.FunctionResponseTypes : [];
  const partial = responseTypes.includes('ReportBatchItemFailures');
  if (source === 'queue') {
    set(
      'maximumConcurrency',
      isObj(p.ScalingConfig) ? numberOf(p.ScalingConfig.MaximumConcurrency) : undefined,
    );
    if (partial) out.reportBatchItemFailures = true;
  } else {
    set('parallelizationFactor', numberOf(p.ParallelizationFactor));
    set('maximumRetryAttempts', numberOf(p.MaximumRetryAttempts));
    set('maximumRecordAgeSeconds', numberOf(p.MaximumRecordAgeInSeconds));
    set('bisectBatchOnError', boolOf(p.BisectBatchOnFunctionError));
    if (partial)
      ctx.warn(
        `${where}: ReportBatchItemFailures on a stream is not simulated (a failed batch is retried whole, or bisected)`,
      );
  }
  if (p.FilterCriteria !== undefined)
    ctx.warn(`${where}: FilterCriteria is not simulated: every record reaches the function`);
  if (boolOf(p.Enabled) === false)
    ctx.warn(`${where}: the mapping is disabled in the template; simulated as enabled`);
  if (p.TumblingWindowInSeconds !== undefined) ctx.warn(`${where}: TumblingWindowInSeconds is not simulated`);
  return out;
}

/** The on-failure destination of a stream's mapping becomes an onFailure edge from the stream. */
export function esmOnFailure(
  ctx: ImportContext,
  sourceId: string,
  where: string,
  p: Record<string, unknown>,
): void {
  const dest =
    isObj(p.DestinationConfig) && isObj(p.DestinationConfig.OnFailure)
      ? p.DestinationConfig.OnFailure
      : undefined;
  if (!dest) return;
  const target = ctx.target(dest.Destination);
  if (target)
    ctx.link({
      from: sourceId,
      to: target,
      role: 'onFailure',
      params: {},
      via: `${where} DestinationConfig.OnFailure`,
    });
  else
    ctx.unwired(
      `${where}: on-failure destination ${String(dest.Destination)} is not a resource of this template`,
    );
}

export const esmMapper = {
  types: ['AWS::Lambda::EventSourceMapping'] as const,
  phase: 2 as const,
  map(ctx: ImportContext, id: string, p: Record<string, unknown>) {
    const source = ctx.target(p.EventSourceArn);
    const fn = ctx.target(p.FunctionName);
    const src = source ? ctx.node(source) : undefined;
    if (!source || !fn || !src) {
      ctx.unwired(
        `${id}: event source ${String(p.EventSourceArn)} → ${String(p.FunctionName)}: ${!src ? 'the source is not a mapped resource of this template' : 'the function is not in this template'}`,
      );
      ctx.handled.add(id);
      ctx.report.notMapped.push({
        logicalId: id,
        type: 'AWS::Lambda::EventSourceMapping',
        reason: 'its source or function is not mapped',
      });
      return;
    }
    ctx.link({
      from: source,
      to: fn,
      role: 'invoke',
      params: esmEdgeParams(ctx, id, p, src.kind),
      via: `${id} (AWS::Lambda::EventSourceMapping)`,
    });
    esmOnFailure(ctx, source, id, p);
    ctx.handled.add(id);
  },
};
