import { guardrailAlarms as alarmsOf } from '@vigil/core/alerting';
import { config } from './config';
import { resourceName } from './wiring';

/**
 * The guardrail alarms of every configured endpoint. They have no alarm actions: CloudWatch sends
 * every state change to EventBridge, where alarm-router's rule picks it up; SageMaker deployment
 * guardrails name them in AutoRollbackConfiguration.
 */
export const guardrailAlarms = config.endpoints.flatMap((endpoint) =>
  alarmsOf(config, endpoint.name).map(
    (alarm) =>
      new aws.cloudwatch.MetricAlarm(`${resourceName(alarm.name)}Alarm`, {
        name: alarm.name,
        alarmDescription: alarm.description,
        namespace: alarm.namespace,
        metricName: alarm.metricName,
        dimensions: alarm.dimensions,
        statistic: alarm.statistic,
        period: alarm.period,
        evaluationPeriods: alarm.evaluationPeriods,
        datapointsToAlarm: alarm.datapointsToAlarm,
        threshold: alarm.threshold,
        comparisonOperator: alarm.comparisonOperator,
        treatMissingData: alarm.treatMissingData,
        tags: {
          'vigil:endpoint': alarm.endpoint,
          'vigil:monitor': alarm.monitor,
          'vigil:kind': alarm.kind,
          'vigil:severity': alarm.severity,
          'vigil:guards-deployments': String(alarm.guardsDeployments),
        },
      }),
  ),
);
