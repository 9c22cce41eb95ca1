/** CloudWatch's units, the subset Vigil emits. */
export type MetricUnit = 'None' | 'Count' | 'Percent' | 'Seconds' | 'Milliseconds';

/**
 * A CloudWatch statistic set: the summary of many values sent as one datum (PutMetricData's
 * `StatisticValues`). CloudWatch aggregates sets exactly: sums and sample counts add up, the
 * minimum is the least minimum, the maximum the greatest maximum, the average is sum / sample count.
 */
export interface MetricStatistics {
  /** How many values the set summarises; more than 0. */
  sampleCount: number;
  sum: number;
  minimum: number;
  maximum: number;
}

/**
 * One data point, named and dimensioned exactly as SageMaker Model Monitor publishes it.
 *
 * A datum is either one value, or a statistic set (`statistics`) summarising many values, as
 * SageMaker publishes `feature_data_<feature>`. For a statistic set, `value` is its Average
 * (sum / sampleCount), so that code reading only `value` sees the set's mean; sinks that know
 * statistic sets (CloudWatch, the local metrics store) store the set instead.
 */
export interface MetricDatum {
  namespace: string;
  name: string;
  dimensions: Record<string, string>;
  /** The value, or for a datum with `statistics` their Average (sum / sampleCount). */
  value: number;
  /** The statistic set this datum summarises, when it stands for many values. */
  statistics?: MetricStatistics;
  unit?: MetricUnit;
  timestamp: Date;
}

/**
 * Where monitoring metrics go: CloudWatch in AWS, a local metrics store in local mode.
 *
 * @example
 * ```ts
 * await sink.publish([{ namespace: 'aws/sagemaker/Endpoints/data-metrics', name: 'feature_baseline_drift_age',
 *   dimensions: { Endpoint: 'ep', MonitoringSchedule: 'ep-data-quality' }, value: 0.12, timestamp: new Date() }]);
 * // A statistic set of the values 1, 2 and 6: value is their Average.
 * await sink.publish([{ namespace: 'aws/sagemaker/Endpoints/data-metrics', name: 'feature_data_age',
 *   dimensions: { Endpoint: 'ep', MonitoringSchedule: 'ep-data-quality' }, value: 3,
 *   statistics: { sampleCount: 3, sum: 9, minimum: 1, maximum: 6 }, timestamp: new Date() }]);
 * ```
 */
export interface MetricSink {
  publish(metrics: readonly MetricDatum[]): Promise<void>;
}
