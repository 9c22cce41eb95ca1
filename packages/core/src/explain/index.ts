export type { AggregationMethod } from './aggregate.ts';
export { aggregateShap } from './aggregate.ts';
export type {
  ClarifyAnalysisConfig,
  PredictorConfig,
  ShapMethodConfig,
  ShapSettings,
} from './analysis-config.ts';
export { clarifyAnalysisConfig, parseAnalysisConfig, shapSettings } from './analysis-config.ts';
export type { BackgroundSources } from './background.ts';
export { resolveBackground } from './background.ts';
export type { RequestBatch } from './batching.ts';
export { batchRequests, mapWithConcurrency, SAGEMAKER_MAX_PAYLOAD_BYTES } from './batching.ts';
export type { ShapThroughput } from './benchmark.ts';
export { measureShapThroughput } from './benchmark.ts';
export type { CoalitionPlan } from './coalitions.ts';
export { coalitionCount, planCoalitions } from './coalitions.ts';
export type { ExplanationCostPlan } from './cost.ts';
export { describeCostPlan, planExplanationCost } from './cost.ts';
export type { FeatureDataset } from './dataset.ts';
export { featureNamesFor, readFeatureDataset, toModelValue } from './dataset.ts';
export type { AttributionDriftCheck, AttributionViolation, BaselineAttribution } from './drift.ts';
export { baselineAttributions, checkAttributionDrift } from './drift.ts';
export { ModelInvocationError, ModelResponseError } from './errors.ts';
export type { ExplainDatasetOptions, ExplainDatasetResult } from './explain-job.ts';
export { explainDataset } from './explain-job.ts';
export type { Explanation, LabelExplanation } from './explanation.ts';
export { analysisJsonObject, explainRecords, kernelShapSection, localShapCsv } from './explanation.ts';
export { functionInvoker } from './function-invoker.ts';
export { evaluatePath } from './json-path.ts';
export type { Background, KernelShapOptions, KernelShapResult } from './kernel-shap.ts';
export { kernelShap, varyingFeatures } from './kernel-shap.ts';
export type { KMeansOptions } from './kmeans.ts';
export { kmeansBackground } from './kmeans.ts';
export { weightedLeastSquares } from './least-squares.ts';
export { identityLink, type Link, linkFor, logitLink } from './link.ts';
export type { ModelFormat } from './model-codec.ts';
export {
  decodeOutputs,
  encodeRecords,
  labelNames,
  mediaType,
  modelFormatFor,
  splitCsv,
} from './model-codec.ts';
export type {
  FeatureAttributionMonitorOptions,
  FeatureAttributionMonitorPorts,
  FeatureAttributionMonitorResult,
  StoredLocation,
} from './monitor.ts';
export { runFeatureAttributionMonitor } from './monitor.ts';
export { ndcg } from './ndcg.ts';
export type { Random } from './prng.ts';
export { seededRandom } from './prng.ts';
