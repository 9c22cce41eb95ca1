import { InputError } from '../errors/vigil-error.ts';

/** A KLL sketch as statistics.json holds it. */
export interface SketchStatistics {
  parameters?: { c?: number; k?: number };
  data: number[][];
}

/** One feature of a SageMaker statistics.json (any container version). */
export interface FeatureStatistics {
  name: string;
  inferred_type: string;
  numerical_statistics?: {
    common?: { num_present?: number; num_missing?: number };
    mean?: number;
    sum?: number;
    std_dev?: number;
    min?: number;
    max?: number;
    approximate_num_distinct_values?: number;
    completeness?: number;
    distribution?: {
      kll?: {
        buckets?: { lower_bound: number; upper_bound: number; count: number }[];
        sketch?: SketchStatistics;
      };
    };
  };
  string_statistics?: {
    common?: { num_present?: number; num_missing?: number };
    distinct_count?: number;
    completeness?: number;
    distribution?: { categorical?: { buckets?: { value: string; count: number }[] } };
  };
}

/** A SageMaker (or Vigil) statistics.json. */
export interface StatisticsFile {
  version?: number;
  dataset?: { item_count?: number };
  features: FeatureStatistics[];
}

/** Per-feature override of monitoring_config, as the SDK and the docs write it. */
export interface MonitoringConfigOverrides {
  evaluate_constraints?: string;
}

/** One feature of a constraints.json. */
export interface FeatureConstraints {
  name: string;
  inferred_type?: string;
  completeness?: number;
  num_constraints?: { is_non_negative?: boolean; monitoring_config_overrides?: MonitoringConfigOverrides };
  string_constraints?: { domains?: string[]; monitoring_config_overrides?: MonitoringConfigOverrides };
  monitoringConfigOverrides?: MonitoringConfigOverrides;
  monitoring_config_overrides?: MonitoringConfigOverrides;
}

/** The monitoring_config block of a constraints.json. */
export interface MonitoringConfig {
  evaluate_constraints?: string;
  emit_metrics?: string;
  datatype_check_threshold?: number;
  domain_content_threshold?: number;
  distribution_constraints?: {
    perform_comparison?: string;
    comparison_threshold?: number;
    comparison_method?: string;
    categorical_comparison_threshold?: number;
    categorical_drift_method?: string;
  };
}

/** A SageMaker (or Vigil) constraints.json. */
export interface ConstraintsFile {
  version?: number;
  features: FeatureConstraints[];
  monitoring_config?: MonitoringConfig;
}

function parseJsonObject(text: string, what: string): Record<string, unknown> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${what} is not valid JSON: regenerate it with \`vigil baseline data-quality\``, {
      cause: error,
    });
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new InputError(`${what} is not a JSON object: regenerate it with \`vigil baseline data-quality\``);
  }
  return data as Record<string, unknown>;
}

function checkFeatures(features: unknown, what: string): void {
  if (!Array.isArray(features))
    throw new InputError(`${what} has no "features" array: is it a data-quality file?`);
  features.forEach((f, i) => {
    if (typeof f !== 'object' || f === null || typeof (f as { name?: unknown }).name !== 'string') {
      throw new InputError(`${what}: features[${i}] has no "name"`);
    }
  });
}

/**
 * Reads a statistics.json as SageMaker writes it (old and current field sets alike; unknown
 * fields are kept and ignored). Throws InputError saying what is wrong.
 *
 * @example
 * ```ts
 * const stats = parseStatisticsFile(await readText('baseline/statistics.json'));
 * stats.features[0]?.numerical_statistics?.distribution?.kll?.sketch?.data;
 * ```
 */
export function parseStatisticsFile(text: string): StatisticsFile {
  const data = parseJsonObject(text, 'statistics.json');
  checkFeatures(data.features, 'statistics.json');
  return data as unknown as StatisticsFile;
}

/**
 * Reads a constraints.json as SageMaker writes it. Throws InputError saying what is wrong.
 *
 * @example
 * ```ts
 * parseConstraintsFile(text).monitoring_config?.distribution_constraints?.comparison_threshold; // 0.1
 * ```
 */
export function parseConstraintsFile(text: string): ConstraintsFile {
  const data = parseJsonObject(text, 'constraints.json');
  checkFeatures(data.features, 'constraints.json');
  return data as unknown as ConstraintsFile;
}
