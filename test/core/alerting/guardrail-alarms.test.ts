import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { deploymentConfigFor, guardrailAlarms, schedulePeriodSeconds } from '@vigil/core/alerting';
import { describe, expect, it } from 'vitest';
import { testConfig } from './test-config.ts';

const mqConstraints = JSON.parse(
  readFileSync(
    fileURLToPath(
      new URL(
        '../../../../shared/fixtures/sagemaker/mq-regression-sdk-pipeline/constraints.json',
        import.meta.url,
      ),
    ),
    'utf8',
  ),
);

describe('guardrailAlarms', () => {
  it('defines specific alarms first, then one roll-up and one heartbeat per configured monitor', () => {
    const alarms = guardrailAlarms(testConfig(), 'churn-prod');
    expect(alarms.map((a) => a.name)).toEqual([
      'vigil-churn-prod-drift-age',
      'vigil-churn-prod-drift-total_charges',
      'vigil-churn-prod-model-quality-recall',
      'vigil-churn-prod-data-quality-violations',
      'vigil-churn-prod-model-quality-violations',
      'vigil-churn-prod-bias-drift-violations',
      'vigil-churn-prod-feature-attribution-violations',
      'vigil-churn-prod-data-quality-heartbeat',
      'vigil-churn-prod-model-quality-heartbeat',
      'vigil-churn-prod-bias-drift-heartbeat',
      'vigil-churn-prod-feature-attribution-heartbeat',
    ]);
  });

  it('uses SageMaker metric names, namespaces and dimensions, with the default schedule name', () => {
    const alarms = guardrailAlarms(testConfig(), 'churn-prod');
    const drift = alarms.find((a) => a.name === 'vigil-churn-prod-drift-total_charges');
    expect(drift).toMatchObject({
      namespace: 'aws/sagemaker/Endpoints/data-metrics',
      metricName: 'feature_baseline_drift_total charges',
      dimensions: { Endpoint: 'churn-prod', MonitoringSchedule: 'churn-prod-data-quality' },
      statistic: 'Maximum',
      period: 3600,
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
      threshold: 0.1,
      comparisonOperator: 'GreaterThanThreshold',
      treatMissingData: 'notBreaching',
    });
    const recall = alarms.find((a) => a.name === 'vigil-churn-prod-model-quality-recall');
    expect(recall).toMatchObject({
      namespace: 'aws/sagemaker/Endpoints/model-metrics',
      metricName: 'recall',
      dimensions: { Endpoint: 'churn-prod', MonitoringSchedule: 'churn-mq-hourly' },
      threshold: 0.62,
      comparisonOperator: 'LessThanThreshold',
      severity: 'critical',
    });
    const ndcg = alarms.find((a) => a.name === 'vigil-churn-prod-feature-attribution-violations');
    expect(ndcg?.namespace).toBe('aws/sagemaker/Endpoints/explainability-metrics');
    expect(ndcg?.description).toContain('nDCG');
    expect(ndcg?.description).toContain('Runbook: https://runbooks.example.com/churn');
  });

  it('makes heartbeats breach on missing data over two periods, one when two would pass a day', () => {
    const alarms = guardrailAlarms(testConfig(), 'churn-prod');
    const fifteen = alarms.find((a) => a.name === 'vigil-churn-prod-feature-attribution-heartbeat');
    expect(fifteen).toMatchObject({
      metricName: 'vigil_execution_failed',
      period: 900,
      evaluationPeriods: 2,
      datapointsToAlarm: 2,
      threshold: 1,
      comparisonOperator: 'GreaterThanOrEqualToThreshold',
      treatMissingData: 'breaching',
      guardsDeployments: false,
    });
    const daily = alarms.find((a) => a.name === 'vigil-churn-prod-bias-drift-heartbeat');
    expect(daily).toMatchObject({ period: 86_400, evaluationPeriods: 1, datapointsToAlarm: 1 });
    for (const alarm of alarms) expect(alarm.period * alarm.evaluationPeriods).toBeLessThanOrEqual(86_400);
  });

  it('takes the model metric threshold and operator from the baseline constraints when not configured', () => {
    const config = testConfig();
    const endpoint = config.endpoints[0];
    if (!endpoint?.alerts.guardrails) throw new Error('test config lacks guardrails');
    endpoint.alerts.guardrails.modelMetric = { metric: 'r2', comparison: 'LessThanThreshold' };
    const alarm = guardrailAlarms(config, 'churn-prod', { modelQualityConstraints: mqConstraints }).find(
      (a) => a.kind === 'model-metric',
    );
    expect(alarm).toMatchObject({
      metricName: 'r2',
      threshold: -3.208758170289026,
      comparisonOperator: 'LessThanThreshold',
    });
    expect(alarm?.description).toContain('baseline constraint');
    endpoint.alerts.guardrails.modelMetric = { metric: 'mae', comparison: 'LessThanThreshold' };
    const mae = guardrailAlarms(config, 'churn-prod', { modelQualityConstraints: mqConstraints }).find(
      (a) => a.kind === 'model-metric',
    );
    expect(mae).toMatchObject({ threshold: 0.5040653554420981, comparisonOperator: 'GreaterThanThreshold' });
    // Without a threshold from either source, only the roll-up guards model quality.
    expect(guardrailAlarms(config, 'churn-prod').some((a) => a.kind === 'model-metric')).toBe(false);
  });

  it('defines nothing for an endpoint without monitors and rejects an unknown endpoint', () => {
    expect(guardrailAlarms(testConfig(), 'quiet-endpoint')).toEqual([]);
    expect(() => guardrailAlarms(testConfig(), 'nope')).toThrow(/Endpoint "nope" is not configured/);
  });

  it('derives periods from schedules', () => {
    expect(schedulePeriodSeconds('rate(1 hour)')).toBe(3600);
    expect(schedulePeriodSeconds('rate(30 minutes)')).toBe(1800);
    expect(schedulePeriodSeconds('rate(2 days)')).toBe(86_400);
    expect(schedulePeriodSeconds('cron(0 * * * ? *)')).toBe(3600);
  });
});

