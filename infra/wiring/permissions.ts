import {
  type MonitorSpec as CoreMonitorSpec,
  type EndpointConfig,
  joinKey,
  type MonitorFolder,
  metricsNamespace,
  monitorSpec,
  type VigilConfig,
} from '@vigil/core';
import { type ChannelGrant, channelGrants } from '@vigil/core/alerting';
import { asyncMetricsNamespace } from '@vigil/core/async';
import { modelCardNamePatterns } from '@vigil/core/cards';
import { endpointRecordKey } from '@vigil/core/rollback';
import { variantMetricsNamespace } from '@vigil/core/variants';
import { captureSources } from './events.ts';
import {
  CONFIG_KEY,
  type FunctionName,
  MONITORS,
  type MonitorSpec,
  monitorOfFunction,
  PREFIXES,
} from './functions.ts';
import { resolveLocation } from './locations.ts';
import { S3Grants } from './s3-grants.ts';

/** The deployed names and ARNs permissions refer to. */
export interface DeploymentContext {
  partition: string;
  region: string;
  account: string;
  /** Vigil's bucket name. */
  bucket: string;
  /** The object-locked bucket of the audit log. */
  auditBucket: string;
  /** The object-locked bucket where audit-head-recorder keeps published heads. */
  auditHeadsBucket: string;
  vigilBusArn: string;
  alertTopicArn: string;
  /** The dead-letter queue of the function being described. */
  deadLetterQueueArn: string;
}

/** One IAM statement, as SST's `permissions` takes it. */
export interface Permission {
  actions: string[];
  resources: string[];
  conditions?: { test: string; variable: string; values: string[] }[];
}

/**
 * The exact IAM statements of one function: what it reads, writes, publishes and calls, derived
 * from the configuration. No wildcard actions, no `*` resources except where the API has no
 * resource-level permissions (cloudwatch:PutMetricData, narrowed by namespace instead).
 *
 * @example
 * ```ts
 * permissionsFor('profile-capture', config, ctx);
 * // [{ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::vigil-bucket/config/vigil.config.json', ...] }, ...]
 * ```
 */
