import type { MonitorFolder, MonitoringType } from '@vigil/core';

/** Settings of one Lambda. */
export interface FunctionSettings {
  description: string;
  timeout: `${number} ${'seconds' | 'minutes'}`;
  memory: `${number} MB`;
}

/** Every function of Vigil, keyed by its name (also its file under functions/src/). */
export const FUNCTIONS = {
  'profile-capture': {
    description: 'Profiles one new data-capture file into a mergeable profile',
    timeout: '5 minutes',
    memory: '1024 MB',
  },
  'monitor-data-quality': {
    description: 'Data-quality drift against the baseline (Model Monitor DataQuality)',
    timeout: '10 minutes',
    memory: '2048 MB',
  },
  'monitor-model-quality': {
    description:
      'Model-quality drift against the baseline, joining ground truth (Model Monitor ModelQuality)',
    timeout: '10 minutes',
    memory: '2048 MB',
  },
  'monitor-bias-drift': {
    description: 'Bias drift per facet against the baseline analysis.json (Clarify ModelBias)',
    timeout: '10 minutes',
    memory: '2048 MB',
  },
  'monitor-feature-attribution': {
    description: 'Feature-attribution drift with KernelSHAP and nDCG (Clarify ModelExplainability)',
    timeout: '15 minutes',
    memory: '3008 MB',
  },
  'registry-gate': {
    description: 'Approves, rejects or holds new model package versions on evidence',
    timeout: '2 minutes',
    memory: '1024 MB',
  },
  'card-sync': {
    description: 'Keeps model cards current after every monitoring run',
    timeout: '2 minutes',
    memory: '512 MB',
  },
  'alarm-router': {
    description: 'Alerts on guardrail alarms and monitor failures, and rolls back where policy says so',
    timeout: '2 minutes',
    memory: '512 MB',
  },
  'deployment-tracker': {
    description: 'Records endpoint deployments and their model versions',
    timeout: '60 seconds',
    memory: '512 MB',
  },
  'audit-head-recorder': {
    description:
      'Keeps every published audit head in the heads bucket, outside what the log writers can touch',
    timeout: '30 seconds',
    memory: '256 MB',
  },
} as const satisfies Record<string, FunctionSettings>;

export type FunctionName = keyof typeof FUNCTIONS;

export const FUNCTION_NAMES = Object.keys(FUNCTIONS) as FunctionName[];

/**
 * The handler path SST bundles, relative to the repository root.
 *
 * @example
 * ```ts
 * handlerOf('alarm-router'); // 'functions/src/alarm-router.handler'
 * ```
 */
export function handlerOf(name: FunctionName): string {
  return `functions/src/${name}.handler`;
}

/** Lambda settings every function shares. */
export const RUNTIME = { runtime: 'nodejs22.x', architecture: 'arm64' } as const;

/** Where the functions read the deployed configuration in Vigil's bucket. */
export const CONFIG_KEY = 'config/vigil.config.json';

/** Prefixes inside Vigil's bucket that the functions share. */
export const PREFIXES = {
  profiles: 'profiles/',
  /** Compact per-file extracts (ids, predictions, needed columns) written beside the profiles. */
  extracts: 'extracts/',
  /** The audit log, in the object-locked audit bucket: records created once, head.json swapped. */
  audit: 'audit/',
  /** Published audit heads, in the heads bucket (audit-head-recorder only). */
  auditHeads: 'heads/',
  /** Alert signals, incidents, suppression windows, claims and undelivered alerts (alarm-router). */
  alerting: 'alerting/',
  /** Endpoint records (deployment-tracker) and rollback claims (alarm-router). */
  state: 'state/',
  endpointRecords: 'state/endpoints/',
  /** Approval decisions and the events and runs already handled (registry-gate, card-sync). */
  governance: 'governance/',
  /** Monitor run records, one per endpoint, monitor and window: idempotency and report commit. */
  runs: 'runs/',
} as const;

/** The scheduled monitors: config key, report folder and function. */
export const MONITORS = [
  { key: 'dataQuality', folder: 'data-quality', function: 'monitor-data-quality', type: 'DataQuality' },
  { key: 'modelQuality', folder: 'model-quality', function: 'monitor-model-quality', type: 'ModelQuality' },
  { key: 'biasDrift', folder: 'bias-drift', function: 'monitor-bias-drift', type: 'ModelBias' },
  {
    key: 'featureAttribution',
    folder: 'feature-attribution',
    function: 'monitor-feature-attribution',
    type: 'ModelExplainability',
  },
] as const satisfies readonly {
  key: string;
  folder: MonitorFolder;
  function: FunctionName;
  type: MonitoringType;
}[];

export type MonitorSpec = (typeof MONITORS)[number];

/** The last part of each monitor's metric namespace, after `<prefix>/Endpoints/`. */
export const METRICS_SUFFIX: Record<MonitorFolder, string> = {
  'data-quality': 'data-metrics',
  'model-quality': 'model-metrics',
  'bias-drift': 'bias-metrics',
  'feature-attribution': 'explainability-metrics',
};
