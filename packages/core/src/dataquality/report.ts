import { toJacksonJson } from '../json/jackson.ts';
import type { MetricDatum } from '../ports/metric-sink.ts';
import type { Profile } from '../profile/profile.ts';
import { type DataQualityBaseline, evaluateDataQuality, type FeatureDrift } from './checks.ts';
import { driftMetrics } from './drift/drift-metrics.ts';
import { driftViolations } from './drift/drift-violations.ts';
import { type DriftReport, evaluateDrift } from './drift/evaluate-drift.ts';
import type { DriftSettings } from './drift/settings.ts';
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
  /** Vigil's own drift verdicts (drift_report.json). */
  driftReport: DriftReport;
  notes: string[];
  /** SageMaker's metrics then Vigil's drift metrics; empty when the baseline's monitoring_config says emit_metrics Disabled or no target was given. */
  metrics: MetricDatum[];
}

/**
 * Checks a window's profile against a baseline and renders SageMaker's report files and metrics;
 * the common core of the scheduled job, the CLI and the demo. Vigil's drift verdicts
 * (`drift` settings) go to `driftReport`, and to the violations only with `drift.violations`.
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
  drift: DriftSettings = {},
): DataQualityReport {
  const evaluation = evaluateDataQuality(profile, baseline);
  const driftReport = evaluateDrift(profile, baseline, evaluation.names, drift);
  const violations = drift.violations
    ? [...evaluation.violations, ...driftViolations(driftReport)]
    : evaluation.violations;
  const emit =
    (baseline.constraints?.monitoring_config?.emit_metrics ?? 'Enabled').toLowerCase() !== 'disabled';
  return {
    statistics: toJacksonJson(statisticsFromProfile(profile, evaluation.names)),
    constraintViolations: toJacksonJson(violationsFile(violations)),
    violations,
    drift: evaluation.drift,
    driftReport,
    notes: evaluation.notes,
    metrics:
      target && emit
        ? [
            ...dataQualityMetrics(profile, evaluation.names, evaluation.drift, target),
            ...driftMetrics(driftReport, target),
          ]
        : [],
  };
}
