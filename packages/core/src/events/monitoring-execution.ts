import type { MonitoringType } from '../monitors/names.ts';

/** SageMaker's MonitoringType values, one per entry of the monitor table. */
export type { MonitoringType };

/** SageMaker's terminal MonitoringExecutionStatus values. */
export type MonitoringExecutionStatus = 'Completed' | 'CompletedWithViolations' | 'Failed';

/** One violation, summarized for an event (the full list is in the report). */
export interface ViolationSummary {
  /** Feature name (data quality), metric name (model quality, bias, attribution). */
  subject: string;
  checkType: string;
  description: string;
}

/** Input that a run skipped, with the reason; never silent. */
export interface SkippedInput {
  reason: string;
  count: number;
  /** A few examples (object keys and line numbers), never payload data. */
  examples?: string[];
}

/**
 * What served (part of) a run's window, from the deployment tracker's endpoint history: the
 * endpoint config, the variant and the model package version, and the part of the window it
 * served. A window that spans a deployment names each, with its part.
 */
export interface ServedModel {
  endpointConfigName: string;
  variantName?: string;
  /** Absent when the tracker could not resolve the config's model package. */
  modelPackageArn?: string;
  /** The part of the window it served, ISO UTC. */
  from: string;
  to: string;
}

/**
 * The detail of the "Vigil Monitoring Execution" event every monitor run emits, whatever its
 * outcome. card-sync and alarm-router consume it.
 */
export interface MonitoringExecutionDetail {
  endpointName: string;
  variantName?: string;
  monitoringScheduleName: string;
  monitoringType: MonitoringType;
  status: MonitoringExecutionStatus;
  /** The scheduled hour the run covers, ISO UTC. */
  scheduledTime: string;
  windowStart: string;
  windowEnd: string;
  /** Where the report folder is, e.g. `s3://bucket/reports/ep/data-quality/2024/05/01/13/`. */
  reportUri: string;
  violationCount: number;
  /** At most 20; the report has all of them. */
  violations: ViolationSummary[];
  /** Headline metric values (name → value), for cards and alerts. */
  metrics: Record<string, number>;
  skipped: SkippedInput[];
  recordCount: number;
  failureReason?: string;
  /** The model package version that served the whole window, when one did. */
  modelPackageArn?: string;
  /** What served the window, oldest first; absent when Vigil has no deployment history of the endpoint. */
  servedBy?: ServedModel[];
}

export const MONITORING_EXECUTION_DETAIL_TYPE = 'Vigil Monitoring Execution';

/**
 * The exit message SageMaker's analyzer writes for an execution.
 *
 * @example
 * ```ts
 * exitMessage(60); // 'CompletedWithViolations: Job completed successfully with 60 violations.'
 * ```
 */
export function exitMessage(violationCount: number): string {
  return violationCount === 0
    ? 'Completed: Job completed successfully with no violations.'
    : `CompletedWithViolations: Job completed successfully with ${violationCount} violations.`;
}
