export type { ModelQualityBaseline } from './baseline.ts';
export { createModelQualityBaseline } from './baseline.ts';
export type { LoadedBaseline } from './baseline-files.ts';
export { loadModelQualityBaseline } from './baseline-files.ts';
export { mergeAndMeasure } from './bench-entry.ts';
export type { BinaryConfusion, BinaryMetricValues } from './binary-metrics.ts';
export { binaryConfusion, binaryMetrics, binaryMetricValues } from './binary-metrics.ts';
export type { Calibration } from './calibration.ts';
export {
  CALIBRATION_FILE,
  calibrate,
  calibrationJson,
  fitIsotonicCalibration,
  parseCalibration,
} from './calibration.ts';
export type { BinaryColumns, MulticlassColumns, RegressionColumns } from './columns.ts';
export { binaryColumns, multiclassColumns, regressionColumns } from './columns.ts';
export type { ComparisonOperator, MetricConstraint, ModelQualityConstraints } from './constraints.ts';
export {
  COMPARISON_OPERATORS,
  constraintsJson,
  parseConstraints,
  suggestConstraints,
} from './constraints.ts';
export type { DatasetAttributes, LabeledDataset } from './dataset.ts';
export { readLabeledDataset } from './dataset.ts';
export type { EstimatedMetric, EstimatedMetricName, EstimateOptions, QualityEstimate } from './estimate.ts';
export { BAND_WIDTH, ESTIMATED_METRICS, estimateBinaryQuality } from './estimate.ts';
export type { EstimateComparison } from './estimate-report.ts';
export { compareEstimate, ESTIMATE_FILE, estimateReportJson } from './estimate-report.ts';
export type { EvaluationOptions, ModelQualityEvaluation, ModelQualityWindow } from './evaluate.ts';
export { evaluateModelQuality } from './evaluate.ts';
export { fMeasure } from './f-measure.ts';
export type { LabeledPrediction, RawValue, SkippedRows, UnlabeledPrediction } from './labeled-prediction.ts';
export type { MetricTarget } from './metric-datums.ts';
export { modelMetricsNamespace, modelQualityMetricDatums } from './metric-datums.ts';
export type { ModelQualityMonitorOptions } from './monitor-job.ts';
export { runModelQualityMonitor } from './monitor-job.ts';
export type { MulticlassMetricValues } from './multiclass-metrics.ts';
export { multiclassConfusion, multiclassMetricValues } from './multiclass-metrics.ts';
export type { ProblemType } from './problem-type.ts';
export { CONSTRAINTS_KEY, isProblemType, PROBLEM_TYPES, STATISTICS_KEY } from './problem-type.ts';
export type { PrecisionRecallCurve, RankingMetricValues, RocCurve } from './ranking.ts';
export { rankingMetrics, scoreCurves, scoreOrder } from './ranking.ts';
export type { RegressionMetricValues } from './regression-metrics.ts';
export { regressionMetrics } from './regression-metrics.ts';
export type {
  ModelQualityInputs,
  ModelQualityPorts,
  ModelQualityReportOptions,
  ModelQualityRunResult,
  StoreLocation,
} from './report-run.ts';
export { reportModelQuality, windowPredictions } from './report-run.ts';
export type {
  ComputedStatistics,
  ConfusionMatrix,
  MetricStatistic,
  ModelQualityOptions,
  ModelQualityStatistics,
} from './statistics.ts';
export { computeModelQualityStatistics } from './statistics.ts';
export { statisticsDocument, statisticsJson } from './statistics-json.ts';
export { metricStandardDeviations, seededRandom, subsamples } from './subsample.ts';
export type { ConstraintCheck, MetricViolation } from './violations.ts';
export { checkConstraints, violationsJson } from './violations.ts';
