import { pipeWiring } from '../kinds/pipe/wiring';
import type { NodeKind } from '../kinds/vocabulary';
import type { ScenarioEdge } from '../scenario/schema';
import type { Check, CheckContext, Finding, FindingSource } from './types';
import { andList, fmtNumber } from './words';

/** Not in the facts file: AWS's pages on a pipe's parts. */
const PIPES_DOC = 'https://docs.aws.amazon.com/eventbridge/latest/userguide';
const ONE_SOURCE_ONE_TARGET: FindingSource = {
  tag: 'EventBridge Pipes: one source, one target',
  url: `${PIPES_DOC}/eb-pipes.html`,
};
const BATCHING: FindingSource = {
  tag: 'EventBridge Pipes batching',
  url: `${PIPES_DOC}/eb-pipes-batching-concurrency.html`,
};

/**
 * Most events a target takes in one batch: SendMessageBatch, PublishBatch and PutEvents take
 * 10 entries, PutRecords 500 [KDS-LIM]; a pipe's batch may not be larger than its target's
 * (eb-pipes-batching-concurrency.html). Functions and state machines take the whole batch.
 */
const TARGET_BATCH_MAX: Partial<Record<NodeKind, number>> = {
  queue: 10,
  topic: 10,
  eventBus: 10,
  stream: 500,
};

/** A pipe reads one source and hands its events to one target, in batches its target can take. */
export const pipeWiringCheck: Check = {
  name: 'pipe-wiring',
  run(ctx) {
    const out: Finding[] = [];
    for (const p of ctx.scenario.nodes) {
      if (p.kind !== 'pipe') continue;
      const name = ctx.label(p.id);
      const sources = ctx.incoming(p.id).filter((e) => e.role === 'invoke');
      const { targets } = wiringOf(ctx, p.id, p.params.enrichment as string);
      if (sources.length > 1)
        out.push({
          id: `pipe-wiring:sources:${p.id}`,
          check: 'pipe-wiring',
          severity: 'error',
          message: `${name} reads ${andList(sources.map((e) => ctx.label(e.source)))}, but a pipe has exactly one source: give each source a pipe of its own.`,
          nodeIds: [p.id, ...sources.map((e) => e.source)],
          edgeIds: sources.map((e) => e.id),
          source: ONE_SOURCE_ONE_TARGET,
        });
      if (targets.length > 1)
        out.push({
          id: `pipe-wiring:targets:${p.id}`,
          check: 'pipe-wiring',
          severity: 'error',
          message: `${name} hands its events to ${andList(targets.map((e) => ctx.label(e.target)))}, but a pipe has exactly one target: keep one and fan out from it through an SNS topic or an EventBridge bus.${
            targets.some((e) => ctx.node(e.target).kind === 'function')
              ? ' A function meant to enrich the events goes in the pipe\'s "Enrichment" field.'
              : ''
          }`,
          nodeIds: [p.id, ...targets.map((e) => e.target)],
          edgeIds: targets.map((e) => e.id),
          source: ONE_SOURCE_ONE_TARGET,
        });
      else if (targets.length === 0)
        out.push({
          id: `pipe-wiring:no-target:${p.id}`,
          check: 'pipe-wiring',
          severity: 'warning',
          message: `${name} has no target: what passes its filter goes nowhere, and is still billed. Connect it to a function, queue, topic, bus, stream or state machine.`,
          nodeIds: [p.id],
          source: ONE_SOURCE_ONE_TARGET,
        });
      if (targets.length === 1) out.push(...batchTooBig(ctx, p.id, sources, targets[0]));
    }
    return out;
  },
};

/** A pipe's enrichment edge and target edges, as the runtime reads them (kinds/pipe/wiring.ts). */
export function wiringOf(ctx: CheckContext, id: string, enrichment: string) {
  const out = ctx
    .outgoing(id)
    .filter((e) => e.role === 'invoke')
    .map((e) => ({
      edge: e,
      target: e.target,
      targetKind: ctx.node(e.target).kind,
      targetLabel: ctx.label(e.target),
    }));
  const w = pipeWiring(enrichment ?? '', out);
  return { enrichment: w.enrichment?.edge, targets: w.targets.map((x) => x.edge) };
}

/** A batch larger than the target's batch API takes is refused when the pipe is created. */
function batchTooBig(
  ctx: CheckContext,
  pipe: string,
  sources: readonly ScenarioEdge[],
  target: ScenarioEdge,
): Finding[] {
  const kind = ctx.node(target.target).kind;
  const max = TARGET_BATCH_MAX[kind];
  if (max === undefined) return [];
  return sources
    .filter((e) => (e.params.batchSize ?? 1) > max)
    .map((e) => ({
      id: `pipe-wiring:batch:${e.id}`,
      check: 'pipe-wiring',
      severity: 'error' as const,
      message: `${ctx.label(pipe)} reads batches of ${fmtNumber(e.params.batchSize!)} from ${ctx.label(e.source)}, but its target ${ctx.label(target.target)} takes at most ${fmtNumber(max)} events per batch: a pipe's batch may not be larger than its target's. Set the batch size to ${fmtNumber(max)} or less.`,
      nodeIds: [pipe, e.source, target.target],
      edgeIds: [e.id, target.id],
      source: BATCHING,
      fix: {
        type: 'setEdgeParam' as const,
        label: `Set the batch size to ${fmtNumber(max)}`,
        edgeId: e.id,
        param: 'batchSize',
        value: max,
      },
    }));
}
