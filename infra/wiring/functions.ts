import { MONITOR_SPECS, type MonitorSpecEntry } from '@vigil/core';

/** Settings of one Lambda. */
export interface FunctionSettings {
  description: string;
  timeout: `${number} ${'seconds' | 'minutes'}`;
  memory: `${number} MB`;
}

/** The monitors' functions, from the monitor table (its `function` entries). */
const MONITOR_FUNCTIONS = Object.fromEntries(
  MONITOR_SPECS.map(({ function: { name, ...settings } }): [string, FunctionSettings] => [name, settings]),
) as { [S in MonitorSpecEntry as S['function']['name']]: FunctionSettings };

/** Every function of Vigil, keyed by its name (also its file under functions/src/). */
export const FUNCTIONS = {
  'profile-capture': {
    description: 'Profiles one new data-capture file into a mergeable profile',
    timeout: '5 minutes',
    memory: '1024 MB',
  },
  ...MONITOR_FUNCTIONS,
  'compare-variants': {
    description: 'Compares the challenger and shadow variants of an endpoint with its champion',
    timeout: '10 minutes',
    memory: '2048 MB',
  },
  'async-capture': {
    description: 'Turns asynchronous-inference notifications into capture records and error records',
    timeout: '2 minutes',
    memory: '1024 MB',
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

/**
 * The esbuild plugins of every Lambda bundle, as a path relative to sst.config.ts (SST's
 * `nodejs.plugins`); bench/lambda-bundles.ts bundles with the same plugin.
 */
export const LAMBDA_BUNDLE_PLUGINS = './infra/bundling/zod-namespace-plugin.mjs';

/**
 * Packages left out of every Lambda bundle: the AWS SDK v3 clients, which the nodejs22.x runtime
 * provides (as CDK's NodejsFunction leaves them out by default). Bundled, the SageMaker client
 * alone adds 425 kB and each handler 0.6–1 MB; Vigil calls only long-stable operations of them,
 * and loads each client on first use (`packages/aws/src/lazy-sdk.ts`).
 */
export const LAMBDA_EXTERNAL_PACKAGES: readonly string[] = ['@aws-sdk/*'];

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
  /** Failed asynchronous inferences, one record each (async-capture). */
  asyncErrors: 'async-errors/',
  /** Run summaries per endpoint and monitor, appended as runs settle: what the dashboard reads. */
  runIndex: 'index/runs/',
} as const;

/** The scheduled monitors (the monitor table): config key, report folder, function and MonitoringType. */
export const MONITORS = MONITOR_SPECS.map((spec) => ({
  key: spec.configKey,
  folder: spec.folder,
  function: spec.function.name,
  type: spec.type,
})) as readonly {
  [S in MonitorSpecEntry as S['folder']]: {
    key: S['configKey'];
    folder: S['folder'];
    function: S['function']['name'];
    type: S['type'];
  };
}[MonitorSpecEntry['folder']][];

export type MonitorSpec = (typeof MONITORS)[number];

/**
 * Whether a function is a monitor's, and which.
 *
 * @example
 * ```ts
 * monitorOfFunction('monitor-bias-drift')?.folder; // 'bias-drift'
 * ```
 */
export function monitorOfFunction(fn: FunctionName): MonitorSpec | undefined {
  return MONITORS.find((m) => m.function === fn);
}
