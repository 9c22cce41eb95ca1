/** SageMaker's model-quality problem types (the analyzer's `problem_type`). */
export type ProblemType = 'BinaryClassification' | 'MulticlassClassification' | 'Regression';

export const PROBLEM_TYPES: readonly ProblemType[] = [
  'BinaryClassification',
  'MulticlassClassification',
  'Regression',
];

/** The statistics.json key holding the metrics of each problem type. */
export const STATISTICS_KEY: Record<ProblemType, string> = {
  BinaryClassification: 'binary_classification_metrics',
  MulticlassClassification: 'multiclass_classification_metrics',
  Regression: 'regression_metrics',
};

/** The constraints.json key holding the constraints of each problem type. */
export const CONSTRAINTS_KEY: Record<ProblemType, string> = {
  BinaryClassification: 'binary_classification_constraints',
  MulticlassClassification: 'multiclass_classification_constraints',
  Regression: 'regression_constraints',
};

/** True when `value` names a problem type. */
export function isProblemType(value: unknown): value is ProblemType {
  return typeof value === 'string' && (PROBLEM_TYPES as readonly string[]).includes(value);
}
