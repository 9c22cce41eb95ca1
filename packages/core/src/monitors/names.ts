import {
  MONITOR_SPECS,
  type MonitorConfigKey,
  type MonitorFolder,
  type MonitoringType,
  type MonitorSpecEntry,
} from './monitor-specs.ts';

export type { MonitorConfigKey, MonitorFolder, MonitoringType };

/** SageMaker's metric namespace prefix, the default of `metricsNamespacePrefix`. */
export const SAGEMAKER_NAMESPACE_PREFIX = 'aws/sagemaker';

/** Every monitor folder, in the table's order. */
export const MONITOR_FOLDERS: readonly MonitorFolder[] = MONITOR_SPECS.map((spec) => spec.folder);

/** The monitor folder of each SageMaker MonitoringType. */
export const MONITOR_FOLDER = Object.fromEntries(
  MONITOR_SPECS.map((spec) => [spec.type, spec.folder]),
) as Record<MonitoringType, MonitorFolder>;

/** The last part of each monitor's metric namespace, after `<prefix>/Endpoints/`. */
export const METRICS_SUFFIX = Object.fromEntries(
  MONITOR_SPECS.map((spec) => [spec.folder, spec.metricsSuffix]),
) as Record<MonitorFolder, string>;

/** The config key under `monitors` of each monitor folder. */
export const MONITOR_CONFIG_KEY = Object.fromEntries(
  MONITOR_SPECS.map((spec) => [spec.folder, spec.configKey]),
) as { [S in MonitorSpecEntry as S['folder']]: S['configKey'] };

/**
 * The table entry of a monitor folder.
 *
 * @example
 * ```ts
 * monitorSpec('bias-drift').type; // 'ModelBias'
 * ```
 */
export function monitorSpec<F extends MonitorFolder>(folder: F): Extract<MonitorSpecEntry, { folder: F }> {
  return MONITOR_SPECS.find((spec) => spec.folder === folder) as Extract<MonitorSpecEntry, { folder: F }>;
}

/**
 * A monitor's name in prose, for logs and messages.
 *
 * @example
 * ```ts
 * monitorTitle('bias-drift'); // 'Bias drift'
 * ```
 */
export function monitorTitle(folder: MonitorFolder): string {
  const words = folder.replace(/-/g, ' ');
  return `${words.charAt(0).toUpperCase()}${words.slice(1)}`;
}

/**
 * Whether a value is one of SageMaker's MonitoringType values that Vigil runs.
 *
 * @example
 * ```ts
 * isMonitoringType('ModelBias'); // true
 * ```
 */
export function isMonitoringType(value: unknown): value is MonitoringType {
  return MONITOR_SPECS.some((spec) => spec.type === value);
}

/**
 * The namespace a monitor publishes to, e.g. `aws/sagemaker/Endpoints/data-metrics`; without a
 * prefix, SageMaker's `aws/sagemaker`.
 *
 * @example
 * ```ts
 * metricsNamespace('aws/sagemaker', 'bias-drift'); // 'aws/sagemaker/Endpoints/bias-metrics'
 * ```
 */
export function metricsNamespace(prefix: string | undefined, monitor: MonitorFolder): string {
  return `${prefix ?? SAGEMAKER_NAMESPACE_PREFIX}/Endpoints/${METRICS_SUFFIX[monitor]}`;
}
