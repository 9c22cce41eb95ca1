import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ConfigError, parseConfig } from '@vigil/core';
import {
  approvalDescription,
  evaluateApprovalPolicy,
  MAX_APPROVAL_DESCRIPTION,
  type PackageEvidence,
  parseBiasAnalysis,
  type RuleResult,
} from '@vigil/core/governance';
import { describe, expect, it } from 'vitest';
import { policy } from './harness.ts';

const fixtureBias = parseBiasAnalysis(
  readFileSync(
    fileURLToPath(
      new URL('../../../../shared/fixtures/sagemaker/clarify-bias/analysis.json', import.meta.url),
    ),
  ),
);

function evidenceWithBias(): PackageEvidence {
  const missing = (kind: 'ModelQuality' | 'DataQuality' | 'Explainability') => ({
    kind,
    status: 'missing' as const,
    uris: [],
    sha256: [],
    reason: 'not registered with the model package',
  });
  return {
    package: {
      arn: 'arn:aws:sagemaker:us-east-2:111122223333:model-package/fraud/2',
      groupName: 'fraud',
      version: 2,
      approvalStatus: 'PendingManualApproval',
      creationTime: '2021-02-24T17:00:14Z',
      modelMetrics: {},
      customerMetadata: {},
      images: [],
      modelDataUrls: [],
    },
    reports: {
      ModelQuality: missing('ModelQuality'),
      DataQuality: missing('DataQuality'),
      Explainability: missing('Explainability'),
      ModelBias: {
        kind: 'ModelBias',
        status: 'present',
        uris: ['s3://b/analysis.json'],
        sha256: [],
        bias: fixtureBias,
      },
    },
  };
}

const evaluate = (metrics: unknown[]) =>
  evaluateApprovalPolicy(
    policy({ requiredReports: [], modelCard: undefined, metrics, noWorseThanApproved: [] }),
    {
      candidate: evidenceWithBias(),
      card: { name: 'fraud-v2', status: 'missing' },
    },
  );

describe('evaluateApprovalPolicy on the Clarify fixture', () => {
  it('bias:* bounds every computed metric except DI, and finds class imbalance CI = 0.398 beyond ±0.1', () => {
    const [result] = evaluate([{ metric: 'bias:*', maxAbs: 0.1 }]);
    expect(result).toEqual({
      rule: 'bias:* within ±0.1',
      passed: false,
      detail: '1 of 16 out of bounds; worst CI = 0.398 (pre-training, customer_gender_female=1)',
    });
  });

  it('a named metric passes when every value is within bounds (DPPL = 0) and DI can be bounded around 1', () => {
    const results = evaluate([
      { metric: 'bias:DPPL', maxAbs: 0.1 },
      { metric: 'bias:DI', min: 0.8, max: 1.25 },
    ]);
    expect(results.map((r) => [r.rule, r.passed])).toEqual([
      ['bias:DPPL within ±0.1', true],
      ['bias:DI >= 0.8 and <= 1.25', true],
    ]);
  });

  it("a named metric Clarify could not compute fails, with Clarify's reason", () => {
    const [result] = evaluate([{ metric: 'bias:CDDPL', maxAbs: 0.1 }]);
    expect(result).toEqual({
      rule: 'bias:CDDPL within ±0.1',
      passed: false,
      detail: 'no computed CDDPL in the bias report',
    });
  });

  it('a model-quality metric without a model-quality report fails', () => {
    const [result] = evaluate([{ metric: 'auc', min: 0.8 }]);
    expect(result).toEqual({
      rule: 'auc >= 0.8',
      passed: false,
      detail: 'ModelQuality report missing: not registered with the model package',
    });
  });
});

describe('approvalDescription', () => {
  it('fits 1024 characters and still names every rule when the findings are long', () => {
    const rules: RuleResult[] = Array.from({ length: 20 }, (_, i) => ({
      rule: `metric_${i} >= 0.5`,
      passed: i % 3 !== 0,
      detail: `value ${'x'.repeat(200)}`,
    }));
    const text = approvalDescription('reject', rules, 'g-v1-1');
    expect(text.length).toBeLessThanOrEqual(MAX_APPROVAL_DESCRIPTION);
    for (const r of rules) expect(text).toContain(`${r.passed ? 'PASS' : 'FAIL'} ${r.rule}`);
    expect(text.indexOf('FAIL')).toBeLessThan(text.indexOf('PASS'));
  });

  it('counts the rules it cannot name when even the names do not fit, failures named first', () => {
    const rules: RuleResult[] = Array.from({ length: 60 }, (_, i) => ({
      rule: `a_rather_long_metric_name_${i} >= 0.5`,
      passed: i !== 59,
      detail: 'x',
    }));
    const text = approvalDescription('reject', rules, 'g-v1-1');
    expect(text.length).toBeLessThanOrEqual(MAX_APPROVAL_DESCRIPTION);
    expect(text).toContain('FAIL a_rather_long_metric_name_59 >= 0.5');
    expect(text).toMatch(/and \d+ more rules, see the decision record\.$/);
  });
});

describe('approval policy configuration', () => {
  it('rejects an unknown metric reference and a bad card path at load, naming the field', () => {
    const bad = (p: unknown) => () => parseConfig({ version: 1, approvalPolicies: [p] });
    expect(bad({ modelPackageGroup: 'g', metrics: [{ metric: 'AUC ', min: 1 }] })).toThrow(ConfigError);
    expect(bad({ modelPackageGroup: 'g', metrics: [{ metric: 'auc' }] })).toThrow(
      /at least one of min, max or maxAbs/,
    );
    expect(bad({ modelPackageGroup: 'g', metrics: [{ metric: 'auc', min: 2, max: 1 }] })).toThrow(
      /min must not exceed max/,
    );
    expect(bad({ modelPackageGroup: 'g', modelCard: { requiredFields: ['owner'] } })).toThrow(
      /approvalPolicies\[0\]\.modelCard\.requiredFields\[0\]/,
    );
    expect(bad({ modelPackageGroup: 'g', onPass: 'deploy' })).toThrow(/approvalPolicies\[0\]\.onPass/);
    expect(() =>
      parseConfig({ version: 1, approvalPolicies: [{ modelPackageGroup: 'g' }, { modelPackageGroup: 'g' }] }),
    ).toThrow(/approvalPolicies\[1\]\.modelPackageGroup: a second policy for group "g"/);
  });
});
