import { describe, expect, it } from 'vitest';
import { scheduleCatalog } from '../../../src/engine/kinds/schedule/catalog';
import { createSchedule } from '../../../src/engine/kinds/schedule/create';
import { startEpochMs } from '../../../src/engine/kinds/schedule/cron';
import { scheduleParams, type ScheduleParams } from '../../../src/engine/kinds/schedule/schema';
import { SimContext, type RunSettings } from '../../../src/engine/sim/context';
import { EdgeRuntime } from '../../../src/engine/sim/edges';
import type { NodeSpec } from '../../../src/engine/kinds/types';
import { COMPLETED } from '../../../src/engine/sim/requests';
import { Sink } from './sink';

function runSchedule(params: unknown, over: Partial<RunSettings> = {}) {
  const settings: RunSettings = {
    durationSeconds: 3600,
    warmupSeconds: 0,
    seed: 1,
    region: 'us-east-1',
    includeFreeTier: false,
    lambdaBillingGranularityMs: 1,
    accountConcurrency: 1000,
    startTime: '2025-01-01T00:00:00Z',
    ...over,
  };
  const ctx = new SimContext(settings, { series: false, traceSampleRate: 0, maxTraces: 0 });
  const spec: NodeSpec<ScheduleParams> = {
    id: 'nightly',
    kind: 'schedule',
    label: 'nightly',
    params: scheduleParams.parse(params),
  };
  const schedule = createSchedule(ctx, spec, 0);
  const sink = new Sink(ctx, 1, 'function');
  ctx.nodes.push(schedule, sink);
  schedule.out = [
    new EdgeRuntime(
      0,
      { id: 'e', source: 'nightly', target: 'job', role: 'invoke', params: {} },
      schedule,
      sink,
      'async',
      (n) => ctx.typeIndex(n),
    ),
  ];
  schedule.start(0);
  const q = ctx.queue;
  while (q.peekTime() <= ctx.durationMs && q.pop())
    ctx.nodes[q.poppedHandler >> 4].onEvent(q.poppedHandler & 15, q.poppedArg);
  schedule.finish(ctx.durationMs);
  return { ctx, schedule, sink };
}

const minutes = (ms: number[]) => ms.map((t) => t / 60_000);

describe('schedule node', () => {
  it('a rate schedule ticks at exactly k · rateSeconds from the start', () => {
    const { sink, schedule, ctx } = runSchedule({ rateSeconds: 60 }, { durationSeconds: 600 });
    expect(sink.times).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((k) => k * 60_000));
    expect(schedule.metrics()).toEqual({ ticks: 10 });
    expect(ctx.requests.entered).toBe(10);
    expect(ctx.requests.ended[COMPLETED]).toBe(10);
    expect(sink.types.every((x) => x === ctx.typeIndex('Scheduled'))).toBe(true);
  });

  it('an odd rate stays on its grid over a long run', () => {
    const { sink } = runSchedule({ rateSeconds: 77 }, { durationSeconds: 86_400 });
    expect(sink.times.length).toBe(Math.ceil(86_400 / 77));
    expect(sink.times.every((t, k) => t === k * 77_000)).toBe(true);
  });

  it('"*/5 * * * *" over one hour ticks 12 times, every five minutes', () => {
    const { sink } = runSchedule({ cron: '*/5 * * * *' });
    expect(minutes(sink.times)).toEqual([0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55]);
  });

  it('cron ticks follow the calendar from settings.startTime', () => {
    const { sink } = runSchedule({ cron: '*/5 * * * *' }, { startTime: '2025-01-01T00:02:30Z' });
    expect(minutes(sink.times)).toEqual([
      2.5, 7.5, 12.5, 17.5, 22.5, 27.5, 32.5, 37.5, 42.5, 47.5, 52.5, 57.5,
    ]);
    const daily = runSchedule(
      { cron: '0 9 * * MON-FRI' },
      { durationSeconds: 7 * 86_400, startTime: '2025-01-04T00:00:00Z' },
    ).sink;
    // Saturday 4 January 2025: the weekdays are the 6th to the 10th.
    expect(daily.times.map((t) => new Date(startEpochMs('2025-01-04T00:00:00Z') + t).toISOString())).toEqual(
      [6, 7, 8, 9, 10].map((d) => `2025-01-${String(d).padStart(2, '0')}T09:00:00.000Z`),
    );
  });

  it('a 6-field expression has seconds first', () => {
    const odd = runSchedule({ cron: '30 */2 * * * *' }, { durationSeconds: 600 }).sink;
    expect(odd.times).toEqual([30, 150, 270, 390, 510].map((s) => s * 1000));
  });

  it('bills only the ticks after the warm-up, as scheduler invocations', () => {
    const { schedule } = runSchedule({ rateSeconds: 60 }, { durationSeconds: 600, warmupSeconds: 120 });
    expect(schedule.metrics()).toEqual({ ticks: 8 });
    expect(schedule.usage()).toEqual([
      { meter: 'scheduler.invocations', name: 'scheduler invocations', quantity: 8 },
    ]);
  });

  it('carries its own event type and payload', () => {
    const { sink, ctx } = runSchedule({ rateSeconds: 600, eventType: 'NightlyReport' });
    expect(sink.types.length).toBe(6);
    expect(ctx.eventTypes[sink.types[0]]).toBe('NightlyReport');
  });

  it('reads a start time without a zone as UTC', () => {
    expect(startEpochMs('2025-01-01T00:00:00')).toBe(Date.UTC(2025, 0, 1));
    expect(startEpochMs('2025-01-01')).toBe(Date.UTC(2025, 0, 1));
    expect(startEpochMs('2025-01-01T02:00:00+02:00')).toBe(Date.UTC(2025, 0, 1));
    expect(() => startEpochMs('yesterday')).toThrow(/startTime/);
  });

  it('summarises itself for the canvas', () => {
    expect(scheduleCatalog.summary(scheduleParams.parse({}))).toBe('every 1 min · 1 KB');
    expect(scheduleCatalog.summary(scheduleParams.parse({ rateSeconds: 90 }))).toBe('every 90 s · 1 KB');
    expect(scheduleCatalog.summary(scheduleParams.parse({ cron: '0 9 * * *' }))).toBe(
      'cron 0 9 * * * · 1 KB',
    );
  });
});

