import { source } from './sources';
import type { Check, Finding } from './types';
import { invokers } from './invocation';
import { andList, span } from './words';

/**
 * A function that fails some of its work, with nowhere for the failures to go: async events
 * are dropped after the retries [L-ASYNC]; SQS messages come back until retention deletes
 * them [L-SQS23] [SQS-DLQ]; a stream batch is retried until its records expire, holding up
 * its shard [L-KIN] [L-DDB].
 */
export const noFailurePath: Check = {
  name: 'no-failure-path',
  run(ctx) {
    const out: Finding[] = [];
    for (const n of ctx.scenario.nodes) {
      if (n.kind !== 'function' || !((n.params.errorRate as number) > 0)) continue;
      const fn = ctx.label(n.id);
      const pct = percent(n.params.errorRate as number);
      const by = invokers(ctx, n.id);
      const onFailure = ctx.outgoing(n.id).some((e) => e.role === 'onFailure');
      if (by.async.length > 0 && !onFailure) {
        out.push({
          id: `no-failure-path:${n.id}:async`,
          check: 'no-failure-path',
          severity: 'warning',
          message: `${fn} fails ${pct} of its events, and when an event invoked by ${andList(by.async.map((e) => ctx.label(e.source)))} still fails after its ${n.params.asyncRetries} retries, Lambda drops it: nothing keeps it for a second look. Give ${fn} an on-failure destination.`,
          nodeIds: [n.id],
          source: source('[L-ASYNC]'),
          fix: {
            type: 'addNode',
            label: `Add an on-failure queue for ${fn}`,
            node: { kind: 'queue', label: `${fn} failures`, params: {} },
            near: n.id,
            below: true,
            edge: { direction: 'from', other: n.id, role: 'onFailure' },
          },
        });
      }
      for (const e of by.sqsPoller) {
        const q = ctx.node(e.source);
        if (ctx.outgoing(q.id).some((x) => x.role === 'dlq')) continue;
        const qn = ctx.label(q.id);
        out.push({
          id: `no-failure-path:${n.id}:${q.id}`,
          check: 'no-failure-path',
          severity: 'warning',
          message: `${fn} fails ${pct} of its ${e.params.reportBatchItemFailures ? 'messages' : 'batches'}, and ${qn} has no dead-letter queue: a failing message is received again and again until retention deletes it (after ${span(q.params.retentionSeconds as number)}), paid for on every try. Give ${qn} a dead-letter queue.`,
          nodeIds: [n.id, q.id],
          edgeIds: [e.id],
          source: source('[L-SQS23] [SQS-DLQ]'),
          fix: {
            type: 'addNode',
            label: `Add a dead-letter queue to ${qn}`,
            node: {
              kind: 'queue',
              label: `${qn} DLQ`,
              params: q.params.type === 'fifo' ? { type: 'fifo' } : {},
            },
            near: q.id,
            below: true,
            edge: { direction: 'from', other: q.id, role: 'dlq' },
          },
        });
      }
      for (const e of by.streamPoller) {
        const s = ctx.node(e.source);
        const bounded =
          (e.params.maximumRetryAttempts as number) >= 0 || (e.params.maximumRecordAgeSeconds as number) >= 0;
        if (bounded && ctx.outgoing(s.id).some((x) => x.role === 'onFailure')) continue;
        const sn = ctx.label(s.id);
        out.push({
          id: `no-failure-path:${n.id}:${s.id}`,
          check: 'no-failure-path',
          severity: 'warning',
          message: bounded
            ? `${fn} fails on ${pct} of the records from ${sn}; when a batch holding one runs out of retries, its records are skipped without a trace. Connect ${sn} to a queue or topic as on-failure.`
            : `${fn} fails on ${pct} of the records from ${sn}, and a batch holding one is retried until its records expire, holding up its shard meanwhile. On the connection from ${sn}, set a retry limit (maximum retry attempts or record age) and connect ${sn} to a queue or topic as on-failure.`,
          nodeIds: [n.id, s.id],
          edgeIds: [e.id],
          source: source(s.kind === 'table' ? '[L-DDB]' : '[L-KIN]'),
        });
      }
    }
    return out;
  },
};

/** 0.1 → "10 %", 0.0001 → "0.01 %": two significant figures under 1 %. */
function percent(fraction: number): string {
  const p = fraction * 100;
  return `${p >= 1 ? Math.round(p * 10) / 10 : Number(p.toPrecision(2))} %`;
}
