import type { MetricDatum } from '../../ports/metric-sink.ts';
import type { DataQualityMetricTarget } from '../metrics.ts';
import type { DriftReport } from './evaluate-drift.ts';

/**
 * The number of drifted features in a run. The three names' fixed parts differ (`vigil_drift_count`,
 * `vigil_drift_score_`, `vigil_drifted_`), so no feature name can make two metrics share a name.
 */
export const DRIFTED_FEATURES_METRIC = 'vigil_drift_count';

/**
 * CloudWatch metric name of a feature's drift value (the chosen method's distance or p-value).
 *
 * @example
 * ```ts
 * driftScoreMetric('age'); // 'vigil_drift_score_age'
 * ```
 */
export const driftScoreMetric = (feature: string): string => `vigil_drift_score_${feature}`;

/**
 * CloudWatch metric name of a feature's drift verdict, 1 drifted or 0.
 *
 * @example
 * ```ts
 * driftVerdictMetric('age'); // 'vigil_drifted_age'
 * ```
 */
export const driftVerdictMetric = (feature: string): string => `vigil_drifted_${feature}`;

/**
 * The metrics of Vigil's drift verdicts, in the data-quality namespace with SageMaker's
 * dimensions (Endpoint, MonitoringSchedule): per judged feature `vigil_drift_score_<f>` and
 * `vigil_drifted_<f>` (0/1), and `vigil_drift_count`. Features not computed publish nothing.
 *
 * @example
 * ```ts
 * await metrics.publish(driftMetrics(report, target));
 * ```
 */
export function driftMetrics(report: DriftReport, target: DataQualityMetricTarget): MetricDatum[] {
  const dimensions = { Endpoint: target.endpoint, MonitoringSchedule: target.monitoringSchedule };
  const datum = (name: string, value: number, unit: MetricDatum['unit']): MetricDatum => ({
    namespace: target.namespace,
    name,
    dimensions,
    value,
    unit,
    timestamp: target.timestamp,
  });
  const out: MetricDatum[] = [];
  for (const [feature, verdict] of Object.entries(report.features)) {
    if (verdict.value === null || !Number.isFinite(verdict.value)) continue;
    out.push(datum(driftScoreMetric(feature), verdict.value, 'None'));
    out.push(datum(driftVerdictMetric(feature), verdict.drift ? 1 : 0, 'None'));
  }
  out.push(datum(DRIFTED_FEATURES_METRIC, report.drifted_features.length, 'Count'));
  return out;
}
