import { parseConfig, type VigilConfig } from '@vigil/core';
import { describe, expect, it } from 'vitest';
import { DASHBOARD_API, dashboardApiPermissions } from '../../infra/wiring.ts';
import { DEPLOYMENT_CONTEXT } from '../support/deployment-context.ts';
import { TWO_ENDPOINTS_CONFIG } from '../support/two-endpoints-config.ts';

const config: VigilConfig = parseConfig(TWO_ENDPOINTS_CONFIG);
const statements = dashboardApiPermissions(config, DEPLOYMENT_CONTEXT);

describe("the dashboard API's permissions", () => {
  it('only reads: Get, List and Describe actions, nothing that writes, deletes or invokes', () => {
    const actions = [...new Set(statements.flatMap((s) => s.actions))].sort();
    expect(actions).toEqual([
      's3:GetObject',
      's3:ListBucket',
      'sagemaker:DescribeModelCard',
      'sagemaker:DescribeModelPackage',
      'sagemaker:ListModelCardVersions',
      'sagemaker:ListModelPackages',
    ]);
  });

  it("reads only the prefixes it serves: indexes, incidents, rollbacks, decisions, the endpoints' reports, the audit log", () => {
    const reads = statements.find((s) => s.actions.includes('s3:GetObject'))?.resources;
    expect(reads).toEqual([
      'arn:aws:s3:::vigil-bucket/config/vigil.config.json',
      'arn:aws:s3:::vigil-bucket/index/runs/*',
      'arn:aws:s3:::vigil-bucket/alerting/incidents/*',
      'arn:aws:s3:::vigil-bucket/state/rollbacks/*',
      'arn:aws:s3:::vigil-bucket/governance/decisions/*',
      'arn:aws:s3:::vigil-bucket/reports/churn-prod/*',
      'arn:aws:s3:::fraud-reports/out/fraud/*',
      'arn:aws:s3:::vigil-bucket/baselines/churn/model-quality/constraints.json',
      'arn:aws:s3:::vigil-audit/audit/*',
      'arn:aws:s3:::vigil-audit-heads/heads/*',
    ]);
    // Not the capture, profiles, alert claims, Slack dead letters or the whole bucket.
    const text = JSON.stringify(statements);
    for (const hidden of ['capture/', 'profiles/', 'alerting/claims', 'alerting/pending', 'vigil-bucket/*'])
      expect(text).not.toContain(hidden);
  });

  it('describes only the configured groups’ packages and cards', () => {
    const packages = statements.find((s) => s.actions.includes('sagemaker:DescribeModelPackage'))?.resources;
    expect(packages?.every((arn) => /:model-package(-group)?\/churn(\/\*)?$/.test(arn))).toBe(true);
    expect(DASHBOARD_API.handler).toBe('functions/src/dashboard-api.handler');
  });
});
