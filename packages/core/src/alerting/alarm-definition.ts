import type { MonitorFolder } from '../monitors/names.ts';
import type { AlertSeverity } from '../ports/notifier.ts';

/** CloudWatch's statistics, the ones a guardrail uses. */
export type AlarmStatistic = 'Maximum' | 'Minimum' | 'Average' | 'Sum' | 'SampleCount';

/** CloudWatch's ComparisonOperator for static thresholds. */
export type ComparisonOperator =
  | 'GreaterThanThreshold'
  | 'GreaterThanOrEqualToThreshold'
  | 'LessThanThreshold'
  | 'LessThanOrEqualToThreshold';

/** CloudWatch's TreatMissingData. */
export type TreatMissingData = 'breaching' | 'notBreaching' | 'ignore' | 'missing';

/** CloudWatch's alarm states. */
export type AlarmState = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';

/** What a guardrail watches. */
export type GuardrailKind = 'violations' | 'heartbeat' | 'feature-drift' | 'model-metric';

/**
 * One CloudWatch alarm, as plain data: infra turns it into `aws.cloudwatch.MetricAlarm`
 * (PutMetricAlarm), local mode evaluates it against the local metrics store. Field names follow
 * PutMetricAlarm's, in camelCase.
 */
export interface GuardrailAlarm {
  /** Unique per account and Region; what AutoRollbackConfiguration names. */
  name: string;
  /** At most 1024 characters; says what crossed what and what to do. */
  description: string;
  namespace: string;
  metricName: string;
  dimensions: Record<string, string>;
  statistic: AlarmStatistic;
  /** Seconds: 10, 20, 30 or a multiple of 60. */
  period: number;
  evaluationPeriods: number;
  /** M of the N evaluation periods that must breach. */
  datapointsToAlarm: number;
  threshold: number;
  comparisonOperator: ComparisonOperator;
  treatMissingData: TreatMissingData;
  /** Vigil's own fields: which endpoint and monitor, how urgent, whether it guards deployments. */
  endpoint: string;
  /** The variant it watches, for an endpoint monitored per variant. */
  variant?: string;
  monitor: MonitorFolder;
  kind: GuardrailKind;
  severity: AlertSeverity;
  /** True when the alarm belongs in the endpoint's AutoRollbackConfiguration. */
  guardsDeployments: boolean;
}
