import type { NodeKind } from '../kinds/vocabulary';
import { source } from './sources';
import type { Check, CheckContext, Finding } from './types';
import { fmtNumber } from './words';

/**
 * The largest message each service takes, in KB, and the fact behind it. SNS stayed at
 * 256 KB [SNS-FAQ]; SQS, EventBridge and Lambda's asynchronous invoke went to 1 MB in
 * 2025–26 [L-1MB] [L-INVOKE]; a Kinesis record is at most 1 MB [KDS-LIM]. (The payload a
 * producer or schedule emits, at most 1,024 KB, travels unchanged along its paths.)
 */
const LIMITS: Partial<Record<NodeKind, { kb: number; service: string; tag: string }>> = {
  topic: { kb: 256, service: 'SNS', tag: '[SNS-FAQ] [SQS-KR]' },
  queue: { kb: 1024, service: 'SQS', tag: '[L-1MB] [SQS-KR]' },
  eventBus: { kb: 1024, service: 'EventBridge', tag: '[L-1MB]' },
  stream: { kb: 1024, service: 'Kinesis', tag: '[KDS-LIM]' },
};
/** An asynchronous invocation's event [L-INVOKE] [L-1MB]. */
const LAMBDA_ASYNC = { kb: 1024, service: "Lambda's asynchronous invoke", tag: '[L-INVOKE] [L-1MB]' };
const ASYNC_SOURCES: ReadonlySet<NodeKind> = new Set(['schedule', 'bucket', 'topic', 'eventBus']);

/** An event too big for a service on its path is refused there: every one of them. */
export const payloadSize: Check = {
  name: 'payload-size',
  run(ctx) {
    const out: Finding[] = [];
    for (const origin of ctx.scenario.nodes) {
      if (origin.kind !== 'producer' && origin.kind !== 'schedule') continue;
      const kb = origin.params.payloadKB as number;
      for (const hit of tooSmall(ctx, origin.id, kb)) {
        const on = ctx.label(origin.id);
        const at = ctx.label(hit.node);
        out.push({
          id: `payload-size:${origin.id}:${hit.node}`,
          check: 'payload-size',
          severity: 'error',
          message: `${on} sends ${fmtNumber(kb)} KB events, but ${hit.limit.service} takes at most ${fmtNumber(hit.limit.kb)} KB, so ${at} would refuse every one. Send ${fmtNumber(hit.limit.kb)} KB or less (keep the body in S3 and send its key).`,
          nodeIds: [origin.id, hit.node],
          source: source(hit.limit.tag),
          fix: {
            type: 'setNodeParam',
            label: `Set ${on}'s payload to ${fmtNumber(hit.limit.kb)} KB`,
            nodeId: origin.id,
            param: 'payloadKB',
            value: hit.limit.kb,
          },
        });
      }
    }
    return out;
  },
};

/** The nodes on the origin's paths whose limit is under kb, with the tightest limit first found. */
function tooSmall(
  ctx: CheckContext,
  origin: string,
  kb: number,
): { node: string; limit: { kb: number; service: string; tag: string } }[] {
  const hits: { node: string; limit: { kb: number; service: string; tag: string } }[] = [];
  const seen = new Set([origin]);
  const stack = [origin];
  while (stack.length > 0) {
    const id = stack.pop()!;
    for (const e of ctx.outgoing(id)) {
      if (seen.has(e.target)) continue;
      seen.add(e.target);
      const target = ctx.node(e.target);
      const from = ctx.node(e.source).kind;
      const asyncInvoke =
        target.kind === 'function' &&
        e.role === 'invoke' &&
        (ASYNC_SOURCES.has(from) || (from === 'function' && e.params.mode !== 'sync'));
      const limit = asyncInvoke ? LAMBDA_ASYNC : LIMITS[target.kind];
      if (limit && kb > limit.kb) hits.push({ node: target.id, limit });
      else stack.push(target.id);
    }
  }
  return hits;
}
