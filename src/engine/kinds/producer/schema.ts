import { z } from 'zod';
import { num } from '../../scenario/params';

const MAX_RATE = 1_000_000;
const THIRTY_DAYS = 30 * 24 * 3600;
/** A producer's mean rate where none is written (also the replay's estimate of its requests). */
export const DEFAULT_RATE_PER_SECOND = 10;

export const TRAFFIC_SHAPES = ['constant', 'poisson', 'diurnal', 'spike', 'ramp', 'trace'] as const;

/**
 * Arrivals. `constant` is evenly spaced, `poisson` has exponential gaps; the other shapes are
 * non-homogeneous Poisson processes with the rate curve described by the shape's fields.
 */
export const trafficSchema = z
  .object({
    shape: z
      .enum(TRAFFIC_SHAPES, { error: `must be one of: ${TRAFFIC_SHAPES.join(', ')}` })
      .default('poisson')
      .meta({ help: 'How arrivals are spread in time.', description: 'How arrivals are spread in time.' }),
    ratePerSecond: num({
      min: 0,
      max: MAX_RATE,
      default: DEFAULT_RATE_PER_SECOND,
      unit: 'requests/s',
      help: 'Mean rate; for diurnal the trough, for spike the baseline, for ramp the starting rate.',
    }),
    peakRatePerSecond: num({
      min: 0,
      max: MAX_RATE,
      default: 100,
      unit: 'requests/s',
      help: 'diurnal: the daily peak; spike: the rate during the spike; ramp: the final rate.',
    }),
    periodSeconds: num({
      min: 1,
      max: THIRTY_DAYS,
      default: 86400,
      unit: 's',
      help: 'diurnal: length of one cycle (peak in the middle).',
    }),
    atSeconds: num({
      min: 0,
      max: THIRTY_DAYS,
      default: 60,
      unit: 's',
      help: 'spike: when it starts; ramp: when the ramp starts.',
    }),
    lengthSeconds: num({
      min: 0,
      max: THIRTY_DAYS,
      default: 60,
      unit: 's',
      help: 'spike: how long it lasts; ramp: how long the ramp takes.',
    }),
    points: z
      .array(
        z.tuple([
          z.number().min(0, { error: 'time must be 0 s or more' }),
          z.number().min(0, { error: 'rate must be 0 or more' }).max(MAX_RATE),
        ]),
        {
          error: 'must be a list of [seconds, ratePerSecond] pairs',
        },
      )
      .default([])
      .meta({
        help: 'trace: [seconds, ratePerSecond] points, joined by straight lines, held flat past the ends.',
        description: 'trace: rate points',
      }),
  })
  .superRefine((t, ctx) => {
    if (t.shape === 'trace') {
      if (t.points.length === 0)
        ctx.addIssue({
          code: 'custom',
          path: ['points'],
          message: 'needs at least one [seconds, ratePerSecond] point for a trace',
        });
      for (let i = 1; i < t.points.length; i++) {
        if (t.points[i][0] < t.points[i - 1][0]) {
          ctx.addIssue({ code: 'custom', path: ['points', i, 0], message: 'times must not decrease' });
          break;
        }
      }
    }
  });

export type Traffic = z.output<typeof trafficSchema>;

export const producerParams = z.object({
  traffic: trafficSchema.prefault({}),
  payloadKB: num({
    min: 0,
    max: 1024,
    default: 1,
    unit: 'KB',
    help: 'Size of each request or event; services bill some calls in 64 KB chunks.',
    source: '[SQS-PRICE] [SNS-PRICE] [EB-PRICE]',
  }),
  eventTypes: z
    .array(
      z.object({
        name: z
          .string()
          .min(1, { error: 'must not be empty' })
          .max(64, { error: 'must be at most 64 characters' }),
        weight: z.number().min(0, { error: 'must be 0 or more' }).default(1),
      }),
    )
    .default([{ name: 'Event', weight: 1 }])
    .refine((ts) => ts.length === 0 || ts.some((t) => t.weight > 0), {
      error: 'at least one event type needs a weight above 0',
    })
    .meta({
      help: 'Each request carries one type, drawn by weight; rules and filters match on it.',
      description: 'Event types and weights',
    }),
  messageGroups: num({
    min: 1,
    max: 100000,
    default: 1,
    int: true,
    unit: 'groups',
    help: 'FIFO queues: how many message groups the requests are spread over (order is kept within a group).',
    source: '[SQS-KR]',
  }),
});

export type ProducerParams = z.output<typeof producerParams>;
