import { z } from 'zod';
import { choice, num } from '../../scenario/params';

/** Facts: §2.1 queue limits [SQS-API] [SQS-VIS] [SQS-DLQ], §2.2 redrive advice [L-SQS23]. */
export const queueParams = z.object({
  type: choice(['standard', 'fifo'] as const, {
    default: 'standard',
    help: 'Standard (at-least-once, best-effort order) or FIFO (ordered per message group, 5-minute deduplication, pricier requests). A dead-letter queue must be the same type.',
    source: '[SQS-KR] [SQS-DLQ]',
  }),
  visibilityTimeoutSeconds: num({
    min: 0,
    max: 43200,
    default: 30,
    int: true,
    unit: 's',
    help: "How long a received message stays hidden; if it is not deleted by then it is received again. Keep it at least 6 × the consumer function's timeout.",
    source: '[SQS-VIS] [L-SQS23]',
  }),
  retentionSeconds: num({
    min: 60,
    max: 1209600,
    default: 345600,
    int: true,
    unit: 's',
    help: 'Messages older than this are deleted unread (default 4 days, at most 14 days). Age counts from the first send, also in a dead-letter queue.',
    source: '[SQS-API] [SQS-DLQ]',
  }),
  maxReceiveCount: num({
    min: 1,
    max: 1000,
    default: 5,
    int: true,
    unit: 'receives',
    help: 'With a dead-letter queue (a "dlq" edge): receives before a message is moved there. AWS recommends at least 5 so that throttled pollers do not dead-letter good messages. The 1–1,000 range is the RedrivePolicy limit (not in the facts file).',
    source: '[L-SQS23] [SQS-DLQ]',
  }),
  deliveryDelaySeconds: num({
    min: 0,
    max: 900,
    default: 0,
    int: true,
    unit: 's',
    help: 'Delay queue: each new message stays invisible this long after it is sent.',
    source: '[SQS-API]',
  }),
});

export type QueueParams = z.output<typeof queueParams>;
