import type { EventPublisher } from '../ports/event-publisher.ts';
import {
  MONITORING_EXECUTION_DETAIL_TYPE,
  type MonitoringExecutionDetail,
  type ViolationSummary,
} from './monitoring-execution.ts';

/** How many violations an event carries; the report has all of them. */
export const MAX_EVENT_VIOLATIONS = 20;

/**
 * Emits the "Vigil Monitoring Execution" event of one monitor run, whatever its outcome.
 *
 * @example
 * ```ts
 * await publishExecution(ports.events, detail, ports.clock.now());
 * ```
 */
export async function publishExecution(
  events: EventPublisher,
  detail: MonitoringExecutionDetail,
  time: Date,
): Promise<void> {
  await events.publish([
    {
      source: 'vigil',
      detailType: MONITORING_EXECUTION_DETAIL_TYPE,
      detail: { ...detail } as unknown as Record<string, unknown>,
      time,
    },
  ]);
}

/**
 * The first `MAX_EVENT_VIOLATIONS` violations, summarized for an event.
 *
 * @example
 * ```ts
 * detail.violations = eventViolations(violations, (v) => ({ subject: v.feature_name, checkType: v.constraint_check_type, description: v.description }));
 * ```
 */
export function eventViolations<T>(
  violations: readonly T[],
  summarize: (v: T) => ViolationSummary,
): ViolationSummary[] {
  return violations.slice(0, MAX_EVENT_VIOLATIONS).map(summarize);
}

/**
 * The failure reason of a run whose values were computed (and published) but whose baseline could
 * not be used, so that nothing was checked.
 *
 * @example
 * ```ts
 * driftNotChecked('The baseline analysis.json cannot be used (…)', 'bias metrics were computed and published');
 * // 'The baseline analysis.json cannot be used (…): bias metrics were computed and published, drift was not checked'
 * ```
 */
export function driftNotChecked(baselineProblem: string, computed: string): string {
  return `${baselineProblem}: ${computed}, drift was not checked`;
}
