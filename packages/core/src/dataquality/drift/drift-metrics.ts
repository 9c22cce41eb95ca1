import type { MetricDatum } from '../../ports/metric-sink.ts';
import type { DataQualityMetricTarget } from '../metrics.ts';
import type { DriftReport, FeatureDriftVerdict } from './evaluate-drift.ts';

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

/** One metric Vigil publishes per judged feature, from that feature's verdict. */
export interface FeatureDriftMetric {
  name(feature: string): string;
  unit: MetricDatum['unit'];
  value(verdict: FeatureDriftVerdict & { value: number }): number;
}

/** One metric Vigil publishes per run, from the whole drift report. */
export interface RunDriftMetric {
  name: string;
  unit: MetricDatum['unit'];
  value(report: DriftReport): number;
}

/**
 * Vigil's drift metrics, in publishing order. A new drift metric is one entry here (and, to
 * alarm on it, one alarm in alerting/vigil-drift-alarms.ts).
 */
export const DRIFT_METRICS: { perFeature: readonly FeatureDriftMetric[]; perRun: readonly RunDriftMetric[] } =
  {
    perFeature: [
      { name: driftScoreMetric, unit: 'None', value: (verdict) => verdict.value },
      { name: driftVerdictMetric, unit: 'None', value: (verdict) => (verdict.drift ? 1 : 0) },
    ],
    perRun: [
      { name: DRIFTED_FEATURES_METRIC, unit: 'Count', value: (report) => report.drifted_features.length },
    ],
  };

/**
 * The names of Vigil's drift metrics with `*` for the feature, for help texts.
 *
 * @example
 * ```ts
 * driftMetricPatterns(); // ['vigil_drift_score_*', 'vigil_drifted_*', 'vigil_drift_count']
 * ```
 */
export function driftMetricPatterns(): string[] {
  return [...DRIFT_METRICS.perFeature.map((m) => m.name('*')), ...DRIFT_METRICS.perRun.map((m) => m.name)];
}

/**
 * The metrics of Vigil's drift verdicts (DRIFT_METRICS), in the data-quality namespace with
 * SageMaker's dimensions (Endpoint, MonitoringSchedule): per judged feature `vigil_drift_score_<f>`
 * and `vigil_drifted_<f>` (0/1), and `vigil_drift_count`. Features not computed publish nothing.
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
    const value = verdict.value;
    if (value === null || !Number.isFinite(value)) continue;
    for (const metric of DRIFT_METRICS.perFeature) {
      out.push(datum(metric.name(feature), metric.value({ ...verdict, value }), metric.unit));
    }
  }
  for (const metric of DRIFT_METRICS.perRun) out.push(datum(metric.name, metric.value(report), metric.unit));
  return out;
}
