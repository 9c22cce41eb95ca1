import type { MetricDatum, MetricStatistics } from '../ports/metric-sink.ts';
import { meanOf } from '../profile/moments.ts';
import type { Profile } from '../profile/profile.ts';
import { isNumericType } from '../profile/value-type.ts';
import type { FeatureDrift } from './checks.ts';
import { completenessOf, distinctCount } from './statistics.ts';

/** Where and under which dimensions the metrics of one run go. */
export interface DataQualityMetricTarget {
  /** `${prefix}/Endpoints/data-metrics`. */
  namespace: string;
  endpoint: string;
  monitoringSchedule: string;
  timestamp: Date;
}

/**
 * SageMaker's data-quality metrics for one window, per feature, with dimensions Endpoint and
 * MonitoringSchedule. What each value is (SageMaker does not document the newer ones; these are
 * Vigil's reading of their names):
 * - `feature_baseline_drift_<f>`: the baseline drift distance (LInfinity, Simple or Robust as
 *   configured) or, for ChiSquared, the p-value; only for features whose drift was computed.
 * - `feature_non_null_<f>` / `feature_null_<f>`: present / missing values in the window (Count);
 *   non-finite numbers (`NaN`, `±Infinity`, overflow) count as missing.
 * - `feature_completeness_<f>`: present / (present + missing), 0–1.
 * - `feature_integral_counts_<f>`, `feature_fractional_counts_<f>`, `feature_string_counts_<f>`,
 *   `feature_boolean_counts_<f>`, `feature_unknown_counts_<f>`: values per inferred data type;
 *   unknown counts missing values, as Deequ's type histogram does (Count).
 * - `feature_estimated_unique_values_<f>`: approximate distinct values (Count).
 * - `feature_data_<f>`: numeric features only, the window's values as a statistic set, as
 *   SageMaker publishes it (Max/Min/Sum/SampleCount/Average): SampleCount is the number of numeric
 *   values, Sum / Minimum / Maximum those of statistics.json (the column's moments); `value` is
 *   their Average, the mean of statistics.json.
 *
 * @example
 * ```ts
 * await metrics.publish(dataQualityMetrics(profile, names, drift, target));
 * ```
 */
export function dataQualityMetrics(
  profile: Profile,
  names: readonly string[],
  drift: readonly FeatureDrift[],
  target: DataQualityMetricTarget,
): MetricDatum[] {
  const dimensions = { Endpoint: target.endpoint, MonitoringSchedule: target.monitoringSchedule };
  const out: MetricDatum[] = [];
  const datum = (
    name: string,
    value: number,
    unit: MetricDatum['unit'],
    statistics?: MetricStatistics,
  ): void => {
    if (Number.isFinite(value)) {
      out.push({
        namespace: target.namespace,
        name,
        dimensions,
        value,
        ...(statistics ? { statistics } : {}),
        unit,
        timestamp: target.timestamp,
      });
    }
  };
  const driftByFeature = new Map(drift.map((d) => [d.feature, d.value]));
  profile.columns.forEach((column, i) => {
    const f = names[i] ?? column.name;
    const baselineDrift = driftByFeature.get(f);
    if (baselineDrift !== undefined) datum(`feature_baseline_drift_${f}`, baselineDrift, 'None');
    datum(`feature_non_null_${f}`, column.present, 'Count');
    datum(`feature_null_${f}`, column.absent, 'Count');
    datum(`feature_completeness_${f}`, completenessOf(column), 'None');
    datum(`feature_integral_counts_${f}`, column.integral, 'Count');
    datum(`feature_fractional_counts_${f}`, column.fractional, 'Count');
    datum(`feature_string_counts_${f}`, column.string, 'Count');
    datum(`feature_boolean_counts_${f}`, column.boolean, 'Count');
    datum(`feature_unknown_counts_${f}`, column.missing, 'Count');
    datum(`feature_estimated_unique_values_${f}`, distinctCount(column), 'Count');
    if (isNumericType(column.inferredType) && column.moments.count > 0) {
      const m = column.moments;
      const statistics = { sampleCount: m.count, sum: m.sum, minimum: m.min, maximum: m.max };
      datum(`feature_data_${f}`, meanOf(m), 'None', statistics);
    }
  });
  return out;
}
