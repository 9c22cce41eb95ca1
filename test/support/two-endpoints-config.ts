/**
 * Two endpoints using every section of the configuration, valid as written (defaults spelled out):
 * the infrastructure's wiring tests and the configuration fuzzer start from it.
 */
export const TWO_ENDPOINTS_CONFIG = {
  version: 1,
  metricsNamespacePrefix: 'aws/sagemaker',
  endpoints: [
    {
      name: 'churn-prod',
      variant: 'AllTraffic',
      modelPackageGroup: 'churn',
      groundTruth: 's3://labels-bucket/churn/',
      monitors: {
        dataQuality: { baseline: 'baselines/churn/data-quality/', schedule: 'rate(1 hour)' },
        modelQuality: { baseline: 'baselines/churn/model-quality/', problemType: 'BinaryClassification' },
        biasDrift: {
          baseline: 'baselines/churn/bias/',
          analysisConfig: 'baselines/churn/bias/analysis_config.json',
        },
        featureAttribution: {
          baseline: 'baselines/churn/shap/',
          analysisConfig: 'baselines/churn/shap/analysis_config.json',
          schedule: 'cron(0 */6 * * ? *)',
        },
      },
      alerts: { channels: ['oncall', 'mail'] },
      rollback: { policy: 'rollback' },
      variants: {
        champion: 'champion',
        challengers: ['challenger'],
        shadows: ['shadow'],
        problemType: 'BinaryClassification',
        probabilityAttribute: '0',
        baseline: 'baselines/churn/model-quality/',
        bandit: { reward: { type: 'quality', metric: 'accuracy' }, guardrailAlarms: ['churn-guardrail'] },
      },
    },
    {
      name: 'fraud',
      capture: 's3://fraud-capture/datacapture',
      reports: 's3://fraud-reports/out',
      monitors: { dataQuality: { baseline: 's3://fraud-baselines/dq/' } },
      alerts: { guardrails: { alarmNamePrefix: 'fraudguard' } },
      asyncInference: {
        successTopic: 'arn:aws:sns:eu-west-1:111122223333:fraud-async-success',
        errorTopic: 'arn:aws:sns:eu-west-1:111122223333:fraud-async-error',
        inputs: ['s3://fraud-async/requests/'],
        outputs: ['s3://fraud-async/results/'],
      },
    },
  ],
  channels: {
    oncall: { type: 'slack', webhookSecret: 'OncallWebhook' },
    mail: { type: 'email', from: 'vigil@example.com', to: ['ml@example.com'] },
  },
};
