export { asyncMetricsNamespace } from './async-namespace.ts';
export type { MonitorFunctionSpec, MonitorSpec, MonitorSpecEntry } from './monitor-specs.ts';
export { MONITOR_SPECS } from './monitor-specs.ts';
export type { MonitorConfigKey, MonitorFolder, MonitoringType } from './names.ts';
export {
  isMonitoringType,
  METRICS_SUFFIX,
  MONITOR_CONFIG_KEY,
  MONITOR_FOLDER,
  MONITOR_FOLDERS,
  metricsNamespace,
  monitorSpec,
  monitorTitle,
  SAGEMAKER_NAMESPACE_PREFIX,
} from './names.ts';
export { monitorScheduleName } from './schedule-name.ts';
export type { ConfiguredStores, ScheduledMonitorSettings, ScheduledRunTarget } from './scheduled-run.ts';
export { scheduledRunTarget } from './scheduled-run.ts';
export { variantMetricsNamespace } from './variant-namespace.ts';
