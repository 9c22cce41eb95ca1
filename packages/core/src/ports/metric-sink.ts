/** CloudWatch's units, the subset Vigil emits. */
export type MetricUnit = 'None' | 'Count' | 'Percent' | 'Seconds' | 'Milliseconds';

/** One data point, named and dimensioned exactly as SageMaker Model Monitor publishes it. */
export interface MetricDatum {
  namespace: string;
  name: string;
  dimensions: Record<string, string>;
  value: number;
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
 * ```
 */
export interface MetricSink {
  publish(metrics: readonly MetricDatum[]): Promise<void>;
}
