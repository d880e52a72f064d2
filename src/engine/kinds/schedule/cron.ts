import { Cron, CronPattern, type CronMode } from 'croner';

/**
 * Cron expressions for the schedule node, on top of croner. Always UTC, and through a fixed
 * utcOffset rather than a time zone name: the result must not depend on the machine's zone,
 * and croner's Intl time-zone path costs ~100× more per tick.
 */

const FIELDS_5 = ['minute', 'hour', 'day-of-month', 'month', 'day-of-week'] as const;
const FIELDS_6 = ['second', ...FIELDS_5] as const;

const ALLOWED: Record<(typeof FIELDS_6)[number], string> = {
  second: '0–59',
  minute: '0–59',
  hour: '0–23',
  'day-of-month': '1–31, L or W',
  month: '1–12 or JAN–DEC',
  'day-of-week': '0–7 (0 and 7 are Sunday) or SUN–SAT, # or L',
};
const SYNTAX = '*, ?, lists (1,15), ranges (1-5) and steps (*/10)';

function modeFor(fieldCount: number): CronMode {
  return fieldCount === 6 ? '6-part' : '5-part';
}

function fieldsOf(expr: string): string[] {
  return expr
    .trim()
    .split(/\s+/)
    .filter((f) => f.length > 0);
}

function options(fieldCount: number) {
  return { utcOffset: 0, paused: true, mode: modeFor(fieldCount) };
}

/** A point in time every valid expression is checked from, so validation is deterministic. */
const CHECK_FROM = new Date(Date.UTC(2000, 0, 1));

/** Null when `expr` is a valid 5- or 6-field expression that fires; otherwise what is wrong. */
export function cronProblem(expr: string): string | null {
  const trimmed = expr.trim();
  if (/^(cron|rate|at)\s*\(/i.test(trimmed)) {
    return 'write only the fields, without AWS\'s "cron(…)" wrapper; for a fixed interval use rateSeconds instead';
  }
  const fields = fieldsOf(trimmed);
  if (fields.length !== 5 && fields.length !== 6) {
    return `must have 5 fields (minute hour day-of-month month day-of-week) or 6 with seconds first; "${trimmed}" has ${fields.length}`;
  }
  // At most once a minute [EB-SCHED]: a seconds field may pick one second, not several.
  if (fields.length === 6 && !/^\d{1,2}$/.test(fields[0])) {
    return `the second field "${fields[0]}" must be a single second such as 0: EventBridge Scheduler fires at most once a minute`;
  }
  const names = fields.length === 6 ? FIELDS_6 : FIELDS_5;
  let cron: Cron;
  try {
    cron = new Cron(fields.join(' '), options(fields.length));
  } catch (err) {
    // Try each field alone (the others as *) to name the one at fault.
    for (let i = 0; i < fields.length; i++) {
      const probe = fields.map((f, j) => (j === i ? f : '*')).join(' ');
      try {
        new CronPattern(probe, undefined, { mode: modeFor(fields.length) });
      } catch {
        const hint =
          fields.length === 6
            ? " (a 6-field expression starts with seconds; AWS's year field is not supported)"
            : '';
        return `the ${names[i]} field "${fields[i]}" is not valid: use ${ALLOWED[names[i]]}, with ${SYNTAX}${hint}`;
      }
    }
    return `is not a valid cron expression: ${String((err as Error).message).replace(/^CronPattern:\s*/, '')}`;
  }
  if (cron.nextRun(CHECK_FROM) === null) return `never fires: no date matches "${trimmed}"`;
  return null;
}

/** A compiled expression. Throws on an invalid one (validation reports it first). */
export function compileCron(expr: string): Cron {
  const fields = fieldsOf(expr);
  return new Cron(fields.join(' '), options(fields.length));
}

/**
 * The simulated clock's start (settings.startTime) as epoch ms. A date-time without a zone
 * is read as UTC, never as the machine's local time, so every machine gets the same ticks.
 */
export function startEpochMs(startTime: string): number {
  const s = startTime.trim();
  const zoned = /(Z|[+-]\d\d:?\d\d)$/i.test(s) || !s.includes('T');
  const ms = Date.parse(zoned ? s : `${s}Z`);
  if (!Number.isFinite(ms))
    throw new Error(
      `settings.startTime "${startTime}" is not an ISO 8601 date-time (e.g. 2025-01-01T00:00:00Z)`,
    );
  return ms;
}