export function permissionsFor(fn: FunctionName, config: VigilConfig, ctx: DeploymentContext): Permission[] {
  const s3 = new S3Grants(ctx);
  s3.read(ctx.bucket, CONFIG_KEY, false);
  const statements: Permission[] = [];
  const endpoints = config.endpoints;

  const monitor = monitorOfFunction(fn);
  if (monitor) statements.push(...monitorPermissions(monitor, config, ctx, s3));
  switch (monitor ? undefined : fn) {
    case 'profile-capture':
      for (const [bucket, prefixes] of captureSources(config, ctx.bucket)) {
        for (const prefix of prefixes) s3.read(bucket, prefix);
      }
      s3.write(ctx.bucket, PREFIXES.profiles);
      s3.write(ctx.bucket, PREFIXES.extracts);
      break;
    case 'registry-gate': {
      const groups = modelPackageGroups(config);
      s3.readAllReports(config);
      // The reports packages are registered with: the groups' endpoints' baselines and the folders
      // each policy names (modelMetricsLocations); never a whole bucket.
      for (const location of evidenceLocations(config)) s3.readFolder(location);
      s3.readWrite(ctx.bucket, PREFIXES.governance);
      statements.push(
        appendAudit(s3, ctx),
        {
          actions: [
            'sagemaker:DescribeModelPackage',
            'sagemaker:ListModelPackages',
            'sagemaker:UpdateModelPackage',
          ],
          resources: packageResources(ctx, groups),
        },
        {
          // The gate creates a draft card for a version that has none.
          actions: [
            'sagemaker:DescribeModelCard',
            'sagemaker:ListModelCardVersions',
            'sagemaker:CreateModelCard',
          ],
          resources: cardResources(ctx, groups),
        },
      );
      break;
    }
    case 'card-sync': {
      s3.readAllReports(config);
      s3.read(ctx.bucket, PREFIXES.endpointRecords);
      s3.list(ctx.bucket, PREFIXES.endpointRecords);
      s3.readWrite(ctx.bucket, PREFIXES.governance);
      statements.push(
        appendAudit(s3, ctx),
        {
          actions: [
            'sagemaker:DescribeModelCard',
            'sagemaker:CreateModelCard',
            'sagemaker:UpdateModelCard',
            'sagemaker:ListModelCardVersions',
          ],
          // The cards of the configured groups' versions only.
          resources: cardResources(ctx, modelPackageGroups(config)),
        },
        {
          actions: ['sagemaker:DescribeModelPackage', 'sagemaker:ListModelPackages'],
          resources: endpointPackageResources(ctx, endpoints),
        },
      );
      break;
    }
    case 'alarm-router': {
      // Only endpoints whose policy says "rollback" may be rolled back, and their versions rejected.
      const rollback = endpoints.filter((e) => e.rollback.policy === 'rollback');
      const reject = rollback.filter((e) => e.rollback.rejectModelPackage);
      s3.readAllReports(config);
      s3.readWrite(ctx.bucket, PREFIXES.state);
      s3.readWrite(ctx.bucket, PREFIXES.alerting);
      statements.push(
        appendAudit(s3, ctx),
        { actions: ['sns:Publish'], resources: [ctx.alertTopicArn] },
        endpointRead(ctx, config),
        {
          actions: ['sagemaker:UpdateEndpoint'],
          resources:
            rollback.length === 0
              ? []
              : [
                  ...rollback.map((e) => sagemakerArn(ctx, 'endpoint', e.name)),
                  sagemakerArn(ctx, 'endpoint-config', '*'),
                ],
        },
        // Only the configured groups' packages: an endpoint without modelPackageGroup gets none.
        {
          actions: ['sagemaker:UpdateModelPackage'],
          resources: packageResources(ctx, [
            ...new Set(reject.flatMap((e) => (e.modelPackageGroup ? [e.modelPackageGroup] : []))),
          ]),
        },
        // The roll-up and heartbeat metrics the guardrail alarms watch, in every monitor's namespace.
        putMetrics(
          config,
          MONITORS.map((m) => m.folder),
        ),
      );
      addChannelGrants(statements, channelGrants(config.channels, ctx));
      break;
    }
    case 'deployment-tracker':
      // The events say which config serves; describing it names the model packages runs are attributed to.
      s3.readWrite(ctx.bucket, PREFIXES.endpointRecords);
      statements.push(endpointRead(ctx, config));
      break;
    case 'compare-variants':
      statements.push(...variantComparisonPermissions(config, ctx, s3));
      break;
    case 'async-capture':
      // The payload folders the endpoints name; capture records into their capture folders only.
      for (const endpoint of endpoints.filter((e) => e.asyncInference)) {
        for (const folder of [...endpoint.asyncInference!.inputs, ...endpoint.asyncInference!.outputs]) {
          s3.readFolder(folder);
        }
        const capture = resolveLocation(endpoint.capture, ctx.bucket);
        s3.write(capture.bucket, `${joinKey(capture.key, endpoint.name, endpoint.variant)}/`);
        s3.write(ctx.bucket, `${PREFIXES.asyncErrors}${endpoint.name}/`);
      }
      if (endpoints.some((e) => e.asyncInference)) {
        statements.push({
          actions: ['cloudwatch:PutMetricData'],
          resources: ['*'],
          conditions: [
            {
              test: 'StringEquals',
              variable: 'cloudwatch:namespace',
              values: [asyncMetricsNamespace(config.metricsNamespacePrefix)],
            },
          ],
        });
      }
      break;
    case 'audit-head-recorder':
      // Create-only: a head once kept cannot be replaced, by it or by anyone else.
      s3.createOnly(ctx.auditHeadsBucket, PREFIXES.auditHeads);
      break;
  }
  statements.unshift(...s3.statements());
  statements.push({ actions: ['sqs:SendMessage'], resources: [ctx.deadLetterQueueArn] });
  return statements.filter((s) => s.resources.length > 0);
}

