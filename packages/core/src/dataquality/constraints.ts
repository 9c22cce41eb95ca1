import type { JsonOut } from '../json/jackson.ts';
import type { ColumnProfile } from '../profile/column-profile.ts';
import { sortedEntries } from '../profile/frequencies.ts';
import type { Profile } from '../profile/profile.ts';
import { isNumericType } from '../profile/value-type.ts';
import type { MonitoringConfig } from './baseline-files.ts';
import { completenessOf } from './statistics.ts';

/** monitoring_config as real suggested constraints have it (the analyzer's class defaults). */
export const DEFAULT_MONITORING_CONFIG = {
  evaluate_constraints: 'Enabled',
  emit_metrics: 'Enabled',
  datatype_check_threshold: 1.0,
  domain_content_threshold: 1.0,
  distribution_constraints: {
    perform_comparison: 'Enabled',
    comparison_threshold: 0.1,
    comparison_method: 'Robust',
    categorical_comparison_threshold: 0.1,
    categorical_drift_method: 'LInfinity',
  },
} as const satisfies MonitoringConfig;

/** Deequ CategoricalRangeRule: at most this share of categories may have been seen only once. */
const MAX_SINGLETON_SHARE = 0.1;

/**
 * The string domain Deequ's CategoricalRangeRule suggests: the categories of a low-cardinality
 * String column, when at most 10 % of them were seen exactly once. Undefined when the rule does
 * not fire. Ordered by descending count (SageMaker's order is Spark's hash order).
 *
 * @example
 * ```ts
 * suggestedDomain(colorColumn); // ['blue', 'red', 'green']
 * ```
 */
export function suggestedDomain(column: ColumnProfile): string[] | undefined {
  if (column.inferredType !== 'String' || !column.frequencies || column.frequencies.size === 0)
    return undefined;
  const entries = sortedEntries(column.frequencies);
  const singletons = entries.filter(([, count]) => count === 1).length;
  if (singletons / entries.length > MAX_SINGLETON_SHARE) return undefined;
  return entries.map(([value]) => value);
}

/**
 * constraints.json suggested from a baseline profile, as SageMaker's analyzer suggests it: per
 * feature the inferred type and completeness, `is_non_negative` for numeric features (true when
 * the minimum is ≥ 0), string domains per Deequ's CategoricalRangeRule, and the default
 * monitoring_config. `names` rename columns by position.
 *
 * @example
 * ```ts
 * toJacksonJson(suggestConstraints(profile));
 * ```
 */
export function suggestConstraints(profile: Profile, names: readonly string[] = []): JsonOut {
  return {
    version: 0,
    features: profile.columns.map((column, i) => {
      const type = column.inferredType;
      const numeric = isNumericType(type) && column.moments.count > 0;
      const domain = suggestedDomain(column);
      return {
        name: names[i] ?? column.name,
        inferred_type: type,
        completeness: completenessOf(column),
        num_constraints: numeric ? { is_non_negative: column.moments.min >= 0 } : undefined,
        string_constraints: domain ? { domains: domain } : undefined,
      };
    }),
    monitoring_config: structuredClone(DEFAULT_MONITORING_CONFIG) as unknown as JsonOut,
  };
}
