import { type JsonOut, toJacksonJson } from '../json/jackson.ts';
import type { MetricDatum } from '../ports/metric-sink.ts';
import type { Profile } from '../profile/profile.ts';
import { type DataQualityBaseline, evaluateDataQuality, type FeatureDrift } from './checks.ts';
import { columnNotes, nonFiniteCounts } from './column-notes.ts';
import { driftMetrics } from './drift/drift-metrics.ts';
import { driftViolations } from './drift/drift-violations.ts';
import { type DriftReport, evaluateDrift } from './drift/evaluate-drift.ts';
import type { DriftSettings } from './drift/settings.ts';
import { type DataQualityMetricTarget, dataQualityMetrics } from './metrics.ts';
import { outputFirstHint } from './output-first.ts';
import { describeRaggedRows, fitProfileToWidth, type RaggedRows } from './ragged-rows.ts';
import { statisticsFromProfile } from './statistics.ts';
import { type DataQualityViolation, violationsFile } from './violations.ts';

/** Everything one data-quality run produces, ready to write and publish. */
export interface DataQualityReport {
  /** The window's statistics.json text (columns named after the baseline). */
  statistics: string;
  /** The document that text is written from, for readers in the same run (no parse needed). */
  statisticsDocument: JsonOut;
  /** constraint_violations.json text. */
  constraintViolations: string;
  violations: DataQualityViolation[];
  drift: FeatureDrift[];
  /** Vigil's own drift verdicts (drift_report.json). */
  driftReport: DriftReport;
  /**
   * What the user should know to trust the verdict: ragged rows, non-finite values, columns
   * inferred String because of a few texts, the output-first hint, checks that could not run.
   * They may quote captured values: for the report and the CLI, never for logs or events.
   */
  notes: string[];
  /** Rows counted against the baseline's columns. */
  raggedRows: RaggedRows;
  /** Non-finite values per feature (features without any left out). */
  nonFinite: Record<string, number>;
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
  const features = baseline.constraints?.features ?? baseline.statistics?.features ?? [];
  // Rows are counted against the baseline's columns; a minority of long rows invents no feature.
  const { profile: fitted, ragged } = fitProfileToWidth(profile, features.length);
  const evaluation = evaluateDataQuality(fitted, baseline);
  const driftReport = evaluateDrift(fitted, baseline, evaluation.names, drift);
  const violations = drift.violations
    ? [...evaluation.violations, ...driftViolations(driftReport)]
    : evaluation.violations;
  const hint = outputFirstHint(fitted, baseline);
  // The hint explains rows that are all wider; the row count would only repeat it.
  const rowNote = hint
    ? undefined
    : describeRaggedRows(ragged, fitted.itemCount, `the baseline's ${features.length} columns`);
  const notes = [
    ...(hint ? [hint] : []),
    ...(rowNote ? [rowNote] : []),
    ...columnNotes(fitted, evaluation.names),
    ...evaluation.notes,
  ];
  const emit =
    (baseline.constraints?.monitoring_config?.emit_metrics ?? 'Enabled').toLowerCase() !== 'disabled';
  const statisticsDocument = statisticsFromProfile(fitted, evaluation.names);
  return {
    statistics: toJacksonJson(statisticsDocument),
    statisticsDocument,
    constraintViolations: toJacksonJson(violationsFile(violations)),
    violations,
    drift: evaluation.drift,
    driftReport,
    notes,
    raggedRows: ragged,
    nonFinite: nonFiniteCounts(fitted, evaluation.names),
    metrics:
      target && emit
        ? [
            ...dataQualityMetrics(fitted, evaluation.names, evaluation.drift, target),
            ...driftMetrics(driftReport, target),
          ]
        : [],
  };
}
