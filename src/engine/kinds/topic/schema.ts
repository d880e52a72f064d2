import { z } from 'zod';

/**
 * An SNS standard topic has nothing to tune here: its subscriptions (with their filter
 * policies) are its edges, and its delivery retries are fixed by AWS [SNS-RETRY].
 */
export const topicParams = z.object({});

export type TopicParams = z.output<typeof topicParams>;
