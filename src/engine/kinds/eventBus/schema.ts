import { z } from 'zod';
import { choice, num } from '../../scenario/params';

/** Facts: §6 retry policy and DLQ [EB-DLQ]; rules (≤ 5 targets each) are the bus's edges [EB-TARGETS]. */
export const eventBusParams = z.object({
  busType: choice(['custom', 'default'] as const, {
    default: 'custom',
    title: 'Bus',
    help: "custom: a bus of your own. default: the account's default bus, where AWS services (an S3 bucket's EventBridge switch) put their events, free. Events your code puts are billed on either.",
    source: '[EB-QUOTA] [EB-PRICE]',
  }),
  maximumRetryAttempts: num({
    min: 0,
    max: 185,
    default: 185,
    int: true,
    unit: 'retries',
    help: "Retries of a delivery that failed with a retriable error (exponential back-off with jitter); then the event goes to the rule's dead-letter queue or is dropped.",
    source: '[EB-DLQ]',
  }),
  maximumEventAgeSeconds: num({
    min: 60,
    max: 86400,
    default: 86400,
    int: true,
    unit: 's',
    help: 'An event still undelivered after this long is given up (default 24 h).',
    source: '[EB-DLQ]',
  }),
});

export type EventBusParams = z.output<typeof eventBusParams>;
