import type { ScenarioEdge } from '../scenario/schema';
import { wiringOf } from './pipe-wiring';
import { source } from './sources';
import type { Check, CheckContext, Finding } from './types';
import { seconds } from './words';
import { expressLongestSeconds } from './workflow-duration';

/** The largest visibility timeout SQS allows [SQS-VIS]. */
const VISIBILITY_MAX_S = 43200;

/** What a queue's reader needs of its visibility timeout, and why, for the sentence. */
interface Need {
  advised: number;
  reader: string;
  edge: string;
  /** The sentence's middle: what the advised figure is made of. */
  why: string;
}

/**
 * A function reading the queue: 6 × its timeout + the batch window, or messages come back
 * while still in progress (or while the poller waits out a throttle) [L-SQS23].
 */
function functionNeed(ctx: CheckContext, e: ScenarioEdge, window: number): Need {
  const timeoutS = (ctx.node(e.target).params.timeoutMs as number) / 1000;
  const advised = 6 * timeoutS + window;
  const windowText = window > 0 ? ` + the batch window ${seconds(window)}` : '';
  return {
    advised,
    reader: e.target,
    edge: e.id,
    why: `less than 6 × ${ctx.label(e.target)}'s timeout (${seconds(timeoutS)})${windowText} = ${seconds(advised)}: a message still being handled, or waiting out a throttle, becomes visible again and is handled twice.`,
  };
}

/**
 * A pipe reading the queue holds each batch, invisible, while it waits out the batch window,
 * its enrichment and a target it waits for (a function; an Express workflow, as long as its
 * steps can take, at most 5 minutes [SFN-LIM]); SQS makes the messages visible again when the visibility timeout ends, whatever
 * the pipe is doing [SQS-VIS]. AWS gives no multiple for pipes, so the advice is that time.
 */
function pipeNeed(ctx: CheckContext, e: ScenarioEdge, window: number): Need | undefined {
  const pipe = ctx.node(e.target);
  const { enrichment, targets } = wiringOf(ctx, pipe.id, pipe.params.enrichment as string);
  const parts: string[] = [];
  let held = 0;
  const waitFor = (edge: ScenarioEdge | undefined) => {
    if (!edge) return;
    const n = ctx.node(edge.target);
    if (n.kind === 'function') {
      const s = (n.params.timeoutMs as number) / 1000;
      held += s;
      parts.push(`${ctx.label(n.id)}'s timeout ${seconds(s)}`);
    } else if (n.kind === 'stateMachine' && n.params.workflowType === 'express') {
      const s = expressLongestSeconds(ctx, n.id);
      held += s;
      parts.push(`${ctx.label(n.id)}, an Express workflow, up to ${seconds(s)}`);
    }
  };
  waitFor(enrichment);
  waitFor(targets[0]);
  if (window > 0) parts.push(`the batch window ${seconds(window)}`);
  held += window;
  if (parts.length === 0) return undefined;
  return {
    advised: held,
    reader: pipe.id,
    edge: e.id,
    why: `but ${ctx.label(pipe.id)} can hold a batch for up to ${seconds(held)} (${parts.join(' + ')}): a message still in the pipe becomes visible again and is handled twice.`,
  };
}

/**
 * Visibility timeout long enough for the queue's slowest reader: 6 × a function's timeout +
 * the batch window [L-SQS23], or the longest a pipe can hold a batch. One finding per queue,
 * for the reader that needs the most; the fix sets exactly that.
 */
export const visibilityTimeout: Check = {
  name: 'visibility-timeout',
  run(ctx) {
    const out: Finding[] = [];
    for (const q of ctx.scenario.nodes) {
      if (q.kind !== 'queue') continue;
      let worst: Need | undefined;
      for (const e of ctx.outgoing(q.id)) {
        if (e.role !== 'invoke') continue;
        const kind = ctx.node(e.target).kind;
        const window = (e.params.batchWindowSeconds as number | undefined) ?? 0;
        const need =
          kind === 'function'
            ? functionNeed(ctx, e, window)
            : kind === 'pipe'
              ? pipeNeed(ctx, e, window)
              : undefined;
        if (need && (!worst || need.advised > worst.advised)) worst = need;
      }
      const visibility = q.params.visibilityTimeoutSeconds as number;
      if (!worst || visibility >= worst.advised) continue;
      const qn = ctx.label(q.id);
      const target = Math.ceil(worst.advised);
      const finding: Finding = {
        id: `visibility-timeout:${q.id}`,
        check: 'visibility-timeout',
        severity: 'warning',
        message: `${qn} hides a received message for ${seconds(visibility)}, ${worst.why}`,
        nodeIds: [q.id, worst.reader],
        edgeIds: [worst.edge],
        source: source('[L-SQS23] [SQS-VIS]'),
      };
      if (target <= VISIBILITY_MAX_S)
        finding.fix = {
          type: 'setNodeParam',
          label: `Set ${qn}'s visibility timeout to ${seconds(target)}`,
          nodeId: q.id,
          param: 'visibilityTimeoutSeconds',
          value: target,
        };
      out.push(finding);
    }
    return out;
  },
};
