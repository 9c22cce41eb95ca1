/** The skipped-input tally under its former name; `SkippedInputTally` (`@vigil/core`) is the class. */
export { SkippedInputTally as IssueTally } from '../events/skipped-input-tally.ts';
export * from './baseline.ts';
export * from './baseline-files.ts';
export {
  constraintsFileSchema,
  enabledFlag,
  INFERRED_TYPES,
  monitoringConfigSchema,
  statisticsFileSchema,
} from './baseline-schema.ts';
export * from './capture-profiler.ts';
export * from './checks.ts';
export type { ChiSquaredCell, ChiSquaredResult } from './chi-squared.ts';
export { chiSquaredTest, regroupCategories, upperRegularizedGamma } from './chi-squared.ts';
export * from './column-notes.ts';
export * from './constraints.ts';
export * from './dataset.ts';
export * from './distance.ts';
export { binShares, REFERENCE_QUANTILE_BINS, referenceQuantileEdges } from './drift/binning.ts';
export { homogeneityTest } from './drift/contingency.ts';
export {
  DRIFT_METRICS,
  DRIFTED_FEATURES_METRIC,
  driftMetricPatterns,
  driftMetrics,
  driftScoreMetric,
  driftVerdictMetric,
} from './drift/drift-metrics.ts';
export * from './drift/drift-report-file.ts';
export * from './drift/drift-violations.ts';
export * from './drift/evaluate-drift.ts';
export * from './drift/kolmogorov.ts';
export { KS_EFFECT_FLOOR } from './drift/kolmogorov-smirnov.ts';
export type { DriftFeatureType, DriftInput, DriftMethod, DriftOutcome } from './drift/method.ts';
export { NOISE_GUARD_ALPHA, noisePValue } from './drift/noise-guard.ts';
export * from './drift/registry.ts';
export * from './drift/settings.ts';
export * from './drift/threshold-problem.ts';
export type { WeightedSample } from './drift/weighted-sample.ts';
export { sampleFromSketch, sampleFromValues } from './drift/weighted-sample.ts';
export * from './jobs/partition-merger.ts';
export * from './jobs/profile-capture-files.ts';
export * from './jobs/profile-capture-object.ts';
export * from './jobs/profile-partitions.ts';
export type {
  DataQualityReportPorts,
  DataQualityRunContext,
  DataQualityRunSummary,
} from './jobs/publish-run.ts';
export { NOTES_FILE, publishDataQualityRun } from './jobs/publish-run.ts';
export type { DataQualityMonitorOptions, DataQualityMonitorPorts } from './jobs/run-data-quality-monitor.ts';
export { runDataQualityMonitor } from './jobs/run-data-quality-monitor.ts';
export * from './metrics.ts';
export * from './output-first.ts';
export * from './ragged-rows.ts';
export * from './read-baseline.ts';
export * from './report.ts';
export * from './statistics.ts';
export type { DataQualityCheckType, DataQualityViolation } from './violations.ts';
export { describe as describeViolation, violationsFile } from './violations.ts';
