/** The parts of a SageMaker data-quality statistics.json that reports read. */
export interface KllBucket {
  lower_bound: number;
  upper_bound: number;
  count: number;
}

export interface CategoricalBucket {
  value: string;
  count: number;
}

export interface FeatureStatistics {
  name: string;
  inferred_type: string;
  numerical_statistics?: {
    common: { num_present: number; num_missing: number };
    mean: number;
    std_dev: number;
    min: number;
    max: number;
    distribution?: { kll?: { buckets: KllBucket[] } };
  };
  string_statistics?: {
    common: { num_present: number; num_missing: number };
    distinct_count?: number;
    distribution?: { categorical?: { buckets: CategoricalBucket[] } };
  };
}

export interface StatisticsFile {
  dataset?: { item_count: number };
  features: FeatureStatistics[];
}

export interface Violation {
  feature_name: string;
  constraint_check_type: string;
  description: string;
}

export interface ViolationsFile {
  violations: Violation[];
}
