import { cronProblem } from '../../kinds/schedule/cron';

/** Largest value of each of the first five cron fields: EventBridge's "0/6" is "0-23/6" in the hour. */
const FIELD_MAX = [59, 23, 31, 12, 6];

/** EventBridge numbers the days 1–7 from Sunday; cron 0–6. Step sizes (after "/") stay. */
function awsDayOfWeek(f: string): string {
  return f.replace(/(^|[^/\d])(\d+)/g, (_m, pre: string, d: string) => `${pre}${Number(d) - 1}`);
}

const UNIT_SECONDS: Record<string, number> = { minute: 60, hour: 3600, day: 86400 };

/**
 * An EventBridge schedule expression as schedule params: `rate(5 minutes)` → rateSeconds;
 * `cron(0 12 * * ? *)` (six fields with a year) → the simulator's five-field cron.
 */
export function scheduleParams(expr: string): { params: Record<string, unknown> } | { problem: string } {
  const rate = /^rate\(\s*(\d+)\s+(minute|minutes|hour|hours|day|days)\s*\)$/i.exec(expr.trim());
  if (rate) {
    const unit = rate[2].toLowerCase().replace(/s$/, '');
    return { params: { rateSeconds: Number(rate[1]) * UNIT_SECONDS[unit] } };
  }
  const cron = /^cron\((.*)\)$/i.exec(expr.trim());
  if (cron) {
    const fields = cron[1].trim().split(/\s+/);
    if (fields.length !== 6) return { problem: `cron expression "${expr}" must have 6 fields` };
    const five = fields
      .slice(0, 5)
      .map((f, i) => (i === 4 ? awsDayOfWeek(f) : f))
      .map((f, i) => (f === '?' ? '*' : f.replace(/^(\d+)\/(\d+)$/, `$1-${FIELD_MAX[i]}/$2`)))
      .join(' ');
    const problem = cronProblem(five);
    if (problem) return { problem: `cron expression "${expr}" cannot be simulated: ${problem}` };
    return { params: { cron: five } };
  }
  if (/^at\(/i.test(expr.trim()))
    return { problem: `one-time schedule "${expr}" is not simulated (schedules repeat)` };
  return { problem: `schedule expression "${expr}" is not rate(…) or cron(…)` };
}
