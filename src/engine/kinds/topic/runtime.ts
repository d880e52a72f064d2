import type { UsageLine } from '../../billing/types';
import { chunks } from '../../billing/units';
import type { SimContext } from '../../sim/context';
import type { EdgeRuntime } from '../../sim/edges';
import { NodeBase } from '../../sim/node-base';
import { COMPLETED } from '../../sim/requests';
import type { NodeMetrics, NodeSpec } from '../types';
import type { TopicParams } from './schema';

/** SNS bills each started 64 KB of a publish as one request [SNS-PRICE]. */
const SNS_CHUNK_KB = 64;

/**
 * Amazon SNS standard topic: each publish is delivered, in parallel and at once, to every
 * subscription (an outgoing "invoke" edge) whose filter policy matches the event type
 * [SNS-FILTER]; the others count as filtered out. The publish's path fans out: one new path
 * per delivery, and the publish's own path completes.
 *
 * Subscribers are Lambda functions (asynchronous invoke: the event enters the function's
 * internal queue with its own retries [L-SNS]) and SQS queues (a message). Both accept every
 * delivery, so no SNS retry ever happens here and the subscription dead-letter queue ("dlq"
 * edge) is never used; the AWS-managed retry schedule lives in ./retry.ts for endpoints that
 * can fail. SNS adds no modelled latency of its own.
 *
 * Bill: publishes in 64 KB chunks; deliveries to Lambda and SQS are free [SNS-PRICE].
 */
export class TopicRuntime extends NodeBase<TopicParams> {
  private subscriptions: EdgeRuntime[] = [];

  private published = 0;
  private delivered = 0;
  private filteredOut = 0;
  private publishRequests = 0;
  private readonly sPublished: number = -1;
  private readonly cPublished: number;
  private readonly cDelivered: number;
  private readonly cFilteredOut: number;

  constructor(ctx: SimContext, spec: NodeSpec<TopicParams>, index: number) {
    super(ctx, spec, index);
    this.cPublished = this.counter('published');
    this.cDelivered = this.counter('delivered');
    this.cFilteredOut = this.counter('filteredOut');
    if (ctx.series) this.sPublished = ctx.series.register(`${spec.id}.published`, 'rate');
  }

  start(): void {
    this.subscriptions = this.edgesWith('invoke');
  }

  deliver(req: number, type: number, kb: number, group: number, t: number): void {
    const measuring = this.measuring(t);
    const subs = this.subscriptions;
    let delivered = 0;
    for (let i = 0; i < subs.length; i++) {
      const e = subs[i];
      if (!e.matches(type)) continue;
      delivered++;
      this.ctx.requests.spawn(req);
      e.deliver(req, type, kb, group, t);
    }
    if (measuring) {
      this.published++;
      this.publishRequests += chunks(kb, SNS_CHUNK_KB);
      this.delivered += delivered;
      this.filteredOut += subs.length - delivered;
      if (this.ctx.series) this.ctx.series.count(this.sPublished, t);
    }
    if (this.ctx.recorder !== null) {
      this.tally(this.cPublished, t, 1, measuring);
      this.tally(this.cDelivered, t, delivered, measuring);
      this.tally(this.cFilteredOut, t, subs.length - delivered, measuring);
    }
    this.ctx.requests.end(req, COMPLETED, t);
  }

  metrics(): NodeMetrics {
    return { published: this.published, delivered: this.delivered, filteredOut: this.filteredOut };
  }

  usage(): UsageLine[] {
    return [{ meter: 'sns.publishes', name: 'publishes (64 KB chunks)', quantity: this.publishRequests }];
  }
}