describe('schedule params', () => {
  const problem = (params: unknown) => {
    const r = scheduleParams.safeParse(params);
    expect(r.success).toBe(false);
    const issue = r.error!.issues[0];
    return { path: issue.path, message: issue.message };
  };

  it('has defaults', () => {
    expect(scheduleParams.parse({})).toEqual({ rateSeconds: 60, payloadKB: 1, eventType: 'Scheduled' });
  });

  it('names the cron field at fault', () => {
    expect(problem({ cron: '61 * * * *' })).toEqual({
      path: ['cron'],
      message: expect.stringMatching(/^the minute field "61" is not valid: use 0–59/),
    });
    expect(problem({ cron: '0 0 32 * *' }).message).toMatch(/^the day-of-month field "32"/);
    expect(problem({ cron: '0 0 25 * * *' }).message).toMatch(/^the hour field "25"/);
    expect(scheduleParams.safeParse({ cron: '0 25 * * * *' }).success).toBe(true);
    expect(problem({ cron: '0 12 * * ? 2025' }).message).toMatch(
      /day-of-week field "2025".*starts with seconds/,
    );
  });

  it('explains the field count and the AWS wrapper', () => {
    expect(problem({ cron: '* * *' }).message).toMatch(
      /must have 5 fields \(minute hour day-of-month month day-of-week\) or 6 with seconds first; "\* \* \*" has 3/,
    );
    expect(problem({ cron: 'cron(0 12 * * ? *)' }).message).toMatch(/without AWS's "cron\(…\)" wrapper/);
  });

  it('refuses an expression that never fires', () => {
    expect(problem({ cron: '0 0 30 2 *' }).message).toMatch(/never fires/);
  });

  it('keeps rateSeconds in range', () => {
    expect(problem({ rateSeconds: 0 })).toEqual({
      path: ['rateSeconds'],
      message: 'must be 60–31,536,000 s',
    });
    // EventBridge Scheduler's smallest interval is 1 minute [EB-SCHED].
    expect(problem({ rateSeconds: 59 }).message).toBe('must be 60–31,536,000 s');
    expect(scheduleParams.safeParse({ rateSeconds: 60 }).success).toBe(true);
  });

  it('refuses a cron that would fire more than once a minute', () => {
    expect(problem({ cron: '*/10 * * * * *' }).message).toMatch(
      /^the second field "\*\/10" must be a single second such as 0: EventBridge Scheduler fires at most once a minute/,
    );
    expect(scheduleParams.safeParse({ cron: '30 */2 * * * *' }).success).toBe(true);
  });
});
