import { configWarnings, parseConfig } from '@vigil/core';
import { parseModelQualityStatistics, runRegistryGate } from '@vigil/core/governance';
import { describe, expect, it } from 'vitest';
import { policy, world } from './harness.ts';

const EMPTY = { requiredReports: [], modelCard: undefined, metrics: [], noWorseThanApproved: [] };

describe('a policy with no rules', () => {
  it('approves nothing: the version stays pending with the reason written down', async () => {
    // Prepare: a version with no reports at all, under `{ "modelPackageGroup": "churn" }`.
    const w = world();
    const pkg = await w.registry.register({
      groupName: 'churn',
      modelMetrics: {},
      images: [],
      modelDataUrls: [],
    });
    const bare = parseConfig({ version: 1, approvalPolicies: [{ modelPackageGroup: 'churn' }] })
      .approvalPolicies[0]!;
    // Act
    const result = await runRegistryGate(w.ports, { modelPackageArn: pkg.arn }, { policies: [bare] });
    // Assess
    expect(result).toMatchObject({
      action: 'decided',
      outcome: 'leave-pending',
      approvalStatus: 'PendingManualApproval',
    });
    const after = await w.registry.describe(pkg.arn);
    expect(after.approvalStatus).toBe('PendingManualApproval');
    expect(after.approvalDescription).toContain('LEFT PENDING for a person');
    expect(after.approvalDescription).toContain('FAIL policy has rules');
    expect(after.approvalDescription).toContain('approves nothing');
    expect(after.approvalDescription).not.toContain('APPROVED');
  });

  it('is left pending even when the policy says onFail reject: an empty policy judged nothing', async () => {
    const w = world();
    const pkg = await w.register();
    const result = await runRegistryGate(
      w.ports,
      { modelPackageArn: pkg.arn },
      { policies: [policy({ ...EMPTY, onFail: 'reject' })] },
    );
    expect(result.outcome).toBe('leave-pending');
    expect((await w.registry.describe(pkg.arn)).approvalStatus).toBe('PendingManualApproval');
  });

  it('is warned about by configuration validation, and a policy with rules is not', () => {
    const config = parseConfig({
      version: 1,
      approvalPolicies: [
        { modelPackageGroup: 'churn' },
        { modelPackageGroup: 'fraud', requiredReports: ['ModelQuality'] },
        { modelPackageGroup: 'ltv', modelCard: { requiredStatus: 'Approved' } },
      ],
    });
    const warnings = configWarnings(config);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^approvalPolicies\[0\] \(group "churn"\) has no rules/);
    expect(warnings[0]).toContain('add requiredReports, modelCard, metrics or noWorseThanApproved');
  });
});

describe('metrics are read from the section of the report’s problem type', () => {
  const regressionWithAuc = JSON.stringify({
    version: 0.0,
    dataset: { item_count: 100 },
    regression_metrics: {
      mae: { value: 1.5, standard_deviation: 0.1 },
      rmse: { value: 2.0, standard_deviation: 0.1 },
      auc: { value: 0.99, standard_deviation: 0.0 },
      my_business_score: { value: 7, standard_deviation: 0.0 },
    },
  });

  it('drops a metric SageMaker defines only for another problem type, keeps the section’s and custom ones', () => {
    const report = parseModelQualityStatistics(regressionWithAuc);
    expect(report.problemType).toBe('Regression');
    expect(report.metrics).toEqual({ mae: 1.5, rmse: 2.0, my_business_score: 7 });
  });

  it('does not let `auc` under regression_metrics satisfy an auc rule', async () => {
    const w = world();
    await w.store.put('models/churn/r/evaluation.json', regressionWithAuc);
    const pkg = await w.registry.register({
      groupName: 'churn',
      modelMetrics: {
        modelQuality: {
          statistics: {
            uri: 's3://vigil-bucket/models/churn/r/evaluation.json',
            contentType: 'application/json',
          },
        },
      },
      images: [],
      modelDataUrls: [],
    });
    const result = await runRegistryGate(
      w.ports,
      { modelPackageArn: pkg.arn },
      {
        policies: [
          policy({ ...EMPTY, requiredReports: ['ModelQuality'], metrics: [{ metric: 'auc', min: 0.8 }] }),
        ],
      },
    );
    expect(result.outcome).toBe('reject');
    expect(result.rules?.find((r) => r.rule === 'auc >= 0.8')).toEqual({
      rule: 'auc >= 0.8',
      passed: false,
      detail: 'auc is not in the model-quality report',
    });
  });

  it('refuses a file with two problem types’ sections, naming both', () => {
    const both = JSON.stringify({
      binary_classification_metrics: { auc: { value: 0.9 } },
      regression_metrics: { rmse: { value: 1 } },
    });
    expect(() => parseModelQualityStatistics(both)).toThrow(
      /binary_classification_metrics and regression_metrics/,
    );
  });
});
