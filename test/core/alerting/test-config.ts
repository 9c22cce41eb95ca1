import { parseConfig, type VigilConfig } from '@vigil/core';

/** A configuration with one fully monitored endpoint and one channel per kind. */
export function testConfig(
  overrides: { policy?: 'notify' | 'rollback'; suppressMinutes?: number } = {},
): VigilConfig {
  return parseConfig({
    version: 1,
    channels: {
      'oncall-slack': { type: 'slack', webhookSecret: 'SlackOncallWebhook' },
      'ml-email': { type: 'email', from: 'vigil@example.com', to: ['ml@example.com'] },
    },
    endpoints: [
      {
        name: 'churn-prod',
        monitors: {
          dataQuality: { baseline: 'baselines/churn/dq/' },
          modelQuality: {
            baseline: 'baselines/churn/mq/',
            problemType: 'BinaryClassification',
            scheduleName: 'churn-mq-hourly',
          },
          biasDrift: {
            baseline: 'b/analysis.json',
            analysisConfig: 'b/analysis_config.json',
            schedule: 'rate(1 day)',
          },
          featureAttribution: {
            baseline: 'fa/analysis.json',
            analysisConfig: 'fa/analysis_config.json',
            schedule: 'rate(15 minutes)',
          },
        },
        alerts: {
          channels: ['oncall-slack', 'ml-email'],
          suppressMinutes: overrides.suppressMinutes ?? 60,
          runbookUrl: 'https://runbooks.example.com/churn',
          guardrails: {
            driftFeatures: ['age', 'total charges'],
            modelMetric: { metric: 'recall', threshold: 0.62 },
          },
        },
        rollback: { policy: overrides.policy ?? 'notify' },
      },
      { name: 'quiet-endpoint' },
    ],
  });
}
