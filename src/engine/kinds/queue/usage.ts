import type { UsageLine } from '../../billing/types';
import { chunks } from '../../billing/units';
import { CHUNK_KB, MESSAGES_PER_CALL } from './limits';

/**
 * What one queue is billed for (facts §2.3 [SQS-PRICE]): every API action is a request, a
 * batch of 1–10 messages is one request, each 64 KB chunk of a request's payload counts as
 * one more, and empty receives are billed. Standard and FIFO queues use their own meter.
 *
 * - SendMessage: one call per message (producers and functions send one at a time).
 *   A redrive into a dead-letter queue is done by SQS itself and is not billed.
 * - ReceiveMessage: the messages of a batch are received 10 per call; each call is billed
 *   in 64 KB chunks of the payload it returned.
 * - Empty receives: a long poll (20 s) that returned nothing, one request each.
 * - DeleteMessageBatch: one call per 10 deleted messages (it carries receipt handles only,
 *   so no payload chunks).
 */
export class QueueUsage {
  send = 0;
  receive = 0;
  empty = 0;
  del = 0;

  constructor(private readonly meter: string) {}

  /** One SendMessage of a message of `kb`. */
  sent(kb: number): void {
    this.send += chunks(kb, CHUNK_KB);
  }

  /** One ReceiveMessage call that returned messages totalling `kb`. */
  received(kb: number): void {
    this.receive += chunks(kb, CHUNK_KB);
  }

  emptyReceives(n: number): void {
    this.empty += n;
  }

  /** DeleteMessageBatch calls for `messages` deleted messages. */
  deleted(messages: number): void {
    if (messages > 0) this.del += messages <= MESSAGES_PER_CALL ? 1 : Math.ceil(messages / MESSAGES_PER_CALL);
  }

  get requests(): number {
    return this.send + this.receive + this.empty + this.del;
  }

  lines(): UsageLine[] {
    const m = this.meter;
    return [
      { meter: m, name: 'SendMessage requests', quantity: this.send },
      { meter: m, name: 'ReceiveMessage requests', quantity: this.receive },
      { meter: m, name: 'empty receives (long polls)', quantity: this.empty },
      { meter: m, name: 'DeleteMessageBatch requests', quantity: this.del },
    ];
  }
}
