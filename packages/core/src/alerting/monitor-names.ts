import type { MonitoringType } from '../events/monitoring-execution.ts';
import type { MonitorFolder } from '../layout/keys.ts';

/** The monitor folder of each SageMaker MonitoringType. */
export const MONITOR_FOLDER: Record<MonitoringType, MonitorFolder> = {
  DataQuality: 'data-quality',
  ModelQuality: 'model-quality',
  ModelBias: 'bias-drift',
  ModelExplainability: 'feature-attribution',
};

/** The last part of each monitor's metric namespace, after `<prefix>/Endpoints/`. */
export const METRICS_SUFFIX: Record<MonitorFolder, string> = {
  'data-quality': 'data-metrics',
  'model-quality': 'model-metrics',
  'bias-drift': 'bias-metrics',
  'feature-attribution': 'explainability-metrics',
};

/** The config key under `monitors` of each monitor folder. */
export const MONITOR_CONFIG_KEY = {
  'data-quality': 'dataQuality',
  'model-quality': 'modelQuality',
  'bias-drift': 'biasDrift',
  'feature-attribution': 'featureAttribution',
} as const satisfies Record<MonitorFolder, string>;

/**
 * The namespace a monitor publishes to, e.g. `aws/sagemaker/Endpoints/data-metrics`.
 *
 * @example
 * ```ts
 * metricsNamespace('aws/sagemaker', 'bias-drift'); // 'aws/sagemaker/Endpoints/bias-metrics'
 * ```
 */
export function metricsNamespace(prefix: string, monitor: MonitorFolder): string {
  return `${prefix}/Endpoints/${METRICS_SUFFIX[monitor]}`;
}
