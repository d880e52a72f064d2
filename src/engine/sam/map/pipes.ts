import type { ImportContext, Mapper } from '../context';
import { isObj } from '../context';
import { numberOf, stringOf } from '../intrinsics';

type Obj = Record<string, unknown>;

/**
 * The event types a pipe's filter names: the first list of plain strings in its first
 * pattern (`{"body": {"type": ["OrderPlaced"]}}`, `{"eventName": ["INSERT"]}`), since the
 * simulator matches on one thing, the event's type. What else the patterns say is returned
 * to be reported.
 */
export function pipeFilterTypes(criteria: unknown): { types?: string[]; ignored: string[] } {
  const filters = isObj(criteria) && Array.isArray(criteria.Filters) ? criteria.Filters.filter(isObj) : [];
  const ignored: string[] = [];
  let types: string[] | undefined;
  filters.forEach((f, i) => {
    let p: unknown = f.Pattern;
    if (typeof p === 'string') {
      try {
        p = JSON.parse(p);
      } catch {
        ignored.push(`pattern ${i + 1} is not valid JSON`);
        return;
      }
    }
    const walk = (v: unknown, path: string) => {
      if (Array.isArray(v)) {
        const plain = v.every((x) => typeof x === 'string' && x !== '');
        if (plain && !types && v.length) types = (v as string[]).map((x) => x.slice(0, 64));
        else ignored.push(`${path || 'pattern'}${plain ? '' : ' (a matcher other than plain values)'}`);
      } else if (isObj(v)) for (const [k, x] of Object.entries(v)) walk(x, path ? `${path}.${k}` : k);
    };
    if (i > 0 && types) ignored.push(`pattern ${i + 1} (only the first pattern's types are simulated)`);
    else walk(p, '');
  });
  return { types, ignored };
}

/** The source's settings, as the source → pipe edge's params (those the connection carries). */
function sourceEdge(ctx: ImportContext, id: string, kind: string, sp: Obj): Obj {
  const q = isObj(sp.SqsQueueParameters) ? sp.SqsQueueParameters : undefined;
  const s = isObj(sp.KinesisStreamParameters)
    ? sp.KinesisStreamParameters
    : isObj(sp.DynamoDBStreamParameters)
      ? sp.DynamoDBStreamParameters
      : undefined;
  const out: Obj = {};
  const set = (k: string, v: unknown) => {
    if (v !== undefined) out[k] = v;
  };
  const p = kind === 'queue' ? q : s;
  if (!p) return out;
  set('batchSize', numberOf(p.BatchSize));
  set('batchWindowSeconds', numberOf(p.MaximumBatchingWindowInSeconds));
  if (kind !== 'queue') {
    set('parallelizationFactor', numberOf(p.ParallelizationFactor));
    set('maximumRetryAttempts', numberOf(p.MaximumRetryAttempts));
    set('maximumRecordAgeSeconds', numberOf(p.MaximumRecordAgeInSeconds));
    if (p.OnPartialBatchItemFailure === 'AUTOMATIC_BISECT') out.bisectBatchOnError = true;
    if (isObj(p.DeadLetterConfig)) {
      const dlq = ctx.target(p.DeadLetterConfig.Arn);
      if (dlq) return { ...out, dlq };
      ctx.unwired(
        `${id}: DeadLetterConfig ${String(p.DeadLetterConfig.Arn)} is not a queue of this template`,
      );
    }
  }
  return out;
}

export const pipeMappers: Mapper[] = [
  {
    types: ['AWS::Pipes::Pipe'],
    phase: 1,
    map(ctx, id) {
      ctx.addNode(id, 'pipe', {});
    },
  },
  {
    types: ['AWS::Pipes::Pipe'],
    phase: 2,
    map(ctx, id, p) {
      const node = ctx.node(id)!;
      const sp = isObj(p.SourceParameters) ? p.SourceParameters : {};
      const source = ctx.target(p.Source);
      const src = source ? ctx.node(source) : undefined;
      if (!source || !src)
        ctx.unwired(`${id}: its source ${String(p.Source)} is not a queue, stream or table of this template`);
      else {
        if (src.kind === 'table') src.params.streamEnabled = true;
        const { dlq, ...params } = sourceEdge(ctx, id, src.kind, sp);
        ctx.link({ from: source, to: id, role: 'invoke', params, via: `${id} Source` });
        if (typeof dlq === 'string')
          ctx.link({
            from: source,
            to: dlq,
            role: 'onFailure',
            params: {},
            via: `${id} SourceParameters DeadLetterConfig (the failed batches of the source)`,
          });
      }
      if (sp.FilterCriteria !== undefined) {
        const f = pipeFilterTypes(sp.FilterCriteria);
        if (f.types) node.params.filter = { type: f.types };
        if (f.ignored.length)
          ctx.warn(
            `${id}: its filter's ${f.ignored.join(', ')} ${f.types ? 'are' : 'is'} not simulated (the simulator filters on the event type)${f.types ? '' : ': every event passes'}`,
          );
      }
      const streamParams = [sp.KinesisStreamParameters, sp.DynamoDBStreamParameters].find(isObj);
      if (streamParams?.StartingPosition === 'TRIM_HORIZON')
        ctx.assume(`${id}: starting position TRIM_HORIZON simulated as LATEST (only new records are read)`);
      const enrichment = p.Enrichment === undefined ? undefined : ctx.target(p.Enrichment);
      if (enrichment && ctx.node(enrichment)?.kind === 'function') {
        node.params.enrichment = ctx.nodeOf.get(enrichment);
        ctx.link({ from: id, to: enrichment, role: 'invoke', params: {}, via: `${id} Enrichment` });
      } else if (p.Enrichment !== undefined)
        ctx.unwired(
          `${id}: its Enrichment ${String(p.Enrichment)} is not a function of this template (an API destination or a workflow as enrichment is not simulated)`,
        );
      const target = ctx.target(p.Target);
      if (target && ctx.node(target))
        ctx.link({ from: id, to: target, role: 'invoke', params: {}, via: `${id} Target` });
      else ctx.unwired(`${id}: its target ${String(p.Target)} is not a resource of this template`);
      const tp = isObj(p.TargetParameters) ? p.TargetParameters : {};
      const sfn = isObj(tp.StepFunctionStateMachineParameters) ? tp.StepFunctionStateMachineParameters : {};
      const tnode = target ? ctx.node(target) : undefined;
      if (
        tnode?.kind === 'stateMachine' &&
        sfn.InvocationType === 'FIRE_AND_FORGET' &&
        tnode.params.workflowType === 'express'
      )
        ctx.assume(
          `${id}: InvocationType FIRE_AND_FORGET: the simulated pipe waits for the Express workflow to end`,
        );
      const bus = isObj(tp.EventBridgeEventBusParameters) ? tp.EventBridgeEventBusParameters : undefined;
      if (bus && stringOf(bus.DetailType))
        ctx.warn(
          `${id}: the target's DetailType "${stringOf(bus.DetailType)}" is not simulated: events keep the type they had at the source, so rules on ${String(target)} must match that`,
        );
      if (tp.InputTemplate !== undefined)
        ctx.warn(`${id}: InputTemplate is not simulated (payloads are not modelled)`);
      if (stringOf(p.DesiredState) === 'STOPPED')
        ctx.warn(`${id}: the pipe is stopped in the template; simulated as running`);
      if (p.LogConfiguration !== undefined) ctx.warn(`${id}: LogConfiguration is not simulated`);
    },
  },
];
