export * from './aggregate.ts';
export * from './analysis-config.ts';
export * from './background.ts';
export * from './batching.ts';
export * from './benchmark.ts';
export type { CoalitionPlan } from './coalitions.ts';
export { coalitionCount, planCoalitions } from './coalitions.ts';
export * from './cost.ts';
export * from './dataset.ts';
export * from './drift.ts';
export * from './errors.ts';
export * from './explain-job.ts';
export * from './explanation.ts';
export * from './function-invoker.ts';
export * from './json-path.ts';
export * from './kernel-shap.ts';
export type { KMeansOptions } from './kmeans.ts';
export { kmeansBackground } from './kmeans.ts';
export * from './least-squares.ts';
export * from './link.ts';
export type { ModelFormat } from './model-codec.ts';
export {
  decodeOutputs,
  encodeRecords,
  labelNames,
  mediaType,
  modelFormatFor,
  splitCsv,
} from './model-codec.ts';
export * from './monitor.ts';
export * from './ndcg.ts';
export type { Random } from './prng.ts';
export { seededRandom } from './prng.ts';
