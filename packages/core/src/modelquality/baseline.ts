import {
  CALIBRATION_FILE,
  type Calibration,
  calibrationJson,
  fitIsotonicCalibration,
} from './calibration.ts';
import { binaryColumns } from './columns.ts';
import { constraintsJson, type ModelQualityConstraints, suggestConstraints } from './constraints.ts';
import type { LabeledPrediction, SkippedRows } from './labeled-prediction.ts';
import {
  computeModelQualityStatistics,
  type ModelQualityOptions,
  type ModelQualityStatistics,
} from './statistics.ts';
import { statisticsJson } from './statistics-json.ts';

/** A model-quality baseline: what `vigil baseline model-quality` writes. */
export interface ModelQualityBaseline {
  statistics: ModelQualityStatistics;
  constraints: ModelQualityConstraints;
  /** Binary problems whose rows carry probabilities: the calibration the estimate needs. */
  calibration?: Calibration;
  skipped: SkippedRows;
  /** File name → content: statistics.json, constraints.json and, with a calibration, calibration.json. */
  files: Record<string, string>;
}

/**
 * Baselines labeled predictions: statistics, suggested constraints (thresholds at the baseline
 * values) and, for binary problems with probabilities, the isotonic calibration that lets a later
 * run estimate quality before labels arrive.
 *
 * @example
 * ```ts
 * const baseline = createModelQualityBaseline(rows, { problemType: 'Regression' });
 * for (const [name, text] of Object.entries(baseline.files)) await store.put(`baseline/${name}`, text);
 * ```
 */
export function createModelQualityBaseline(
  rows: readonly LabeledPrediction[],
  options: ModelQualityOptions,
): ModelQualityBaseline {
  const { statistics, skipped } = computeModelQualityStatistics(rows, options);
  const constraints = suggestConstraints(statistics);
  const files: Record<string, string> = {
    'statistics.json': statisticsJson(statistics),
    'constraints.json': constraintsJson(constraints),
  };
  let calibration: Calibration | undefined;
  if (options.problemType === 'BinaryClassification') {
    const columns = binaryColumns(rows, { probabilityThreshold: options.probabilityThreshold });
    if (columns.hasProbabilities) {
      calibration = fitIsotonicCalibration(columns.scores, columns.labels);
      files[CALIBRATION_FILE] = calibrationJson(calibration);
    }
  }
  return { statistics, constraints, calibration, skipped, files };
}
