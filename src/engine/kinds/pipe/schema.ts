import { z } from 'zod';
import { num } from '../../scenario/params';

/**
 * EventBridge Pipes, facts §6: a pipe reads one source (an SQS queue, a Kinesis stream, a
 * DynamoDB stream) in batches, drops what its filter does not match, may call an enrichment
 * synchronously, and hands the rest to one target; billed per event that passes the filter,
 * in 64 KB chunks [EB-3P].
 *
 * Behaviour not in the facts file, from AWS's documentation:
 * - filtering uses event patterns, as rules and event source mappings do:
 *   https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-pipes-event-filtering.html
 * - the enrichment is invoked synchronously (REQUEST_RESPONSE) and the target waits for it;
 *   a Lambda function or an Express workflow (only Express) may enrich:
 *   https://docs.aws.amazon.com/eventbridge/latest/userguide/pipes-enrichment.html
 */
export const pipeParams = z.object({
  filter: z
    .object({
      type: z
        .array(z.string({ error: 'must be an event type name' }).min(1, { error: 'must not be empty' }), {
          error: 'must be a list of event type names, e.g. ["OrderPlaced"]',
        })
        .min(1, { error: 'must name at least one event type (leave out the filter to let every event in)' }),
    })
    .optional()
    .meta({
      description:
        "The pipe's filter (an event pattern on the event's type): only events of these types go on; the rest go no further (deleted from a queue with their batch, skipped in a stream) and are not billed. Absent = every event.",
      help: "The pipe's filter (an event pattern on the event's type): only events of these types go on; the rest go no further (deleted from a queue with their batch, skipped in a stream) and are not billed. Absent = every event.",
      source: '[EB-3P]',
    }),
  filterShare: num({
    min: 0,
    max: 1,
    default: 1,
    unit: 'share',
    help: 'Of the events whose type passes, the share that also matches the rest of the pattern (conditions on fields the simulator does not carry, e.g. "amount > 100"). Each event is judged once: a retried event gets the same answer.',
  }),
  enrichment: z
    .string({ error: 'must be the label or id of a function this pipe is connected to, or empty' })
    .max(200, { error: 'must be at most 200 characters' })
    .default('')
    .meta({
      title: 'Enrichment',
      help: 'A connected function the pipe calls synchronously with each batch (after the filter) before the target; the target waits for it. Empty: no enrichment, and every connected node is the target.',
    }),
});

export type PipeParams = z.output<typeof pipeParams>;
