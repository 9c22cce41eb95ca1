/** The skipped-input tally under its former name; `SkippedInputTally` (`@vigil/core`) is the class. */
export { SkippedInputTally as IssueTally } from '../events/skipped-input-tally.ts';
export type { DataQualityBaselineFiles } from './baseline.ts';
export { createDataQualityBaseline } from './baseline.ts';
export type {
  ConstraintsFile,
  FeatureConstraints,
  FeatureStatistics,
  MonitoringConfig,
  SketchStatistics,
  StatisticsFile,
} from './baseline-files.ts';
export { parseConstraintsFile, parseStatisticsFile } from './baseline-files.ts';
export {
  constraintsFileSchema,
  enabledFlag,
  INFERRED_TYPES,
  monitoringConfigSchema,
  statisticsFileSchema,
} from './baseline-schema.ts';
export type { CaptureProfileCounts } from './capture-profiler.ts';
export { profileCaptureChunks } from './capture-profiler.ts';
export type { DataQualityBaseline, DataQualityEvaluation, FeatureDrift } from './checks.ts';
export { evaluateDataQuality } from './checks.ts';
export type { ChiSquaredCell, ChiSquaredResult } from './chi-squared.ts';
export { chiSquaredTest, regroupCategories, upperRegularizedGamma } from './chi-squared.ts';
export { columnNotes, nonFiniteCounts } from './column-notes.ts';
export { DEFAULT_MONITORING_CONFIG, suggestConstraints, suggestedDomain } from './constraints.ts';
export type { DatasetFormat, ProfiledDataset } from './dataset.ts';
export { profileDataset, safeHeader } from './dataset.ts';
export type { Distance } from './distance.ts';
export { categoricalDistance, numericalDistance, ROBUST_C_ALPHA, robust } from './distance.ts';
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
export { DRIFT_REPORT_FILE, driftReportText } from './drift/drift-report-file.ts';
export { driftViolations } from './drift/drift-violations.ts';
export type { DriftReport, FeatureDriftVerdict } from './drift/evaluate-drift.ts';
export { evaluateDrift } from './drift/evaluate-drift.ts';
export { kolmogorovSurvival, ksPValue, ksStatistic } from './drift/kolmogorov.ts';
export { KS_EFFECT_FLOOR } from './drift/kolmogorov-smirnov.ts';
export type { DriftFeatureType, DriftInput, DriftMethod, DriftOutcome } from './drift/method.ts';
export { NOISE_GUARD_ALPHA, noisePValue } from './drift/noise-guard.ts';
export { DEFAULT_DRIFT_METHOD, DRIFT_METHOD_NAMES, DRIFT_METHODS, driftMethod } from './drift/registry.ts';
export type { DriftMethodChoice, DriftSettings } from './drift/settings.ts';
export { resolveDriftChoice } from './drift/settings.ts';
export { thresholdProblem } from './drift/threshold-problem.ts';
export type { WeightedSample } from './drift/weighted-sample.ts';
export { sampleFromSketch, sampleFromValues } from './drift/weighted-sample.ts';
export type { CaptureLocation } from './jobs/profile-capture-files.ts';
export { captureObjectsIn, profileCaptureObjects } from './jobs/profile-capture-files.ts';
export type {
  ProfileCaptureOptions,
  ProfileCapturePorts,
  ProfileCaptureResult,
  ProfileSource,
} from './jobs/profile-capture-object.ts';
export { profileCaptureObject } from './jobs/profile-capture-object.ts';
export type { PartitionOptions, PartitionResult } from './jobs/profile-partitions.ts';
export {
  mergePartitions,
  PARTITION_BYTES,
  planPartitions,
  profilePartition,
} from './jobs/profile-partitions.ts';
export type {
  DataQualityReportPorts,
  DataQualityRunContext,
  DataQualityRunSummary,
} from './jobs/publish-run.ts';
export { NOTES_FILE, publishDataQualityRun } from './jobs/publish-run.ts';
export type { DataQualityMonitorOptions, DataQualityMonitorPorts } from './jobs/run-data-quality-monitor.ts';
export { runDataQualityMonitor } from './jobs/run-data-quality-monitor.ts';
export type { DataQualityMetricTarget } from './metrics.ts';
export { dataQualityMetrics } from './metrics.ts';
export { outputFirstHint } from './output-first.ts';
export type { RaggedRows } from './ragged-rows.ts';
export { commonWidth, describeRaggedRows, fitProfileToWidth } from './ragged-rows.ts';
export type { LoadedBaseline } from './read-baseline.ts';
export { readDataQualityBaseline } from './read-baseline.ts';
export type { DataQualityReport } from './report.ts';
export { buildDataQualityReport } from './report.ts';
export type { StatisticsOptions } from './statistics.ts';
export { completenessOf, distinctCount, statisticsFromProfile } from './statistics.ts';
export type { DataQualityCheckType, DataQualityViolation } from './violations.ts';
export { describe as describeViolation, violationsFile } from './violations.ts';
