import { joinKey, type VigilConfig } from '@vigil/core';
import type { FunctionName } from './functions.ts';
import { resolveLocation } from './locations.ts';
import { resourceName } from './names.ts';

/** An EventBridge event pattern in its JSON form (`detail-type`, nested `detail`). */
export interface EventPatternJson {
  [field: string]: unknown[] | EventPatternJson;
}

/** The events Vigil reacts to, as EventBridge rule patterns. */
export const PATTERNS = {
  modelPackageStateChange: {
    source: ['aws.sagemaker'],
    'detail-type': ['SageMaker Model Package State Change'],
  },
  endpointDeploymentStateChange: {
    source: ['aws.sagemaker'],
    'detail-type': ['SageMaker Endpoint Deployment State Change'],
  },
  endpointStateChange: {
    source: ['aws.sagemaker'],
    'detail-type': ['SageMaker Endpoint State Change'],
  },
  alarmStateChange: {
    source: ['aws.cloudwatch'],
    'detail-type': ['CloudWatch Alarm State Change'],
  },
  monitoringExecution: {
    source: ['vigil'],
    'detail-type': ['Vigil Monitoring Execution'],
  },
  auditHead: {
    source: ['vigil'],
    'detail-type': ['Vigil Audit Head'],
  },
} as const satisfies Record<string, EventPatternJson>;

/**
 * The pattern of new capture files in one bucket: S3 "Object Created" under any of `prefixes`.
 *
 * @example
 * ```ts
 * captureCreatedPattern('vigil-bucket', ['capture/churn/']);
 * // { source: ['aws.s3'], 'detail-type': ['Object Created'],
 * //   detail: { bucket: { name: ['vigil-bucket'] }, object: { key: [{ prefix: 'capture/churn/' }] } } }
 * ```
 */
export function captureCreatedPattern(bucket: string, prefixes: readonly string[]): EventPatternJson {
  return {
    source: ['aws.s3'],
    'detail-type': ['Object Created'],
    detail: { bucket: { name: [bucket] }, object: { key: prefixes.map((prefix) => ({ prefix })) } },
  };
}

/**
 * The alarm pattern narrowed to the alarm-name prefixes of the configured guardrails, so that
 * alarm-router sees Vigil's alarms and not every alarm of the account.
 *
 * @example
 * ```ts
 * guardrailAlarmPattern(['vigil']).detail; // { alarmName: [{ prefix: 'vigil-' }] }
 * ```
 */
export function guardrailAlarmPattern(alarmNamePrefixes: readonly string[]): EventPatternJson {
  return {
    ...PATTERNS.alarmStateChange,
    detail: { alarmName: [...new Set(alarmNamePrefixes)].map((p) => ({ prefix: `${p}-` })) },
  };
}

/** Which bus a rule listens on: AWS services publish on `default`, Vigil on its own bus. */
export type BusName = 'default' | 'vigil';

/** One EventBridge rule with its target function. */
export interface Subscription {
  /** Unique, alphanumeric: SST resource names derive from it. */
  name: string;
  bus: BusName;
  function: FunctionName;
  pattern: EventPatternJson;
}

/**
 * Every EventBridge rule of a configuration. `vigilBucket` is the name of Vigil's bucket.
 * Capture locations in other buckets get a rule each; those buckets need EventBridge
 * notifications switched on by their owner.
 *
 * @example
 * ```ts
 * subscriptions(config, 'vigil-bucket').map((s) => `${s.name} → ${s.function}`);
 * // ['CaptureCreated → profile-capture', 'ModelPackageStateChange → registry-gate', ...]
 * ```
 */
export function subscriptions(config: VigilConfig, vigilBucket: string): Subscription[] {
  const out: Subscription[] = [];
  for (const [bucket, prefixes] of captureSources(config, vigilBucket)) {
    out.push({
      name: bucket === vigilBucket ? 'CaptureCreated' : `CaptureCreated${resourceName(bucket)}`,
      bus: 'default',
      function: 'profile-capture',
      pattern: captureCreatedPattern(bucket, prefixes),
    });
  }
  out.push(
    {
      name: 'ModelPackageStateChange',
      bus: 'default',
      function: 'registry-gate',
      pattern: PATTERNS.modelPackageStateChange,
    },
    {
      name: 'EndpointDeploymentStateChange',
      bus: 'default',
      function: 'deployment-tracker',
      pattern: PATTERNS.endpointDeploymentStateChange,
    },
    {
      name: 'EndpointStateChange',
      bus: 'default',
      function: 'deployment-tracker',
      pattern: PATTERNS.endpointStateChange,
    },
    {
      name: 'GuardrailAlarmStateChange',
      bus: 'default',
      function: 'alarm-router',
      pattern: guardrailAlarmPattern(alarmNamePrefixes(config)),
    },
    {
      name: 'MonitoringExecutionToCards',
      bus: 'vigil',
      function: 'card-sync',
      pattern: PATTERNS.monitoringExecution,
    },
    {
      name: 'MonitoringExecutionToAlerts',
      bus: 'vigil',
      function: 'alarm-router',
      pattern: PATTERNS.monitoringExecution,
    },
    {
      name: 'AuditHeadToHeadsBucket',
      bus: 'vigil',
      function: 'audit-head-recorder',
      pattern: PATTERNS.auditHead,
    },
  );
  return out;
}

/**
 * Capture prefixes per bucket: `{capture}/{endpoint}/` of every configured endpoint.
 *
 * @example
 * ```ts
 * captureSources(config, 'vigil-bucket'); // Map { 'vigil-bucket' => ['capture/churn-prod/'] }
 * ```
 */
export function captureSources(config: VigilConfig, vigilBucket: string): Map<string, string[]> {
  const sources = new Map<string, string[]>();
  for (const endpoint of config.endpoints) {
    const { bucket, key } = resolveLocation(endpoint.capture, vigilBucket);
    const prefix = `${joinKey(key, endpoint.name)}/`;
    const list = sources.get(bucket) ?? [];
    if (!list.includes(prefix)) list.push(prefix);
    sources.set(bucket, list);
  }
  return sources;
}

/**
 * The alarm-name prefixes of the configured guardrails (default `vigil`).
 *
 * @example
 * ```ts
 * alarmNamePrefixes(config); // ['vigil']
 * ```
 */
export function alarmNamePrefixes(config: VigilConfig): string[] {
  const prefixes = config.endpoints.map((e) => e.alerts.guardrails?.alarmNamePrefix ?? 'vigil');
  return prefixes.length > 0 ? [...new Set(prefixes)] : ['vigil'];
}
