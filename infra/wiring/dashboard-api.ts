import { joinKey, type VigilConfig } from '@vigil/core';
import { CONFIG_KEY, PREFIXES } from './functions.ts';
import { resolveLocation } from './locations.ts';
import {
  cardResources,
  type DeploymentContext,
  modelPackageGroups,
  type Permission,
  packageResources,
} from './permissions.ts';
import { S3Grants } from './s3-grants.ts';

/** The dashboard API's Lambda: not triggered by events, called through its IAM-authorized URL. */
export const DASHBOARD_API = {
  name: 'dashboard-api',
  handler: 'functions/src/dashboard-api.handler',
  description: "The dashboard's read-only API over Vigil's bucket (function URL, IAM authorization)",
  timeout: '30 seconds',
  memory: '512 MB',
} as const;

/**
 * What the dashboard API may do: read (never write) the prefixes of Vigil's bucket it serves (run
 * indexes, incidents, rollbacks, decisions, the endpoints' reports, the model-quality baselines'
 * constraints), read the audit log and its published heads, and describe the configured groups'
 * model packages and cards.
 *
 * @example
 * ```ts
 * dashboardApiPermissions(config, ctx).flatMap((p) => p.actions); // only Get, List and Describe actions
 * ```
 */
export function dashboardApiPermissions(config: VigilConfig, ctx: DeploymentContext): Permission[] {
  const s3 = new S3Grants(ctx);
  s3.read(ctx.bucket, CONFIG_KEY, false);
  for (const prefix of [
    PREFIXES.runIndex,
    'alerting/incidents/',
    'state/rollbacks/',
    'governance/decisions/',
  ]) {
    s3.read(ctx.bucket, prefix);
    s3.list(ctx.bucket, prefix);
  }
  s3.readAllReports(config);
  for (const endpoint of config.endpoints) {
    const baseline = endpoint.monitors.modelQuality?.baseline;
    // Thresholds are read from a baseline in Vigil's bucket only (configThresholds).
    if (baseline && !/^[a-z0-9]+:\/\//i.test(baseline)) {
      const { bucket, key } = resolveLocation(baseline, ctx.bucket);
      s3.read(bucket, joinKey(key, 'constraints.json'), false);
    }
  }
  s3.read(ctx.auditBucket, PREFIXES.audit);
  s3.list(ctx.auditBucket, PREFIXES.audit);
  s3.read(ctx.auditHeadsBucket, PREFIXES.auditHeads);
  s3.list(ctx.auditHeadsBucket, PREFIXES.auditHeads);
  const groups = modelPackageGroups(config);
  const statements = s3.statements();
  if (groups.length > 0) {
    statements.push(
      {
        actions: ['sagemaker:DescribeModelPackage', 'sagemaker:ListModelPackages'],
        resources: packageResources(ctx, groups),
      },
      {
        actions: ['sagemaker:DescribeModelCard', 'sagemaker:ListModelCardVersions'],
        resources: cardResources(ctx, groups),
      },
    );
  }
  return statements;
}
