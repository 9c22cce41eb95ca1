export type { BiasAnalysisOptions } from './analysis.ts';
export { runBiasAnalysis, thresholded } from './analysis.ts';
export type { AnalysisConfig } from './analysis-config.ts';
export { analysisConfigSchema, parseAnalysisConfig, requestedMethods } from './analysis-config.ts';
export type {
  AnalysisFacetEntry,
  AnalysisMetric,
  AnalysisStage,
  BiasAnalysis,
  MetricUncertainty,
} from './analysis-json.ts';
export { analysisDocument, analysisJson, parseAnalysisJson } from './analysis-json.ts';
export { facetConfusionMatrix, facetProportion } from './basic-stats.ts';
export type { BootstrapInterval, BootstrapOptions } from './bootstrap.ts';
export { bootstrapIntervals, hashText, quantile, seededRandom } from './bootstrap.ts';
export { jsonColumn, textColumn } from './column-types.ts';
export { conditionalDemographicDisparity } from './conditional-disparity.ts';
export { parseCsv } from './csv.ts';
export type { BiasDataset } from './dataset.ts';
export { pathValue, readBiasDataset } from './dataset.ts';
export type { DataType } from './datatype.ts';
export { ensureSeriesDataType, seriesDatatype, toNumeric } from './datatype.ts';
export type { MetricNumber } from './divide.ts';
export { divide } from './divide.ts';
export type { BiasViolation, DriftComparison, DriftPolicy } from './drift.ts';
export { compareWithBaseline } from './drift.ts';
export type { BiasDriftAttributes, BiasDriftDataset } from './drift-dataset.ts';
export { biasDriftDataset, PREDICTED_LABEL_COLUMN } from './drift-dataset.ts';
export { BiasMetricError, BiasReportError } from './errors.ts';
export { FLIP_TEST_WORK_LIMIT, flipTest } from './flip-test.ts';
export type { Interval, IntervalIndex } from './interval.ts';
export { inIntervals, intervalIndex, intervalText } from './interval.ts';
export type { BiasMetricTarget } from './metric-datums.ts';
export { biasMetricDatums, biasMetricsNamespace, CLOUDWATCH_INFINITY } from './metric-datums.ts';
export type { Confusion, FeatureMatrix, MetricInputs } from './metric-inputs.ts';
export type {
  BiasDriftMonitorOptions,
  BiasDriftMonitorPorts,
  BiasDriftMonitorResult,
  StoredLocation,
} from './monitor.ts';
export { runBiasDriftMonitor } from './monitor.ts';
export { categoricalIndex, positiveLabelIndex, positivePredictedLabelIndex } from './positive-index.ts';
export type { BiasMetric, BiasStage } from './registry.ts';
export { BIAS_METRICS, metricsToRun, POST_TRAINING_METRICS, PRE_TRAINING_METRICS } from './registry.ts';
export type {
  BiasReportRequest,
  FacetReport,
  MetricResult,
  PreparedBiasReport,
  PreparedFacet,
} from './report.ts';
export { biasReport, featureMatrix, labelValueOrThreshold, prepareBiasReport, runMetrics } from './report.ts';
export type { Cell, ConfigValue, Dtype, Series } from './values.ts';
export { cellText, configValueText } from './values.ts';
