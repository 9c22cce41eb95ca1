import type { Clock } from '../ports/clock.ts';
import type { EventPublisher } from '../ports/event-publisher.ts';
import type { Log } from '../ports/log.ts';
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
 * Sets a run's status from its violations; a baseline that could not be read fails the run even
 * though its values were computed (`computed` says which), as nothing was checked.
 *
 * @example
 * ```ts
 * settleStatus(detail, violations.length, baselineProblem, 'bias metrics were computed and published');
 * ```
 */
export function settleStatus(
  detail: MonitoringExecutionDetail,
  violationCount: number,
  baselineProblem: string | undefined,
  computed: string,
): void {
  if (baselineProblem) {
    detail.status = 'Failed';
    detail.failureReason = `${baselineProblem}: ${computed}, drift was not checked`;
  } else {
    detail.status = violationCount > 0 ? 'CompletedWithViolations' : 'Completed';
  }
}

/**
 * Marks a run Failed with the error's message, and logs it without payload data.
 *
 * @example
 * ```ts
 * catch (error) { failExecution(detail, error, log, 'Bias drift monitor'); }
 * ```
 */
export function failExecution(
  detail: MonitoringExecutionDetail,
  error: unknown,
  log: Log,
  monitor: string,
): void {
  detail.status = 'Failed';
  detail.failureReason = (error as Error).message;
  log.error(`${monitor} failed`, {
    endpoint: detail.endpointName,
    error: (error as Error).name,
    reason: (error as Error).message,
  });
}

/**
 * Emits the run's "Vigil Monitoring Execution" event and logs how it ended.
 *
 * @example
 * ```ts
 * await finishExecution(ports, detail, 'Bias drift monitor');
 * ```
 */
export async function finishExecution(
  ports: { events: EventPublisher; clock: Clock; log: Log },
  detail: MonitoringExecutionDetail,
  monitor: string,
): Promise<void> {
  await publishExecution(ports.events, detail, ports.clock.now());
  ports.log.info(`${monitor} finished`, {
    endpoint: detail.endpointName,
    status: detail.status,
    violations: detail.violationCount,
    records: detail.recordCount,
  });
}
