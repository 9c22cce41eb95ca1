import { InputError } from '@vigil/core';

const MINUTE_MS = 60_000;
const RATE_UNIT_MS: Record<string, number> = {
  minute: MINUTE_MS,
  minutes: MINUTE_MS,
  hour: 60 * MINUTE_MS,
  hours: 60 * MINUTE_MS,
  day: 1440 * MINUTE_MS,
  days: 1440 * MINUTE_MS,
};
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

/**
 * The times in `(from, to]` at which an EventBridge Scheduler expression fires, in UTC: how the
 * local loop runs the monitors on their configured schedules. `rate(N unit)` fires on multiples of
 * the interval since the Unix epoch (so `rate(1 hour)` fires at the top of every hour, where AWS
 * counts from the schedule's creation); `cron(minutes hours day-of-month month day-of-week year)`
 * takes `*`, `?`, values, names (JAN, SUN), ranges, lists and `/` steps, with day-of-week 1 = SUN
 * as in EventBridge. `L`, `W` and `#` are not supported locally and raise InputError.
 *
 * @example
 * ```ts
 * scheduledTimes('rate(1 hour)', new Date('2024-05-01T12:30:00Z'), new Date('2024-05-01T14:00:00Z'));
 * // [2024-05-01T13:00:00Z, 2024-05-01T14:00:00Z]
 * ```
 */
export function scheduledTimes(expression: string, from: Date, to: Date): Date[] {
  const rate = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(expression);
  if (rate) {
    const step = Number(rate[1]) * RATE_UNIT_MS[rate[2]!]!;
    if (step <= 0) throw new InputError(`"${expression}" never fires: use a positive interval`);
    const out: Date[] = [];
    for (let t = Math.floor(from.getTime() / step) * step + step; t <= to.getTime(); t += step)
      out.push(new Date(t));
    return out;
  }
  const cron = /^cron\((.+)\)$/.exec(expression);
  if (!cron)
    throw new InputError(`"${expression}" is not a schedule: write "rate(1 hour)" or "cron(0 * * * ? *)"`);
  const matches = cronMatcher(expression, cron[1]!.trim().split(/\s+/));
  const out: Date[] = [];
  const start = Math.floor(from.getTime() / MINUTE_MS) * MINUTE_MS + MINUTE_MS;
  for (let t = start; t <= to.getTime(); t += MINUTE_MS) {
    const at = new Date(t);
    if (matches(at)) out.push(at);
  }
  return out;
}

function cronMatcher(expression: string, fields: string[]): (at: Date) => boolean {
  if (fields.length !== 6) {
    throw new InputError(
      `"${expression}" needs six fields: minutes hours day-of-month month day-of-week year`,
    );
  }
  const [minutes, hours, days, months, weekdays, years] = fields as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const minute = field(expression, minutes, 0, 59);
  const hour = field(expression, hours, 0, 23);
  const day = field(expression, days, 1, 31);
  const month = field(expression, months, 1, 12, MONTHS);
  const weekday = field(expression, weekdays, 1, 7, WEEKDAYS);
  const year = field(expression, years, 1970, 2199);
  return (at) =>
    minute(at.getUTCMinutes()) &&
    hour(at.getUTCHours()) &&
    day(at.getUTCDate()) &&
    month(at.getUTCMonth() + 1) &&
    weekday(at.getUTCDay() + 1) &&
    year(at.getUTCFullYear());
}

function field(
  expression: string,
  text: string,
  min: number,
  max: number,
  names?: string[],
): (v: number) => boolean {
  if (text === '*' || text === '?') return () => true;
  const allowed = new Set<number>();
  for (const part of text.split(',')) {
    const [range, stepText] = part.split('/') as [string, string | undefined];
    const step = stepText === undefined ? 1 : Number(stepText);
    let low = min;
    let high = max;
    if (range !== '*') {
      const [a, b] = range.split('-') as [string, string | undefined];
      low = value(expression, a, names, min);
      high = b === undefined ? (stepText === undefined ? low : max) : value(expression, b, names, min);
    }
    if (!Number.isInteger(step) || step <= 0 || low < min || high > max || low > high) {
      throw new InputError(
        `"${part}" in "${expression}" is out of range ${min}-${max} or not supported locally`,
      );
    }
    for (let v = low; v <= high; v += step) allowed.add(v);
  }
  return (v) => allowed.has(v);
}

function value(expression: string, text: string, names: string[] | undefined, min: number): number {
  const named = names?.indexOf(text.toUpperCase()) ?? -1;
  if (named >= 0) return named + min;
  if (!/^\d+$/.test(text)) {
    throw new InputError(
      `"${text}" in "${expression}" is not supported locally: use values, ranges, lists and steps`,
    );
  }
  return Number(text);
}
