import type { BinaryMetricValues } from '../modelquality/binary-metrics.ts';
import type { MulticlassMetricValues } from '../modelquality/multiclass-metrics.ts';
import type { RegressionMetricValues } from '../modelquality/regression-metrics.ts';

type SectionProblemType = 'BinaryClassification' | 'MulticlassClassification' | 'Regression';

// Typed against the metric interfaces, so a metric added to a problem type is listed here too.
const BINARY: Record<keyof BinaryMetricValues, true> = {
  recall: true,
  precision: true,
  accuracy: true,
  recall_best_constant_classifier: true,
  precision_best_constant_classifier: true,
  accuracy_best_constant_classifier: true,
  true_positive_rate: true,
  true_negative_rate: true,
  false_positive_rate: true,
  false_negative_rate: true,
  auc: true,
  au_prc: true,
  f0_5: true,
  f1: true,
  f2: true,
  f0_5_best_constant_classifier: true,
  f1_best_constant_classifier: true,
  f2_best_constant_classifier: true,
};
const MULTICLASS: Record<keyof MulticlassMetricValues, true> = {
  accuracy: true,
  weighted_recall: true,
  weighted_precision: true,
  weighted_f0_5: true,
  weighted_f1: true,
  weighted_f2: true,
  accuracy_best_constant_classifier: true,
  weighted_recall_best_constant_classifier: true,
  weighted_precision_best_constant_classifier: true,
  weighted_f0_5_best_constant_classifier: true,
  weighted_f1_best_constant_classifier: true,
  weighted_f2_best_constant_classifier: true,
};
const REGRESSION: Record<keyof RegressionMetricValues, true> = { mae: true, mse: true, rmse: true, r2: true };

const BY_TYPE: Record<SectionProblemType, Record<string, true>> = {
  BinaryClassification: BINARY,
  MulticlassClassification: MULTICLASS,
  Regression: REGRESSION,
};

/**
 * Whether a metric found in a statistics.json section belongs there: a name SageMaker defines
 * only for another problem type (`auc` under `regression_metrics`) does not, so a policy rule
 * never reads it as this model's. Names SageMaker does not define (custom evaluation metrics)
 * are kept.
 *
 * @example
 * ```ts
 * metricBelongsTo('auc', 'Regression'); // false
 * metricBelongsTo('rmse', 'Regression'); // true
 * metricBelongsTo('my_custom_score', 'Regression'); // true
 * ```
 */
export function metricBelongsTo(metric: string, problemType: SectionProblemType): boolean {
  if (Object.hasOwn(BY_TYPE[problemType], metric)) return true;
  return !Object.values(BY_TYPE).some((names) => Object.hasOwn(names, metric));
}
