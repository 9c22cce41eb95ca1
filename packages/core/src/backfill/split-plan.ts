import { InputError } from '../errors/vigil-error.ts';
import { HOUR_MS } from '../window/window.ts';
import type { BackfillPlan } from './plan.ts';

/**
 * Cuts a plan into consecutive plans of at most `maxHours` capture hours each, for executors that
 * bound one run (a Step Functions execution keeps 25,000 history events and takes 256 KB of input).
 * Each part keeps the monitor runs scheduled in `(its start, its end]`, so every run lands in the
 * part that profiled the hour before it; together the parts hold exactly the plan's hours and runs,
 * in order.
 *
 * @example
 * ```ts
 * splitPlan(planOfSixtyDays, 744).map((p) => p.captureHours.length); // [744, 696]
 * ```
 */
export function splitPlan(plan: BackfillPlan, maxHours: number): BackfillPlan[] {
  if (!Number.isInteger(maxHours) || maxHours < 1) {
    throw new InputError(`maxHours must be a whole number of at least 1, got ${maxHours}`);
  }
  const parts: BackfillPlan[] = [];
  for (let first = 0; first < plan.captureHours.length; first += maxHours) {
    const captureHours = plan.captureHours.slice(first, first + maxHours);
    const start = (captureHours[0] as { hour: Date }).hour;
    const last = first + maxHours >= plan.captureHours.length;
    const end = last
      ? plan.range.end
      : new Date((captureHours.at(-1) as { hour: Date }).hour.getTime() + HOUR_MS);
    // The first part also takes runs at its start, should the plan hold any; the last, any past its end.
    const runs = plan.runs.filter((run) => {
      const t = run.scheduledTime.getTime();
      return (first === 0 || t > start.getTime()) && (last || t <= end.getTime());
    });
    parts.push({ ...plan, range: { start, end }, captureHours, runs });
  }
  return parts;
}