/** A monitor's function (the monitor table's): its inputs, run records, reports, metrics and events. */
function monitorPermissions(
  monitor: MonitorSpec,
  config: VigilConfig,
  ctx: DeploymentContext,
  s3: S3Grants,
): Permission[] {
  const spec: CoreMonitorSpec = monitorSpec(monitor.folder);
  const statements: Permission[] = [];
  // Endpoint records: each run names the config and model version that served its window.
  for (const prefix of [PREFIXES.profiles, PREFIXES.extracts, PREFIXES.endpointRecords]) {
    s3.read(ctx.bucket, prefix);
    s3.list(ctx.bucket, prefix);
  }
  for (const endpoint of config.endpoints) {
    const settings = endpoint.monitors[monitor.key];
    if (!settings) continue;
    for (const location of monitorInputs(settings)) s3.readFolder(location);
    // Bias and attribution sample raw capture records of the window; the others may fall back to them.
    const capture = resolveLocation(endpoint.capture, ctx.bucket);
    s3.readFolder(`s3://${capture.bucket}/${joinKey(capture.key, endpoint.name)}/`);
    if (spec.readsGroundTruth) s3.readFolder(endpoint.groundTruth);
    // Run records of this endpoint and monitor (runRecordKey): read before, written after a run.
    s3.readWrite(ctx.bucket, `${PREFIXES.runs}${endpoint.name}/${monitor.type}/`);
    // The dashboard's run index of this endpoint and monitor (runIndexKey), appended at settle.
    s3.readWrite(ctx.bucket, `${PREFIXES.runIndex}${endpoint.name}/${monitor.type}.jsonl`);
    const reports = resolveLocation(endpoint.reports, ctx.bucket);
    const folder = `${joinKey(reports.key, endpoint.name, monitor.folder)}/`;
    s3.write(reports.bucket, folder);
    s3.read(reports.bucket, folder);
    s3.list(reports.bucket, folder);
    const target = spec.invokedEndpoint?.(settings, endpoint.name);
    if (target) {
      statements.push({
        actions: ['sagemaker:InvokeEndpoint'],
        resources: [sagemakerArn(ctx, 'endpoint', target)],
      });
    }
  }
  statements.push(putMetrics(config, [monitor.folder]), putVigilEvents(ctx));
  return statements;
}

/**
 * compare-variants: each compared variant's capture (and its extracts), the ground truth and the
 * calibration baseline and the endpoint record (who served each variant) of endpoints with a
 * `variants` section; writes only their
 * `variant-comparison/` report folders and the variant-metrics namespace.
 */
function variantComparisonPermissions(
  config: VigilConfig,
  ctx: DeploymentContext,
  s3: S3Grants,
): Permission[] {
  const compared = config.endpoints.filter((e) => e.variants);
  for (const endpoint of compared) {
    const variants = endpoint.variants!;
    const capture = resolveLocation(endpoint.capture, ctx.bucket);
    for (const variant of [variants.champion, ...variants.challengers, ...variants.shadows]) {
      const folder = `${joinKey(capture.key, endpoint.name, variant)}/`;
      s3.readFolder(`s3://${capture.bucket}/${folder}`);
      s3.read(ctx.bucket, `${PREFIXES.extracts}${folder}`);
      s3.list(ctx.bucket, `${PREFIXES.extracts}${folder}`);
    }
    if (endpoint.groundTruth) s3.readFolder(endpoint.groundTruth);
    if (variants.baseline) s3.readFolder(variants.baseline);
    const reports = resolveLocation(endpoint.reports, ctx.bucket);
    s3.write(reports.bucket, `${joinKey(reports.key, endpoint.name, 'variant-comparison')}/`);
    // Which model version each variant served, recorded in comparison.json for the registry gate.
    s3.read(ctx.bucket, endpointRecordKey(endpoint.name), false);
  }
  if (compared.length === 0) return [];
  return [
    {
      actions: ['cloudwatch:PutMetricData'],
      resources: ['*'],
      conditions: [
        {
          test: 'StringEquals',
          variable: 'cloudwatch:namespace',
          values: [variantMetricsNamespace(config.metricsNamespacePrefix)],
        },
      ],
    },
  ];
}

function monitorInputs(settings: { baseline: string; analysisConfig?: string }): string[] {
  return [settings.baseline, settings.analysisConfig].filter((l): l is string => typeof l === 'string');
}

function putMetrics(config: VigilConfig, folders: readonly MonitorFolder[]): Permission {
  return {
    actions: ['cloudwatch:PutMetricData'],
    // PutMetricData has no resource-level permissions; the namespace condition narrows it.
    resources: ['*'],
    conditions: [
      {
        test: 'StringEquals',
        variable: 'cloudwatch:namespace',
        values: folders.map((f) => metricsNamespace(config.metricsNamespacePrefix, f)),
      },
    ],
  };
}

function putVigilEvents(ctx: DeploymentContext): Permission {
  return { actions: ['events:PutEvents'], resources: [ctx.vigilBusArn] };
}

/**
 * What a function that appends to the audit log needs: the log's objects (read, list, create-only,
 * the head swapped) and the head event each append publishes. The S3 grants go into `s3`; the
 * event grant is returned.
 */
function appendAudit(s3: S3Grants, ctx: DeploymentContext): Permission {
  s3.auditLog(ctx.auditBucket);
  return putAuditHeads(ctx);
}

