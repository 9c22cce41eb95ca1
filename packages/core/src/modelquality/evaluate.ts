import type { ViolationSummary } from '../events/monitoring-execution.ts';
import type { LoadedBaseline } from './baseline-files.ts';
import { estimateBinaryQuality, type QualityEstimate } from './estimate.ts';
import { compareEstimate, ESTIMATE_FILE, estimateReportJson } from './estimate-report.ts';
import type { LabeledPrediction, SkippedRows, UnlabeledPrediction } from './labeled-prediction.ts';
import { computeModelQualityStatistics, type ModelQualityStatistics } from './statistics.ts';
import { statisticsJson } from './statistics-json.ts';
import { checkConstraints, type MetricViolation, violationsJson } from './violations.ts';

/** The labeled and unlabeled predictions of one window. */
export interface ModelQualityWindow {
  /** Captured predictions joined to their labels. */
  labeled: readonly LabeledPrediction[];
  /** Every captured prediction of the window, labeled or not: what the estimate reads. */
  predictions: readonly UnlabeledPrediction[];
}

/** How the window is evaluated. */
export interface EvaluationOptions {
  probabilityThreshold?: number;
  /** Estimate quality before labels (binary, with a baseline calibration). Default true. */
  estimate?: boolean;
  seed?: number;
}

/** Everything a run reports, before it is written anywhere. */
export interface ModelQualityEvaluation {
  /** Absent when no labeled row could be used. */
  statistics?: ModelQualityStatistics;
  violations: MetricViolation[];
  /** Constrained metrics that could not be evaluated this window. */
  notEvaluated: string[];
  estimate?: QualityEstimate;
  /** Why there is no estimate, when one was asked for and could not be made. */
  estimateProblem?: string;
  /** Rows the metrics or the estimate could not use, by reason. */
  skipped: SkippedRows;
  /** Report file name → content: statistics.json, constraint_violations.json, estimated_quality.json. */
  files: Record<string, string>;
}

/**
 * Evaluates one window against a baseline: metrics of the labeled rows and their constraint
 * violations; for binary problems with a baseline calibration, the estimate of quality from the
 * probabilities of every captured prediction, set against the realized values when labels exist.
 * Pure: no store, no clock.
 *
 * @example
 * ```ts
 * const evaluation = evaluateModelQuality({ labeled, predictions }, baseline, { probabilityThreshold: 0.5 });
 * evaluation.files['constraint_violations.json'];
 * ```
 */
export function evaluateModelQuality(
  window: ModelQualityWindow,
  baseline: LoadedBaseline,
  options: EvaluationOptions = {},
): ModelQualityEvaluation {
  const problemType = baseline.constraints.problemType;
  const files: Record<string, string> = {};
  const skipped: SkippedRows = {};
  let statistics: ModelQualityStatistics | undefined;
  let violations: MetricViolation[] = [];
  let notEvaluated: string[] = [];
  if (window.labeled.length > 0) {
    const computed = computeModelQualityStatistics(window.labeled, {
      problemType,
      probabilityThreshold: options.probabilityThreshold,
      seed: options.seed,
    });
    Object.assign(skipped, computed.skipped);
    if (computed.statistics.itemCount > 0) {
      statistics = computed.statistics;
      const check = checkConstraints(statistics, baseline.constraints);
      violations = check.violations;
      notEvaluated = check.notEvaluated;
      files['statistics.json'] = statisticsJson(statistics);
      files['constraint_violations.json'] = violationsJson(violations);
    }
  }
  let estimate: QualityEstimate | undefined;
  let estimateProblem: string | undefined;
  if (options.estimate !== false && problemType === 'BinaryClassification') {
    if (!baseline.calibration) {
      estimateProblem =
        baseline.calibrationProblem ??
        'The baseline has no calibration.json: rebaseline with --probability-attribute to estimate quality before labels';
    } else if (window.predictions.length === 0) {
      estimateProblem = 'No captured prediction in the window';
    } else {
      estimate = estimateBinaryQuality(window.predictions, baseline.calibration, {
        probabilityThreshold: options.probabilityThreshold,
        seed: options.seed,
      });
      for (const [reason, count] of Object.entries(estimate.skipped)) {
        skipped[`estimate-${reason}`] = count;
      }
      if (estimate.itemCount === 0) {
        estimateProblem = 'No captured prediction carries a probability: set the probability attribute';
        estimate = undefined;
      } else {
        files[ESTIMATE_FILE] = estimateReportJson(
          estimate,
          compareEstimate(estimate, statistics),
          statistics?.itemCount ?? 0,
        );
      }
    }
  }
  return { statistics, violations, notEvaluated, estimate, estimateProblem, skipped, files };
}

/** Violations as the monitoring event summarizes them. */
export function violationSummaries(violations: readonly MetricViolation[]): ViolationSummary[] {
  return violations.map((v) => ({
    subject: v.metricName,
    checkType: v.constraintCheckType,
    description: v.description,
  }));
}
