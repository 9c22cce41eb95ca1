export * from './baseline.ts';
export * from './baseline-files.ts';
export * from './bench-entry.ts';
export * from './binary-metrics.ts';
export * from './calibration.ts';
export type { BinaryColumns, MulticlassColumns, RegressionColumns } from './columns.ts';
export { binaryColumns, multiclassColumns, regressionColumns } from './columns.ts';
export * from './constraints.ts';
export * from './dataset.ts';
export * from './estimate.ts';
export * from './estimate-report.ts';
export type { EvaluationOptions, ModelQualityEvaluation, ModelQualityWindow } from './evaluate.ts';
export { evaluateModelQuality } from './evaluate.ts';
export { fMeasure } from './f-measure.ts';
export type { LabeledPrediction, RawValue, SkippedRows, UnlabeledPrediction } from './labeled-prediction.ts';
export * from './metric-datums.ts';
export * from './monitor-job.ts';
export * from './multiclass-metrics.ts';
export * from './problem-type.ts';
export type { PrecisionRecallCurve, RankingMetricValues, RocCurve } from './ranking.ts';
export { rankingMetrics, scoreCurves, scoreOrder } from './ranking.ts';
export * from './regression-metrics.ts';
export type {
  ModelQualityInputs,
  ModelQualityPorts,
  ModelQualityReportOptions,
  ModelQualityRunResult,
  StoreLocation,
} from './report-run.ts';
export { reportModelQuality, windowPredictions } from './report-run.ts';
export * from './statistics.ts';
export * from './statistics-json.ts';
export { metricStandardDeviations, seededRandom, subsamples } from './subsample.ts';
export * from './violations.ts';
