import type { MonitoringExecutionDetail } from '../events/monitoring-execution.ts';
import { MONITOR_FOLDER, metricsNamespace } from '../monitors/names.ts';
import type { MetricDatum } from '../ports/metric-sink.ts';

/** Violations of one run (0 when clean); the roll-up every `-violations` guardrail watches. */
export const VIOLATIONS_METRIC = 'vigil_violations';
/** 1 when a run failed, 0 when it completed; missing when the monitor did not run at all. */
export const EXECUTION_FAILED_METRIC = 'vigil_execution_failed';

/**
 * The two roll-up metrics of one monitor run, in the monitor's own namespace with the
 * `Endpoint` and `MonitoringSchedule` dimensions. alarm-router publishes them from every
 * "Vigil Monitoring Execution" event, so the guardrails work whatever the monitor published;
 * a monitor may publish them too (the alarms use Maximum, so duplicates do not matter).
 *
 * @example
 * ```ts
 * await metrics.publish(monitorHealthMetrics(detail, 'aws/sagemaker', new Date(event.time)));
 * ```
 */
export function monitorHealthMetrics(
  detail: MonitoringExecutionDetail,
  namespacePrefix: string,
  at: Date,
): MetricDatum[] {
  const namespace = metricsNamespace(namespacePrefix, MONITOR_FOLDER[detail.monitoringType]);
  const dimensions = { Endpoint: detail.endpointName, MonitoringSchedule: detail.monitoringScheduleName };
  const failed = detail.status === 'Failed';
  return [
    {
      namespace,
      name: EXECUTION_FAILED_METRIC,
      dimensions,
      value: failed ? 1 : 0,
      unit: 'Count',
      timestamp: at,
    },
    ...(failed
      ? []
      : [
          {
            namespace,
            name: VIOLATIONS_METRIC,
            dimensions,
            value: detail.violationCount,
            unit: 'Count' as const,
            timestamp: at,
          },
        ]),
  ];
}
