import { z } from 'zod';
import { num } from '../../scenario/params';
import { cronProblem } from './cron';

const ONE_YEAR_SECONDS = 31_536_000;
/** EventBridge Scheduler's smallest interval is 1 minute [EB-SCHED]. */
const MIN_RATE_SECONDS = 60;

/** Facts: §6 EventBridge Scheduler [EB-SCHED] [EB-PRICE-ES]. */
export const scheduleParams = z.object({
  rateSeconds: num({
    min: MIN_RATE_SECONDS,
    max: ONE_YEAR_SECONDS,
    default: 60,
    unit: 's',
    help: "Fixed interval: ticks at 0, rateSeconds, 2 × rateSeconds, … from the start of the run; at least 60 s, EventBridge Scheduler's smallest interval. Ignored when cron is set.",
    source: '[EB-SCHED]',
  }),
  cron: z
    .string({ error: 'must be a cron expression such as "*/5 * * * *"' })
    .superRefine((expr, ctx) => {
      const problem = cronProblem(expr);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .optional()
    .meta({
      description: 'Cron expression (UTC); replaces rateSeconds when set.',
      help:
        'Cron expression in UTC, from settings.startTime: 5 fields (minute hour day-of-month month day-of-week), e.g. "*/5 * * * *", ' +
        "or 6 with seconds first (one value, e.g. 0: EventBridge Scheduler fires at most once a minute). AWS's cron() has a year field instead: " +
        'the seconds field only sets the second within the minute. Replaces rateSeconds when set.',
      source: '[EB-SCHED]',
    }),
  payloadKB: num({
    min: 0,
    max: 1024,
    default: 1,
    unit: 'KB',
    help: 'Size of the event each tick sends; targets bill some calls in 64 KB chunks.',
    source: '[EB-PRICE] [L-1MB]',
  }),
  eventType: z
    .string({ error: 'must be an event type name' })
    .min(1, { error: 'must not be empty' })
    .max(64, { error: 'must be at most 64 characters' })
    .default('Scheduled')
    .meta({
      description: 'Event type of each tick',
      help: 'The event type each tick carries; filters and rules downstream match on it.',
    }),
});

export type ScheduleParams = z.output<typeof scheduleParams>;
