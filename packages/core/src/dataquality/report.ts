import { toJacksonJson } from '../json/jackson.ts';
import type { MetricDatum } from '../ports/metric-sink.ts';
import type { Profile } from '../profile/profile.ts';
import { type DataQualityBaseline, evaluateDataQuality, type FeatureDrift } from './checks.ts';
import { type DataQualityMetricTarget, dataQualityMetrics } from './metrics.ts';
import { statisticsFromProfile } from './statistics.ts';
import { type DataQualityViolation, violationsFile } from './violations.ts';

/** Everything one data-quality run produces, ready to write and publish. */
export interface DataQualityReport {
  /** The window's statistics.json text (columns named after the baseline). */
  statistics: string;
  /** constraint_violations.json text. */
  constraintViolations: string;
  violations: DataQualityViolation[];
  drift: FeatureDrift[];
  notes: string[];
  /** Empty when the baseline's monitoring_config says emit_metrics Disabled or no target was given. */
  metrics: MetricDatum[];
}

/**
 * Checks a window's profile against a baseline and renders SageMaker's report files and metrics;
 * the common core of the scheduled job, the CLI and the demo.
 *
 * @example
 * ```ts
 * const report = buildDataQualityReport(profile, { statistics, constraints }, target);
 * await store.put(`${folder}constraint_violations.json`, report.constraintViolations);
 * ```
 */
export function buildDataQualityReport(
  profile: Profile,
  baseline: DataQualityBaseline,
  target?: DataQualityMetricTarget,
): DataQualityReport {
  const evaluation = evaluateDataQuality(profile, baseline);
  const emit =
    (baseline.constraints?.monitoring_config?.emit_metrics ?? 'Enabled').toLowerCase() !== 'disabled';
  return {
    statistics: toJacksonJson(statisticsFromProfile(profile, evaluation.names)),
    constraintViolations: toJacksonJson(violationsFile(evaluation.violations)),
    violations: evaluation.violations,
    drift: evaluation.drift,
    notes: evaluation.notes,
    metrics: target && emit ? dataQualityMetrics(profile, evaluation.names, evaluation.drift, target) : [],
  };
}
