/** SageMaker's model-quality problem types (the analyzer's `problem_type`). */
export type ProblemType = 'BinaryClassification' | 'MulticlassClassification' | 'Regression';

export const PROBLEM_TYPES: readonly ProblemType[] = [
  'BinaryClassification',
  'MulticlassClassification',
  'Regression',
];

/** The snake_case stem of each problem type's keys in statistics.json and constraints.json. */
const KEY_STEM: Record<ProblemType, string> = {
  BinaryClassification: 'binary_classification',
  MulticlassClassification: 'multiclass_classification',
  Regression: 'regression',
};

/** Each problem type's key with `suffix` after its stem. */
function keysEndingIn(suffix: string): Record<ProblemType, string> {
  const keys = PROBLEM_TYPES.map((type) => [type, `${KEY_STEM[type]}_${suffix}`] as const);
  return Object.fromEntries(keys) as Record<ProblemType, string>;
}

/** The statistics.json key holding the metrics of each problem type (`binary_classification_metrics`, …). */
export const STATISTICS_KEY = keysEndingIn('metrics');

/** The constraints.json key holding the constraints of each problem type. */
export const CONSTRAINTS_KEY = keysEndingIn('constraints');

/** True when `value` names a problem type. */
export function isProblemType(value: unknown): value is ProblemType {
  return typeof value === 'string' && (PROBLEM_TYPES as readonly string[]).includes(value);
}