describe('deploymentConfigFor', () => {
  it('names the deployment guardrails in AutoRollbackConfiguration, never the heartbeats', () => {
    const snippet = deploymentConfigFor(guardrailAlarms(testConfig(), 'churn-prod'));
    expect(snippet.DeploymentConfig.AutoRollbackConfiguration.Alarms.map((a) => a.AlarmName)).toEqual([
      'vigil-churn-prod-data-quality-violations',
      'vigil-churn-prod-model-quality-violations',
      'vigil-churn-prod-bias-drift-violations',
      'vigil-churn-prod-feature-attribution-violations',
      'vigil-churn-prod-model-quality-recall',
      'vigil-churn-prod-drift-age',
      'vigil-churn-prod-drift-total_charges',
    ]);
    expect(snippet.omitted).toEqual([]);
    expect(snippet.DeploymentConfig.BlueGreenUpdatePolicy).toEqual({
      TrafficRoutingConfiguration: {
        Type: 'CANARY',
        CanarySize: { Type: 'CAPACITY_PERCENT', Value: 10 },
        WaitIntervalInSeconds: 600,
      },
      TerminationWaitInSeconds: 600,
      MaximumExecutionTimeoutInSeconds: 3000,
    });
  });

  it("keeps SageMaker's limit of 10 alarms, roll-ups first, and lists the rest", () => {
    const config = testConfig();
    const guardrails = config.endpoints[0]?.alerts.guardrails;
    if (!guardrails) throw new Error('test config lacks guardrails');
    guardrails.driftFeatures = Array.from({ length: 8 }, (_, i) => `f${i}`);
    const snippet = deploymentConfigFor(guardrailAlarms(config, 'churn-prod'));
    expect(snippet.DeploymentConfig.AutoRollbackConfiguration.Alarms).toHaveLength(10);
    // 4 roll-ups + recall + f0..f4 fit; f5..f7 do not.
    expect(snippet.DeploymentConfig.AutoRollbackConfiguration.Alarms.at(-1)).toEqual({
      AlarmName: 'vigil-churn-prod-drift-f4',
    });
    expect(snippet.omitted).toEqual([
      'vigil-churn-prod-drift-f5',
      'vigil-churn-prod-drift-f6',
      'vigil-churn-prod-drift-f7',
    ]);
  });
});
