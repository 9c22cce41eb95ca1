export { type CardCompleteness, cardCompleteness, EXPECTED_CARD_FIELDS } from './card-completeness.ts';
export { configThresholds } from './config-thresholds.ts';
export {
  type DashboardResponse,
  type DashboardSources,
  dashboardResponse,
  SERVED_FILE_PREFIXES,
} from './dashboard-api.ts';
export { incidentTimeline, type TimelineEvent } from './incident-timeline.ts';
export { indexSettledRun } from './index-settled-run.ts';
export { indexedMonitors, type MonitorSeries, monitorSeries, storeKeyOf } from './monitor-series.ts';
export { type DecisionView, type RegistrySources, registryView, type VersionView } from './registry-view.ts';
export {
  appendRunSummary,
  type ParsedRunIndex,
  parseRunIndex,
  RUN_INDEX_PREFIX,
  runIndexKey,
} from './run-index.ts';
export {
  MAX_SUMMARY_VIOLATIONS,
  type MetricEstimate,
  type MetricThreshold,
  type RunSummary,
  summarizeRun,
} from './run-summary.ts';
export { updateRunIndex } from './update-run-index.ts';
