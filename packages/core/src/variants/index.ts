export { type DecisionSettings, decide, decisionValue, type VariantDecision } from './decision.ts';
export { type DeLongAuc, deLongAuc, deLongTest } from './delong.ts';
export type { DifferenceTest, DifferenceTestName, MetricDirection } from './difference-test.ts';
export {
  logGamma,
  normalCdf,
  normalQuantile,
  regularizedBeta,
  studentTCdf,
  studentTQuantile,
  studentTTwoSided,
} from './distributions.ts';
export { COMPARED_METRICS, compareMetrics, type MetricComparison, type MetricTestSettings } from './metric-tests.ts';
export { meanSampleSize, type PowerTarget, proportionSampleSize, scaledSampleSize } from './power.ts';
export { type VariantPrediction, variantPredictions } from './predictions.ts';
export { type Proportion, twoProportionTest } from './two-proportion.ts';
export { type SampleMoments, sampleMoments, welchTest } from './welch.ts';
