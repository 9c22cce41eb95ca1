const UNIT_SECONDS: Record<string, number> = {
  minute: 60,
  minutes: 60,
  hour: 3600,
  hours: 3600,
  day: 86_400,
  days: 86_400,
};

/**
 * The alarm period that matches a monitor's schedule: the rate's interval, or one hour for a
 * cron expression (Vigil's monitors are hourly or slower; an exact cron period is not defined).
 * CloudWatch caps a period at one day.
 *
 * @example
 * ```ts
 * schedulePeriodSeconds('rate(1 hour)'); // 3600
 * schedulePeriodSeconds('cron(0 * * * ? *)'); // 3600
 * ```
 */
export function schedulePeriodSeconds(schedule: string): number {
  const m = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(schedule);
  if (!m) return 3600;
  const seconds = Number(m[1]) * (UNIT_SECONDS[m[2] ?? 'hour'] ?? 3600);
  return Math.min(Math.max(seconds, 60), 86_400);
}
