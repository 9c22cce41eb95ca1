import * as z from 'zod';
import { InputError } from '../errors/vigil-error.ts';
import { toJacksonJson } from '../json/jackson.ts';
import { parseJsonText, validateDocument } from '../validation/validate-document.ts';
import { CONSTRAINTS_KEY, type ProblemType } from './problem-type.ts';
import type { ModelQualityStatistics } from './statistics.ts';

/** SageMaker's comparison operators for model-quality constraints. */
export type ComparisonOperator =
  | 'GreaterThanThreshold'
  | 'LessThanThreshold'
  | 'GreaterThanOrEqualToThreshold'
  | 'LessThanOrEqualToThreshold';

export const COMPARISON_OPERATORS: readonly ComparisonOperator[] = [
  'GreaterThanThreshold',
  'LessThanThreshold',
  'GreaterThanOrEqualToThreshold',
  'LessThanOrEqualToThreshold',
];

/** One metric constraint: the metric violates it when `value <operator> threshold` holds. */
export interface MetricConstraint {
  threshold: number;
  comparisonOperator: ComparisonOperator;
}

/** The content of a model-quality constraints.json. */
export interface ModelQualityConstraints {
  problemType: ProblemType;
  constraints: Record<string, MetricConstraint>;
}

/**
 * Which metrics get a suggested constraint and the direction that is bad. Regression is as in
 * SageMaker's real constraints.json (errors GreaterThanThreshold, r2 LessThanThreshold). For
 * classification (no real file seen) every quality score whose fall is bad — accuracy,
 * precision, recall, the true rates, auc, au_prc, the F-scores, the weighted multiclass scores —
 * is LessThanThreshold, and the false positive / negative rates GreaterThanThreshold. The
 * best-constant values describe the data, not the model, so they are not constrained.
 */
const SUGGESTED: Record<ProblemType, Record<string, ComparisonOperator>> = {
  Regression: {
    mae: 'GreaterThanThreshold',
    mse: 'GreaterThanThreshold',
    rmse: 'GreaterThanThreshold',
    r2: 'LessThanThreshold',
  },
  BinaryClassification: {
    recall: 'LessThanThreshold',
    precision: 'LessThanThreshold',
    accuracy: 'LessThanThreshold',
    true_positive_rate: 'LessThanThreshold',
    true_negative_rate: 'LessThanThreshold',
    false_positive_rate: 'GreaterThanThreshold',
    false_negative_rate: 'GreaterThanThreshold',
    auc: 'LessThanThreshold',
    au_prc: 'LessThanThreshold',
    f0_5: 'LessThanThreshold',
    f1: 'LessThanThreshold',
    f2: 'LessThanThreshold',
  },
  MulticlassClassification: {
    accuracy: 'LessThanThreshold',
    weighted_recall: 'LessThanThreshold',
    weighted_precision: 'LessThanThreshold',
    weighted_f0_5: 'LessThanThreshold',
    weighted_f1: 'LessThanThreshold',
    weighted_f2: 'LessThanThreshold',
  },
};

/**
 * Constraints suggested from baseline statistics: thresholds equal to the baseline values (as
 * SageMaker suggests them), in statistics order; metrics whose baseline value is not finite (auc
 * of a single-class baseline) get none.
 *
 * @example
 * ```ts
 * suggestConstraints(statistics).constraints.r2; // { threshold: -3.2…, comparisonOperator: 'LessThanThreshold' }
 * ```
 */
export function suggestConstraints(statistics: ModelQualityStatistics): ModelQualityConstraints {
  const operators = SUGGESTED[statistics.problemType];
  const constraints: Record<string, MetricConstraint> = {};
  for (const [name, metric] of Object.entries(statistics.metrics)) {
    const comparisonOperator = operators[name];
    if (comparisonOperator && Number.isFinite(metric.value)) {
      constraints[name] = { threshold: metric.value, comparisonOperator };
    }
  }
  return { problemType: statistics.problemType, constraints };
}

/**
 * constraints.json in SageMaker's format and key order.
 *
 * @example
 * ```ts
 * constraintsJson(suggestConstraints(statistics));
 * // '{\n  "version" : 0.0,\n  "regression_constraints" : {\n    "mae" : {\n      "threshold" : 0.504…,\n …'
 * ```
 */
export function constraintsJson(constraints: ModelQualityConstraints): string {
  return toJacksonJson({
    version: 0,
    [CONSTRAINTS_KEY[constraints.problemType]]: Object.fromEntries(
      Object.entries(constraints.constraints).map(([name, c]) => [
        name,
        { threshold: c.threshold, comparison_operator: c.comparisonOperator },
      ]),
    ),
  });
}

// Each section is an object of metric → constraint; the constraints themselves are read leniently
// below, so that one bad entry is named in `ignored` instead of failing every other check.
const section = z.record(z.string(), z.unknown()).optional();
const constraintsDocumentSchema = z.looseObject({
  version: z.number().optional(),
  binary_classification_constraints: section,
  multiclass_classification_constraints: section,
  regression_constraints: section,
});

/**
 * Reads a model-quality constraints.json written by SageMaker or Vigil. Unknown fields are
 * tolerated; a document or section of the wrong type throws BaselineValidationError naming `file`
 * and the field; a constraint with an unknown operator or a non-numeric threshold is left out and
 * named in `ignored` (reported by the monitor, never silent).
 *
 * @example
 * ```ts
 * const { constraints, ignored } = parseConstraints(text);
 * ```
 */
export function parseConstraints(
  text: string,
  file = 'constraints.json',
): { constraints: ModelQualityConstraints; ignored: string[] } {
  const source = {
    file,
    fix: 'fix that field, or regenerate the baseline with `vigil baseline model-quality`',
  };
  const record = validateDocument(constraintsDocumentSchema, parseJsonText(text, source), source);
  const problemType = (Object.keys(CONSTRAINTS_KEY) as ProblemType[]).find(
    (type) => typeof record[CONSTRAINTS_KEY[type]] === 'object' && record[CONSTRAINTS_KEY[type]] !== null,
  );
  if (!problemType) {
    throw new InputError(
      `The constraints.json holds none of ${Object.values(CONSTRAINTS_KEY).join(', ')}: ` +
        'is it a data-quality baseline? Point the model-quality monitor at a model-quality baseline',
    );
  }
  const constraints: Record<string, MetricConstraint> = {};
  const ignored: string[] = [];
  const section = record[CONSTRAINTS_KEY[problemType]] as Record<string, unknown>;
  for (const [name, raw] of Object.entries(section)) {
    const entry = (raw ?? {}) as Record<string, unknown>;
    const threshold = typeof entry.threshold === 'number' ? entry.threshold : Number(entry.threshold);
    const operator = entry.comparison_operator;
    if (
      !Number.isFinite(threshold) ||
      !COMPARISON_OPERATORS.includes(operator as ComparisonOperator) ||
      typeof raw !== 'object'
    ) {
      ignored.push(name);
      continue;
    }
    constraints[name] = { threshold, comparisonOperator: operator as ComparisonOperator };
  }
  return { constraints: { problemType, constraints }, ignored };
}
