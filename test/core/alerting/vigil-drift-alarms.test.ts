import { parseConfig } from '@vigil/core';
import { evaluateAlarm, guardrailAlarms } from '@vigil/core/alerting';
import { driftMetrics } from '@vigil/core/dataquality';
import { describe, expect, it } from 'vitest';

const config = (guardrails: Record<string, unknown>) =>
  parseConfig({
    version: 1,
    endpoints: [{ name: 'ep', monitors: { dataQuality: { baseline: 'b/' } }, alerts: { guardrails } }],
  });

describe("guardrail alarms on Vigil's drift verdicts", () => {
  it('are off unless configured', () => {
    const names = guardrailAlarms(config({}), 'ep').map((a) => a.name);
    expect(names.some((n) => n.includes('vigil-drift'))).toBe(false);
  });

  it('alarm on vigil_drift_count and on vigil_drifted_<feature> with the data-quality dimensions', () => {
    const alarms = guardrailAlarms(config({ vigilDrift: true, vigilDriftFeatures: ['plan type'] }), 'ep');
    const any = alarms.find((a) => a.name === 'vigil-ep-vigil-drift');
    const plan = alarms.find((a) => a.name === 'vigil-ep-vigil-drift-plan_type');
    expect(any).toMatchObject({
      namespace: 'aws/sagemaker/Endpoints/data-metrics',
      metricName: 'vigil_drift_count',
      dimensions: { Endpoint: 'ep', MonitoringSchedule: 'ep-data-quality' },
      threshold: 0,
      comparisonOperator: 'GreaterThanThreshold',
      monitor: 'data-quality',
      guardsDeployments: true,
    });
    expect(plan).toMatchObject({
      metricName: 'vigil_drifted_plan type',
      threshold: 1,
      comparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
    expect(any?.description).toContain('drift_report.json');
  });

  it('fire on the metrics a run publishes when a feature drifted, and not when none did', () => {
    const [any, plan] = guardrailAlarms(
      config({ vigilDrift: true, vigilDriftFeatures: ['plan type'] }),
      'ep',
    );
    if (!any || !plan) throw new Error('expected two alarms');
    const target = {
      namespace: 'aws/sagemaker/Endpoints/data-metrics',
      endpoint: 'ep',
      monitoringSchedule: 'ep-data-quality',
      timestamp: new Date('2024-05-01T13:00:00Z'),
    };
    const verdict = (drift: boolean) => ({
      type: 'categorical' as const,
      method: 'jensen_shannon',
      value: drift ? 0.3 : 0.01,
      threshold: 0.1,
      drift,
    });
    const points = (drift: boolean, name: string) =>
      driftMetrics(
        { features: { 'plan type': verdict(drift) }, drifted_features: drift ? ['plan type'] : [] },
        target,
      )
        .filter((m) => m.name === name)
        .map((m) => ({ timestamp: m.timestamp, value: m.value }));
    const now = new Date('2024-05-01T13:30:00Z');
    expect(evaluateAlarm(any, points(true, any.metricName), now, 'OK').state).toBe('ALARM');
    expect(evaluateAlarm(plan, points(true, plan.metricName), now, 'OK').state).toBe('ALARM');
    expect(evaluateAlarm(any, points(false, any.metricName), now, 'ALARM').state).toBe('OK');
    expect(evaluateAlarm(plan, points(false, plan.metricName), now, 'ALARM').state).toBe('OK');
  });
});
