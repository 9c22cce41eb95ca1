export { variantMetricsNamespace } from '../monitors/variant-namespace.ts';
export { logGamma } from '../numeric/log-gamma.ts';
export { readCalibration } from './calibration.ts';
export { variantOfCaptureKey } from './capture-key.ts';
export {
  type ComparisonSettings,
  compareVariants,
  type VariantComparisonResult,
  type VariantRole,
  type VariantSample,
  type VariantSummary,
  type VariantVerdict,
} from './compare.ts';
export {
  type CapturedComparisonOptions,
  type CapturedVariant,
  compareCapturedVariants,
  type VariantRoles,
} from './compare-captured.ts';
export {
  COMPARISON_FILE,
  type ComparisonDocument,
  comparisonJson,
  parseComparison,
} from './comparison-json.ts';
export { type DecisionSettings, decide, decisionValue, type VariantDecision } from './decision.ts';
export { type DeLongAuc, deLongAuc, deLongTest } from './delong.ts';
export type { DifferenceTest, DifferenceTestName, MetricDirection } from './difference-test.ts';
export {
  normalCdf,
  normalQuantile,
  regularizedBeta,
  studentTCdf,
  studentTQuantile,
  studentTTwoSided,
} from './distributions.ts';
export { VariantComparisonError } from './errors.ts';
export { type LatestComparison, readLatestComparison } from './latest-comparison.ts';
export { variantMetricDatums } from './metric-datums.ts';
export {
  COMPARED_METRICS,
  compareMetrics,
  type MetricComparison,
  type MetricTestSettings,
} from './metric-tests.ts';
export { meanSampleSize, type PowerTarget, proportionSampleSize, scaledSampleSize } from './power.ts';
export {
  type PredictionDistribution,
  type PredictionDrift,
  predictionDistribution,
  predictionDrift,
  predictionValues,
  type ShadowAgreement,
  shadowAgreement,
} from './prediction-distribution.ts';
export { type VariantPrediction, variantPredictions } from './predictions.ts';
export {
  COMPARISON_FOLDER,
  type ComparisonLocation,
  runVariantComparison,
  type VariantComparisonPorts,
  type VariantComparisonRun,
  type VariantComparisonRunOptions,
} from './run-comparison.ts';
export { type Proportion, twoProportionTest } from './two-proportion.ts';
export { variantPackagesDuring } from './variant-packages.ts';
export { type SampleMoments, sampleMoments, welchTest } from './welch.ts';
