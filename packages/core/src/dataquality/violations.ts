import type { JsonOut } from '../json/jackson.ts';
import { javaDouble } from '../json/java-double.ts';

/** SageMaker's six data-quality check types. */
export type DataQualityCheckType =
  | 'data_type_check'
  | 'completeness_check'
  | 'baseline_drift_check'
  | 'missing_column_check'
  | 'extra_column_check'
  | 'categorical_values_check';

/** One entry of constraint_violations.json, keys in SageMaker's order. */
export interface DataQualityViolation {
  feature_name: string;
  constraint_check_type: DataQualityCheckType;
  description: string;
}

const percent = (ratio: number): string => javaDouble(ratio * 100);

/**
 * Description texts. data_type_check is SageMaker's current wording (real reports, 2021–2022).
 * completeness_check and categorical_values_check use the analyzer's older real wording
 * ("Value: … does not meet the constraint requirement! ", trailing space included), which AWS's
 * own report parsers still match; their current wording is not published. baseline_drift_check
 * follows the text AWS's parsers match (`distance: (.+) exceeds threshold: (.+)`). The column
 * checks and the ChiSquared variant are Vigil's wording: SageMaker's was never published.
 */
export const describe = {
  dataType: (type: string, threshold: number, observed: number): string =>
    `Data type match requirement is not met. Expected data type: ${type}, Expected match: ${percent(threshold)}%. Observed: Only ${percent(observed)}% of data is ${type}.`,
  completeness: (observed: number): string =>
    `Value: ${javaDouble(observed)} does not meet the constraint requirement! `,
  categoricalValues: (observed: number): string =>
    `Value: ${javaDouble(observed)} does not meet the constraint requirement! `,
  drift: (distance: number, threshold: number): string =>
    `Baseline drift distance: ${javaDouble(distance)} exceeds threshold: ${javaDouble(threshold)}`,
  chiSquaredDrift: (pValue: number, threshold: number): string =>
    `Baseline drift chi-squared p-value: ${javaDouble(pValue)} is below threshold: ${javaDouble(threshold)}`,
  missingColumn: (name: string, current: number, baseline: number): string =>
    `Column ${name} is in the baseline constraints but not in the current dataset. Number of columns in current dataset: ${current}, Number of columns in baseline constraints: ${baseline}.`,
  extraColumn: (name: string, current: number, baseline: number): string =>
    `Column ${name} is in the current dataset but not in the baseline constraints. Number of columns in current dataset: ${current}, Number of columns in baseline constraints: ${baseline}.`,
};

/**
 * constraint_violations.json content (no `version` key, as SageMaker writes it); serialize with
 * `toJacksonJson`.
 *
 * @example
 * ```ts
 * toJacksonJson(violationsFile([])); // '{\n  "violations" : [ ]\n}'
 * ```
 */
export function violationsFile(violations: readonly DataQualityViolation[]): JsonOut {
  return { violations: violations.map((v) => ({ ...v })) };
}
