import { metricsNamespace } from '../monitors/names.ts';
import type { MetricDatum } from '../ports/metric-sink.ts';
import type { QualityEstimate } from './estimate.ts';
import type { ModelQualityStatistics } from './statistics.ts';

/** Where and under which dimensions a run's metrics go. */
export interface MetricTarget {
  /** `${prefix}/Endpoints/model-metrics`. */
  namespace: string;
  endpoint: string;
  monitoringSchedule: string;
  timestamp: Date;
}

/** `${prefix}/Endpoints/model-metrics`, SageMaker's namespace for endpoint model quality. */
export function modelMetricsNamespace(prefix: string): string {
  return metricsNamespace(prefix, 'model-quality');
}

/**
 * One datum per scalar metric under SageMaker's bare names (`accuracy`, `f2`, `mae`, …,
 * `*_best_constant_classifier`) and, with an estimate, `estimated_accuracy`,
 * `estimated_precision`, `estimated_recall`, `estimated_f1`, `estimated_auc` — all with the
 * dimensions Endpoint and MonitoringSchedule. Values that are not finite (auc of a window with a
 * single class) are left out, since CloudWatch rejects them; the report still shows them.
 *
 * @example
 * ```ts
 * modelQualityMetricDatums(statistics, undefined, { namespace: 'aws/sagemaker/Endpoints/model-metrics',
 *   endpoint: 'ep', monitoringSchedule: 'ep-model-quality', timestamp: new Date() });
 * ```
 */
export function modelQualityMetricDatums(
  statistics: ModelQualityStatistics | undefined,
  estimate: QualityEstimate | undefined,
  target: MetricTarget,
): MetricDatum[] {
  const values: [string, number][] = [];
  for (const [name, metric] of Object.entries(statistics?.metrics ?? {})) values.push([name, metric.value]);
  for (const [name, metric] of Object.entries(estimate?.metrics ?? {})) {
    values.push([`estimated_${name}`, metric.estimate]);
  }
  const dimensions = { Endpoint: target.endpoint, MonitoringSchedule: target.monitoringSchedule };
  return values
    .filter(([, value]) => Number.isFinite(value))
    .map(([name, value]) => ({
      namespace: target.namespace,
      name,
      dimensions: { ...dimensions },
      value,
      unit: 'None' as const,
      timestamp: target.timestamp,
    }));
}