/** Every audit append publishes its head on Vigil's bus; this grant allows that event and no other. */
function putAuditHeads(ctx: DeploymentContext): Permission {
  return {
    actions: ['events:PutEvents'],
    resources: [ctx.vigilBusArn],
    conditions: [{ test: 'StringEquals', variable: 'events:detail-type', values: ['Vigil Audit Head'] }],
  };
}

function endpointRead(ctx: DeploymentContext, config: VigilConfig): Permission {
  return {
    actions: ['sagemaker:DescribeEndpoint', 'sagemaker:DescribeEndpointConfig', 'sagemaker:DescribeModel'],
    resources: [
      ...config.endpoints.map((e) => sagemakerArn(ctx, 'endpoint', e.name)),
      sagemakerArn(ctx, 'endpoint-config', '*'),
      // A model's ARN carries no endpoint; the model behind a config is found by describing it.
      sagemakerArn(ctx, 'model', '*'),
    ],
  };
}

/**
 * A SageMaker ARN. SageMaker lowercases resource names in ARNs.
 *
 * @example
 * ```ts
 * sagemakerArn(ctx, 'endpoint', 'Churn-Prod'); // 'arn:aws:sagemaker:eu-west-1:111122223333:endpoint/churn-prod'
 * ```
 */
export function sagemakerArn(ctx: DeploymentContext, type: string, name: string): string {
  return `arn:${ctx.partition}:sagemaker:${ctx.region}:${ctx.account}:${type}/${name.toLowerCase()}`;
}

/** The model package groups and their versions, as IAM resources. */
export function packageResources(ctx: DeploymentContext, groups: readonly string[]): string[] {
  if (groups.length === 0) return [];
  return groups.flatMap((group) => [
    sagemakerArn(ctx, 'model-package-group', group),
    sagemakerArn(ctx, 'model-package', `${group}/*`),
  ]);
}

/**
 * The model packages these endpoints may serve: those of their configured groups, or any package
 * when an endpoint names no group (set `modelPackageGroup` to narrow it).
 */
function endpointPackageResources(ctx: DeploymentContext, endpoints: readonly EndpointConfig[]): string[] {
  if (endpoints.length === 0) return [];
  if (endpoints.some((e) => !e.modelPackageGroup)) {
    return [sagemakerArn(ctx, 'model-package-group', '*'), sagemakerArn(ctx, 'model-package', '*')];
  }
  return packageResources(ctx, [...new Set(endpoints.map((e) => e.modelPackageGroup!))]);
}

/** The model cards of these groups' versions (`model-card/<group>-v*`). */
export function cardResources(ctx: DeploymentContext, groups: readonly string[]): string[] {
  return groups.flatMap((group) =>
    modelCardNamePatterns(group).map((pattern) => sagemakerArn(ctx, 'model-card', pattern)),
  );
}

/**
 * Where the gate may find the reports a package is registered with: the baselines of the
 * endpoints that serve a configured group, and each policy's `modelMetricsLocations`.
 */
function evidenceLocations(config: VigilConfig): string[] {
  const baselines = config.endpoints
    .filter((e) => e.modelPackageGroup)
    .flatMap((e) => Object.values(e.monitors).flatMap((m) => (m ? monitorInputs(m) : [])));
  const declared = config.approvalPolicies.flatMap((p) => p.modelMetricsLocations);
  return [...new Set([...baselines, ...declared])];
}

/** Every model package group the configuration names (endpoints and approval policies). */
export function modelPackageGroups(config: VigilConfig): string[] {
  const groups = [
    ...config.endpoints.map((e) => e.modelPackageGroup),
    ...config.approvalPolicies.map((p) => p.modelPackageGroup),
  ];
  return [...new Set(groups.filter((g): g is string => typeof g === 'string'))];
}

/**
 * The channels' grants (their descriptors'): a grant of an action alarm-router already has
 * extends that statement (Vigil's topic and the channels' topics in one sns:Publish); any other
 * is a statement of its own at the end.
 */
function addChannelGrants(statements: Permission[], grants: readonly ChannelGrant[]): void {
  for (const grant of grants) {
    const existing = statements.find(
      (s) => !s.conditions && s.actions.length === 1 && s.actions[0] === grant.action,
    );
    if (existing) existing.resources.push(...grant.resources);
    else statements.push({ actions: [grant.action], resources: [...grant.resources] });
  }
}
