import type { z } from 'zod';
import { parseJsonText, validateDocument } from '../validation/validate-document.ts';
import {
  constraintsFileSchema,
  type featureConstraintsSchema,
  type featureStatisticsSchema,
  type monitoringConfigSchema,
  statisticsFileSchema,
} from './baseline-schema.ts';

/** One feature of a SageMaker statistics.json (any container version), validated. */
export type FeatureStatistics = z.output<typeof featureStatisticsSchema>;

/** A KLL sketch as statistics.json holds it. */
export type SketchStatistics = NonNullable<
  NonNullable<NonNullable<FeatureStatistics['numerical_statistics']>['distribution']>['kll']
>['sketch'];

/** A SageMaker (or Vigil) statistics.json, validated. */
export type StatisticsFile = z.output<typeof statisticsFileSchema>;

/** One feature of a constraints.json, validated. */
export type FeatureConstraints = z.output<typeof featureConstraintsSchema>;

/** The monitoring_config block of a constraints.json, validated. */
export type MonitoringConfig = z.output<typeof monitoringConfigSchema>;

/** A SageMaker (or Vigil) constraints.json, validated. */
export type ConstraintsFile = z.output<typeof constraintsFileSchema>;

const FIX = 'fix that field, or regenerate the baseline with `vigil baseline data-quality`';

/**
 * Reads a statistics.json as SageMaker writes it (old and current field sets alike; unknown
 * fields are kept and ignored). Every field a check uses is validated: a wrong type or value
 * throws BaselineValidationError naming `file` and the field's path, so no check is silently
 * switched off.
 *
 * @example
 * ```ts
 * const stats = parseStatisticsFile(await readText('baseline/statistics.json'));
 * stats.features[0]?.numerical_statistics?.distribution?.kll?.sketch?.data;
 * ```
 */
export function parseStatisticsFile(text: string, file = 'statistics.json'): StatisticsFile {
  const source = { file, fix: FIX };
  return validateDocument(statisticsFileSchema, parseJsonText(text, source), source);
}

/**
 * Reads a constraints.json as SageMaker writes it. Flags (`Enabled`/`Disabled`) and methods are
 * read case-insensitively as SageMaker does; thresholds must be numbers in 0…1. Throws
 * BaselineValidationError naming `file` and the path of the bad field.
 *
 * @example
 * ```ts
 * parseConstraintsFile(text).monitoring_config?.distribution_constraints?.comparison_threshold; // 0.1
 * ```
 */
export function parseConstraintsFile(text: string, file = 'constraints.json'): ConstraintsFile {
  const source = { file, fix: FIX };
  return validateDocument(constraintsFileSchema, parseJsonText(text, source), source);
}
