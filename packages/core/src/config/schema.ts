import * as z from 'zod';
import { channelConfig } from '../alerting/channels/registry.ts';
import { MONITOR_SPECS, type MonitorSpecEntry } from '../monitors/monitor-specs.ts';
import { SAGEMAKER_NAMESPACE_PREFIX } from '../monitors/names.ts';
import { endpointAlertConfig, rollbackPolicyConfig } from './alerts.ts';
import { approvalPoliciesConfig } from './approval.ts';
import { asyncInferenceConfig } from './async-inference.ts';
import { auditConfig } from './audit.ts';
import { location, sagemakerName } from './common.ts';
import { variantsConfig } from './variants.ts';

/** An endpoint's `monitors`: each monitor of the table, optional, under its config key. */
const monitorsShape = Object.fromEntries(
  MONITOR_SPECS.map((spec) => [spec.configKey, spec.config.optional()]),
) as { [S in MonitorSpecEntry as S['configKey']]: z.ZodOptional<S['config']> };

/** One monitored endpoint. */
export const endpointConfig = z
  .object({
    name: sagemakerName('endpoint'),
    variant: sagemakerName('production variant').default('AllTraffic'),
    /** Data-capture destination: `{capture}/{endpoint}/{variant}/yyyy/mm/dd/hh/*.jsonl`. */
    capture: location.default('capture'),
    groundTruth: location.optional(),
    /** Reports go to `{reports}/{endpoint}/{monitor}/yyyy/mm/dd/hh/`. */
    reports: location.default('reports'),
    modelPackageGroup: sagemakerName('model package group').optional(),
    monitors: z.object(monitorsShape).strict().default({}),
    alerts: endpointAlertConfig.default({ channels: [], suppressMinutes: 60 }),
    rollback: rollbackPolicyConfig.default({ policy: 'notify', rejectModelPackage: true }),
    /** Production variants compared champion against challengers (and shadows). */
    variants: variantsConfig.optional(),
    /** Asynchronous inference: its notification topics and payload folders (`async-capture`). */
    asyncInference: asyncInferenceConfig.optional(),
  })
  .strict();

/** The whole of Vigil's configuration: drives local mode and the infrastructure alike. */
export const vigilConfigSchema = z
  .object({
    $schema: z.string().optional(),
    version: z.literal(1),
    /** Metric namespace prefix; SageMaker's is `aws/sagemaker`. */
    metricsNamespacePrefix: z.string().min(1).default(SAGEMAKER_NAMESPACE_PREFIX),
    endpoints: z.array(endpointConfig).default([]),
    channels: z.record(z.string().regex(/^[a-z0-9-]+$/), channelConfig).default({}),
    approvalPolicies: approvalPoliciesConfig.default([]),
    /** Object Lock of the audit bucket in AWS. */
    audit: auditConfig.default({ retentionDays: 400, lockMode: 'GOVERNANCE' }),
  })
  .strict()
  .superRefine((config, ctx) => {
    const seen = new Set<string>();
    config.endpoints.forEach((endpoint, i) => {
      if (seen.has(endpoint.name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['endpoints', i, 'name'],
          message: `duplicate endpoint "${endpoint.name}"`,
        });
      }
      seen.add(endpoint.name);
      endpoint.alerts.channels.forEach((channel, j) => {
        if (!(channel in config.channels)) {
          ctx.addIssue({
            code: 'custom',
            path: ['endpoints', i, 'alerts', 'channels', j],
            message: `unknown channel "${channel}": define it under "channels"`,
          });
        }
      });
    });
    config.approvalPolicies.forEach((policy, i) => {
      const wanted = policy.challengerBeatChampion?.endpoint;
      if (wanted === undefined) return;
      const endpoint = config.endpoints.find((e) => e.name === wanted);
      if (!endpoint?.variants) {
        ctx.addIssue({
          code: 'custom',
          path: ['approvalPolicies', i, 'challengerBeatChampion', 'endpoint'],
          message: endpoint
            ? `endpoint "${wanted}" has no variants section, so nothing compares its challenger with its champion: add one`
            : `unknown endpoint "${wanted}": name a configured endpoint with a variants section`,
        });
      }
    });
  });

export type VigilConfig = z.infer<typeof vigilConfigSchema>;
export type EndpointConfig = z.infer<typeof endpointConfig>;
